// emulator/engine/engine_run.cc
//
// The run loop. A worker takes a Run, lets the interpreter process states
// until one needs time (a timer, a task, children) or the slice ends, and
// turns each Transition into scheduling:
//   Next/Succeed/Fail -> keep going / end the Run
//   Wait              -> a timer (or nothing, when --wait-scale makes it 0)
//   Invoke            -> the TaskInvoker (engine_task.cc)
//   Fork              -> child Runs joined by counters (engine_fork.cc)
// A blocked Run is woken by whoever swaps its control token to 0 first
// (timer, task answer, callback, StopExecution), so it is never resumed twice.
#include <algorithm>

#include "emulator/engine/deferred_work.h"
#include "emulator/engine/engine_impl.h"
#include "emulator/records/history_events.h"

namespace sfn::emulator {

using engine_internal::Ending;
using engine_internal::ExecState;
using engine_internal::Run;
using engine_internal::RunControl;

namespace {

// How many states a Run may process before it yields its worker (if other
// work is queued), so that a long synchronous loop cannot starve other
// executions.
constexpr int kStepsPerSlice = 256;

}  // namespace

namespace {

// True while a pool worker runs a Step (false for a Start's first slice on
// the caller's thread, which must hand the Run over after one slice).
thread_local bool t_on_pool = false;

}  // namespace

void Engine::Impl::Submit(Run* run) {
  std::weak_ptr<Impl> self = weak_from_this();
  pool_.Submit([self, run] {
    if (auto impl = self.lock()) {
      t_on_pool = true;
      impl->Step(run);
      t_on_pool = false;
    }
  });
}

bool Engine::Impl::DeferStep(Run* run) {
  std::weak_ptr<Impl> self = weak_from_this();
  return DeferredWork::Defer([self, run] {
    if (auto impl = self.lock()) impl->Step(run);
  });
}

asl::EventSink* Engine::Impl::SinkOf(Run* run) {
  return &run->exec->sink;
}

bool Engine::Impl::ShouldStop(const Run& run) const {
  if (run.exec->ended_flag.load(std::memory_order_acquire)) return true;
  for (const engine_internal::Join* j : run.control->ancestors) {
    if (j->cancelled.load(std::memory_order_acquire)) return true;
  }
  return false;
}

uint64_t Engine::Impl::Block(Run* run) {
  RunControl& c = *run->control;
  const uint64_t token = c.next_token++;
  run->blocked = true;
  c.run = run;
  c.token.store(token, std::memory_order_release);
  return token;
}

namespace {

// The control whose task is being handed to the invoker on this thread. An
// invoker that answers before Invoke() returns (static answers, mocked
// responses) lets the Run continue on this worker instead of being queued.
thread_local const RunControl* t_inline_control = nullptr;
thread_local bool t_answered_inline = false;

}  // namespace

bool Engine::Impl::TryWake(const std::shared_ptr<RunControl>& control, uint64_t token,
                           asl::Outcome outcome) {
  uint64_t expected = token;
  if (token == 0 || !control->token.compare_exchange_strong(expected, 0)) return false;
  control->outcome = std::move(outcome);
  Run* run = control->run;
  run->resume = true;
  if (t_inline_control == control.get()) {
    t_answered_inline = true;
    return true;
  }
  Submit(run);
  return true;
}

void Engine::Impl::BeginInlineInvoke(const RunControl* control) {
  t_inline_control = control;
  t_answered_inline = false;
}

bool Engine::Impl::EndInlineInvoke() {
  t_inline_control = nullptr;
  const bool answered = t_answered_inline;
  t_answered_inline = false;
  return answered;
}

void Engine::Impl::Release(Run* run) {
  run->blocked = false;
  RunControl& c = *run->control;
  std::string token;
  {
    std::lock_guard<std::mutex> lock(c.mu);
    for (uint64_t* id : {&c.timer_id, &c.timeout_timer, &c.heartbeat_timer}) {
      if (*id != 0) timers_.Cancel(*id);
      *id = 0;
    }
    if (c.handle) c.handle->Cancel();
    c.handle.reset();
    token.swap(c.task_token);
    if (c.activity_started_id != 0) run->rs.cursor = c.activity_started_id;
    c.activity_started_id = 0;
  }
  if (!token.empty()) {
    const bool timed_out = c.outcome.timed_out;
    tokens_.Complete(token, timed_out ? TokenState::kTimedOut : TokenState::kCompleted);
  }
}

namespace {

thread_local int t_step_depth = 0;

// Marks the thread as inside Step() for its lifetime.
class StepScope {
 public:
  StepScope() { ++t_step_depth; }
  ~StepScope() { --t_step_depth; }
  StepScope(const StepScope&) = delete;
  StepScope& operator=(const StepScope&) = delete;
};

}  // namespace

bool Engine::Impl::InStep() { return t_step_depth > 0; }

void Engine::Impl::Step(Run* run) {
  StepScope in_step;
  // The Run (and its execution) may be freed as soon as it finishes.
  std::shared_ptr<ExecState> keep = run->exec;
  if (run->blocked) Release(run);
  if (run->child_join && run->resume) {
    for (const auto& child : run->child_join->children) {
      UnregisterControl(keep.get(), child->control.get());
    }
    run->child_join.reset();
  }
  for (int i = 0;; ++i) {
    if (i == kStepsPerSlice) {
      // Yield only when other work waits: requeueing costs a wake-up and
      // often a move to the other core.
      if (!t_on_pool || pool_.threads() == 0 || shutting_down_.load() || pool_.queued() > 0) {
        break;
      }
      i = 0;
    }
    if (ShouldStop(*run)) {
      if (run->join == nullptr) {
        Ending dropped;
        dropped.status = ExecutionStatus::kRunning;  // already ended elsewhere
        FinishExecutionRun(run, dropped);            // frees `run`
      } else {
        FinishChild(run, false, true, nullptr);
      }
      return;
    }
    asl::EventSink* sink = SinkOf(run);
    const int64_t now = clock_->NowMillis();
    asl::Transition t;
    if (run->resume) {
      run->resume = false;
      t = asl::Interpreter::Resume(&run->rs, run->control->outcome, sink, now);
    } else {
      run->joined_state = nullptr;  // a new state: no fork of it joined yet
      t = asl::Interpreter::Enter(*run->next_state, std::move(run->next_input),
                                  std::move(run->next_input_text), &run->rs, sink, now);
    }
    if (!Apply(run, std::move(t))) return;
  }
  Submit(run);
}

bool Engine::Impl::Apply(Run* run, asl::Transition t) {
  using Kind = asl::Transition::Kind;
  switch (t.kind) {
    case Kind::kNext:
      run->next_state = t.next;
      run->next_input = std::move(t.output);
      run->next_input_text = std::move(t.output_text);
      return true;
    case Kind::kSucceed:
    case Kind::kFail:
      if (run->join != nullptr) return FinishChild(run, t.kind == Kind::kSucceed, false, &t);
      {
        Ending e;
        e.status =
            t.kind == Kind::kSucceed ? ExecutionStatus::kSucceeded : ExecutionStatus::kFailed;
        e.output = std::move(t.output);
        e.output_text = std::move(t.output_text);
        e.error = std::move(t.error.error);
        e.cause = std::move(t.error.cause);
        // A succeeded execution has no error or cause (DescribeExecution omits them).
        e.has_error = t.kind == Kind::kFail && t.has_error;
        e.has_cause = t.kind == Kind::kFail && t.has_cause;
        FinishExecutionRun(run, e);  // frees `run`
      }
      return false;
    case Kind::kWait:
      return ScheduleWait(run, t);
    case Kind::kInvoke:
      return StartTask(run, asl::CallToInvoke(t, run->rs));
    case Kind::kFork:
      return StartFork(run, std::move(t.fork));
  }
  return false;
}

// Ends the execution from its top-level Run (ending.status kRunning: the
// execution already ended elsewhere and the Run is just being dropped).
// Frees the Run: the caller must not touch it afterwards.
void Engine::Impl::FinishExecutionRun(Run* run, const Ending& ending) {
  ExecState* exec = run->exec.get();
  if (ending.status != ExecutionStatus::kSucceeded) KeepRedrivePoint(run);
  if (ending.status != ExecutionStatus::kRunning) {
    Ending e = ending;
    if (e.status == ExecutionStatus::kSucceeded && !e.output_text.is_string()) {
      e.output_text = Json(Dump(e.output));
    }
    EndExecution(exec, e, run->rs.cursor);
  }
  UnregisterControl(exec, run->control.get());
  Forget(exec);
}

bool Engine::Impl::ScheduleWait(Run* run, const asl::Transition& t) {
  ExecState* exec = run->exec.get();
  const int64_t now = clock_->MonotonicMillis();
  const int64_t d = std::max<int64_t>(0, t.wait_ms);
  if (exec->deadline_ms >= 0) {
    // In the execution's virtual time, would this wait outlast its
    // TimeoutSeconds? Then the timeout comes first, whatever the scale.
    const int64_t vnow = (now - exec->start_mono) + run->skipped_ms;
    if (vnow + d > exec->deadline_ms) {
      const int64_t delay =
          ScaleDuration(std::max<int64_t>(0, exec->deadline_ms - vnow), options_.wait_scale);
      Block(run);
      std::weak_ptr<Impl> self = weak_from_this();
      std::weak_ptr<ExecState> weak_exec = run->exec;
      timers_.Schedule(now + delay, [self, weak_exec] {
        auto impl = self.lock();
        auto x = weak_exec.lock();
        if (impl && x) impl->TimeOutExecution(x.get());
      });
      return false;
    }
  }
  const int64_t scaled = ScaleDuration(d, options_.wait_scale);
  run->skipped_ms += d - scaled;
  asl::Outcome timer;
  timer.kind = asl::Outcome::Kind::kTimer;
  if (scaled == 0) {
    run->control->outcome = timer;
    run->resume = true;
    return true;
  }
  std::shared_ptr<RunControl> control = run->control;
  const uint64_t token = Block(run);
  std::weak_ptr<Impl> self = weak_from_this();
  const uint64_t id = timers_.Schedule(now + scaled, [self, control, token, timer] {
    if (auto impl = self.lock()) impl->TryWake(control, token, timer);
  });
  std::lock_guard<std::mutex> lock(control->mu);
  if (control->token.load() == token) control->timer_id = id;
  return false;
}

}  // namespace sfn::emulator
