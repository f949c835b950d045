// asl/interpreter/interpreter.h
//
// The interpreter runs one state of a Run at a time: Enter() processes a
// state's input and either finishes it (Next / Succeed / Fail) or asks the
// engine to do something that takes time (Wait on a timer, Invoke a task,
// Fork branches or iterations); Resume() continues the state once that is
// done. Along the way it records the history events AWS records, through an
// EventSink, and keeps each Run's previousEventId cursor.
//
// The interpreter itself is stateless: everything it keeps between Enter and
// Resume lives in the caller's RunState, which is touched by one thread at a
// time (the Run's owner). The AST is shared and read-only. No I/O, no
// threads, no wall clock: the caller passes "now" in.
#ifndef SFN_ASL_INTERPRETER_INTERPRETER_H_
#define SFN_ASL_INTERPRETER_INTERPRETER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"
#include "asl/core/status.h"
#include "asl/interpreter/event_types.h"
#include "asl/core/task.h"
#include "asl/definition/definition.h"
#include "asl/interpreter/variables.h"

namespace sfn::asl {

// Where the interpreter records history events. The implementation assigns
// the id and timestamp; `previous_id` is the previousEventId.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // `details` is null for a type without a details key (event_types.h).
  virtual int64_t Emit(EventType type, Json details, int64_t previous_id) = 0;
  // An event whose details are only the state's name (borrowed from the
  // definition, which outlives the execution) and its input or output JSON
  // `text`, a Json string shared by the events that carry the same text
  // (asl/interpreter/state_io.h). A sink may store it compactly; by
  // default its details are shaped and passed to Emit.
  virtual int64_t EmitStateIo(EventType type, const std::string& state_name, const Json& text,
                              int64_t previous_id);
  // False when the sink neither keeps nor reports the texts EmitStateIo
  // gets (an EXPRESS execution nobody logs): the interpreter then passes
  // null texts and serializes no state's output.
  virtual bool WantsTexts() const { return true; }
};

// The one question the interpreter asks about the service it runs in:
// whether an activity exists, so that a Task state on a missing one records
// ActivityScheduleFailed instead of ActivityScheduled. The engine answers
// from its activity registry. Asked on any Run's thread: thread-safe.
class ActivityDirectory {
 public:
  virtual ~ActivityDirectory() = default;
  virtual bool ActivityExists(std::string_view arn) const = 0;
};

// Constant for one execution; shared (read-only) by all of its Runs.
struct ExecutionFrame {
  Json context_execution;      // $$.Execution
  Json context_state_machine;  // $$.StateMachine
  // False when the definition never reads the Context object: states then
  // skip building it (it costs a timestamp and a few allocations per state).
  bool needs_context = true;
  // Who makes this execution's task calls (CallToInvoke adds the state's
  // name).
  TaskCaller caller;
  Environment* env = nullptr;  // borrowed; randomness, UUIDs and time for expressions
  // Borrowed, outlives the execution; null: every activity exists (TestState).
  const ActivityDirectory* activities = nullptr;
  // The definition text (borrowed from the StateMachine). Read only on
  // error paths that quote a field's source (Items expressions).
  const std::string* definition = nullptr;
};

// Child runs the engine must start (Transition::kFork).
struct ForkSpec {
  bool is_map = false;
  bool distributed = false;                  // Map in DISTRIBUTED mode
  std::string execution_type;                // DISTRIBUTED: its children's type
  std::vector<const Program*> programs;      // Parallel: one per branch
  Json input;                                // Parallel: every branch's input
  const Program* processor = nullptr;        // Map: the ItemProcessor
  std::vector<Json> items;                   // Map: each iteration's input
  std::vector<Json> item_values;             // Map: $$.Map.Item.Value of each
  int64_t max_concurrency = 0;               // Map: 0 = unlimited
  int64_t tolerated_failure_count = -1;      // Map: < 0 = none
  double tolerated_failure_percentage = -1;  // Map: < 0 = none
  std::string map_run_arn;                   // Map in DISTRIBUTED mode: its Map Run
  bool map_run_redriven = false;             // ... an earlier run the engine redrives
};

struct Transition {
  enum class Kind { kNext, kSucceed, kFail, kWait, kInvoke, kFork };
  Kind kind = Kind::kNext;
  const State* next = nullptr;  // kNext
  Json output;                  // kNext: the next state's input; kSucceed: the run's output
  Json output_text;             // its JSON text (a Json string), to share with the next event;
                                // null when the sink wants no texts
  AslError error;               // kFail
  bool has_error = true;        // kFail: false when AWS records no error name
  bool has_cause = true;        // kFail: false when AWS records no cause
  int64_t wait_ms = 0;          // kWait: duration, unscaled
  bool wait_is_state = false;   // kWait: a Wait state (else a retry back-off)
  // kInvoke: the call as the interpreter decided it, without its caller.
  // Points into the RunState, which keeps it until the outcome is in; the
  // invoker gets CallToInvoke().
  const TaskCall* task = nullptr;
  ForkSpec fork;                // kFork
};

// A Map Run's children are named after it: "arn:...:mapRun:<machine>/<label>:
// <run id>" gives "arn:...:<kind>:<machine>/<label>" for kind "stateMachine"
// (what the children run) and "execution" (to which ":<name>" is appended).
std::string MapRunChildArnBase(const std::string& map_run_arn, const char* kind);

// How one Map iteration (a Distributed Map's child execution) ended, as a
// ResultWriter exports it. The engine may report these with a fork's
// outcome (Outcome::children); when it does not, the ResultWriter derives
// them from the joined results (asl/interpreter/result_writer.h).
struct ChildRun {
  std::string execution_arn;  // "": derived from the Map Run ARN
  std::string name;
  std::string status = "SUCCEEDED";  // SUCCEEDED, FAILED, ABORTED, TIMED_OUT, RUNNING
  Json input;
  Json output;          // SUCCEEDED
  AslError error;       // otherwise
  int64_t start_ms = -1;  // < 0: unknown (the Map's start is used)
  int64_t stop_ms = -1;   // < 0: unknown (the Map's end is used)
};

// What happened while the engine was busy with a Wait/Invoke/Fork. A task's
// answer is the TaskOutcome its invoker reported, as it came; a fork's join
// reports in the same shape (ok with the outputs array, or the error).
struct Outcome : TaskOutcome {
  enum class Kind { kTimer, kTask, kFork };
  Kind kind = Kind::kTimer;
  int64_t cursor = 0;  // kFork: the children's joined previousEventId cursor
  // kFork of a Map: each iteration's end, by item index, when the engine
  // tracks them (empty: not reported).
  std::vector<ChildRun> children;

  Outcome() = default;
  Outcome(Kind k, TaskOutcome answer) : TaskOutcome(std::move(answer)), kind(k) {}
  static Outcome Task(TaskOutcome answer) { return Outcome(Kind::kTask, std::move(answer)); }
};

// The data flow of one state, stage by stage, as the TestState action
// reports it (inspectionData). The interpreter fills it only when a
// RunState points at one; null members: the stage did not happen.
struct Inspection {
  Json after_input_path;
  Json after_parameters;  // Parameters (JSONPath) / Arguments (JSONata)
  Json result;
  Json after_result_selector;
  Json after_result_path;
  int retry_index = -1;        // the Retrier that will retry the failure
  int64_t retry_backoff_ms = -1;
  int catch_index = -1;        // the Catcher that caught the failure
  AslError error;              // the failure that was retried or caught
};

// Everything the interpreter keeps for one Run. The engine creates it and
// sets the first block; the rest is the interpreter's scratch for the
// current state.
struct RunState {
  const ExecutionFrame* exec = nullptr;
  const Program* program = nullptr;  // the program this run walks (resolves Next)
  VariableScope* scope = nullptr;    // borrowed: owned by the Run
  const Json* map_item = nullptr;    // {"Index","Value"} inside a Map iteration
  int64_t cursor = 0;                // previousEventId of the next event
  Inspection* inspection = nullptr;  // borrowed; set only by TestState

  enum class Phase { kNone, kWaitState, kTask, kBackoff, kFork, kItemReader, kResultWriter };
  Phase phase = Phase::kNone;
  const State* state = nullptr;
  Json input;       // the state's raw input
  Json input_text;  // its JSON text (a Json string), when known
  Json effective;   // after InputPath (and Parameters for Parallel)
  Json context;     // $$ for the current state (null when not needed)
  int64_t entered_id = 0;
  int64_t entering_cursor = 0;  // previousEventId of the StateEntered event
  bool in_state = false;        // entered and not exited (an abort records *StateAborted)
  int64_t entered_ms = 0;
  int64_t now_ms = 0;  // the caller's clock at the last Enter/Resume
  int retry_count = 0;
  std::vector<int> attempts;  // per Retrier
  TaskCall task;              // the task in flight
  Json reader_items;          // a Map's items read by its ItemReader (null: not read)
  // A Distributed Map's data path between its calls (item_reader.cc,
  // result_writer.cc); reset when the Map state starts (again).
  struct MapData {
    std::string map_run_arn;
    int64_t max_items = 0;            // ReaderConfig MaxItems (0: all)
    // MANIFEST, and listings with LOAD_AND_FLATTEN: the index (manifest or
    // listing) is read first, then each file it names.
    bool index_read = false;
    std::vector<std::string> headers; // MANIFEST: the data files' columns
    std::string file_resource;        // the getObject resource the files are read with
    Json::Array pending_files;        // files still to read ({Bucket, Key})
    Json::Array collected;            // items read so far
    std::vector<Json> inputs;         // each child's input (ResultWriter)
    Json::Array writes;               // ResultWriter: putObject payloads still to send
    Json writer_result;               // ResultWriter: the state's result once written
    bool redriven = false;            // the Map Run is a redriven one (no MapRunStarted)
  } map;
  // Set by the engine on a redriven Run whose Distributed Map failed: the
  // Map Run it redrives instead of starting a new one (taken by the Map).
  std::string redrive_map_run_arn;
  Json wait_output;           // a Wait state's output, emitted on Resume
  Assignment wait_assign;     // a Wait state's pending Assign
};

class Interpreter {
 public:
  // Enters `state` with `input` (`input_text`: its JSON text as a Json
  // string, or null to serialize it here).
  static Transition Enter(const State& state, Json input, Json input_text, RunState* run,
                          EventSink* sink, int64_t now_ms);
  // Continues the current state after a kWait, kInvoke or kFork transition.
  static Transition Resume(RunState* run, const Outcome& outcome, EventSink* sink, int64_t now_ms);
};

// The call a TaskInvoker gets for `t`, a kInvoke transition of `run`: a
// copy of the interpreter's call (the Run may be resumed, and its call
// rebuilt, while the invoker still reads this one) with its caller, the
// frame's and the state's name. The one place the engine and TestState
// get the calls they make.
TaskCall CallToInvoke(const Transition& t, const RunState& run);

// Task resource parts as TaskScheduled reports them:
// "arn:aws:states:::lambda:invoke" -> {"lambda", "invoke"}.
struct ResourceParts {
  std::string type;
  std::string name;
};
ResourceParts SplitResource(std::string_view resource);

// The maximum size of a state's input or output (bytes of JSON text).
inline constexpr size_t kMaxPayloadBytes = 256 * 1024;

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_INTERPRETER_H_
