// emulator/api/nested_results.h
//
// The task results and errors of the nested-execution integration
// (arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken])
// as Step Functions shapes them: the StartExecution answer and the child's
// DescribeExecution answer in PascalCase with dates in epoch milliseconds,
// and API refusals as "StepFunctions.<Code>Exception" task errors with the
// AWS SDK's cause suffix. Pure functions, thread-safe.
#ifndef SFN_EMULATOR_API_NESTED_RESULTS_H_
#define SFN_EMULATOR_API_NESTED_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "emulator/records/execution.h"

namespace sfn::emulator {

// The integration patterns of the nested-execution resource.
enum class NestedPattern { kRequestResponse, kSync, kSync2, kWaitForTaskToken };

// The pattern of `resource`, or nothing when it is not
// arn:<partition>:states:::states:startExecution[.<pattern>].
std::optional<NestedPattern> ParseNestedResource(std::string_view resource);

// The StartExecution response inside the workflow: {"ExecutionArn",
// "StartDate"} (TaskSubmitted's output), and with the SDK's HTTP metadata
// (the request-response task result). `response_length` is the byte size
// of the API answer, reported as its Content-Length.
Json StartedResult(const std::string& execution_arn, int64_t start_ms);
Json StartedResultWithMetadata(const std::string& execution_arn, int64_t start_ms,
                               size_t response_length);

// The child's DescribeExecution answer as a .sync task sees it: Input and
// Output as JSON text (.sync) or as JSON values (`parsed`, .sync:2).
Json DescribedResult(const Execution& child, bool parsed);

// A refused StartExecution: error code and message of the API answer.
AslError StartRefused(std::string_view code, std::string_view message);

// The cause AWS gives a .sync child it stops because its parent's task
// ended first.
std::string ManagingTaskAbortedCause(const std::string& parent_execution_arn);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_NESTED_RESULTS_H_
