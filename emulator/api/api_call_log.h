// emulator/api/api_call_log.h
//
// What the HTTP server records about each API request it answers: a count
// by action and status and the latency histogram (Metrics), and one server
// log line — at debug for ordinary answers (SDK waiters and consoles poll
// DescribeExecution every second; at info those lines would drown the
// execution lines), warn for requests the guard refused, error for 5xx.
// Kept apart from server.cc so that it is testable without HTTP.
//
// Threads: any; borrows nothing beyond the call.
#ifndef SFN_EMULATOR_API_API_CALL_LOG_H_
#define SFN_EMULATOR_API_API_CALL_LOG_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/records/metrics.h"
#include "emulator/records/server_log.h"

namespace sfn::emulator {

// The action an X-Amz-Target header names when it is one of the action
// table's ("AWSStepFunctions.StartExecution" -> "StartExecution"), else
// "unknown": metric labels stay a bounded set.
// The view points into `target` (or is the literal "unknown").
std::string_view ActionLabel(std::string_view target);

struct ApiCall {
  std::string_view action;  // ActionLabel()
  int status = 200;
  int64_t micros = 0;        // from the request's arrival to its answer
  std::string_view refusal;  // why the guard refused it ("" : it did not)
};

// Counts `call` in `metrics` and logs it in `log` (either may be null).
void RecordApiCall(Metrics* metrics, ServerLog* log, const ApiCall& call);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_API_CALL_LOG_H_
