// tests/emulator/records/history_test.cc
#include "emulator/records/history.h"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
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

TEST_CASE("History::AppendStateIo: details are shaped when read, key order as AWS's") {
  History h;
  const std::string name = "Step01";
  h.Append(EventType::kExecutionStarted, 0, 1000, ParseOrDie(R"({"input":"{}"})"));
  CHECK(h.AppendStateIo(EventType::kPassStateEntered, 1, 1001, &name, R"({"a":1})") == 2);
  CHECK(h.AppendStateIo(EventType::kPassStateExited, 2, 1002, &name, R"("abc")") == 3);
  CHECK(h.AppendStateIo(EventType::kExecutionSucceeded, 3, 1003, nullptr, R"("abc")") == 4);
  std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == 4);
  CHECK(all[1].previous_event_id == 1);
  CHECK(all[1].timestamp_ms == 1001);
  CHECK(Dump(all[1].details) ==
        R"({"name":"Step01","input":"{\"a\":1}","inputDetails":{"truncated":false}})");
  // A string output is its JSON text, quotes included.
  CHECK(Dump(all[2].details) ==
        R"({"name":"Step01","output":"\"abc\"","outputDetails":{"truncated":false}})");
  CHECK(Dump(all[3].details) == R"({"output":"\"abc\"","outputDetails":{"truncated":false}})");
}

TEST_CASE("History::AppendStateIo: a text carried by consecutive events is kept and read once") {
  History h;
  const std::string a = "A";
  const std::string b = "B";
  h.AppendStateIo(EventType::kPassStateEntered, 0, 1, &a, "{}");
  h.AppendStateIo(EventType::kPassStateExited, 1, 2, &a, R"({"x":1})");
  h.Append(EventType::kMapStateStarted, 2, 3);  // other events in between keep the sharing
  h.AppendStateIo(EventType::kPassStateEntered, 2, 4, &b, R"({"x":1})");
  h.AppendStateIo(EventType::kPassStateExited, 4, 5, &b, R"({"x":2})");
  h.AppendStateIo(EventType::kPassStateEntered, 5, 6, &a, "");  // empty, then a text after it
  h.AppendStateIo(EventType::kPassStateExited, 6, 7, &a, "1");
  std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == 7);
  CHECK(all[5].details.Find("input")->AsString().empty());
  CHECK(all[6].details.Find("output")->AsString() == "1");
  const Json* out = all[1].details.Find("output");
  const Json* in = all[3].details.Find("input");
  REQUIRE(out != nullptr);
  REQUIRE(in != nullptr);
  CHECK(in->AsString() == R"({"x":1})");
  CHECK(&in->AsString() == &out->AsString());  // one text for both events
  CHECK(all[3].details.Find("name")->AsString() == "B");
  CHECK(all[4].details.Find("output")->AsString() == R"({"x":2})");
  // A slice starting at the second event still renders it whole.
  std::vector<HistoryEvent> tail = h.Slice(3, 2);
  REQUIRE(tail.size() == 2);
  CHECK(tail[0].details.Find("input")->AsString() == R"({"x":1})");
}

TEST_CASE("History::AppendWithInput: the borrowed input text comes first, as the spec has it") {
  const std::string input = R"({ "a" : 1 })";
  History h;
  h.AppendWithInput(EventType::kExecutionStarted, 0, 5, &input,
                    ParseOrDie(R"({"inputDetails":{"truncated":false},"roleArn":"r"})"));
  h.AppendWithInput(EventType::kExecutionStarted, 1, 6, &input, Json());
  const std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == 2);
  CHECK(all[0].previous_event_id == 0);
  CHECK(all[0].timestamp_ms == 5);
  CHECK(Dump(all[0].details) ==
        R"({"input":"{ \"a\" : 1 }","inputDetails":{"truncated":false},"roleArn":"r"})");
  CHECK(Dump(all[1].details) == R"({"input":"{ \"a\" : 1 }"})");
  CHECK(Dump(DetailsWithInput(Json("1"), ParseOrDie(R"({"b":2})"))) == R"({"input":"1","b":2})");
}

TEST_CASE("History: a large history of compact events reads back every text") {
  History h;
  const std::string name = "Loop";
  constexpr int kEvents = 25000;
  for (int i = 0; i < kEvents; ++i) {
    const std::string text = "{\"i\":" + std::to_string(i / 2) + "}";
    h.AppendStateIo(i % 2 == 0 ? EventType::kPassStateEntered : EventType::kPassStateExited, i, i,
                    &name, text);
  }
  h.ShrinkToFit();
  std::vector<HistoryEvent> all = h.All();
  REQUIRE(all.size() == kEvents);
  for (int i = 0; i < kEvents; i += 997) {
    const char* key = i % 2 == 0 ? "input" : "output";
    CHECK(all[i].details.Find(key)->AsString() == "{\"i\":" + std::to_string(i / 2) + "}");
  }
  std::vector<HistoryEvent> last = h.Slice(kEvents - 1, 5);
  REQUIRE(last.size() == 1);
  CHECK(last[0].details.Find("output")->AsString() ==
        "{\"i\":" + std::to_string((kEvents - 1) / 2) + "}");
}

TEST_CASE("History: reads while compact events are appended see whole events") {
  History h;
  const std::string name = "S";
  constexpr int kEvents = 3000;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < kEvents; ++i) {
      h.AppendStateIo(EventType::kPassStateExited, i, i, &name, std::string(i % 50, 'x'));
      if (i % 7 == 0) h.Append(EventType::kTaskScheduled, i, i);
    }
    done = true;
  });
  bool consistent = true;
  while (!done) {
    for (const HistoryEvent& e : h.All()) {
      if (e.type != EventType::kPassStateExited) continue;
      const std::string& out = e.details.Find("output")->AsString();
      consistent = consistent && out == std::string(e.previous_event_id % 50, 'x');
    }
  }
  writer.join();
  CHECK(consistent);
  CHECK(h.size() == kEvents + (kEvents + 6) / 7);
}

}  // namespace
}  // namespace sfn::emulator
