// asl/interpreter/internal.h
//
// Private helpers shared by the interpreter's .cc files (one per group of
// state types). Not part of the asl/ interface: include only from
// asl/interpreter*.cc. Same threading rules as interpreter.h.
#ifndef SFN_ASL_INTERPRETER_INTERNAL_H_
#define SFN_ASL_INTERPRETER_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "asl/interpreter/interpreter.h"

namespace sfn::asl::internal {

// A failure while processing a state, before it becomes a Transition.
struct StateFailure {
  AslError error;
  bool has_error = true;
  bool has_cause = true;
  // Prefix the cause with "An error occurred while executing the state ...".
  bool prefix = true;
  // Record an EvaluationFailed event first (JSONata evaluation errors).
  bool evaluation_failed = false;
  std::string location;  // EvaluationFailed "location" ("" : none)
  // EvaluationFailed follows the StateEntered event (a value that evaluated
  // but was then found invalid) rather than standing beside it.
  bool after_entry = false;
};

inline StateFailure MakeFailure(std::string_view error, std::string cause) {
  StateFailure f;
  f.error = {std::string(error), std::move(cause)};
  return f;
}

// Wraps an evaluator's error: JSONata errors (States.QueryEvaluationError)
// get an EvaluationFailed event whose location is `field` qualified by the
// sub-path the evaluator names ("Output/result").
StateFailure FromEvalError(const AslError& error, std::string_view field);

// The EvalContext of the current state for expressions over `input`.
EvalContext MakeEvalContext(const RunState& run, const Json* input);

// Rebuilds run->context for the current state (when the definition reads it).
void RefreshContext(RunState* run, bool with_retry_count);

// JSONPath InputPath / OutputPath: absent is "$", null gives {}.
Result<Json> ApplyFilterPath(const OptionalPath& path, const RunState& run, const Json& value);

inline bool IsJsonata(const RunState& run) {
  return run.state->query_language == QueryLanguage::kJsonata;
}

// InputPath, the first stage of a state's data flow: sets *effective to
// the state's input as its fields see it (a JSONata state has no InputPath
// and sees its input unchanged). When InputPath selects nothing the run
// fails with the error located at "InputPath" and the failing Transition
// is returned for the caller to return; nullopt otherwise.
std::optional<Transition> ApplyInputPath(RunState* run, EventSink* sink, Json* effective);

// ResultPath: places `result` into the raw state input.
Result<Json> ApplyResultPath(const OptionalPath& path, const RunState& run, const Json& result);

// The value of a constant / path / expression / intrinsic field. A path
// that selects nothing yields nullopt (callers word that error); an absent
// field yields nullopt too (check value.present() first).
Result<std::optional<Json>> ResolveDynamic(const DynamicValue& value, const EvalContext& ctx);

// Evaluates an optional template; absent gives `fallback`.
Result<Json> EvaluateOptional(const std::optional<PayloadTemplate>& tmpl, const EvalContext& ctx,
                              const Json& fallback);

// Finishes the current state successfully: checks the output size, records
// the *StateExited event (with assigned variables) and moves to `next` (or
// ends the run when `next` is empty).
Transition ExitState(RunState* run, EventSink* sink, Json output, const Assignment* assigned,
                     const std::string& next);

// Fails the current state (no Retry/Catch): records EvaluationFailed when
// asked and returns a kFail transition.
Transition FailRun(RunState* run, EventSink* sink, StateFailure failure);

// Retry/Catch for Task, Parallel and Map. `failed_event` is recorded first
// for execution states that have one (MapStateFailed, ParallelStateFailed)
// once no retry applies. Returns kWait for a retry back-off, kNext/kSucceed
// when a Catcher takes over, or kFail.
Transition HandleStateError(RunState* run, EventSink* sink, StateFailure failure,
                            const std::vector<Retrier>& retriers,
                            const std::vector<Catcher>& catchers, bool emit_failed_event);

// The result pipeline of Task, Parallel and Map: Assign, then ResultSelector,
// ResultPath and OutputPath (JSONPath) or Output (JSONata, with
// $states.result). Errors before the output is placed go to Retry/Catch.
Transition FinishExecutionState(RunState* run, EventSink* sink, const Json& result,
                                const std::optional<PayloadTemplate>& result_selector,
                                const OptionalPath& result_path, const std::vector<Retrier>& retry,
                                const std::vector<Catcher>& catchers, bool emit_failed_event);

// The Assign of a state (JSONPath: `$` is `value`; JSONata: $states.* as in ctx).
Result<Assignment> EvaluateStateAssign(const std::optional<PayloadTemplate>& assign,
                                       const EvalContext& ctx);

// Text of a value for messages: strings raw, everything else as JSON.
std::string ValueText(const Json& value);

// The source text of a JSONata field of the current state ("{% e %}" ->
// "e"), read from the definition text; "" when it cannot be found.
std::string FieldSource(const RunState& run, std::string_view field);
// True when the JSONata expression `source` yields a function (which JSON
// cannot hold) in `ctx`.
bool YieldsFunction(const std::string& source, const EvalContext& ctx);

// Records one stage of the state's data flow for TestState (no-op otherwise).
inline void Inspect(RunState* run, Json Inspection::*stage, const Json& value) {
  if (run->inspection != nullptr) run->inspection->*stage = value;
}

// ---------------------------------------------------------------- events

// {"truncated": false}, shared by every event that carries it.
const Json& NotTruncated();
void EmitEntered(RunState* run, EventSink* sink);
// Every event carrying only a type (MapStateSucceeded, ParallelStateStarted...).
int64_t EmitBare(RunState* run, EventSink* sink, EventType type, bool advance);
int64_t EmitEvaluationFailed(RunState* run, EventSink* sink, const StateFailure& failure,
                             const std::string& cause);

// ---------------------------------------------------------------- state types

Transition EnterPass(RunState* run, EventSink* sink);
Transition EnterChoice(RunState* run, EventSink* sink);
Transition EnterWait(RunState* run, EventSink* sink);
Transition ResumeWait(RunState* run, EventSink* sink);
Transition EnterSucceed(RunState* run, EventSink* sink);
Transition EnterFail(RunState* run, EventSink* sink);
Transition EnterTask(RunState* run, EventSink* sink);
Transition StartTaskAttempt(RunState* run, EventSink* sink);
Transition ResumeTask(RunState* run, const Outcome& outcome, EventSink* sink);
Transition EnterParallel(RunState* run, EventSink* sink);
Transition EnterMap(RunState* run, EventSink* sink);
Transition StartForkAttempt(RunState* run, EventSink* sink);
Transition ResumeFork(RunState* run, const Outcome& outcome, EventSink* sink);
// A Parallel's or Map's joined result: *StateSucceeded, then ResultSelector,
// ResultPath and the rest of the state.
Transition SucceedFork(RunState* run, EventSink* sink, const Json& result);
// The Map Run ARN of a Distributed Map starting now (a new UUID each call).
std::string MapRunArn(const RunState& run, const MapState& state);
// Sets run->map.map_run_arn: the redriven Map Run when the engine handed one
// over, else a new one announced with MapRunStarted.
void BeginMapRun(RunState* run, const MapState& state, EventSink* sink);
// An integer field (MaxConcurrency, MaxItems, MaxItemsPerBatch...) with its
// ...Path or JSONata form; a value that is not an integer fails with
// States.Runtime as AWS words it. Any sign.
Result<int64_t> IntegerValue(const DynamicValue& value, const EvalContext& ctx, const char* field,
                             int64_t fallback);
// A service call made for the state itself (no Task events): the ItemReader's
// reads and the ResultWriter's writes. Resumed in `phase`.
Transition InvokeService(RunState* run, const std::string& resource, Json payload,
                         RunState::Phase phase);

// Map ItemReader (item_reader.cc): MapRunStarted and the reader calls
// (kInvoke), then the Map with its items.
Transition StartItemReader(RunState* run, EventSink* sink);
Transition ResumeItemReader(RunState* run, const Outcome& outcome, EventSink* sink);
// ItemBatcher (item_batcher.cc): each child's input; without an ItemBatcher
// the items themselves.
Result<std::vector<Json>> BatchItems(const MapState& state, const RunState& run,
                                     std::vector<Json> items);
// ResultWriter (result_writer.cc): the joined children's results exported
// (kInvoke per file) or reshaped, then MapRunSucceeded and SucceedFork.
Transition StartResultWriter(RunState* run, const Outcome& outcome, EventSink* sink);
Transition ResumeResultWriter(RunState* run, const Outcome& outcome, EventSink* sink);

}  // namespace sfn::asl::internal

#endif  // SFN_ASL_INTERPRETER_INTERNAL_H_
