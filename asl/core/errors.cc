// asl/core/errors.cc
#include "asl/core/errors.h"

namespace sfn::asl {

bool IsTerminalError(std::string_view error) {
  return error == kStatesRuntime || error == kStatesDataLimitExceeded;
}

namespace {

bool IsStatesName(std::string_view error) { return error.substr(0, 7) == "States."; }

bool OneMatches(std::string_view pattern, std::string_view error) {
  if (pattern == error) return true;
  if (pattern == kStatesAll) return !IsTerminalError(error);
  if (pattern == kStatesTaskFailed) return !IsStatesName(error);
  return false;
}

}  // namespace

bool ErrorEqualsMatches(const std::vector<std::string>& error_equals, std::string_view error) {
  for (const std::string& pattern : error_equals) {
    if (OneMatches(pattern, error)) return true;
  }
  return false;
}

}  // namespace sfn::asl
