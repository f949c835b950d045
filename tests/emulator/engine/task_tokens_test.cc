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

}  // namespace
}  // namespace sfn::emulator
