// emulator/engine/engine_activity.cc
//
// Task states on activity ARNs: the task goes to the activity's queue in
// the registry (emulator/activities.h) instead of to the TaskInvoker, and
// the Run blocks until the first of: the worker's SendTaskSuccess/Failure
// with the task token, TimeoutSeconds, HeartbeatSeconds (reset by
// SendTaskHeartbeat) or the end of the execution. When a worker takes the
// task, ActivityStarted is recorded on the poller's thread.
#include "asl/core/errors.h"
#include "emulator/engine/engine_impl.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::RunControl;

namespace {

// Records ActivityStarted for the worker that took the task, unless the
// task has ended meanwhile (answered, timed out, execution stopped): then
// the worker must not get it.
bool RecordStarted(const std::weak_ptr<ExecState>& weak_exec,
                   const std::shared_ptr<RunControl>& control, uint64_t wake_token,
                   int64_t scheduled_id, const std::string& worker_name) {
  std::shared_ptr<ExecState> exec = weak_exec.lock();
  if (!exec) return false;
  // Held while recording, so that the Run, if it is woken meanwhile, moves
  // its cursor past ActivityStarted (Release takes this lock first).
  std::lock_guard<std::mutex> lock(control->mu);
  if (control->token.load() != wake_token) return false;
  if (exec->ended_flag.load(std::memory_order_acquire)) return false;
  Json::Object details;
  if (!worker_name.empty()) details.emplace_back("workerName", Json(worker_name));
  control->activity_started_id = exec->sink.Emit(asl::EventType::kActivityStarted,
                                            Json::MakeObject(std::move(details)), scheduled_id);
  return true;
}

asl::Outcome ActivityGone(const std::string& arn) {
  return asl::Outcome::Task(asl::TaskOutcome::Failed(std::string(asl::kStatesRuntime),
                                                     "Activity Does Not Exist: '" + arn + "'"));
}

}  // namespace

bool Engine::Impl::StartActivityTask(Run* run, const asl::TaskCall& call) {
  std::shared_ptr<RunControl> control = run->control;
  {
    std::lock_guard<std::mutex> lock(control->mu);
    control->task_token = call.task_token;
    control->heartbeat_ms = call.heartbeat_seconds * 1000;
    control->activity_started_id = 0;
  }
  Activities::Task task;
  task.task_token = call.task_token;
  task.input = Dump(call.payload);
  const int64_t scheduled_id = run->rs.cursor;  // the ActivityScheduled event
  WaitingTask waiting = DescribeWaiting(*run, call);
  std::weak_ptr<ExecState> weak_exec = run->exec;
  const uint64_t token = Block(run);
  // From here on the Run may be resumed on another thread: touch only
  // `control` (shared, locked) and locals.
  tokens_.Register(call.task_token, control, token, std::move(waiting));
  ArmTaskTimers(control, token, call);
  task.on_start = [weak_exec, control, token, scheduled_id](const std::string& worker_name) {
    return RecordStarted(weak_exec, control, token, scheduled_id, worker_name);
  };
  // The activity was deleted since the interpreter checked it.
  if (!activities_->Schedule(call.resource, std::move(task))) {
    TryWake(control, token, ActivityGone(call.resource));
  }
  return false;
}

}  // namespace sfn::emulator
