// emulator/engine.h
//
// The Engine runs executions: a fixed worker pool executes runs (an
// execution, a Parallel branch or a Map iteration) state by state through
// the interpreter; Wait states, retry back-off, task timeouts and heartbeats
// are timers on one timer thread; tasks go to the TaskInvoker. No thread is
// held by a waiting execution. All public methods are thread-safe.
#ifndef SFN_EMULATOR_ENGINE_H_
#define SFN_EMULATOR_ENGINE_H_

#include <memory>
#include <optional>
#include <string>

#include "asl/json.h"
#include "emulator/execution.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator {

struct EngineOptions {
  double wait_scale = 1.0;  // multiplies Wait-state durations; 0: no waiting
  int workers = 0;          // 0: one per hardware thread
  // Answers Task states; borrowed, must outlive the Engine.
  mocks::TaskInvoker* invoker = nullptr;
};

// The result of a callback call (SendTaskSuccess/Failure/Heartbeat): empty
// code on success, else an API error code ("TaskDoesNotExist",
// "InvalidToken", "TaskTimedOut", "InvalidOutput") and AWS's message.
struct CallbackResult {
  std::string code;
  std::string message;
  bool ok() const { return code.empty(); }
};

class Engine {
 public:
  explicit Engine(EngineOptions options);
  ~Engine();  // stops the threads; running executions are abandoned
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Appends ExecutionStarted and runs `execution` to its end (asynchronously).
  void Start(std::shared_ptr<Execution> execution);
  // StopExecution: ends a running execution ABORTED (ExecutionAborted event),
  // cancelling its timers and in-flight tasks. No-op if it already ended.
  void Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
            std::optional<std::string> cause);

  CallbackResult SendTaskSuccess(const std::string& task_token, const std::string& output);
  CallbackResult SendTaskFailure(const std::string& task_token, std::optional<std::string> error,
                                 std::optional<std::string> cause);
  CallbackResult SendTaskHeartbeat(const std::string& task_token);

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_H_
