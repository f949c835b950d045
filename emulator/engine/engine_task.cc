// emulator/engine/engine_task.cc
//
// Task states: hand the request to the TaskInvoker and block the Run until
// the first of: the invoker's answer, TimeoutSeconds, HeartbeatSeconds, a
// SendTask* callback (.waitForTaskToken) or StopExecution. Whoever comes
// first wins through the Run's control token; the others are ignored.
#include "asl/core/errors.h"
#include "emulator/engine/engine_impl.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::Run;
using engine_internal::RunControl;

namespace {

constexpr int64_t kNoTimeoutSeconds = 99999999;

asl::Outcome NoInvoker(const std::string& resource) {
  return asl::Outcome::Task(asl::TaskOutcome::Failed(
      std::string(asl::kStatesTaskFailed),
      "No task invoker is configured to answer the resource '" + resource + "'."));
}

asl::Outcome TimedOut(std::string_view error) {
  return asl::Outcome::Task(asl::TaskOutcome::TimedOut(error));
}

// Records TaskSubmitted for a job (.sync) as soon as it was submitted,
// unless the task has ended meanwhile. Held under the control's lock, so
// that the Run, if it is woken meanwhile, moves its cursor past the event
// (Release takes this lock first).
void RecordSubmitted(const std::weak_ptr<ExecState>& weak_exec,
                     const std::shared_ptr<RunControl>& control, uint64_t wake_token,
                     int64_t previous_id, const std::string& resource, const Json& submitted) {
  std::shared_ptr<ExecState> exec = weak_exec.lock();
  if (!exec) return;
  std::lock_guard<std::mutex> lock(control->mu);
  if (control->token.load() != wake_token) return;
  if (exec->ended_flag.load(std::memory_order_acquire)) return;
  asl::ResourceParts parts = asl::SplitResource(resource);
  Json details = Json::MakeObject({{"resourceType", Json(std::move(parts.type))},
                                   {"resource", Json(std::move(parts.name))},
                                   {"output", Json(Dump(submitted))},
                                   {"outputDetails", Json::MakeObject({{"truncated", false}})}});
  const int64_t after = control->activity_started_id != 0 ? control->activity_started_id
                                                          : previous_id;
  control->activity_started_id =
      exec->sink.Emit(asl::EventType::kTaskSubmitted, std::move(details), after);
}

}  // namespace

// TimeoutSeconds (any task) and HeartbeatSeconds (callbacks, activities): real-time
// timers that fail the task unless it answers first.
void Engine::Impl::ArmTaskTimers(const std::shared_ptr<RunControl>& control, uint64_t token,
                                 const asl::TaskCall& call) {
  const bool timeout = call.timeout_seconds > 0 && call.timeout_seconds < kNoTimeoutSeconds;
  const bool answered_by_token =
      call.pattern == asl::TaskCall::Pattern::kWaitForTaskToken || call.activity;
  const bool heartbeat = answered_by_token && call.heartbeat_seconds > 0;
  if (!timeout && !heartbeat) return;
  std::weak_ptr<Impl> self = weak_from_this();
  const int64_t now = clock_->MonotonicMillis();
  uint64_t timeout_id = 0, heartbeat_id = 0;
  if (timeout) {
    timeout_id = timers_.Schedule(now + call.timeout_seconds * 1000, [self, control, token] {
      if (auto impl = self.lock()) impl->TryWake(control, token, TimedOut(asl::kStatesTimeout));
    });
  }
  if (heartbeat) {
    heartbeat_id = timers_.Schedule(now + call.heartbeat_seconds * 1000, [self, control, token] {
      if (auto impl = self.lock()) {
        impl->TryWake(control, token, TimedOut(asl::kStatesHeartbeatTimeout));
      }
    });
  }
  std::lock_guard<std::mutex> lock(control->mu);
  if (control->token.load() == token) {
    control->timeout_timer = timeout_id;
    control->heartbeat_timer = heartbeat_id;
  }
}

WaitingTask Engine::Impl::DescribeWaiting(const Run& run, const asl::TaskCall& call) const {
  WaitingTask task;
  task.execution_arn = run.exec->execution->spec().arn;
  if (run.rs.state != nullptr) task.state_name = run.rs.state->name;
  task.resource = call.resource;
  task.input = Dump(call.payload);
  task.activity = call.activity;
  task.since_ms = clock_->NowMillis();
  return task;
}

bool Engine::Impl::StartTask(Run* run, const asl::TaskCall& call) {
  if (call.activity) return StartActivityTask(run, call);
  if (options_.invoker == nullptr) {
    run->control->outcome = NoInvoker(call.resource);
    run->resume = true;
    return true;
  }
  const bool callback = call.pattern == asl::TaskCall::Pattern::kWaitForTaskToken;
  std::shared_ptr<RunControl> control = run->control;
  {
    std::lock_guard<std::mutex> lock(control->mu);
    control->task_token = call.task_token;
    control->heartbeat_ms = call.heartbeat_seconds * 1000;
  }
  std::weak_ptr<ExecState> weak_exec = run->exec;
  const int64_t previous_id = run->rs.cursor;  // TaskStarted
  const uint64_t token = Block(run);
  // From here on the Run may be resumed on another thread: touch only
  // `control` (shared, locked) and locals.
  if (callback) tokens_.Register(call.task_token, control, token, DescribeWaiting(*run, call));
  ArmTaskTimers(control, token, call);
  std::weak_ptr<Impl> self = weak_from_this();
  // A job (.sync) records TaskSubmitted when it is submitted, not when it ends.
  asl::TaskCall job;
  if (call.pattern == asl::TaskCall::Pattern::kSync) {
    job = call;
    job.on_submitted = [weak_exec, control, token, previous_id,
                        resource = call.resource](const Json& submitted) {
      RecordSubmitted(weak_exec, control, token, previous_id, resource, submitted);
    };
  }
  const asl::TaskCall& invoked = job.on_submitted ? job : call;
  BeginInlineInvoke(control.get());
  auto handle =
      options_.invoker->Invoke(invoked, [self, control, token, callback](asl::TaskOutcome o) {
        auto impl = self.lock();
        if (!impl) return;
        // A callback task that was only delivered (or that nothing answers)
        // waits for SendTaskSuccess/Failure.
        if (callback && (o.unrouted || (o.ok && !o.callback_answered))) return;
        impl->TryWake(control, token, asl::Outcome::Task(std::move(o)));
      });
  if (EndInlineInvoke()) {
    // Answered already: this worker still owns the Run; go on with it.
    Release(run);
    return true;
  }
  std::lock_guard<std::mutex> lock(control->mu);
  if (control->token.load() == token) {
    control->handle = std::move(handle);
  } else if (handle) {
    handle->Cancel();  // already answered or abandoned
  }
  return false;
}

}  // namespace sfn::emulator
