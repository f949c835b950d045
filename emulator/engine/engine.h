// emulator/engine/engine.h
//
// The Engine runs executions: a fixed worker pool executes runs (an
// execution, a Parallel branch or a Map iteration) state by state through
// the interpreter; Wait states, retry back-off, task timeouts and heartbeats
// are timers on one timer thread; tasks go to the TaskInvoker. No thread is
// held by a waiting execution. All public methods are thread-safe.
#ifndef SFN_EMULATOR_ENGINE_ENGINE_H_
#define SFN_EMULATOR_ENGINE_ENGINE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "emulator/records/activities.h"
#include "emulator/engine/clock.h"
#include "emulator/engine/task_tokens.h"
#include "emulator/records/execution.h"
#include "emulator/records/execution_observer.h"
#include "emulator/records/map_runs.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator {

struct EngineOptions {
  // Multiplies Wait-state durations and retry back-off; 0: no waiting. Task
  // TimeoutSeconds/HeartbeatSeconds are real time and never scaled. Each
  // execution keeps a virtual clock, so with scale 0 a Wait that would end
  // after the execution's TimeoutSeconds still lets the timeout win.
  double wait_scale = 1.0;
  // Worker threads: 0 = one per hardware thread; < 0 = none (the caller
  // then drives the engine with RunUntilIdle(): tests, `sfn-local run`).
  int workers = 0;
  // Answers Task states; borrowed, must outlive the Engine.
  mocks::TaskInvoker* invoker = nullptr;
  // Where Task states on activity ARNs queue their tasks for workers;
  // borrowed, must outlive the Engine. Null: ProcessActivities().
  Activities* activities = nullptr;
  // Where Distributed Map runs are recorded; borrowed, must outlive the
  // Engine. Null: ProcessMapRuns().
  MapRuns* map_runs = nullptr;
  // Time source; borrowed, must outlive the Engine. Null: the system clock.
  const Clock* clock = nullptr;
  // False: no timer thread; the caller fires due timers with RunUntilIdle().
  bool timer_thread = true;
  // Set: $random, States.UUID, Retry jitter and task tokens are drawn from
  // one generator seeded with this value, so the same runs give the same
  // values (`sfn-local run --seed`). Unset: per-thread random generators,
  // which `serve` needs to stay lock-free.
  std::optional<uint64_t> seed;
  // True: EXPRESS executions keep their history too (AWS keeps none; the
  // offline runner shows it). Still without the 25,000-event quota.
  bool express_history = false;
  // Told every event of every execution (metrics, logs); borrowed, must
  // outlive the Engine. Null: nobody.
  ExecutionObserver* observer = nullptr;
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

  // Appends ExecutionStarted and runs `execution` to its end. Its first
  // slice (up to 256 states, until it waits) runs on the calling thread, so
  // a short execution may have ended when Start returns; the rest runs on
  // the workers. Called from inside a worker's step, it only queues.
  void Start(std::shared_ptr<Execution> execution);
  // Where Start runs the first slice.
  enum class FirstSlice {
    kNow,          // as Start(execution)
    kAfterAnswer,  // in this thread's DeferredWork scope (deferred_work.h), if it has one
  };
  void Start(std::shared_ptr<Execution> execution, FirstSlice first);
  // RedriveExecution, after Execution::BeginRedrive(): appends
  // ExecutionRedriven and runs the execution again from the top-level state
  // where it stopped, with that state's input and the variables it had.
  void Redrive(std::shared_ptr<Execution> execution);
  // StopExecution: ends a running execution ABORTED (ExecutionAborted event),
  // cancelling its timers and in-flight tasks. No-op if it already ended.
  void Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
            std::optional<std::string> cause);

  // Shutdown: ends every running execution ABORTED with `error` and
  // `cause` as Stop() does (timers cancelled, task programs killed), then
  // waits up to `wait_ms` until each has recorded where it stopped, so that
  // it can be redriven. Returns how many executions were stopped.
  size_t StopAll(const std::string& error, const std::string& cause, int64_t wait_ms);

  CallbackResult SendTaskSuccess(const std::string& task_token, const std::string& output);
  CallbackResult SendTaskFailure(const std::string& task_token, std::optional<std::string> error,
                                 std::optional<std::string> cause);
  CallbackResult SendTaskHeartbeat(const std::string& task_token);
  // The .waitForTaskToken and activity tasks that wait for an answer,
  // oldest first (a read for tools: AWS has no action that lists tokens).
  std::vector<WaitingTask> WaitingTasks() const;

  // For callers that drive the engine themselves (workers < 0, no timer
  // thread): runs queued work and due timers on the calling thread until
  // nothing is left to do now. Returns how many work items and timers ran.
  size_t RunUntilIdle();
  // The earliest pending timer's deadline on the clock's MonotonicMillis,
  // or -1 when no timer is pending. With a VirtualClock the caller moves
  // time there when RunUntilIdle() finds nothing to do.
  int64_t NextTimerDue() const;

  class Impl;

 private:
  // Shared so that timer and invoker callbacks can hold a weak reference.
  std::shared_ptr<Impl> impl_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_ENGINE_H_
