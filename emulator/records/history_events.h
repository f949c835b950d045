// emulator/records/history_events.h
//
// Detail objects of the execution-level history events (ExecutionStarted,
// ExecutionSucceeded/Failed/Aborted/TimedOut) and of the Map iteration
// events the engine records, shaped as GetExecutionHistory returns them.
// (State-level events are built by the interpreter.) Pure functions.
#ifndef SFN_EMULATOR_RECORDS_HISTORY_EVENTS_H_
#define SFN_EMULATOR_RECORDS_HISTORY_EVENTS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "emulator/records/execution.h"

namespace sfn::emulator {

// {"input", "inputDetails", "roleArn", ["stateMachineAliasArn"],
// ["stateMachineVersionArn"]}
Json ExecutionStartedDetails(const ExecutionSpec& spec);
// The same without "input" (History::AppendWithInput borrows the spec's).
Json ExecutionStartedDetailsButInput(const ExecutionSpec& spec);
// {"output", "outputDetails"}; `output_text` is the output's JSON text.
Json ExecutionSucceededDetails(const Json& output_text);
// {"error", "cause"}, each only when present: ExecutionFailed, ExecutionAborted,
// ExecutionTimedOut.
Json ErrorCauseDetails(const std::string& error, bool has_error, const std::string& cause,
                       bool has_cause);
// {"name", "index"}: MapIterationStarted/Succeeded/Failed/Aborted.
Json MapIterationDetails(const std::string& map_state_name, int64_t index);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_HISTORY_EVENTS_H_
