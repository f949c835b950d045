// emulator/api/actions.h
//
// The Step Functions API without HTTP: Service::Call takes an action name
// (the part of X-Amz-Target after "AWSStepFunctions.") and the request body,
// validates the body as AWS's protocol layer does (emulator/request.h), runs
// the action's handler from the action table against the Store and the
// ExecutionRunner, and returns the status, body and error code to send.
//
// Thread-safe: Call may run on any number of threads at once. The Service
// borrows its Store and ExecutionRunner; both must outlive it.
#ifndef SFN_EMULATOR_API_ACTIONS_H_
#define SFN_EMULATOR_API_ACTIONS_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/api/api_error.h"
#include "emulator/engine/engine.h"
#include "emulator/records/activities.h"
#include "emulator/records/execution.h"
#include "emulator/records/store.h"

namespace sfn::emulator {

// What actions need from the engine. A seam, so the API can be tested with
// a fake that ends executions on the spot.
class ExecutionRunner {
 public:
  virtual ~ExecutionRunner() = default;
  // Appends ExecutionStarted and runs the execution to its end, asynchronously.
  virtual void Start(std::shared_ptr<Execution> execution) = 0;
  // As Start, but the first states may run after the calling thread has
  // sent its answer (StartExecution: the client gets its executionArn
  // while they run).
  virtual void StartAfterAnswer(std::shared_ptr<Execution> execution) {
    Start(std::move(execution));
  }
  virtual void Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
                    std::optional<std::string> cause) = 0;
  virtual CallbackResult SendTaskSuccess(const std::string& task_token,
                                         const std::string& output) = 0;
  virtual CallbackResult SendTaskFailure(const std::string& task_token,
                                         std::optional<std::string> error,
                                         std::optional<std::string> cause) = 0;
  virtual CallbackResult SendTaskHeartbeat(const std::string& task_token) = 0;
  // RedriveExecution, after Execution::BeginRedrive(): appends
  // ExecutionRedriven and runs the execution on from its redrive point.
  virtual void Redrive(std::shared_ptr<Execution> execution) = 0;
};

// The ExecutionRunner of the real binary: forwards to the Engine (borrowed).
class EngineRunner : public ExecutionRunner {
 public:
  explicit EngineRunner(Engine* engine) : engine_(engine) {}
  void Start(std::shared_ptr<Execution> execution) override {
    engine_->Start(std::move(execution));
  }
  void StartAfterAnswer(std::shared_ptr<Execution> execution) override {
    engine_->Start(std::move(execution), Engine::FirstSlice::kAfterAnswer);
  }
  void Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
            std::optional<std::string> cause) override {
    engine_->Stop(execution, std::move(error), std::move(cause));
  }
  CallbackResult SendTaskSuccess(const std::string& token, const std::string& output) override {
    return engine_->SendTaskSuccess(token, output);
  }
  CallbackResult SendTaskFailure(const std::string& token, std::optional<std::string> error,
                                 std::optional<std::string> cause) override {
    return engine_->SendTaskFailure(token, std::move(error), std::move(cause));
  }
  CallbackResult SendTaskHeartbeat(const std::string& token) override {
    return engine_->SendTaskHeartbeat(token);
  }
  void Redrive(std::shared_ptr<Execution> execution) override {
    engine_->Redrive(std::move(execution));
  }

 private:
  Engine* engine_;
};

// Who is calling: the region of the request's SigV4 credential scope (or the
// default) and the account.
struct CallContext {
  std::string region = "us-east-1";
  std::string account = "123456789012";
};

// Optional checks the API makes on behalf of other layers.
struct ServiceHooks {
  // Whether the mock configuration defines `test_case` for the state machine
  // named `machine`; unset: every "#TestCase" suffix is accepted.
  std::function<bool(const std::string& machine, const std::string& test_case)> has_test_case;
  // What answers the Task states TestState runs without a mock (borrowed;
  // null: such tests fail with States.TaskFailed).
  mocks::TaskInvoker* task_invoker = nullptr;
  // The UUIDs StartExecution draws (a default execution name, the EXPRESS
  // execution ARN's suffix); unset: RandomUuid. The offline runner seeds it
  // so that the same seed gives the same $$.Execution.Id.
  std::function<std::string()> new_uuid;
};

class Service {
 public:
  struct Response {
    int http_status = 200;
    std::string body;
    std::string error_code;  // for x-amzn-ErrorType; empty on success
  };

  // `store`, `runner` and `activities` are borrowed and must outlive the
  // Service; null `activities`: ProcessActivities(), the registry the
  // Engine uses by default.
  Service(Store* store, ExecutionRunner* runner, ServiceHooks hooks = {},
          Activities* activities = nullptr)
      : store_(store),
        runner_(runner),
        hooks_(std::move(hooks)),
        activities_(activities != nullptr ? activities : &ProcessActivities()) {}
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  Response Call(std::string_view action, std::string_view body, const CallContext& ctx) const;

  // StartExecution for callers inside the emulator (nested executions):
  // `request` is the action's input as a value, not as JSON text. The same
  // checks and errors as Call("StartExecution", ...); on success the
  // execution (EXPRESS ones too, which the Store does not keep) and the
  // action's answer.
  struct Started {
    std::shared_ptr<Execution> execution;
    Json answer;
  };
  std::variant<Started, ApiError> StartExecution(const Json& request, const CallContext& ctx) const;

  // Makes waiting actions (StartSyncExecution, GetActivityTask) return
  // promptly: the server is shutting down.
  void Shutdown() {
    stopping_ = true;
    activities_->WakeAll();
  }

 private:
  Store* store_;
  ExecutionRunner* runner_;
  const ServiceHooks hooks_;
  Activities* activities_;
  std::atomic<bool> stopping_{false};
};

// Whether `action` is in the action table.
bool IsKnownAction(std::string_view action);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_ACTIONS_H_
