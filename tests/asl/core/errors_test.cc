// tests/asl/core/errors_test.cc
#include "asl/core/errors.h"

#include <doctest/doctest.h>

namespace sfn::asl {
namespace {

TEST_CASE("ErrorEqualsMatches") {
  CHECK(ErrorEqualsMatches({"States.ALL"}, "Lambda.Unknown"));
  CHECK(ErrorEqualsMatches({"States.ALL"}, "States.Timeout"));
  CHECK_FALSE(ErrorEqualsMatches({"States.ALL"}, "States.Runtime"));
  CHECK_FALSE(ErrorEqualsMatches({"States.ALL"}, "States.DataLimitExceeded"));
  CHECK(ErrorEqualsMatches({"States.TaskFailed"}, "Exception"));
  CHECK(ErrorEqualsMatches({"States.TaskFailed"}, "States.TaskFailed"));
  CHECK_FALSE(ErrorEqualsMatches({"States.TaskFailed"}, "States.Timeout"));
  CHECK(ErrorEqualsMatches({"A", "B"}, "B"));
  CHECK_FALSE(ErrorEqualsMatches({"State.ALL"}, "B"));
  CHECK_FALSE(ErrorEqualsMatches({}, "B"));
}

TEST_CASE("IsTerminalError: what States.ALL leaves alone") {
  CHECK(IsTerminalError("States.Runtime"));
  CHECK(IsTerminalError("States.DataLimitExceeded"));
  CHECK_FALSE(IsTerminalError("States.Timeout"));
  CHECK_FALSE(IsTerminalError("States.ALL"));
  CHECK_FALSE(IsTerminalError("Lambda.Unknown"));
}

}  // namespace
}  // namespace sfn::asl
