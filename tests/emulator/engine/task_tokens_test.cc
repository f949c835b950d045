// tests/emulator/engine/task_tokens_test.cc
#include "emulator/engine/task_tokens.h"

#include <doctest/doctest.h>

#include "emulator/engine/engine_impl.h"

namespace sfn::emulator {
namespace {

using State = TaskTokens::State;

TEST_CASE("TaskTokens: a token wakes its Run until its task ends, then says how it ended") {
  TaskTokens tokens;
  TaskTokens::Entry entry;
  CHECK_FALSE(tokens.Find("t1", &entry));
  auto control = std::make_shared<engine_internal::RunControl>();
  tokens.Register("t1", control, 7);
  CHECK(tokens.size() == 1);
  REQUIRE(tokens.Find("t1", &entry));
  CHECK(entry.control == control);
  CHECK(entry.wake_token == 7);
  CHECK(entry.state == State::kWaiting);

  tokens.Complete("t1", State::kTimedOut);
  REQUIRE(tokens.Find("t1", &entry));
  CHECK(entry.control == nullptr);  // the Run is no longer held
  CHECK(entry.state == State::kTimedOut);
  tokens.Complete("t1", State::kCompleted);  // the first ending stays
  REQUIRE(tokens.Find("t1", &entry));
  CHECK(entry.state == State::kTimedOut);

  tokens.Complete("unknown", State::kCompleted);  // ignored
  CHECK(tokens.size() == 1);
  tokens.Erase("t1");
  CHECK(tokens.size() == 0);
  CHECK_FALSE(tokens.Find("t1", &entry));
}

}  // namespace
}  // namespace sfn::emulator
