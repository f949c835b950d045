// emulator/api/nested_execution.h
//
// NestedExecutionInvoker: the TaskInvoker the engine calls. It runs the
// nested-execution integration, arn:aws:states:::states:startExecution with
// its .sync, .sync:2 and .waitForTaskToken patterns, for real: the child is
// started in-process through Service::StartExecution, the path of the
// StartExecution action, so it gets the same checks, ARNs, versions/aliases
// and errors as an API call. A route or
// a Step Functions Local mocked response for the resource still wins, as it
// does for every resource; everything else goes to the TaskRouter.
//
//  - request-response: starts the child; the result is the StartExecution
//    answer ({"ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata",
//    "StartDate"}).
//  - .sync / .sync:2: starts the child (TaskSubmitted is recorded then) and
//    waits for it, STANDARD or EXPRESS (no thread is held: the child's end
//    wakes the task); the result is its DescribeExecution answer, and a
//    child that does not succeed fails the task with States.TaskFailed.
//    Cancelling the task (StopExecution of the parent, TimeoutSeconds) stops
//    the child.
//  - .waitForTaskToken: starts the child, then the task waits for
//    SendTaskSuccess/SendTaskFailure like any callback task.
//
// Thread-safe once bound.
#ifndef SFN_EMULATOR_API_NESTED_EXECUTION_H_
#define SFN_EMULATOR_API_NESTED_EXECUTION_H_

#include <atomic>
#include <memory>

#include "emulator/api/actions.h"
#include "emulator/api/nested_results.h"
#include "mocks/task_invoker.h"
#include "mocks/task_router.h"

namespace sfn::emulator {

class NestedExecutionInvoker : public mocks::TaskInvoker {
 public:
  // `router` answers every other resource; borrowed, must outlive this.
  explicit NestedExecutionInvoker(mocks::TaskRouter* router) : router_(router) {}

  // Connects the API that starts children. Separate from construction
  // because the Service needs the engine, which needs this invoker. All
  // borrowed; they must outlive this. Until bound, nested tasks go to the
  // router like any other resource.
  void Bind(const Service* service, ExecutionRunner* runner);
  // From now on nested tasks go to the router again (the server is shutting
  // down and the Service is about to go).
  void Unbind() { service_.store(nullptr, std::memory_order_release); }

  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& request, Done done) override;

 private:
  std::unique_ptr<mocks::TaskHandle> InvokeMockedFirst(const asl::TaskCall& request,
                                                       NestedPattern pattern, Done done);
  std::unique_ptr<mocks::TaskHandle> StartChild(const asl::TaskCall& request, NestedPattern pattern,
                                                Done done);
  std::unique_ptr<mocks::TaskHandle> WaitForChild(std::shared_ptr<Execution> child,
                                                  const asl::TaskCall& request, Json submitted,
                                                  bool parsed, Done done);

  mocks::TaskRouter* router_;
  std::atomic<const Service*> service_{nullptr};
  ExecutionRunner* runner_ = nullptr;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_NESTED_EXECUTION_H_
