// mocks/process/exec_invoker.h
//
// Answers a call with a local program (an "exec" route): the call's input
// JSON goes to the program's standard input, its standard output is the
// result. A non-zero exit is a handler error whose document is the JSON
// object on standard output ({"errorType", "errorMessage"}), else the last
// JSON line on standard error, else the output text. Nothing from the input
// ever reaches a command line: the program's argv comes from the route.
// The task's identity is passed in SFN_* environment variables.
//
// A persistent route's program (mocks/process/persistent_pool.h) instead
// gets one line per task on standard input,
//   {"input": <the input>, "context": {"resource", "stateName",
//    "stateMachineName", "executionArn", "attempt", "taskToken"?,
//    "functionArn"?}}
// (the SFN_* variables' values under camelCase names), and answers one line
// on standard output: the result, or an error document (an object with a
// string "errorType", and "errorMessage"), which fails the task exactly as a
// one-shot program's error document does. A copy that dies, times out or
// answers too much fails its task as a one-shot program would.
#ifndef SFN_MOCKS_PROCESS_EXEC_INVOKER_H_
#define SFN_MOCKS_PROCESS_EXEC_INVOKER_H_

#include <memory>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "mocks/call_result.h"
#include "mocks/process/persistent_pool.h"
#include "mocks/process/process_runner.h"
#include "mocks/routes_config.h"
#include "mocks/task_invoker.h"

namespace sfn::mocks {

struct ExecCall {
  const Route* route = nullptr;  // kind kExec; borrowed for the call
  Json input;
  const asl::TaskCall* request = nullptr;  // borrowed for the call
  std::string function_arn;                // set for Lambda resources (SFN_FUNCTION_ARN)
  bool want_log_tail = false;              // fill CallResult::log_text
};

// Starts the program on `runner`; `done` runs on the runner's thread.
std::unique_ptr<TaskHandle> RunExec(ProcessRunner* runner, const ExecCall& call, CallDone done);

// Queues the task on a persistent route's `pool`; `done` runs on a pool thread.
std::unique_ptr<TaskHandle> RunPersistent(PersistentPool* pool, const ExecCall& call,
                                          CallDone done);

// The line a persistent program reads for `call` (exposed for tests).
std::string PersistentTaskLine(const ExecCall& call);

// How a persistent program's answer (or end) translates into a call result
// (exposed for tests).
CallResult InterpretAnswer(const PersistentAnswer& answer, const std::string& program,
                           double timeout_seconds, bool want_log_tail, std::string_view state_name);

// How a finished program's exit translates into a call result (exposed for
// tests). A result over AWS's 256 KiB payload quota, or standard output so
// large the runner killed the program, fails with States.DataLimitExceeded
// naming `state_name`, as AWS words it.
CallResult InterpretExit(const ProcessExit& exit, const std::string& program,
                         double timeout_seconds, bool want_log_tail, std::string_view state_name);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_EXEC_INVOKER_H_
