// emulator/engine/engine_run.cc
//
// The run loop. A thread drives Runs (a worker, or the caller's thread for an
// execution's first slice): for each it lets the interpreter process states
// until one needs time (a timer, a task, children) or the slice ends, and
// turns each Transition into scheduling:
//   Next/Succeed/Fail -> keep going / end the Run
//   Wait              -> a timer (or nothing, when --wait-scale makes it 0)
//   Invoke            -> the TaskInvoker (engine_task.cc)
//   Fork              -> child Runs joined by counters (engine_fork.cc)
// A blocked Run is woken by whoever swaps its control token to 0 first
// (timer, task answer, callback, StopExecution), so it is never resumed twice.
// Runs made runnable while a thread drives stay on that thread (Driver
// below): a fork of Pass states runs its children one after the other with
// no hand-off; only a Run that waits leaves the thread, and is queued again
// by whoever wakes it.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "emulator/engine/deferred_work.h"
#include "emulator/engine/engine_impl.h"
#include "emulator/records/history_events.h"

namespace sfn::emulator {

using engine_internal::Ending;
using engine_internal::ExecState;
using engine_internal::Run;
using engine_internal::RunControl;

namespace {

// How many states a thread may process before it checks whether to hand
// its Runs to the pool: so that a long synchronous loop cannot starve other
// executions, and a caller's thread (StartExecution's) answers soon.
constexpr int kStepsPerSlice = 256;

// The Runs this thread drives for one engine. While a Drive() is under way,
// Runs made runnable on this thread (children of a fork, a parent whose
// last child ended, a sibling woken to stop, a nested execution started)
// wait here instead of going through the pool: the thread takes them one
// after the other, with no queue lock, no wake-up and no move to another
// core. An explicit queue, not recursion, so nesting depth costs no stack.
// Only with worker threads: a 0-thread pool keeps its one FIFO queue, whose
// order tests and virtual time rely on.
struct Driver {
  const Engine::Impl* engine = nullptr;
  std::vector<Run*> runs;  // FIFO: runs[next..] wait
  size_t next = 0;
  int steps = 0;         // states processed since the last slice check
  bool on_pool = false;  // a pool worker (else a caller's thread)
  bool yield = false;    // hand everything left to the pool
};

thread_local Driver* t_driver = nullptr;
// The queue's storage, kept between Drives: a Drive allocates nothing.
thread_local std::vector<Run*> t_spare_runs;

}  // namespace

void Engine::Impl::Submit(Run* run) {
  Driver* d = t_driver;
  if (d != nullptr && d->engine == this && pool_.threads() > 0) {
    d->runs.push_back(run);
    return;
  }
  std::weak_ptr<Impl> self = weak_from_this();
  pool_.Submit([self, run] {
    if (auto impl = self.lock()) impl->Drive(run, true);
  });
}

bool Engine::Impl::DeferStep(Run* run) {
  std::weak_ptr<Impl> self = weak_from_this();
  return DeferredWork::Defer([self, run] {
    if (auto impl = self.lock()) impl->Drive(run, false);
  });
}

void Engine::Impl::SubmitToPool(const std::vector<Run*>& runs, size_t from) {
  if (from >= runs.size()) return;
  std::weak_ptr<Impl> self = weak_from_this();
  std::vector<WorkerPool::Task> tasks;
  tasks.reserve(runs.size() - from);
  for (size_t i = from; i < runs.size(); ++i) {
    tasks.emplace_back([self, run = runs[i]] {
      if (auto impl = self.lock()) impl->Drive(run, true);
    });
  }
  pool_.SubmitAll(std::move(tasks));
}

void Engine::Impl::Drive(Run* first, bool on_pool) {
  Driver d;
  d.engine = this;
  d.on_pool = on_pool;
  d.runs.swap(t_spare_runs);  // empty; an outer Drive (another engine's) may hold it
  d.runs.push_back(first);
  Driver* outer = t_driver;
  t_driver = &d;
  while (d.next < d.runs.size() && !d.yield) {
    Step(d.runs[d.next++]);
    if (d.next == d.runs.size()) {
      d.runs.clear();
      d.next = 0;
    } else if (d.next >= 1024 && 2 * d.next >= d.runs.size()) {
      // A queue that never empties: drop the taken half.
      d.runs.erase(d.runs.begin(), d.runs.begin() + static_cast<std::ptrdiff_t>(d.next));
      d.next = 0;
    }
  }
  t_driver = outer;
  SubmitToPool(d.runs, d.next);  // a yield: the rest, in order, to the pool
  d.runs.clear();
  t_spare_runs.swap(d.runs);
}

// Counts one state against the thread's slice; at each slice's end decides
// whether the Run must yield (true), and shares waiting Runs with idle
// workers so that long forks still use every core.
bool Engine::Impl::SliceEnds() {
  Driver* d = t_driver;
  if (d->steps < kStepsPerSlice) {
    ++d->steps;
    return false;
  }
  d->steps = 1;
  // Yield only when other work waits (or this thread is a caller's that
  // must return): requeueing costs a wake-up and often a move to the
  // other core.
  if (!d->on_pool || pool_.threads() == 0 || shutting_down_.load() || pool_.queued() > 0) {
    d->yield = true;
    return true;
  }
  if (d->next < d->runs.size() && pool_.idle() > 0) {
    SubmitToPool(d->runs, d->next);
    d->runs.clear();
    d->next = 0;
  }
  return false;
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
  while (!SliceEnds()) {
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
  Submit(run);  // after the Runs already waiting; Drive hands them over
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
