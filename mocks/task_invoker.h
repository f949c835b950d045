// mocks/task_invoker.h
//
// The seam between the engine and whatever answers a Task state: a local
// executable, an HTTP endpoint, a Lambda endpoint, a static answer or a Step
// Functions Local mocked response. A call and its answer travel in the
// shared asl::TaskCall and asl::TaskOutcome (asl/core/task.h).
// Implementations must be thread-safe: Invoke() is called from engine
// worker threads and may complete on any thread. They never block the
// calling thread for long; slow work goes to their own I/O threads.
#ifndef SFN_MOCKS_TASK_INVOKER_H_
#define SFN_MOCKS_TASK_INVOKER_H_

#include <functional>
#include <memory>

#include "asl/core/task.h"

namespace sfn::mocks {

// Lets the engine abandon an invocation (state timeout, StopExecution).
class TaskHandle {
 public:
  virtual ~TaskHandle() = default;
  virtual void Cancel() = 0;  // idempotent; the done callback may still run once
};

class TaskInvoker {
 public:
  using Done = std::function<void(asl::TaskOutcome)>;
  virtual ~TaskInvoker() = default;
  // Starts answering `call` (borrowed for the duration of Invoke only);
  // calls `done` exactly once, on any thread (possibly before Invoke returns).
  virtual std::unique_ptr<TaskHandle> Invoke(const asl::TaskCall& call, Done done) = 0;
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_TASK_INVOKER_H_
