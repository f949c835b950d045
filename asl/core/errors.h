// asl/core/errors.h
//
// The predefined States.* error names, as a table of constants, and the
// ErrorEquals matching rule shared by Retriers and Catchers. Pure functions
// over immutable data: safe from any thread.
#ifndef SFN_ASL_CORE_ERRORS_H_
#define SFN_ASL_CORE_ERRORS_H_

#include <string>
#include <string_view>
#include <vector>

namespace sfn::asl {

inline constexpr std::string_view kStatesAll = "States.ALL";
inline constexpr std::string_view kStatesBranchFailed = "States.BranchFailed";
inline constexpr std::string_view kStatesDataLimitExceeded = "States.DataLimitExceeded";
inline constexpr std::string_view kStatesExceedToleratedFailureThreshold =
    "States.ExceedToleratedFailureThreshold";
inline constexpr std::string_view kStatesHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr std::string_view kStatesIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr std::string_view kStatesItemReaderFailed = "States.ItemReaderFailed";
inline constexpr std::string_view kStatesNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr std::string_view kStatesParameterPathFailure = "States.ParameterPathFailure";
inline constexpr std::string_view kStatesPermissions = "States.Permissions";
inline constexpr std::string_view kStatesQueryEvaluationError = "States.QueryEvaluationError";
inline constexpr std::string_view kStatesResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr std::string_view kStatesResultWriterFailed = "States.ResultWriterFailed";
inline constexpr std::string_view kStatesRuntime = "States.Runtime";
inline constexpr std::string_view kStatesTaskFailed = "States.TaskFailed";
inline constexpr std::string_view kStatesTimeout = "States.Timeout";

// True when a Retrier or Catcher with this ErrorEquals list handles `error`.
// A name matches itself; "States.ALL" matches every error except the
// terminal ones (States.Runtime, States.DataLimitExceeded); "States.TaskFailed"
// also matches every error that is not a States.* name (a task's own error
// such as "Lambda.Unknown"), but not States.Timeout, as AWS documents it.
bool ErrorEqualsMatches(const std::vector<std::string>& error_equals, std::string_view error);

// True for errors no Retrier or Catcher may handle through States.ALL.
bool IsTerminalError(std::string_view error);

}  // namespace sfn::asl

#endif  // SFN_ASL_CORE_ERRORS_H_
