// mocks/task_router.h
//
// TaskRouter answers every Task state: it is the TaskInvoker the engine
// calls. For each request it tries, in order:
//   1. the Step Functions Local mock file, when the execution runs a test case
//      (StartExecution on "<stateMachineArn>#<TestCase>");
//   2. the routes file: a local program, an HTTP endpoint, a Lambda endpoint
//      or a static answer (return / throw / echo), matched on the resource —
//      for arn:aws:states:::lambda:invoke on the payload's FunctionName;
//   3. built-in behaviour: with TaskRouterOptions::s3_dir, the S3 resources
//      (s3:getObject / putObject / listObjectsV2 and their aws-sdk:s3 forms)
//      are answered from the local S3 stand-in (mocks/s3/);
//      arn:aws:states:::http:invoke performs the HTTP
//      request; an unrouted Lambda function fails as a missing function does
//      in AWS (Lambda.ResourceNotFoundException); any other unrouted resource
//      fails with States.TaskFailed and a cause that shows how to route it.
// Results and errors are shaped as AWS shapes them: a direct Lambda ARN gives
// the function's output, lambda:invoke wraps it ({"ExecutedVersion",
// "Payload", "SdkHttpMetadata", ...}), function errors become
// {errorType -> error, error document -> cause}.
//
// Static answers and mocked responses complete synchronously (done runs
// before Invoke returns). Persistent exec routes' programs run on their
// pools (started with the router, each copy at its first task). Other
// programs run on the router's process reactor and
// HTTP calls on its I/O pool; their done runs on those threads. Thread-safe.
// Destroy the router after the engine: running programs are killed and their
// done callbacks dropped.
#ifndef SFN_MOCKS_TASK_ROUTER_H_
#define SFN_MOCKS_TASK_ROUTER_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "mocks/call_result.h"
#include "mocks/http/lambda.h"
#include "mocks/io_pool.h"
#include "mocks/mock_config.h"
#include "mocks/process/persistent_pool.h"
#include "mocks/process/process_runner.h"
#include "mocks/route_table.h"
#include "mocks/routes_config.h"
#include "mocks/s3/s3_invoker.h"
#include "mocks/task_invoker.h"

namespace sfn::mocks {

struct TaskRouterOptions {
  int io_threads = 8;      // concurrent HTTP calls
  int max_processes = 32;  // programs running at once; more wait their turn
  // Receives handler standard error lines and routing hints (default: our stderr).
  std::function<void(const std::string& line)> log;
  // The local S3 stand-in's folder (bucket = sub-folder); "" : none.
  std::string s3_dir;
};

class TaskRouter : public TaskInvoker {
 public:
  // `mocks` may be null (no mock file).
  explicit TaskRouter(RoutesConfig routes, std::unique_ptr<MockConfig> mocks = nullptr,
                      TaskRouterOptions options = {});
  ~TaskRouter() override;
  TaskRouter(const TaskRouter&) = delete;
  TaskRouter& operator=(const TaskRouter&) = delete;

  std::unique_ptr<TaskHandle> Invoke(const asl::TaskCall& request, Done done) override;

  bool HasMockConfig() const { return mocks_ != nullptr; }
  // Whether the mock file defines `test_case` for the state machine named
  // `machine` (false without a mock file): StartExecution with an unknown
  // "#TestCase" should be refused before the execution starts.
  bool HasTestCase(const std::string& machine, const std::string& test_case) const;

  // Whether any route answers `resource` (Lambda ARNs included); for tools
  // that want to warn about unrouted Task states up front.
  bool IsRouted(const std::string& resource) const;

 private:
  enum class Shape { kGeneric, kLambdaFunction, kLambdaInvoke };
  struct Shaping {
    Shape shape = Shape::kGeneric;
    std::string executed_version;  // kLambdaInvoke
    bool log_tail = false;         // kLambdaInvoke with LogType Tail
  };

  std::unique_ptr<TaskHandle> InvokeLambdaService(const asl::TaskCall& request, Done done);
  std::unique_ptr<TaskHandle> InvokeFunction(const FunctionArn& function, const Json& event,
                                             const asl::TaskCall& request, Shaping shaping,
                                             Done done);
  // InvocationType Event or DryRun: answers at once without the function's result.
  std::unique_ptr<TaskHandle> InvokeAccepted(const FunctionArn& function, const Json& event,
                                             const asl::TaskCall& request, InvocationType type,
                                             Done done);
  std::unique_ptr<TaskHandle> InvokeHttpTask(const asl::TaskCall& request, Done done);
  std::unique_ptr<TaskHandle> Dispatch(const Route& route, const Json& input,
                                       const asl::TaskCall& request, const FunctionArn* function,
                                       Shaping shaping, Done done);
  std::unique_ptr<TaskHandle> CallLambdaEndpoint(const Route& route, const Json& input,
                                                 const asl::TaskCall& request,
                                                 const FunctionArn* function, bool log_tail,
                                                 CallDone finish);
  static asl::TaskOutcome ShapeOutcome(CallResult result, const Shaping& shaping);
  asl::TaskOutcome Unrouted(const std::string& resource);
  asl::TaskOutcome MissingFunction(const FunctionArn& function);
  void HintOnce(const std::string& key, const std::string& line);
  void Log(const std::string& line) const;

  RouteTable table_;
  std::unique_ptr<MockConfig> mocks_;
  TaskRouterOptions options_;
  std::unique_ptr<IoPool> io_pool_;
  std::unique_ptr<ProcessRunner> processes_;  // null when no route runs a program
  // One pool per persistent exec route, keyed by the route (in table_).
  std::unordered_map<const Route*, std::unique_ptr<PersistentPool>> pools_;
  std::unique_ptr<S3Invoker> s3_;  // null without TaskRouterOptions::s3_dir
  std::mutex hints_mutex_;
  std::unordered_set<std::string> hinted_;  // guarded by hints_mutex_
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_TASK_ROUTER_H_
