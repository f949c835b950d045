// tests/emulator/engine/task_tokens_test.cc
#include "emulator/engine/task_tokens.h"

#include <doctest/doctest.h>

#include <memory>

namespace sfn::emulator {
namespace {

// Any waiter type will do: the table never looks inside it.
struct Waiter {
  int id = 0;
};

TEST_CASE("TaskTokens: a registered token finds its waiter until the task ends") {
  TaskTokens<Waiter> tokens;
  auto waiter = std::make_shared<Waiter>(Waiter{7});
  TaskTokens<Waiter>::Entry entry;
  CHECK_FALSE(tokens.Find("t1", &entry));
  tokens.Register("t1", waiter, 3);
  REQUIRE(tokens.Find("t1", &entry));
  CHECK(entry.waiter == waiter);
  CHECK(entry.wake_token == 3);
  CHECK(entry.state == TokenState::kWaiting);

  tokens.Complete("t1", TokenState::kTimedOut);
  REQUIRE(tokens.Find("t1", &entry));
  CHECK(entry.waiter == nullptr);  // released: the task no longer waits
  CHECK(entry.state == TokenState::kTimedOut);
  CHECK(waiter.use_count() == 1);
}

TEST_CASE("TaskTokens: the first ending counts; Erase forgets the token") {
  TaskTokens<Waiter> tokens;
  tokens.Register("t", std::make_shared<Waiter>(), 1);
  tokens.Complete("t", TokenState::kCompleted);
  tokens.Complete("t", TokenState::kTimedOut);
  TaskTokens<Waiter>::Entry entry;
  REQUIRE(tokens.Find("t", &entry));
  CHECK(entry.state == TokenState::kCompleted);
  tokens.Complete("unknown", TokenState::kCompleted);  // no entry made
  CHECK(tokens.size() == 1);
  tokens.Erase("t");
  CHECK(tokens.size() == 0);
  CHECK_FALSE(tokens.Find("t", &entry));
}

TEST_CASE("TaskTokens: Waiting lists the tasks still waiting, oldest first") {
  TaskTokens<Waiter> tokens;
  WaitingTask late;
  late.state_name = "Approve";
  late.since_ms = 20;
  WaitingTask early;
  early.execution_arn = "arn:exec";
  early.activity = true;
  early.since_ms = 10;
  tokens.Register("late", std::make_shared<Waiter>(), 1, late);
  tokens.Register("early", std::make_shared<Waiter>(), 2, early);
  tokens.Register("done", std::make_shared<Waiter>(), 3, late);
  tokens.Complete("done", TokenState::kCompleted);
  auto waiting = tokens.Waiting();
  REQUIRE(waiting.size() == 2);
  CHECK(waiting[0].task_token == "early");
  CHECK(waiting[0].execution_arn == "arn:exec");
  CHECK(waiting[0].activity);
  CHECK(waiting[1].task_token == "late");
  CHECK(waiting[1].state_name == "Approve");
}

}  // namespace
}  // namespace sfn::emulator
