// mocks/task_invoker.h
//
// The seam between the engine and whatever answers a Task state: a local
// executable, an HTTP endpoint, a Lambda endpoint, a static answer or a Step
// Functions Local mocked response. Implementations must be thread-safe:
// Invoke() is called from engine worker threads and may complete on any
// thread. They never block the calling thread for long; slow work goes to
// their own I/O threads.
#ifndef SFN_MOCKS_TASK_INVOKER_H_
#define SFN_MOCKS_TASK_INVOKER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "asl/core/json.h"

namespace sfn::mocks {

struct TaskRequest {
  std::string resource;         // the Task's Resource ARN, as written
  Json payload;                 // the effective parameters / arguments
  std::string state_name;
  std::string execution_arn;
  std::string state_machine_name;
  std::string region;
  std::string account;
  std::string test_case;        // Step Functions Local mock test case ("" if none)
  int attempt = 0;              // 0 for the first call, +1 per retry
  std::string task_token;       // set for .waitForTaskToken
  int64_t timeout_seconds = 0;  // the state's TimeoutSeconds (0: none)
};

struct TaskOutcome {
  bool ok = false;
  Json result;        // when ok: the service's result as AWS returns it
  std::string error;  // when !ok: e.g. "States.TaskFailed", "Lambda.Unknown", a handler's errorType
  std::string cause;
  // True when nothing answers this resource; error/cause say how to route it.
  bool unrouted = false;
  // True when the result is final even for a callback (.waitForTaskToken) or
  // job (.sync) integration: a Step Functions Local mocked response, which
  // stands for the whole task, so the engine must not wait for SendTask*.
  bool callback_answered = false;
  // A job (.sync) that was submitted before it ran: the submission's answer,
  // which the TaskSubmitted event records (null: no such event).
  Json submitted;
};

// Lets the engine abandon an invocation (state timeout, StopExecution).
class TaskHandle {
 public:
  virtual ~TaskHandle() = default;
  virtual void Cancel() = 0;  // idempotent; the done callback may still run once
};

class TaskInvoker {
 public:
  using Done = std::function<void(TaskOutcome)>;
  virtual ~TaskInvoker() = default;
  // Starts answering `request`; calls `done` exactly once, on any thread
  // (possibly before Invoke returns).
  virtual std::unique_ptr<TaskHandle> Invoke(const TaskRequest& request, Done done) = 0;
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_TASK_INVOKER_H_
