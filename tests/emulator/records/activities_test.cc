// tests/emulator/activities_test.cc: the activity registry and its long poll,
// and the activity actions through Service::Call.
#include "emulator/records/activities.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace sfn::emulator;

namespace {
const std::string kArn = "arn:aws:states:us-east-1:123456789012:activity:a";
}

TEST_CASE("Activities: create is idempotent on name; list, describe, delete") {
  Activities reg;
  auto first = reg.Create(kArn, "a", 1000);
  auto again = reg.Create(kArn, "a", 2000);
  CHECK(again.creation_ms == first.creation_ms);
  reg.Create("arn:aws:states:us-east-1:123456789012:activity:0", "0", 3000);
  reg.Create("arn:aws:states:eu-west-1:123456789012:activity:z", "z", 3000);
  auto list = reg.List("arn:aws:states:us-east-1:123456789012:activity:");
  REQUIRE(list.size() == 2);
  CHECK(list[0].name == "0");
  CHECK(reg.Describe(kArn)->name == "a");
  reg.Delete(kArn);
  CHECK_FALSE(reg.Describe(kArn).has_value());
  CHECK_FALSE(reg.Schedule(kArn, {"t", "{}", {}}));
}

TEST_CASE("Activities: a poll takes queued tasks in order, or times out empty") {
  Activities reg;
  std::atomic<bool> stopping{false};
  reg.Create(kArn, "a", 0);
  CHECK(reg.Schedule(kArn, {"t1", "1", {}}));
  CHECK(reg.Schedule(kArn, {"t2", "2", {}}));
  Activities::Task t;
  CHECK(reg.Poll(kArn, 0, stopping, &t) == Activities::PollResult::kTask);
  CHECK(t.task_token == "t1");
  CHECK(reg.Poll(kArn, 0, stopping, &t) == Activities::PollResult::kTask);
  CHECK(t.input == "2");
  auto start = std::chrono::steady_clock::now();
  CHECK(reg.Poll(kArn, 150, stopping, &t) == Activities::PollResult::kEmpty);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(150));
  CHECK(reg.Poll("arn:aws:states:us-east-1:123456789012:activity:none", 0, stopping, &t) ==
        Activities::PollResult::kNoSuchActivity);
}

TEST_CASE("Activities: a waiting poll wakes for a new task and at shutdown") {
  Activities reg;
  std::atomic<bool> stopping{false};
  reg.Create(kArn, "a", 0);
  std::thread producer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reg.Schedule(kArn, {"late", "{}", {}});
  });
  Activities::Task t;
  CHECK(reg.Poll(kArn, 5000, stopping, &t) == Activities::PollResult::kTask);
  CHECK(t.task_token == "late");
  producer.join();
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stopping = true;
    reg.WakeAll();
  });
  auto start = std::chrono::steady_clock::now();
  CHECK(reg.Poll(kArn, 60000, stopping, &t) == Activities::PollResult::kEmpty);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  stopper.join();
}

TEST_CASE("Activities: polls beyond Limits::max_waiting_polls are refused, not queued") {
  Activities reg(Activities::Limits{60000, 1});
  std::atomic<bool> stopping{false};
  reg.Create(kArn, "a", 0);
  std::thread waiter([&] {
    Activities::Task t;
    CHECK(reg.Poll(kArn, 5000, stopping, &t) == Activities::PollResult::kTask);
  });
  while (true) {  // until the waiter holds the one waiting slot (a 0 ms poll never waits)
    Activities::Task t;
    if (reg.Poll(kArn, 0, stopping, &t) == Activities::PollResult::kTooManyPollers) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(reg.Schedule(kArn, {"t", "{}", {}}));
  waiter.join();
  Activities::Task t;  // the slot is free again
  CHECK(reg.Poll(kArn, 0, stopping, &t) == Activities::PollResult::kEmpty);
}

TEST_CASE("Activities: each activity has its own limit of waiting polls (AWS: 1,000)") {
  Activities::Limits limits;
  limits.max_waiting_polls = 10;
  limits.max_polls_per_activity = 1;
  Activities reg(limits);
  std::atomic<bool> stopping{false};
  const std::string other = "arn:aws:states:us-east-1:123456789012:activity:other";
  reg.Create(kArn, "a", 0);
  reg.Create(other, "other", 0);
  std::thread waiter([&] {
    Activities::Task t;
    CHECK(reg.Poll(kArn, 5000, stopping, &t) == Activities::PollResult::kTask);
  });
  while (true) {  // until the waiter holds the activity's one slot
    Activities::Task t;
    if (reg.Poll(kArn, 0, stopping, &t) == Activities::PollResult::kTooManyPollers) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Activities::Task t;  // another activity still has room
  CHECK(reg.Poll(other, 0, stopping, &t) == Activities::PollResult::kEmpty);
  CHECK(reg.Schedule(kArn, {"t", "{}", {}}));  // wakes the waiter at once
  waiter.join();
}

TEST_CASE("Activities: deleting an activity answers its waiting polls at once") {
  Activities reg;
  std::atomic<bool> stopping{false};
  reg.Create(kArn, "a", 0);
  std::thread deleter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reg.Delete(kArn);
  });
  Activities::Task t;
  const auto start = std::chrono::steady_clock::now();
  CHECK(reg.Poll(kArn, 60000, stopping, &t) == Activities::PollResult::kNoSuchActivity);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  deleter.join();
}

TEST_CASE("Activities: QueuedTokens lists the tasks no worker took yet") {
  Activities reg;
  reg.Create(kArn, "a", 1000);
  CHECK(reg.Schedule(kArn, {"t1", "{}", {}}));
  CHECK(reg.Schedule(kArn, {"t2", "{}", {}}));
  CHECK(reg.QueuedTokens() == std::vector<std::string>{"t1", "t2"});
  std::atomic<bool> stopping{false};
  Activities::Task taken;
  CHECK(reg.Poll(kArn, 0, stopping, &taken) == Activities::PollResult::kTask);
  CHECK(reg.QueuedTokens() == std::vector<std::string>{"t2"});
}
