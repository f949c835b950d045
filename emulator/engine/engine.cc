// emulator/engine/engine.cc
//
// Engine lifecycle, execution start/stop/end and the task-token callbacks.
// The run loop is in engine_run.cc, tasks in engine_task.cc and
// Parallel/Map forks in engine_fork.cc.
#include "emulator/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "asl/core/errors.h"
#include "asl/core/uuid.h"
#include "asl/definition/definition.h"
#include "asl/interpreter/context_object.h"
#include "asl/interpreter/state_io.h"
#include "emulator/engine/engine_impl.h"
#include "emulator/records/history_events.h"

namespace sfn::emulator {

using engine_internal::Ending;
using engine_internal::ExecState;
using engine_internal::Run;
using engine_internal::RunControl;

namespace engine_internal {

namespace {

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   std::hash<std::thread::id>{}(std::this_thread::get_id()));
  return rng;
}

// AWS's history limit; the event that would exceed it fails the execution.
constexpr size_t kMaxHistoryEvents = 25000;

}  // namespace

double EngineEnvironment::NextRandom() {
  if (!seeded_) return std::uniform_real_distribution<double>(0.0, 1.0)(Rng());
  std::lock_guard<std::mutex> lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

std::string EngineEnvironment::NewUuid() {
  if (!seeded_) return RandomUuid();
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t high = rng_();
  return FormatUuidV4(high, rng_());
}

int64_t Record(ExecState* exec, asl::EventType type, int64_t previous_id, int64_t timestamp_ms,
               Json details) {
  if (exec->observer == nullptr) {
    if (!exec->keep_history) return ++exec->uncounted_events;
    return exec->execution->history().Append(type, previous_id, timestamp_ms, std::move(details));
  }
  const int64_t id = exec->keep_history ? exec->execution->history().Append(type, previous_id,
                                                                            timestamp_ms, details)
                                        : ++exec->uncounted_events;
  exec->observer->OnEvent(*exec->execution,
                          HistoryEvent{id, previous_id, timestamp_ms, type, std::move(details)});
  return id;
}

int64_t RecordStarted(ExecState* exec, int64_t timestamp_ms) {
  const ExecutionSpec& spec = exec->execution->spec();
  constexpr asl::EventType kType = asl::EventType::kExecutionStarted;
  if (spec.input_text.empty()) {
    return Record(exec, kType, 0, timestamp_ms, ExecutionStartedDetails(spec));
  }
  Json details = ExecutionStartedDetailsButInput(spec);
  const int64_t id = exec->keep_history ? exec->execution->history().AppendWithInput(
                                              kType, 0, timestamp_ms, &spec.input_text, details)
                                        : ++exec->uncounted_events;
  if (exec->observer != nullptr) {
    exec->observer->OnEvent(
        *exec->execution,
        HistoryEvent{id, 0, timestamp_ms, kType, DetailsWithInput(Json(spec.input_text), details)});
  }
  return id;
}

int64_t RecordStateIo(ExecState* exec, asl::EventType type, int64_t previous_id,
                      int64_t timestamp_ms, const std::string* state_name, const Json& text) {
  const int64_t id = exec->keep_history
                         ? exec->execution->history().AppendStateIo(type, previous_id, timestamp_ms,
                                                                    state_name, text.AsString())
                         : ++exec->uncounted_events;
  if (exec->observer != nullptr) {
    // Shaped only for an observer that reads them (an execution log).
    Json details;
    if (exec->observer->WantsDetails(*exec->execution)) {
      details = asl::StateIoDetails(type, state_name, text);
    }
    exec->observer->OnEvent(*exec->execution,
                            HistoryEvent{id, previous_id, timestamp_ms, type, std::move(details)});
  }
  return id;
}

template <typename RecordFn>
int64_t ExecSink::Guarded(int64_t previous_id, RecordFn record) {
  {
    std::lock_guard<std::mutex> lock(exec_->mu);
    if (exec_->ended) return exec_->last_event_id;
    // EXPRESS executions have no history quota (AWS keeps none for them).
    // Every event of a STANDARD execution is recorded here, so the last id
    // is the history's size (no second lock for History::size()).
    if (!exec_->quota || exec_->last_event_id + 1 < static_cast<int64_t>(kMaxHistoryEvents)) {
      exec_->last_event_id = record(engine_->clock_->NowMillis());
      return exec_->last_event_id;
    }
  }
  Ending e;
  e.status = ExecutionStatus::kFailed;
  e.error = std::string(asl::kStatesRuntime);
  e.cause = "The execution reached the maximum number of history events (25000).";
  e.has_error = e.has_cause = true;
  engine_->EndExecution(exec_, e, previous_id);
  return exec_->last_event_id;
}

bool ExecSink::WantsTexts() const { return exec_->wants_texts; }

int64_t ExecSink::Emit(asl::EventType type, Json details, int64_t previous_id) {
  return Guarded(previous_id, [&](int64_t now) {
    return Record(exec_, type, previous_id, now, std::move(details));
  });
}

int64_t ExecSink::EmitStateIo(asl::EventType type, const std::string& state_name, const Json& text,
                              int64_t previous_id) {
  return Guarded(previous_id, [&](int64_t now) {
    return RecordStateIo(exec_, type, previous_id, now, &state_name, text);
  });
}

}  // namespace engine_internal

// ---------------------------------------------------------------- Impl

Engine::Impl::Impl(EngineOptions options)
    : options_(options),
      clock_(options.clock != nullptr ? options.clock : SystemClock::Default()),
      activities_(options.activities != nullptr ? options.activities : &ProcessActivities()),
      map_runs_(options.map_runs != nullptr ? options.map_runs : &ProcessMapRuns()),
      env_(clock_, options.seed),
      activity_directory_(activities_),
      pool_(options.workers == 0 ? std::max(1u, std::thread::hardware_concurrency())
                                 : std::max(0, options.workers)),
      timers_(clock_, options.timer_thread) {}

void Engine::Impl::Shutdown() {
  shutting_down_.store(true);
  timers_.Stop();
  pool_.Stop();
  std::unordered_map<const Execution*, engine_internal::LiveExecution> gone;
  {
    std::lock_guard<std::mutex> lock(live_mu_);
    gone.swap(live_);
  }
  // Disarm every blocked Run first: a late task answer must find nothing
  // to wake once the Runs are freed.
  for (auto& [key, live] : gone) {
    std::lock_guard<std::mutex> lock(live.exec->controls_mu);
    for (auto& [ptr, control] : live.exec->controls) control->token.store(0);
  }
}

namespace {

bool ReadsContext(const std::string& definition) {
  return definition.find("$$") != std::string::npos ||
         definition.find("context") != std::string::npos;
}

}  // namespace

// The per-execution constants every Run of it reads.
void Engine::Impl::BuildFrame(ExecState* exec) {
  const ExecutionSpec& spec = exec->execution->spec();
  asl::ExecutionFrame& frame = exec->frame;
  frame.needs_context = ReadsContext(
      !spec.definition.empty() || !exec->machine ? spec.definition : exec->machine->definition);
  asl::ExecutionContextInfo info;
  info.state_machine_arn = spec.state_machine_arn;
  info.state_machine_name = spec.state_machine_name;
  // $$.StateMachine also names a Distributed Map's Map Runs; $$.Execution
  // is read only through the Context object, which the states then skip.
  frame.context_state_machine = asl::MakeStateMachineContext(info);
  if (frame.needs_context) {
    info.execution_arn = spec.arn;
    info.execution_name = spec.name;
    info.role_arn = spec.role_arn;
    info.input = exec->execution->input();
    info.start_ms = exec->start_ms;
    info.redrive_count = exec->execution->redrive_count();
    frame.context_execution = asl::MakeExecutionContext(info);
  }
  frame.caller.execution_arn = spec.arn;
  frame.caller.state_machine_name = spec.state_machine_name;
  frame.caller.region = spec.region;
  frame.caller.account = spec.account;
  frame.caller.test_case = spec.test_case;
  frame.env = &env_;
  frame.activities = &activity_directory_;
  if (exec->machine) frame.definition = &exec->machine->definition;
}

void Engine::Impl::ScheduleExecutionTimeout(const std::shared_ptr<ExecState>& exec) {
  exec->deadline_ms = *exec->machine->timeout_seconds * 1000;
  std::weak_ptr<Impl> self = weak_from_this();
  std::weak_ptr<ExecState> weak_exec = exec;
  exec->timeout_timer = timers_.Schedule(exec->start_mono + exec->deadline_ms, [self, weak_exec] {
    auto impl = self.lock();
    auto x = weak_exec.lock();
    if (impl && x) impl->TimeOutExecution(x.get());
  });
}

// The engine's state for one run of `execution` (its start, or a redrive:
// TimeoutSeconds counts from now either way).
std::shared_ptr<ExecState> Engine::Impl::NewExecState(const std::shared_ptr<Execution>& execution) {
  auto exec = std::make_shared<ExecState>(execution, this);
  const ExecutionSpec& spec = execution->spec();
  exec->machine = spec.machine;
  exec->start_mono = clock_->MonotonicMillis();
  exec->start_ms = spec.start_ms != 0 ? spec.start_ms : clock_->NowMillis();
  exec->quota = spec.type != "EXPRESS";
  exec->keep_history = exec->quota || options_.express_history;
  exec->observer = options_.observer;
  exec->wants_texts =
      exec->keep_history || (exec->observer != nullptr && exec->observer->WantsDetails(*execution));
  BuildFrame(exec.get());
  return exec;
}

// The top-level Run of `exec`, about to enter `state` with `input`.
std::unique_ptr<Run> Engine::Impl::NewTopRun(const std::shared_ptr<ExecState>& exec,
                                             const asl::State* state, Json input) {
  auto top = std::make_unique<Run>();
  top->exec = exec;
  top->scope = std::make_unique<asl::VariableScope>();
  top->rs.exec = &exec->frame;
  top->rs.program = &exec->machine->program;
  top->rs.scope = top->scope.get();
  top->next_state = state;
  top->next_input = std::move(input);
  return top;
}

void Engine::Impl::Start(std::shared_ptr<Execution> execution, bool after_answer) {
  std::shared_ptr<ExecState> exec = NewExecState(execution);
  const ExecutionSpec& spec = execution->spec();
  {
    std::lock_guard<std::mutex> lock(exec->mu);
    exec->last_event_id = engine_internal::RecordStarted(exec.get(), exec->start_ms);
  }
  const asl::State* first =
      exec->machine ? exec->machine->program.Find(exec->machine->program.start_at) : nullptr;
  if (first == nullptr) {
    Ending e;
    e.error = std::string(asl::kStatesRuntime);
    e.cause = "The state machine has no start state.";
    e.has_error = e.has_cause = true;
    EndExecution(exec.get(), e, exec->last_event_id);
    return;
  }
  std::unique_ptr<Run> top = NewTopRun(exec, first, execution->input());
  // Its input text is also the first state's (AWS records it as sent).
  if (!spec.input_text.empty()) top->next_input_text = Json(spec.input_text);
  Launch(exec, std::move(top), true, after_answer);
}

void Engine::Impl::Launch(const std::shared_ptr<ExecState>& exec, std::unique_ptr<Run> top,
                          bool allow_inline, bool after_answer) {
  const Execution* execution = exec->execution.get();
  RegisterControl(exec.get(), top->control);
  Run* run = top.get();
  // A Map Run's child runs the ItemProcessor, which has no TimeoutSeconds
  // of its own (the machine's bounds the parent).
  if (exec->machine->timeout_seconds && execution->spec().map_run_arn.empty()) {
    ScheduleExecutionTimeout(exec);
  }
  {
    std::lock_guard<std::mutex> lock(live_mu_);
    live_[execution] = engine_internal::LiveExecution{exec, std::move(top)};
  }
  // The first slice runs on the caller's thread: a short execution then
  // ends without two thread hand-offs (queue it, wake the waiter), which
  // cost more than its states. Not inside a Step (a task starting a nested
  // execution must not run it within its own: Submit queues it after the
  // running Run on the same thread), and not with a 0-thread pool, whose
  // queue tests drain by hand. After StartExecution's answer, the slice
  // still runs on this thread, as the client reads the answer (no hand-off
  // either).
  if (allow_inline && pool_.threads() > 0 && !InStep()) {
    if (!after_answer || !DeferStep(run)) Drive(run, false);
  } else {
    Submit(run);
  }
}

namespace {

// The final event of an execution: its type and details.
asl::EventType FinalEvent(const Ending& ending, Json* details) {
  if (ending.status == ExecutionStatus::kSucceeded) {
    // With its output's text, recorded compactly (EndExecution).
    if (!ending.output_text.is_string()) *details = ExecutionSucceededDetails(ending.output_text);
    return asl::EventType::kExecutionSucceeded;
  }
  *details = ErrorCauseDetails(ending.error, ending.has_error, ending.cause, ending.has_cause);
  switch (ending.status) {
    case ExecutionStatus::kAborted:
      return asl::EventType::kExecutionAborted;
    case ExecutionStatus::kTimedOut:
      return asl::EventType::kExecutionTimedOut;
    default:
      return asl::EventType::kExecutionFailed;
  }
}

}  // namespace

void Engine::Impl::EndExecution(ExecState* exec, const Ending& ending, int64_t previous_id) {
  Json details;
  const asl::EventType type = FinalEvent(ending, &details);
  const int64_t now = clock_->NowMillis();
  std::vector<std::shared_ptr<Execution>> children;  // of Map Runs cut short
  {
    std::lock_guard<std::mutex> lock(exec->mu);
    if (exec->ended) return;
    exec->ended = true;
    exec->ended_flag.store(true);
    if (exec->started_map_run.load()) {
      children = map_runs_->AbortRunning(exec->execution->spec().arn, now);
    }
    const int64_t prev = previous_id >= 0 ? previous_id : exec->last_event_id;
    exec->last_event_id =
        type == asl::EventType::kExecutionSucceeded && ending.output_text.is_string()
            ? engine_internal::RecordStateIo(exec, type, prev, now, nullptr, ending.output_text)
            : engine_internal::Record(exec, type, prev, now, details);
    exec->execution->history().ShrinkToFit();  // it is kept, and nothing follows this event
  }
  ExecutionEnd end;
  end.status = ending.status;
  end.stop_ms = now;
  if (ending.status == ExecutionStatus::kSucceeded) {
    end.output_text =
        ending.output_text.is_string() ? ending.output_text : Json(Dump(ending.output));
  }
  end.error = ending.error;
  end.cause = ending.cause;
  end.has_error = ending.has_error;
  end.has_cause = ending.has_cause;
  exec->execution->Finish(std::move(end));
  if (const uint64_t timer = exec->timeout_timer.load(); timer != 0) timers_.Cancel(timer);
  WakeBlocked(exec, nullptr);
  StopExecutions(children);  // AWS aborts a Map Run's children with their parent
}

void Engine::Impl::TimeOutExecution(ExecState* exec) {
  Ending e;
  e.status = ExecutionStatus::kTimedOut;
  EndExecution(exec, e, -1);
}

void Engine::Impl::Stop(const std::shared_ptr<Execution>& execution,
                        std::optional<std::string> error, std::optional<std::string> cause) {
  std::shared_ptr<ExecState> exec;
  {
    std::lock_guard<std::mutex> lock(live_mu_);
    auto it = live_.find(execution.get());
    if (it == live_.end()) return;
    exec = it->second.exec;
  }
  Ending e;
  e.status = ExecutionStatus::kAborted;
  e.has_error = error.has_value();
  e.has_cause = cause.has_value();
  e.error = error.value_or("");
  e.cause = cause.value_or("");
  EndExecution(exec.get(), e, -1);
}

size_t Engine::Impl::StopAll(const std::string& error, const std::string& cause, int64_t wait_ms) {
  // Real time, whatever the engine's clock: this bounds a shutdown.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  size_t stopped = 0;
  // A parent's task may start a child while its parent is stopped: stop
  // again until none runs or time is up. An execution leaves live_ once its
  // top-level Run has recorded its redrive point.
  for (;;) {
    std::vector<std::shared_ptr<ExecState>> running;
    {
      std::lock_guard<std::mutex> lock(live_mu_);
      for (const auto& [key, live] : live_) running.push_back(live.exec);
    }
    if (running.empty() || std::chrono::steady_clock::now() >= deadline) return stopped;
    for (const auto& exec : running) {
      if (exec->ended_flag.load()) continue;
      Ending e;
      e.status = ExecutionStatus::kAborted;
      e.error = error;
      e.cause = cause;
      e.has_error = e.has_cause = true;
      EndExecution(exec.get(), e, -1);
      ++stopped;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void Engine::Impl::Forget(ExecState* exec) {
  engine_internal::LiveExecution gone;
  {
    std::lock_guard<std::mutex> lock(live_mu_);
    auto it = live_.find(exec->execution.get());
    if (it == live_.end()) return;
    gone = std::move(it->second);
    live_.erase(it);
  }
  // `gone` frees the top-level Run here, outside the lock.
}

void Engine::Impl::RegisterControl(ExecState* exec, const std::shared_ptr<RunControl>& control) {
  std::lock_guard<std::mutex> lock(exec->controls_mu);
  exec->controls.emplace(control.get(), control);
}

void Engine::Impl::UnregisterControl(ExecState* exec, const RunControl* control) {
  std::lock_guard<std::mutex> lock(exec->controls_mu);
  exec->controls.erase(control);
}

void Engine::Impl::WakeBlocked(ExecState* exec, const engine_internal::Join* join) {
  std::vector<Run*> woken;
  {
    std::lock_guard<std::mutex> lock(exec->controls_mu);
    for (const auto& [key, c] : exec->controls) {
      if (join != nullptr &&
          std::find(c->ancestors.begin(), c->ancestors.end(), join) == c->ancestors.end()) {
        continue;
      }
      uint64_t token = c->token.load();
      if (token == 0 || !c->token.compare_exchange_strong(token, 0)) continue;
      c->outcome = asl::Outcome();
      woken.push_back(c->run);
    }
  }
  for (Run* run : woken) {
    run->resume = true;
    Submit(run);
  }
}

// ---------------------------------------------------------------- callbacks

namespace {

CallbackResult Error(const char* code, std::string message) {
  return CallbackResult{code, std::move(message)};
}

}  // namespace

CallbackResult Engine::Impl::SendTaskSuccess(const std::string& token, const std::string& output) {
  TaskTokens<RunControl>::Entry entry;
  if (!tokens_.Find(token, &entry)) return Error("InvalidToken", "Invalid token");
  if (entry.state == TokenState::kTimedOut) {
    return Error("TaskTimedOut", "Task Timed Out: '" + token + "'");
  }
  if (entry.state != TokenState::kWaiting || !entry.waiter) {
    return Error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }
  JsonParseResult parsed = ParseJson(output);
  if (!parsed.ok) return Error("InvalidOutput", "Invalid Output: '" + parsed.error.message + "'");
  asl::Outcome outcome;
  outcome.kind = asl::Outcome::Kind::kTask;
  outcome.ok = true;
  outcome.result = std::move(parsed.value);
  if (!TryWake(entry.waiter, entry.wake_token, std::move(outcome))) {
    return Error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }
  tokens_.Complete(token, TokenState::kCompleted);
  return {};
}

CallbackResult Engine::Impl::SendTaskFailure(const std::string& token,
                                             std::optional<std::string> error,
                                             std::optional<std::string> cause) {
  TaskTokens<RunControl>::Entry entry;
  if (!tokens_.Find(token, &entry)) return Error("InvalidToken", "Invalid token");
  if (entry.state == TokenState::kTimedOut) {
    return Error("TaskTimedOut", "Task Timed Out: '" + token + "'");
  }
  if (entry.state != TokenState::kWaiting || !entry.waiter) {
    return Error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }
  asl::Outcome outcome;
  outcome.kind = asl::Outcome::Kind::kTask;
  outcome.ok = false;
  outcome.error = AslError{error.value_or(""), cause.value_or("")};
  outcome.has_cause = cause.has_value();
  if (!TryWake(entry.waiter, entry.wake_token, std::move(outcome))) {
    return Error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }
  tokens_.Complete(token, TokenState::kCompleted);
  return {};
}

CallbackResult Engine::Impl::SendTaskHeartbeat(const std::string& token) {
  TaskTokens<RunControl>::Entry entry;
  if (!tokens_.Find(token, &entry)) return Error("InvalidToken", "Invalid token");
  if (entry.state == TokenState::kTimedOut) {
    return Error("TaskTimedOut", "Task Timed Out: '" + token + "'");
  }
  if (entry.state != TokenState::kWaiting || !entry.waiter) {
    return Error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }
  const std::shared_ptr<RunControl>& c = entry.waiter;
  std::lock_guard<std::mutex> lock(c->mu);
  if (c->heartbeat_timer != 0 && timers_.Cancel(c->heartbeat_timer)) {
    std::weak_ptr<Impl> self = weak_from_this();
    const uint64_t wake = entry.wake_token;
    std::shared_ptr<RunControl> control = c;
    c->heartbeat_timer =
        timers_.Schedule(clock_->MonotonicMillis() + c->heartbeat_ms, [self, control, wake] {
          auto impl = self.lock();
          if (!impl) return;
          impl->TryWake(
              control, wake,
              asl::Outcome::Task(asl::TaskOutcome::TimedOut(asl::kStatesHeartbeatTimeout)));
        });
  }
  return {};
}

size_t Engine::Impl::RunUntilIdle() {
  size_t total = 0;
  for (;;) {
    size_t n = pool_.RunPending();
    n += timers_.RunDue();
    if (n == 0) return total;
    total += n;
  }
}

// ---------------------------------------------------------------- Engine

Engine::Engine(EngineOptions options) : impl_(std::make_shared<Impl>(options)) {}

Engine::~Engine() { impl_->Shutdown(); }

void Engine::Start(std::shared_ptr<Execution> execution) {
  impl_->Start(std::move(execution), false);
}

void Engine::Start(std::shared_ptr<Execution> execution, FirstSlice first) {
  impl_->Start(std::move(execution), first == FirstSlice::kAfterAnswer);
}

void Engine::Redrive(std::shared_ptr<Execution> execution) { impl_->Redrive(std::move(execution)); }

void Engine::Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
                  std::optional<std::string> cause) {
  impl_->Stop(execution, std::move(error), std::move(cause));
}

size_t Engine::StopAll(const std::string& error, const std::string& cause, int64_t wait_ms) {
  return impl_->StopAll(error, cause, wait_ms);
}

CallbackResult Engine::SendTaskSuccess(const std::string& task_token, const std::string& output) {
  return impl_->SendTaskSuccess(task_token, output);
}

CallbackResult Engine::SendTaskFailure(const std::string& task_token,
                                       std::optional<std::string> error,
                                       std::optional<std::string> cause) {
  return impl_->SendTaskFailure(task_token, std::move(error), std::move(cause));
}

CallbackResult Engine::SendTaskHeartbeat(const std::string& task_token) {
  return impl_->SendTaskHeartbeat(task_token);
}

std::vector<WaitingTask> Engine::WaitingTasks() const { return impl_->tokens_.Waiting(); }

size_t Engine::RunUntilIdle() { return impl_->RunUntilIdle(); }

int64_t Engine::NextTimerDue() const { return impl_->NextTimerDue(); }

}  // namespace sfn::emulator
