// mocks/task_router.cc
#include "mocks/task_router.h"

#include <cstdio>

#include "mocks/http/http_client.h"
#include "mocks/http/http_invoker.h"
#include "mocks/process/exec_invoker.h"

namespace sfn::mocks {

using asl::TaskOutcome;
namespace {

constexpr size_t kMaxHints = 1000;  // dynamic FunctionNames must not grow the set forever

// The handle of a call that completed before Invoke returned.
class DoneHandle : public TaskHandle {
 public:
  void Cancel() override {}
};

std::unique_ptr<TaskHandle> Finished(TaskInvoker::Done& done, TaskOutcome outcome) {
  done(std::move(outcome));
  return std::make_unique<DoneHandle>();
}

TaskOutcome MockOutcome(const MockedAnswer& answer) {
  TaskOutcome outcome = answer.kind == MockedAnswer::Kind::kReturn
                            ? TaskOutcome::Succeeded(answer.value)
                            : TaskOutcome::Failed(answer.error, answer.cause);
  outcome.callback_answered = true;
  outcome.answered_by = "mock";
  return outcome;
}

// The routes file's key of a route kind, as metrics name it.
const char* KindName(RouteKind kind) {
  switch (kind) {
    case RouteKind::kExec:
      return "exec";
    case RouteKind::kHttp:
      return "http";
    case RouteKind::kLambdaEndpoint:
      return "lambdaEndpoint";
    case RouteKind::kReturn:
      return "return";
    case RouteKind::kThrow:
      return "throw";
    case RouteKind::kEcho:
      return "echo";
  }
  return "other";
}

bool IsHttpInvokeResource(const std::string& resource) {
  size_t partition_end = resource.find(':', 4);
  return resource.rfind("arn:", 0) == 0 && partition_end != std::string::npos &&
         resource.compare(partition_end, std::string::npos, ":states:::http:invoke") == 0;
}

bool IsLambdaArn(const std::string& resource) {
  size_t partition_end = resource.find(':', 4);
  return resource.rfind("arn:", 0) == 0 && partition_end != std::string::npos &&
         resource.compare(partition_end, 8, ":lambda:") == 0;
}

// A handler error of a non-Lambda resource: {"errorType"|"error", "errorMessage"|"cause"}.
TaskOutcome GenericHandlerError(const CallResult& result) {
  const Json& payload = result.error_payload;
  const Json* error = payload.Find("errorType");
  if (error == nullptr || !error->is_string()) error = payload.Find("error");
  if (error == nullptr || !error->is_string())
    return TaskOutcome::Failed(result.error, result.cause);
  const Json* cause = payload.Find("errorMessage");
  if (cause == nullptr || !cause->is_string()) cause = payload.Find("cause");
  return TaskOutcome::Failed(error->AsString(),
                             cause != nullptr && cause->is_string() ? cause->AsString() : "");
}

bool IsStatic(RouteKind kind) {
  return kind == RouteKind::kReturn || kind == RouteKind::kEcho || kind == RouteKind::kThrow;
}

bool HasExecRoute(const RoutesConfig& routes) {
  for (const Route& route : routes.routes)
    if (route.kind == RouteKind::kExec) return true;
  return false;
}

}  // namespace

TaskRouter::TaskRouter(RoutesConfig routes, std::unique_ptr<MockConfig> mocks,
                       TaskRouterOptions options)
    : table_(routes.routes), mocks_(std::move(mocks)), options_(std::move(options)) {
  io_pool_ = std::make_unique<IoPool>(options_.io_threads);
  if (!options_.s3_dir.empty()) s3_ = std::make_unique<S3Invoker>(options_.s3_dir);
  if (HasExecRoute(routes)) {
    ProcessRunnerOptions runner;
    runner.max_running = options_.max_processes;
    runner.log = options_.log;
    processes_ = std::make_unique<ProcessRunner>(std::move(runner));
  }
  for (const Route* route : table_.PersistentRoutes()) {
    PersistentOptions pool;
    pool.program.argv = route->argv;
    pool.program.cwd = route->cwd;
    pool.program.env = route->env;
    pool.processes = route->processes;
    pool.log = options_.log;
    pools_.emplace(route, std::make_unique<PersistentPool>(std::move(pool)));
  }
}

TaskRouter::~TaskRouter() {
  pools_.clear();  // kills programs first: their callbacks may not outlive us
  processes_.reset();
  io_pool_.reset();
}

bool TaskRouter::HasTestCase(const std::string& machine, const std::string& test_case) const {
  return mocks_ != nullptr && mocks_->HasTestCase(machine, test_case);
}

bool TaskRouter::IsRouted(const std::string& resource) const {
  if (std::optional<FunctionArn> function = ParseFunctionArn(resource))
    return table_.FindFunction(*function) != nullptr;
  return table_.Find(resource) != nullptr || IsHttpInvokeResource(resource) ||
         (s3_ != nullptr && S3Invoker::Handles(resource));
}

std::unique_ptr<TaskHandle> TaskRouter::Invoke(const asl::TaskCall& request, Done done) {
  if (!request.caller.test_case.empty() && mocks_ != nullptr) {
    MockedAnswer answer = mocks_->Find(request.caller.state_machine_name, request.caller.test_case,
                                       request.caller.state_name, request.attempt);
    if (answer.kind != MockedAnswer::Kind::kNotMocked) return Finished(done, MockOutcome(answer));
  }
  if (IsLambdaInvokeResource(request.resource))
    return InvokeLambdaService(request, std::move(done));
  if (IsLambdaArn(request.resource)) {
    // Static answers need no parsed ARN: skip the parsing on this hot path.
    const Route* exact = table_.FindExact(request.resource);
    if (exact != nullptr && IsStatic(exact->kind))
      return Dispatch(*exact, request.payload, request, nullptr,
                      Shaping{Shape::kLambdaFunction, "", false}, std::move(done));
    if (std::optional<FunctionArn> function = ParseFunctionArn(request.resource))
      return InvokeFunction(*function, request.payload, request,
                            Shaping{Shape::kLambdaFunction, "", false}, std::move(done));
  }
  if (const Route* route = table_.Find(request.resource))
    return Dispatch(*route, request.payload, request, nullptr, Shaping{}, std::move(done));
  if (IsHttpInvokeResource(request.resource)) return InvokeHttpTask(request, std::move(done));
  if (s3_ != nullptr) {
    if (std::optional<TaskOutcome> answer = s3_->Answer(request))
      return Finished(done, std::move(*answer));
  }
  return Finished(done, Unrouted(request.resource));
}

std::unique_ptr<TaskHandle> TaskRouter::InvokeLambdaService(const asl::TaskCall& request,
                                                            Done done) {
  const Json& parameters = request.payload;
  Result<FunctionArn> function = ResolveFunctionName(parameters.Find("FunctionName"),
                                                     request.caller.region, request.caller.account);
  if (function.ok()) {
    const Json* qualifier = parameters.Find("Qualifier");
    if (qualifier != nullptr && qualifier->is_string() && function.value().qualifier.empty() &&
        qualifier->AsString() != "$LATEST")
      function.value().qualifier = qualifier->AsString();
  }
  // A function route answers the function; otherwise a route on the
  // lambda:invoke resource itself answers the whole service call.
  if (!function.ok() || table_.FindFunction(function.value()) == nullptr) {
    if (const Route* route = table_.Find(request.resource))
      return Dispatch(*route, parameters, request, nullptr, Shaping{}, std::move(done));
    if (!function.ok()) return Finished(done, TaskOutcome::Failed(function.error()));
  }
  Result<Json> event = InvokeEvent(parameters.Find("Payload"));
  if (!event.ok()) return Finished(done, TaskOutcome::Failed(event.error()));
  const Json* log_type = parameters.Find("LogType");
  Shaping shaping{Shape::kLambdaInvoke, ExecutedVersion(function.value()),
                  log_type != nullptr && log_type->is_string() && log_type->AsString() == "Tail"};
  InvocationType type = ParseInvocationType(parameters.Find("InvocationType"));
  if (type != InvocationType::kRequestResponse)
    return InvokeAccepted(function.value(), event.value(), request, type, std::move(done));
  return InvokeFunction(function.value(), event.value(), request, std::move(shaping),
                        std::move(done));
}

std::unique_ptr<TaskHandle> TaskRouter::InvokeAccepted(const FunctionArn& function,
                                                       const Json& event,
                                                       const asl::TaskCall& request,
                                                       InvocationType type, Done done) {
  // Lambda still refuses a missing function; otherwise it accepts at once.
  const Route* route = table_.FindFunction(function);
  if (route == nullptr) return Finished(done, MissingFunction(function));
  done(TaskOutcome::Succeeded(WrapAcceptedInvokeResult(type)));
  // An Event call runs the function in the background and drops its answer
  // (dropping a handle does not cancel the call it names).
  if (type == InvocationType::kEvent) {
    Dispatch(*route, event, request, &function, Shaping{Shape::kLambdaFunction, "", false},
             [](TaskOutcome) {});
  }
  return std::make_unique<DoneHandle>();
}

std::unique_ptr<TaskHandle> TaskRouter::InvokeFunction(const FunctionArn& function,
                                                       const Json& event,
                                                       const asl::TaskCall& request,
                                                       Shaping shaping, Done done) {
  const Route* route = table_.FindFunction(function);
  if (route == nullptr) return Finished(done, MissingFunction(function));
  return Dispatch(*route, event, request, &function, std::move(shaping), std::move(done));
}

std::unique_ptr<TaskHandle> TaskRouter::InvokeHttpTask(const asl::TaskCall& request, Done done) {
  Result<HttpCall> call = MakeHttpTaskCall(request.payload, 0);
  if (!call.ok()) return Finished(done, TaskOutcome::Failed(call.error()));
  std::string url = call.value().url.Origin() + call.value().url.target;
  return SendHttp(
      io_pool_.get(), std::move(call).value(), [url, done = std::move(done)](HttpReply reply) {
        TaskOutcome outcome = ShapeOutcome(InterpretHttpTaskReply(reply, url), Shaping{});
        outcome.answered_by = "http_invoke";
        done(std::move(outcome));
      });
}

std::unique_ptr<TaskHandle> TaskRouter::Dispatch(const Route& route, const Json& input,
                                                 const asl::TaskCall& request,
                                                 const FunctionArn* function, Shaping shaping,
                                                 Done done) {
  CallDone finish = [shaping, kind = KindName(route.kind),
                     done = std::move(done)](CallResult result) {
    TaskOutcome outcome = ShapeOutcome(std::move(result), shaping);
    outcome.answered_by = kind;
    done(std::move(outcome));
  };
  switch (route.kind) {
    case RouteKind::kReturn:
      finish(CallResult::Ok(route.value));
      break;
    case RouteKind::kEcho:
      finish(CallResult::Ok(input));
      break;
    case RouteKind::kThrow:
      finish(CallResult::Failed(route.error, route.cause));
      break;
    case RouteKind::kExec: {
      ExecCall call{&route, input, &request, function ? function->Full() : "", shaping.log_tail};
      if (route.persistent) return RunPersistent(pools_.at(&route).get(), call, std::move(finish));
      return RunExec(processes_.get(), call, std::move(finish));
    }
    case RouteKind::kHttp:
      return SendHttp(io_pool_.get(), MakeRoutePost(route, input, request),
                      [url = route.url, finish = std::move(finish)](HttpReply reply) {
                        finish(InterpretRouteReply(reply, url));
                      });
    case RouteKind::kLambdaEndpoint:
      return CallLambdaEndpoint(route, input, request, function, shaping.log_tail,
                                std::move(finish));
  }
  return std::make_unique<DoneHandle>();
}

std::unique_ptr<TaskHandle> TaskRouter::CallLambdaEndpoint(const Route& route, const Json& input,
                                                           const asl::TaskCall& request,
                                                           const FunctionArn* function,
                                                           bool log_tail, CallDone finish) {
  if (function == nullptr) {
    finish(CallResult::Failed("States.TaskFailed",
                              "The route for '" + request.resource +
                                  "' is a lambdaEndpoint route, which answers only Lambda "
                                  "functions"));
    return std::make_unique<DoneHandle>();
  }
  Url endpoint = *ParseUrl(route.url);
  return SendHttp(io_pool_.get(), MakeLambdaInvoke(route, *function, input, log_tail),
                  [endpoint, finish = std::move(finish)](HttpReply reply) {
                    finish(InterpretLambdaReply(reply, endpoint));
                  });
}

TaskOutcome TaskRouter::ShapeOutcome(CallResult result, const Shaping& shaping) {
  bool lambda = shaping.shape != Shape::kGeneric;
  switch (result.status) {
    case CallResult::Status::kOk:
      if (shaping.shape != Shape::kLambdaInvoke)
        return TaskOutcome::Succeeded(std::move(result.value));
      return TaskOutcome::Succeeded(WrapInvokeResult(
          result.value, shaping.executed_version,
          InvokeLog{shaping.log_tail, std::move(result.log_result), std::move(result.log_text)}));
    case CallResult::Status::kHandlerError:
      if (!lambda) return GenericHandlerError(result);
      {
        AslError error = FunctionError(result.error_payload);
        return TaskOutcome::Failed(error.error, error.cause);
      }
    case CallResult::Status::kFailed:
      if (lambda && result.timed_out) {
        AslError error = FunctionError(FunctionTimeoutPayload(result.timeout_seconds));
        return TaskOutcome::Failed(error.error, error.cause);
      }
      return TaskOutcome::Failed(std::move(result.error), std::move(result.cause));
  }
  return TaskOutcome::Failed("States.Runtime", "unreachable");
}

TaskOutcome TaskRouter::Unrouted(const std::string& resource) {
  std::string example = "{\"resource\": \"" + resource + "\", \"return\": {}}";
  TaskOutcome outcome = TaskOutcome::Failed(
      "States.TaskFailed",
      "sfn-local has no route for the resource '" + resource +
          "'. Add one to the routes file (serve --config FILE), for example " + example +
          ", or an \"exec\", \"http\" or \"throw\" route." +
          (S3Invoker::Handles(resource) ? " Or answer the S3 resources from a folder: --s3-dir DIR."
                                        : ""));
  outcome.unrouted = true;
  HintOnce(resource, "sfn-local: no route for " + resource + "; route it with " + example);
  return outcome;
}

TaskOutcome TaskRouter::MissingFunction(const FunctionArn& function) {
  AslError error = FunctionNotFound(function);
  TaskOutcome outcome = TaskOutcome::Failed(error.error, error.cause);
  outcome.unrouted = true;
  std::string arn = function.Full();
  HintOnce(arn, "sfn-local: no route for the Lambda function " + arn +
                    ", so it fails as a missing function does in AWS. Route it with "
                    "{\"resource\": \"" +
                    arn + "\", \"exec\": [\"python3\", \"handler.py\"]}");
  return outcome;
}

void TaskRouter::HintOnce(const std::string& key, const std::string& line) {
  {
    std::lock_guard<std::mutex> lock(hints_mutex_);
    if (hinted_.size() >= kMaxHints || !hinted_.insert(key).second) return;
  }
  Log(line);
}

void TaskRouter::Log(const std::string& line) const {
  if (options_.log) return options_.log(line);
  std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace sfn::mocks
