// asl/core/task.h
//
// The one shape a task call and its answer travel in, from the interpreter
// through the engine (or TestState) to whatever answers it (mocks/) and
// back: TaskCall says what to call and on whose behalf, TaskOutcome what
// came of it. Plain values: copy them freely, share none across threads
// without a copy.
#ifndef SFN_ASL_CORE_TASK_H_
#define SFN_ASL_CORE_TASK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::asl {

// Who makes a task call. Constant for one execution except the state name:
// the engine (or TestState) sets it on the interpreter's ExecutionFrame and
// asl::CallToInvoke adds it, with the state's name, to the call an invoker
// gets. Handlers see it (environment, headers); mock test cases are looked
// up by it.
struct TaskCaller {
  std::string state_name;
  std::string execution_arn;  // "" in TestState, which runs no execution
  std::string state_machine_name;
  std::string region;
  std::string account;
  std::string test_case;  // Step Functions Local mock test case ("" if none)
};

struct TaskCall {
  enum class Pattern { kRequestResponse, kSync, kWaitForTaskToken };
  std::string resource;  // the Resource ARN, as written
  Json payload;          // the effective parameters / arguments
  Pattern pattern = Pattern::kRequestResponse;
  bool lambda_function = false;   // a direct Lambda ARN: LambdaFunction* events
  bool activity = false;          // an activity ARN: Activity* events, answered by workers
  int64_t timeout_seconds = 0;    // TimeoutSeconds; 99999999 when the state sets none
  int64_t heartbeat_seconds = 0;  // 0: none
  std::string task_token;         // for kWaitForTaskToken and activities
  int attempt = 0;                // 0 first, +1 per retry
  TaskCaller caller;              // empty until CallToInvoke
  // Set by the engine for a job (.sync): the invoker calls it, with the
  // submission's answer, the moment the job is submitted, and TaskSubmitted
  // is recorded then. Unset, the invoker reports the submission in
  // TaskOutcome::submitted instead.
  std::function<void(const Json&)> on_submitted;
};

struct TaskOutcome {
  bool ok = false;
  Json result;             // ok: the service's result as AWS returns it
  AslError error;          // !ok: e.g. States.TaskFailed, Lambda.Unknown, a handler's errorType
  bool has_cause = true;   // !ok: false when the failure carries no cause (timeouts)
  bool timed_out = false;  // TimeoutSeconds or HeartbeatSeconds elapsed
  // True when nothing answers this resource; `error` says how to route it.
  bool unrouted = false;
  // True when the result is final even for a callback (.waitForTaskToken) or
  // job (.sync) integration: a Step Functions Local mocked response, which
  // stands for the whole task, so the engine must not wait for SendTask*.
  bool callback_answered = false;
  // A job (.sync) that was submitted before it ran: the submission's answer,
  // which the TaskSubmitted event records (null: no such event).
  Json submitted;
  // What answered the call, for metrics: a static name such as "exec",
  // "http", "lambdaEndpoint", "return", "mock", "http_invoke", "nested"
  // (null: not said; unrouted calls have `unrouted` set instead).
  const char* answered_by = nullptr;

  static TaskOutcome Succeeded(Json result) {
    TaskOutcome o;
    o.ok = true;
    o.result = std::move(result);
    return o;
  }
  static TaskOutcome Failed(AslError error) {
    TaskOutcome o;
    o.error = std::move(error);
    return o;
  }
  static TaskOutcome Failed(std::string error, std::string cause) {
    return Failed(AslError{std::move(error), std::move(cause)});
  }
  // TimeoutSeconds or HeartbeatSeconds elapsed: `error` with no cause.
  static TaskOutcome TimedOut(std::string_view error) {
    TaskOutcome o = Failed(std::string(error), "");
    o.timed_out = true;
    o.has_cause = false;
    return o;
  }
};

}  // namespace sfn::asl

#endif  // SFN_ASL_CORE_TASK_H_
