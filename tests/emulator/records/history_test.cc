// tests/emulator/records/history_test.cc
#include "emulator/records/history.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "tests/support/json_helpers.h"

namespace sfn::emulator {
namespace {

using asl::EventType;
using testing::ParseOrDie;

TEST_CASE("History: ids are positions from 1; events keep what was appended") {
  History h;
  CHECK(h.size() == 0);
  CHECK(h.All().empty());
  CHECK(h.Append(EventType::kExecutionStarted, 0, 1000, ParseOrDie(R"({"input":"{}"})")) == 1);
  CHECK(h.Append(EventType::kPassStateEntered, 1, 1001) == 2);
  CHECK(h.Append(EventType::kExecutionSucceeded, 2, 1002, ParseOrDie(R"({"output":"1"})")) == 3);
  CHECK(h.size() == 3);
  std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == 3);
  CHECK(all[0].id == 1);
  CHECK(all[0].previous_event_id == 0);
  CHECK(all[0].timestamp_ms == 1000);
  CHECK(all[0].type == EventType::kExecutionStarted);
  CHECK(Dump(all[0].details) == R"({"input":"{}"})");
  CHECK(all[1].type == EventType::kPassStateEntered);
  CHECK(all[1].details.is_null());
  CHECK(all[2].id == 3);
  CHECK(all[2].previous_event_id == 2);
}

TEST_CASE("History::Slice copies a window, clipped to the events there are") {
  History h;
  for (int i = 0; i < 5; ++i) h.Append(EventType::kPassStateEntered, i, 1000 + i);
  std::vector<HistoryEvent> mid = h.Slice(1, 2);
  REQUIRE(mid.size() == 2);
  CHECK(mid[0].id == 2);
  CHECK(mid[1].id == 3);
  CHECK(h.Slice(4, 10).size() == 1);
  CHECK(h.Slice(5, 1).empty());
  CHECK(h.Slice(9, 1).empty());
  h.ShrinkToFit();  // keeps every event
  CHECK(h.size() == 5);
  CHECK(h.All().back().timestamp_ms == 1004);
}

TEST_CASE("History: appends from several threads each get their own id") {
  History h;
  constexpr int kThreads = 4;
  constexpr int kEach = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&h] {
      for (int i = 0; i < kEach; ++i) h.Append(EventType::kTaskScheduled, 0, 0);
    });
  }
  for (auto& t : threads) t.join();
  std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == kThreads * kEach);
  for (size_t i = 0; i < all.size(); ++i) CHECK(all[i].id == static_cast<int64_t>(i) + 1);
}

}  // namespace
}  // namespace sfn::emulator
