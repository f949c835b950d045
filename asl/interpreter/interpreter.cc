// asl/interpreter/interpreter.cc
//
// Entry points and the pieces of the per-state pipeline every state type
// shares: paths, exit, failure, Retry/Catch.
#include "asl/interpreter/interpreter.h"

#include "asl/interpreter/context_object.h"
#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"
#include "asl/expressions/payload.h"
#include "asl/interpreter/retry.h"

namespace sfn::asl {

namespace {

bool IsExecutionState(StateType type) {
  return type == StateType::kTask || type == StateType::kParallel || type == StateType::kMap;
}

}  // namespace

ResourceParts SplitResource(std::string_view resource) {
  // arn:aws:states:::lambda:invoke -> service "lambda", action "invoke";
  // arn:aws:states:::aws-sdk:s3:listBuckets -> "aws-sdk:s3", "listBuckets".
  ResourceParts parts;
  size_t colons = 0, pos = 0;
  while (colons < 5 && pos < resource.size()) {
    if (resource[pos++] == ':') ++colons;
  }
  std::string_view rest = resource.substr(pos);
  size_t last = rest.rfind(':');
  // ".sync:2" keeps its version suffix with the action name.
  if (last != std::string_view::npos && last > 0 && rest.substr(last) == ":2") {
    last = rest.rfind(':', last - 1);
  }
  if (last == std::string_view::npos) {
    parts.name = std::string(rest);
    return parts;
  }
  parts.type = std::string(rest.substr(0, last));
  parts.name = std::string(rest.substr(last + 1));
  return parts;
}

Transition Interpreter::Enter(const State& state, Json input, Json input_text, RunState* run,
                              EventSink* sink, int64_t now_ms) {
  run->state = &state;
  run->phase = RunState::Phase::kNone;
  run->input = std::move(input);
  run->input_text = std::move(input_text);
  run->effective = Json();
  run->reader_items = Json();
  run->now_ms = now_ms;
  run->entered_ms = now_ms;
  run->retry_count = 0;
  run->attempts.clear();
  // Only the token of an earlier task would show ($$.Task.Token); the rest
  // of the call is rebuilt before it is read. Cheaper than a fresh TaskCall
  // on every state.
  run->task.task_token.clear();
  run->task.payload = Json();
  internal::EmitEntered(run, sink);
  internal::RefreshContext(run, IsExecutionState(state.type));
  switch (state.type) {
    case StateType::kPass:
      return internal::EnterPass(run, sink);
    case StateType::kChoice:
      return internal::EnterChoice(run, sink);
    case StateType::kWait:
      return internal::EnterWait(run, sink);
    case StateType::kSucceed:
      return internal::EnterSucceed(run, sink);
    case StateType::kFail:
      return internal::EnterFail(run, sink);
    case StateType::kTask:
      return internal::EnterTask(run, sink);
    case StateType::kParallel:
      return internal::EnterParallel(run, sink);
    case StateType::kMap:
      return internal::EnterMap(run, sink);
  }
  return internal::FailRun(run, sink, internal::MakeFailure(kStatesRuntime, "Unknown state type"));
}

Transition Interpreter::Resume(RunState* run, const Outcome& outcome, EventSink* sink,
                               int64_t now_ms) {
  run->now_ms = now_ms;
  switch (run->phase) {
    case RunState::Phase::kWaitState:
      return internal::ResumeWait(run, sink);
    case RunState::Phase::kTask:
      return internal::ResumeTask(run, outcome, sink);
    case RunState::Phase::kBackoff:
      if (run->state->type == StateType::kTask) return internal::StartTaskAttempt(run, sink);
      return internal::StartForkAttempt(run, sink);
    case RunState::Phase::kFork:
      return internal::ResumeFork(run, outcome, sink);
    case RunState::Phase::kItemReader:
      return internal::ResumeItemReader(run, outcome, sink);
    case RunState::Phase::kResultWriter:
      return internal::ResumeResultWriter(run, outcome, sink);
    case RunState::Phase::kNone:
      break;
  }
  return internal::FailRun(
      run, sink, internal::MakeFailure(kStatesRuntime, "Nothing to resume in this state"));
}

namespace internal {

std::string ValueText(const Json& value) {
  return value.is_string() ? value.AsString() : Dump(value);
}

EvalContext MakeEvalContext(const RunState& run, const Json* input) {
  EvalContext ctx;
  ctx.input = input;
  ctx.context = run.context.is_null() ? nullptr : &run.context;
  ctx.variables = run.scope;
  ctx.env = run.exec != nullptr ? run.exec->env : nullptr;
  return ctx;
}

void RefreshContext(RunState* run, bool with_retry_count) {
  if (run->exec == nullptr || !run->exec->needs_context) {
    run->context = Json();
    return;
  }
  StateContextInfo info;
  info.state_name = run->state->name;
  info.entered_ms = run->entered_ms;
  info.retry_count = with_retry_count ? run->retry_count : -1;
  info.task_token = run->task.task_token;
  info.map_item = run->map_item;
  run->context =
      BuildContextObject(run->exec->context_execution, run->exec->context_state_machine, info);
}

Result<Json> ApplyFilterPath(const OptionalPath& path, const RunState& run, const Json& value) {
  if (!path.present) return value;
  if (path.is_null) return Json::MakeObject({});
  EvalContext ctx = MakeEvalContext(run, &value);
  return path.path.Select(ctx);
}

std::optional<Transition> ApplyInputPath(RunState* run, EventSink* sink, Json* effective) {
  if (IsJsonata(*run)) {
    *effective = run->input;
    return std::nullopt;
  }
  Result<Json> r = ApplyFilterPath(run->state->input_path, *run, run->input);
  if (!r.ok()) return FailRun(run, sink, FromEvalError(r.error(), "InputPath"));
  *effective = std::move(r).value();
  return std::nullopt;
}

Result<Json> ApplyResultPath(const OptionalPath& path, const RunState& run, const Json& result) {
  if (!path.present) return result;
  if (path.is_null) return run.input;
  return path.path.Assign(run.input, result);
}

Result<std::optional<Json>> ResolveDynamic(const DynamicValue& value, const EvalContext& ctx) {
  Result<Json> r = Json();
  switch (value.kind) {
    case DynamicValue::Kind::kAbsent:
      return std::optional<Json>();
    case DynamicValue::Kind::kConstant:
      return std::optional<Json>(value.constant);
    case DynamicValue::Kind::kPath:
      return value.path.Find(ctx);
    case DynamicValue::Kind::kExpression:
      r = value.expr.Evaluate(ctx);
      break;
    case DynamicValue::Kind::kIntrinsic:
      r = value.intrinsic->Evaluate(ctx);
      break;
  }
  if (!r.ok()) return r.error();
  return std::optional<Json>(std::move(r).value());
}

Result<Json> EvaluateOptional(const std::optional<PayloadTemplate>& tmpl, const EvalContext& ctx,
                              const Json& fallback) {
  if (!tmpl) return fallback;
  return tmpl->Evaluate(ctx);
}

Result<Assignment> EvaluateStateAssign(const std::optional<PayloadTemplate>& assign,
                                       const EvalContext& ctx) {
  if (!assign) return Assignment();
  return EvaluateAssign(*assign, ctx);
}

StateFailure FromEvalError(const AslError& error, std::string_view field) {
  StateFailure f;
  f.error = error;
  if (error.error != kStatesQueryEvaluationError) return f;
  f.evaluation_failed = true;
  // The evaluator names the failing sub-field ("result" or "a/b[0]"); AWS's
  // location and message name the whole path from the state's field.
  static constexpr std::string_view kMarker = "specified for the field '";
  size_t at = f.error.cause.find(kMarker);
  if (at == std::string::npos) {
    f.location = std::string(field);
    return f;
  }
  size_t start = at + kMarker.size();
  size_t end = f.error.cause.find('\'', start);
  if (end == std::string::npos) end = f.error.cause.size();
  std::string inner = f.error.cause.substr(start, end - start);
  std::string location(field);
  if (!inner.empty() && inner != field &&
      inner.compare(0, field.size() + 1, std::string(field) + "/") != 0) {
    location += (inner[0] == '[' ? "" : "/") + inner;
  } else if (!inner.empty()) {
    location = inner;
  }
  f.error.cause.replace(start, end - start, location);
  f.location = location;
  return f;
}

namespace {

StateFailure DataLimitExceeded(const RunState& run) {
  StateFailure f = MakeFailure(kStatesDataLimitExceeded,
                               "The state/task '" + run.state->name +
                                   "' returned a result with a size exceeding the maximum "
                                   "number of bytes service limit.");
  f.prefix = false;
  return f;
}

// The *StateExited details of a state that assigned variables (the others
// go through EventSink::EmitStateIo).
Json ExitedWithAssignments(const RunState& run, const Json& text, const Assignment& assigned) {
  const Json& kNotTruncated = NotTruncated();
  Json::Object details;
  details.reserve(5);
  details.emplace_back("name", Json(run.state->name));
  details.emplace_back("output", text);
  details.emplace_back("outputDetails", kNotTruncated);
  details.emplace_back("assignedVariables", assigned.details);
  details.emplace_back("assignedVariablesDetails", kNotTruncated);
  return Json::MakeObject(std::move(details));
}

}  // namespace

Transition ExitState(RunState* run, EventSink* sink, Json output, const Assignment* assigned,
                     const std::string& next) {
  Json text_json;
  if (sink->WantsTexts()) {
    std::string text = Dump(output);
    if (text.size() > kMaxPayloadBytes) return FailRun(run, sink, DataLimitExceeded(*run));
    text_json = Json(std::move(text));
  } else if (JsonTextSizeBound(output) > kMaxPayloadBytes &&
             Dump(output).size() > kMaxPayloadBytes) {
    return FailRun(run, sink, DataLimitExceeded(*run));
  }
  const EventType type = StateEventType(run->state->type, StateEvent::kExited);
  if (assigned == nullptr || assigned->details.size() == 0) {
    run->cursor = sink->EmitStateIo(type, run->state->name, text_json, run->cursor);
  } else {
    run->cursor = sink->Emit(type, ExitedWithAssignments(*run, text_json, *assigned), run->cursor);
  }
  run->phase = RunState::Phase::kNone;
  run->in_state = false;
  Transition t;
  t.output = std::move(output);
  t.output_text = std::move(text_json);
  if (next.empty()) {
    t.kind = Transition::Kind::kSucceed;
    return t;
  }
  t.kind = Transition::Kind::kNext;
  t.next = run->program != nullptr ? run->program->Find(next) : nullptr;
  if (t.next == nullptr) {
    return FailRun(run, sink,
                   MakeFailure(kStatesRuntime, "The state '" + next + "' does not exist"));
  }
  return t;
}

std::string StatePrefix(const RunState& run) {
  return "An error occurred while executing the state '" + run.state->name +
         "' (entered at the event id #" + std::to_string(run.entered_id) + "). ";
}

Transition FailRun(RunState* run, EventSink* sink, StateFailure failure) {
  if (failure.prefix) failure.error.cause = StatePrefix(*run) + failure.error.cause;
  if (failure.evaluation_failed) EmitEvaluationFailed(run, sink, failure, failure.error.cause);
  run->phase = RunState::Phase::kNone;
  Transition t;
  t.kind = Transition::Kind::kFail;
  t.error = std::move(failure.error);
  t.has_error = failure.has_error;
  t.has_cause = failure.has_cause;
  return t;
}

namespace {

// Runs the matching Catcher: its output becomes the state's output.
Transition Catch(RunState* run, EventSink* sink, const Catcher& catcher, const AslError& error,
                 bool has_cause) {
  Json error_output = Json::MakeObject(
      {{"Error", Json(error.error)}, {"Cause", Json(has_cause ? error.cause : std::string())}});
  const bool jsonata = run->state->query_language == QueryLanguage::kJsonata;
  EvalContext ctx = MakeEvalContext(*run, jsonata ? &run->input : &error_output);
  ctx.error_output = &error_output;
  Result<Assignment> assign = EvaluateStateAssign(catcher.assign, ctx);
  if (!assign.ok()) return FailRun(run, sink, FromEvalError(assign.error(), "Assign"));
  Result<Json> output = jsonata ? EvaluateOptional(catcher.output, ctx, error_output)
                                : ApplyResultPath(catcher.result_path, *run, error_output);
  if (!output.ok()) return FailRun(run, sink, FromEvalError(output.error(), "Output"));
  Commit(assign.value(), run->scope);
  return ExitState(run, sink, std::move(output).value(), &assign.value(), catcher.next);
}

}  // namespace

Transition HandleStateError(RunState* run, EventSink* sink, StateFailure failure,
                            const std::vector<Retrier>& retriers,
                            const std::vector<Catcher>& catchers, bool emit_failed_event) {
  if (failure.prefix) failure.error.cause = StatePrefix(*run) + failure.error.cause;
  failure.prefix = false;
  if (failure.evaluation_failed) {
    EmitEvaluationFailed(run, sink, failure, failure.error.cause);
    failure.evaluation_failed = false;
  }
  const double random01 = run->exec && run->exec->env ? run->exec->env->NextRandom() : 0.5;
  RetryDecision retry = DecideRetry(retriers, failure.error.error, &run->attempts, random01);
  if (run->inspection != nullptr) run->inspection->error = failure.error;
  if (retry.retry) {
    if (run->inspection != nullptr) {
      run->inspection->retry_index = retry.retrier;
      run->inspection->retry_backoff_ms = retry.delay_ms;
    }
    ++run->retry_count;
    run->phase = RunState::Phase::kBackoff;
    Transition t;
    t.kind = Transition::Kind::kWait;
    t.wait_ms = retry.delay_ms;
    return t;
  }
  if (emit_failed_event) {
    EmitBare(run, sink, StateEventType(run->state->type, StateEvent::kFailed), true);
  }
  if (const Catcher* catcher = FindCatcher(catchers, failure.error.error)) {
    if (run->inspection != nullptr)
      run->inspection->catch_index = static_cast<int>(catcher - catchers.data());
    return Catch(run, sink, *catcher, failure.error, failure.has_cause);
  }
  return FailRun(run, sink, std::move(failure));
}

}  // namespace internal
}  // namespace sfn::asl
