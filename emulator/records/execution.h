// emulator/records/execution.h
//
// One execution's record: what it was started with (constant after
// construction), its status and result (set once, by the engine, when it
// ends), and its History. API threads read it while engine workers write
// it; every mutable field is guarded by mu_, and WaitUntilDone() lets
// StartSyncExecution block until the end.
#ifndef SFN_EMULATOR_RECORDS_EXECUTION_H_
#define SFN_EMULATOR_RECORDS_EXECUTION_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "emulator/records/history.h"

namespace sfn::asl {
struct StateMachine;  // asl/definition.h
struct State;
struct Program;
}

namespace sfn::emulator {

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted };
const char* ExecutionStatusName(ExecutionStatus status);  // "RUNNING", ...

// Everything an execution is started with. Its input is kept as text only:
// the parsed value is the Execution's (Execution::input()).
struct ExecutionSpec {
  std::string arn;
  std::string name;
  std::string state_machine_arn;   // unqualified
  std::string state_machine_name;
  std::string version_arn;         // when started through a version ("" otherwise)
  std::string alias_arn;           // when started through an alias
  std::string type = "STANDARD";   // STANDARD | EXPRESS
  std::string role_arn;
  std::string region;
  std::string account;
  std::string definition;          // the definition text, only when `machine` is null
                                   // (a machine keeps its own text)
  std::shared_ptr<const asl::StateMachine> machine;
  std::string input_text;          // as sent (AWS echoes it verbatim); "" reads as {}
  std::string test_case;           // Step Functions Local mock test case
  std::string trace_header;
  int64_t start_ms = 0;
  // The state machine's loggingConfiguration when the execution started
  // (null: logging off); what emulator/records/execution_log.h writes.
  Json logging_configuration;
  std::string map_run_arn;         // a Distributed Map's child execution: its Map Run
};

// How an execution ended.
struct ExecutionEnd {
  ExecutionStatus status = ExecutionStatus::kRunning;
  int64_t stop_ms = 0;
  // SUCCEEDED: the output's JSON text, a Json string (null otherwise). Kept
  // as text: that is what DescribeExecution answers, and a retained
  // execution's value tree would cost more.
  Json output_text;
  std::string error;               // FAILED / TIMED_OUT / ABORTED
  std::string cause;
  bool has_error = false;          // AWS omits error/cause when none were given
  bool has_cause = false;
  // The output value, parsed from output_text; none unless SUCCEEDED.
  std::optional<Json> output() const;
};

// Where a redrive resumes an execution that did not succeed: the top-level
// state it stopped in (or was about to enter), that state's input, and the
// variables in scope at the time.
struct RedrivePoint {
  const asl::State* state = nullptr;  // owned by ExecutionSpec::machine
  // The program `state` belongs to: the machine's own, or for a Map Run's
  // child the Map's ItemProcessor (owned by ExecutionSpec::machine too).
  const asl::Program* program = nullptr;
  Json input;
  std::vector<std::pair<std::string, Json>> variables;
  // When `state` is a Parallel or Map that ran its children before it
  // failed or stopped: each child's output, for those that succeeded (a
  // redrive reruns only the others); and a Distributed Map's Map Run.
  std::vector<std::optional<Json>> fork_results;
  std::string map_run_arn;
};

class Execution {
 public:
  // `input` is spec.input_text parsed, when the caller has it; without it
  // the text is parsed when first needed.
  explicit Execution(ExecutionSpec spec) : spec_(std::move(spec)) {}
  Execution(ExecutionSpec spec, Json input) : spec_(std::move(spec)), input_(std::move(input)) {}
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;

  const ExecutionSpec& spec() const { return spec_; }
  // The input value. Kept while the execution runs; once it has ended only
  // its text is (a retained execution is mostly read as text), and the
  // value is parsed again for whoever asks (a redrive, the state file).
  Json input() const;
  History& history() { return history_; }
  const History& history() const { return history_; }

  // A snapshot of the outcome so far (status kRunning while running).
  ExecutionEnd end() const;
  bool running() const;
  // Records the end once; later calls are ignored and return false.
  bool Finish(ExecutionEnd end);
  // Blocks until Finish() has been called or `timeout_ms` passes; true if done.
  bool WaitUntilDone(int64_t timeout_ms) const;
  // Runs `callback` once the execution has ended: at once on this thread
  // when it already has, else on the thread that calls Finish() (after the
  // end is recorded, with no lock held). Lets a parent task wait for a
  // child execution without holding a thread.
  void OnFinish(std::function<void()> callback);
  // Runs `listener` after every end (a redriven execution ends again), on
  // the thread that calls Finish(), with no lock held. The Store uses it to
  // learn the order in which executions close. Set once, before the
  // execution runs.
  void SetEndListener(std::function<void(const Execution&)> listener);

  // Set by the engine when the top-level run ends without success (which
  // may be a moment after Finish() for a stopped execution).
  void SetRedrivePoint(RedrivePoint point);
  // The engine takes the point when it redrives.
  std::optional<RedrivePoint> TakeRedrivePoint();
  // A copy of the recorded point, if any (the state file saves it).
  std::optional<RedrivePoint> redrive_point() const;
  // Sets the end and redrive record of an execution read back from the
  // state file, before anyone else can see the execution: no listener or
  // callback runs.
  void Restore(ExecutionEnd end, int64_t redrive_count, int64_t redrive_ms,
               std::optional<RedrivePoint> point);
  // RedriveExecution: back to RUNNING, once more redriven, when the
  // execution ended FAILED, TIMED_OUT or ABORTED; kNotReady while its
  // redrive point is not recorded yet.
  enum class RedriveStart { kStarted, kNotRedrivable, kNotReady };
  RedriveStart BeginRedrive(int64_t now_ms);
  int64_t redrive_count() const;
  int64_t redrive_ms() const;  // 0: never redriven

  // An answer rendered from the ended execution (DescribeExecution's),
  // kept from the second time it is asked for: most executions are
  // described once, and keeping every answer would cost memory for
  // nothing. A redrive drops it.
  struct KeptAnswer {
    std::shared_ptr<const std::string> text;  // null: render it
    bool keep = false;  // render it and hand it to KeepAnswer(generation)
    int64_t generation = 0;
  };
  KeptAnswer FindAnswer() const;
  // Keeps `text` unless the execution was redriven (or runs) since the
  // FindAnswer() that gave `generation`.
  void KeepAnswer(int64_t generation, std::shared_ptr<const std::string> text);

  // Set by StopExecution; workers check it at every step.
  std::atomic<bool> stop_requested{false};

 private:
  const ExecutionSpec spec_;
  History history_;
  mutable std::mutex mu_;
  mutable std::optional<Json> input_;  // guarded by mu_; while running
  mutable std::condition_variable done_cv_;
  ExecutionEnd end_;  // guarded by mu_
  std::optional<RedrivePoint> redrive_point_;  // guarded by mu_
  int64_t redrive_count_ = 0;                  // guarded by mu_
  int64_t redrive_ms_ = 0;                     // guarded by mu_
  std::vector<std::function<void()>> on_finish_;  // guarded by mu_
  std::function<void(const Execution&)> end_listener_;  // guarded by mu_
  mutable bool answer_asked_ = false;                   // guarded by mu_
  std::shared_ptr<const std::string> kept_answer_;     // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_EXECUTION_H_
