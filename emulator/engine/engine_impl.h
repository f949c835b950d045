// emulator/engine/engine_impl.h
//
// The engine's internal records (not used outside emulator/engine*.cc):
//  - ExecState: one running execution: its Execution record, the shared
//    ExecutionFrame, the history sink, the virtual clock for --wait-scale,
//    and every Run's control block (so StopExecution can wake them).
//  - Run: one thread of control: the execution itself, a Parallel branch or
//    a Map lane (a lane runs its iterations one after the other). A Run is
//    in exactly one place at a time (the pool's run queue, the queue of the
//    thread driving it, a timer, a task, or parked on a Join), so the thread
//    that holds it needs no lock to touch it.
//  - RunControl: the part of a Run that other threads may touch while it is
//    blocked: whoever swaps `token` from non-zero to 0 owns the Run and must
//    queue it (timer firing, task answer, StopExecution).
//  - Join: a Parallel/Map fork: results, counters, lane cursors. Guarded
//    by its mutex; owned by the parent Run while the parent is parked.
#ifndef SFN_EMULATOR_ENGINE_ENGINE_IMPL_H_
#define SFN_EMULATOR_ENGINE_ENGINE_IMPL_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/definition/definition.h"
#include "asl/interpreter/interpreter.h"
#include "asl/interpreter/variables.h"
#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"
#include "emulator/engine/task_tokens.h"
#include "emulator/engine/timer_queue.h"
#include "emulator/engine/worker_pool.h"
#include "emulator/records/execution.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator::engine_internal {

struct ExecState;
struct Join;
struct Run;

struct RunControl {
  std::atomic<uint64_t> token{0};  // non-zero while the Run is blocked
  // The Joins this Run reports to, innermost first; set before the Run is
  // first queued and never changed, so cancellers may read it unlocked.
  std::vector<const Join*> ancestors;
  Run* run = nullptr;  // valid while token != 0
  std::mutex mu;       // guards the fields below
  std::unique_ptr<mocks::TaskHandle> handle;
  uint64_t timer_id = 0;       // Wait / back-off timer
  uint64_t timeout_timer = 0;  // task TimeoutSeconds
  uint64_t heartbeat_timer = 0;
  int64_t heartbeat_ms = 0;
  std::string task_token;   // the callback token in flight ("" : none)
  // The id of an event recorded while the task waits: ActivityStarted once
  // a worker took the activity task, TaskSubmitted once a job (.sync) was
  // submitted (0: none); the interpreter's cursor moves there when the Run
  // resumes.
  int64_t activity_started_id = 0;
  asl::Outcome outcome;     // set by the waker before it queues the Run
  uint64_t next_token = 1;  // only the Run's owner touches this
};

struct Run {
  std::shared_ptr<ExecState> exec;
  asl::RunState rs;
  std::unique_ptr<asl::VariableScope> scope;
  std::shared_ptr<RunControl> control = std::make_shared<RunControl>();
  // What the next step does.
  bool resume = false;
  const asl::State* next_state = nullptr;
  Json next_input;
  Json next_input_text;
  // Virtual time (unscaled ms) skipped by scaled Waits in this Run's line.
  int64_t skipped_ms = 0;
  // Fork bookkeeping.
  Run* parent = nullptr;
  Join* join = nullptr;              // the Join this Run reports to (children)
  size_t slot = 0;                   // Parallel: branch index; Map: lane index
  int64_t item_index = -1;           // Map: current item
  Json map_item;                     // Map: {"Index","Value"}
  bool blocked = false;              // was parked on a timer/task: release before stepping
  std::unique_ptr<Join> child_join;  // while parked on a fork
  // The last fork this Run joined: its state, each child's output when it
  // succeeded, its Map Run. Kept for a redrive of that state (redrive.cc).
  const asl::State* joined_state = nullptr;
  std::vector<std::optional<Json>> joined_results;
  std::string joined_map_run;
  // A redriven Run's first fork reuses these (RedrivePoint::fork_results).
  std::vector<std::optional<Json>> redrive_results;
  bool redrive_fork = false;
};

struct Lane {
  int64_t cursor = 0;          // previousEventId where its next iteration starts
  int64_t last_published = 0;  // its last MapIteration* event
  int64_t final_cursor = 0;    // what it contributes to the joined cursor
};

struct Join {
  Run* parent = nullptr;
  asl::ForkSpec spec;
  std::string state_name;
  std::atomic<bool> cancelled{false};  // a sibling failed: stop the others
  std::mutex mu;                       // guards the fields below
  std::vector<std::unique_ptr<Run>> children;
  std::vector<Json> results;
  std::vector<bool> succeeded;  // per result: that child succeeded
  std::vector<Lane> lanes;
  size_t running = 0;
  size_t failures = 0;
  bool failed = false;
  AslError error;
  bool has_cause = true;
  int64_t cursor = 0;      // joined cursor (max over children / lanes)
  int64_t skipped_ms = 0;  // max virtual time skipped by the children
  // Map: the items still to start (all of them, or on a redrive the
  // unsuccessful ones); Distributed Map: whether the parent was handed the
  // joined outcome, and whether this redrives an earlier Map Run.
  std::vector<size_t> todo;
  size_t todo_next = 0;
  bool resumed = false;
  bool redriven = false;
};

// The history sink of one execution: appends under ExecState::mu so that
// nothing is recorded after the execution's last event.
class ExecSink : public asl::EventSink {
 public:
  ExecSink(ExecState* exec, Engine::Impl* engine) : exec_(exec), engine_(engine) {}
  int64_t Emit(asl::EventType type, Json details, int64_t previous_id) override;
  int64_t EmitStateIo(asl::EventType type, const std::string& state_name, const Json& text,
                      int64_t previous_id) override;
  bool WantsTexts() const override;

 private:
  // Records one event with `record(now)` unless the execution has ended or
  // reached its history quota (which ends it).
  template <typename RecordFn>
  int64_t Guarded(int64_t previous_id, RecordFn record);

  ExecState* exec_;
  Engine::Impl* engine_;
};

// Appends an event to the execution's history (or only counts it, for
// EXPRESS) and returns its id. Call with ExecState::mu held.
int64_t Record(ExecState* exec, asl::EventType type, int64_t previous_id, int64_t timestamp_ms,
               Json details);
// The same for the ExecutionStarted event, whose input text the history
// borrows from the execution's spec.
int64_t RecordStarted(ExecState* exec, int64_t timestamp_ms);
// The same for an event carrying only a state's name (null: none) and its
// input or output JSON text, a Json string (History::AppendStateIo).
int64_t RecordStateIo(ExecState* exec, asl::EventType type, int64_t previous_id,
                      int64_t timestamp_ms, const std::string* state_name, const Json& text);

// Randomness, UUIDs and time for expressions ($random, States.UUID, $now).
// Unseeded, each thread draws from its own generator (no lock on the hot
// path); seeded, one generator behind a mutex gives repeatable values.
class EngineEnvironment : public asl::Environment {
 public:
  EngineEnvironment(const Clock* clock, std::optional<uint64_t> seed)
      : clock_(clock), seeded_(seed.has_value()), rng_(seed.value_or(0)) {}
  double NextRandom() override;
  std::string NewUuid() override;
  int64_t NowMillis() override { return clock_->NowMillis(); }

 private:
  const Clock* clock_;
  const bool seeded_;
  std::mutex mu_;
  std::mt19937_64 rng_;  // guarded by mu_; used only when seeded_
};

// Answers the interpreter's question about activities from the registry
// (borrowed; outlives the engine).
class RegistryActivities : public asl::ActivityDirectory {
 public:
  explicit RegistryActivities(const Activities* activities) : activities_(activities) {}
  bool ActivityExists(std::string_view arn) const override {
    return activities_->Describe(std::string(arn)).has_value();
  }

 private:
  const Activities* activities_;
};

struct ExecState {
  ExecState(std::shared_ptr<Execution> e, Engine::Impl* engine)
      : execution(std::move(e)), sink(this, engine) {}
  std::shared_ptr<Execution> execution;
  std::shared_ptr<const asl::StateMachine> machine;
  asl::ExecutionFrame frame;
  ExecSink sink;
  std::mutex mu;  // guards `ended`, `last_event_id` and history order
  bool ended = false;
  int64_t last_event_id = 0;
  std::atomic<bool> ended_flag{false};  // mirrors `ended` for lock-free checks
  std::mutex controls_mu;               // guards `controls`
  std::unordered_map<const RunControl*, std::shared_ptr<RunControl>> controls;
  int64_t start_mono = 0;
  int64_t start_ms = 0;      // wall clock, as ExecutionStarted records it
  bool quota = true;         // enforce the 25,000-event history quota
  ExecutionObserver* observer = nullptr;  // EngineOptions::observer
  // EXPRESS executions keep no history (AWS keeps none, and no API reads
  // it) unless EngineOptions::express_history: their events only take an
  // id. Guarded by `mu`.
  bool keep_history = true;
  // Someone reads the texts of state events: the history keeps them, or
  // the observer wants details. Set once at the start.
  bool wants_texts = true;
  int64_t uncounted_events = 0;
  int64_t deadline_ms = -1;  // TimeoutSeconds in ms (virtual time); -1: none
  std::atomic<uint64_t> timeout_timer{0};
  // Set when a Distributed Map started a Map Run: only then does the end
  // of the execution have Map Runs to abort.
  std::atomic<bool> started_map_run{false};
};

// A running execution as the engine's table holds it. The top-level Run is
// owned here (not by ExecState, which every Run points to) so that ending
// the execution frees both.
struct LiveExecution {
  std::shared_ptr<ExecState> exec;
  std::unique_ptr<Run> top;
};

// The ExecutionEnd and final event that the engine records.
struct Ending {
  ExecutionStatus status = ExecutionStatus::kFailed;
  Json output;
  Json output_text;
  std::string error;
  std::string cause;
  bool has_error = false;
  bool has_cause = false;
};

}  // namespace sfn::emulator::engine_internal

namespace sfn::emulator {

// The engine proper; Engine forwards to it. Callbacks from timers and task
// invokers hold a weak_ptr to it, so they become no-ops once it is gone.
class Engine::Impl : public std::enable_shared_from_this<Engine::Impl> {
 public:
  using ExecState = engine_internal::ExecState;
  using Run = engine_internal::Run;
  using RunControl = engine_internal::RunControl;
  using Join = engine_internal::Join;

  explicit Impl(EngineOptions options);
  void Shutdown();

  // `after_answer`: Engine::FirstSlice::kAfterAnswer.
  void Start(std::shared_ptr<Execution> execution, bool after_answer);
  void Redrive(std::shared_ptr<Execution> execution, bool allow_inline = true);
  std::shared_ptr<ExecState> NewExecState(const std::shared_ptr<Execution>& execution);
  std::unique_ptr<Run> NewTopRun(const std::shared_ptr<ExecState>& exec, const asl::State* state,
                                 Json input);
  // Runs the top-level Run of a new or redriven execution: its first
  // slice on this thread where allowed (and `allow_inline`), else on the
  // workers; with `after_answer`, in this thread's DeferredWork scope
  // where it has one.
  void Launch(const std::shared_ptr<ExecState>& exec, std::unique_ptr<Run> top,
              bool allow_inline = true, bool after_answer = false);
  // Where a redrive of the top-level `run` goes on (engine_redrive.cc).
  void KeepRedrivePoint(Run* run);
  void BuildFrame(ExecState* exec);
  void ScheduleExecutionTimeout(const std::shared_ptr<ExecState>& exec);
  void Stop(const std::shared_ptr<Execution>& execution, std::optional<std::string> error,
            std::optional<std::string> cause);
  size_t StopAll(const std::string& error, const std::string& cause, int64_t wait_ms);
  CallbackResult SendTaskSuccess(const std::string& token, const std::string& output);
  CallbackResult SendTaskFailure(const std::string& token, std::optional<std::string> error,
                                 std::optional<std::string> cause);
  CallbackResult SendTaskHeartbeat(const std::string& token);
  size_t RunUntilIdle();
  int64_t NextTimerDue() { return timers_.NextDeadline(); }

  // ---- used by the engine_*.cc files
  // Makes `run` runnable: on this thread's queue while it drives this
  // engine's Runs (and the pool has threads), else on the pool.
  void Submit(Run* run);
  // Puts Drive(run) in this thread's DeferredWork scope; false if it has none.
  bool DeferStep(Run* run);
  // Runs `first` and every Run made runnable meanwhile on this thread,
  // until none is left or the slice says to hand the rest to the pool.
  void Drive(Run* first, bool on_pool);
  void SubmitToPool(const std::vector<Run*>& runs, size_t from);
  bool SliceEnds();
  // Processes `run`'s states until it waits, ends or yields. Only inside
  // Drive().
  void Step(Run* run);
  // True on a thread that is inside Step() (of any engine).
  static bool InStep();
  // Queues the blocked Run if `token` is still its current block; true if so.
  bool TryWake(const std::shared_ptr<RunControl>& control, uint64_t token, asl::Outcome outcome);
  // While a task is handed to the invoker: an answer given before Invoke()
  // returns is kept for this thread (EndInlineInvoke() says whether one
  // came) instead of queueing the Run.
  void BeginInlineInvoke(const RunControl* control);
  bool EndInlineInvoke();
  // Marks `run` blocked and returns the token wakers must present.
  uint64_t Block(Run* run);
  // Cancels whatever the Run was blocked on (timers, task handle, token).
  void Release(Run* run);
  // Wakes every blocked Run of `exec` (under `join` only, when given).
  void WakeBlocked(ExecState* exec, const Join* join);
  // Records the final event and the end of the execution, once.
  void EndExecution(ExecState* exec, const engine_internal::Ending& ending, int64_t previous_id);
  void FinishExecutionRun(Run* run, const engine_internal::Ending& ending);
  void TimeOutExecution(ExecState* exec);
  bool ShouldStop(const Run& run) const;
  void RegisterControl(ExecState* exec, const std::shared_ptr<RunControl>& control);
  void UnregisterControl(ExecState* exec, const RunControl* control);
  // Drops the execution from the table; this frees its top-level Run.
  void Forget(ExecState* exec);
  // Steps of the run loop.
  bool Apply(Run* run, asl::Transition t);
  bool ScheduleWait(Run* run, const asl::Transition& t);
  bool StartTask(Run* run, const asl::TaskCall& call);
  // Queues an activity task for GetActivityTask workers (engine_activity.cc).
  bool StartActivityTask(Run* run, const asl::TaskCall& call);
  // How a callback or activity task is listed while it waits (WaitingTasks).
  WaitingTask DescribeWaiting(const Run& run, const asl::TaskCall& call) const;
  void ArmTaskTimers(const std::shared_ptr<RunControl>& control, uint64_t token,
                     const asl::TaskCall& call);
  bool StartFork(Run* run, asl::ForkSpec spec);
  void AddBranches(Run* run, Join* join, std::vector<Run*>* start);
  void AddLanes(Run* run, Join* join, std::vector<Run*>* start);
  bool FinishChild(Run* run, bool ok, bool aborted, const asl::Transition* t);
  int64_t EmitChildEnd(Run* run, bool ok, bool aborted);
  void ResumeParent(Join* join);
  void StartMapRun(const Run& run, const asl::ForkSpec& spec);
  // Distributed Map children (engine_map_run.cc).
  bool StartDistributed(Run* run, std::unique_ptr<Join> join);
  void LaunchPending(Join* join);
  void LaunchMapChild(Join* join, size_t index);
  void MapChildEnded(Join* join, size_t index, const Execution* child);
  // How each of a Map Run's children ended, in item order (what a
  // ResultWriter writes into SUCCEEDED_n / FAILED_n / PENDING_n).
  std::vector<asl::ChildRun> MapRunChildren(const std::string& map_run_arn) const;
  void StopExecutions(const std::vector<std::shared_ptr<Execution>>& executions);
  bool RedriveMapChild(Join* join, size_t index);
  void WatchMapChild(Join* join, size_t index, Execution* child);
  // Redrive of forks (engine_redrive.cc): what a joined fork leaves for a
  // redrive, and what a redriven fork reuses.
  void KeepJoined(Join* join);
  bool ApplyRedrive(Run* run, Join* join);
  bool ResumeAtOnce(Run* run, Json result);
  void StartIteration(Join* join, Run* lane, size_t item);
  std::unique_ptr<Run> NewChild(Run* parent, Join* join, const asl::Program* program);
  asl::EventSink* SinkOf(Run* run);

  EngineOptions options_;
  // Set first thing in Shutdown(): a Run that keeps its worker past a slice
  // must give it back so that the pool can stop.
  std::atomic<bool> shutting_down_{false};
  const Clock* clock_;
  Activities* activities_;
  MapRuns* map_runs_;
  engine_internal::EngineEnvironment env_;
  engine_internal::RegistryActivities activity_directory_;
  WorkerPool pool_;
  TimerQueue timers_;
  TaskTokens<RunControl> tokens_;
  std::mutex live_mu_;
  std::unordered_map<const Execution*, engine_internal::LiveExecution>
      live_;  // guarded by live_mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_ENGINE_IMPL_H_
