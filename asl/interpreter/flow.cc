// asl/interpreter/flow.cc
//
// The states that do their work in place: Pass, Choice, Wait, Succeed, Fail.
#include <cmath>

#include "asl/interpreter/choice.h"
#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"
#include "asl/expressions/payload.h"

namespace sfn::asl::internal {

namespace {

// Output and Assign of a JSONata state that has no result: `$states.input`
// is the raw input and Output defaults to it.
Transition ExitJsonata(RunState* run, EventSink* sink, const std::optional<PayloadTemplate>& assign,
                       const std::optional<PayloadTemplate>& output, const std::string& next,
                       std::string_view field_prefix) {
  EvalContext ctx = MakeEvalContext(*run, &run->input);
  Result<Assignment> assigned = EvaluateStateAssign(assign, ctx);
  if (!assigned.ok()) {
    return FailRun(run, sink,
                   FromEvalError(assigned.error(), std::string(field_prefix) + "Assign"));
  }
  Result<Json> out = EvaluateOptional(output, ctx, run->input);
  if (!out.ok()) {
    return FailRun(run, sink, FromEvalError(out.error(), std::string(field_prefix) + "Output"));
  }
  Commit(assigned.value(), run->scope);
  return ExitState(run, sink, std::move(out).value(), &assigned.value(), next);
}

// JSONPath: `effective` is the value after InputPath; Assign sees it as `$`.
Transition ExitJsonPath(RunState* run, EventSink* sink,
                        const std::optional<PayloadTemplate>& assign, const Json& effective,
                        const std::string& next) {
  EvalContext ctx = MakeEvalContext(*run, &effective);
  Result<Assignment> assigned = EvaluateStateAssign(assign, ctx);
  if (!assigned.ok()) return FailRun(run, sink, FromEvalError(assigned.error(), "Assign"));
  Result<Json> out = ApplyFilterPath(run->state->output_path, *run, effective);
  if (!out.ok()) return FailRun(run, sink, FromEvalError(out.error(), "OutputPath"));
  Commit(assigned.value(), run->scope);
  return ExitState(run, sink, std::move(out).value(), &assigned.value(), next);
}

}  // namespace

Transition EnterPass(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const PassState&>(*run->state);
  if (IsJsonata(*run)) return ExitJsonata(run, sink, state.assign, state.output, state.next, "");
  Json effective;
  if (auto failed = ApplyInputPath(run, sink, &effective)) return *failed;
  Json result = effective;
  if (state.parameters) {
    EvalContext ctx = MakeEvalContext(*run, &effective);
    Result<Json> p = state.parameters->Evaluate(ctx);
    if (!p.ok()) return FailRun(run, sink, FromEvalError(p.error(), "Parameters"));
    result = std::move(p).value();
  }
  // A Pass with a Result reports that Result as AWS does, without the
  // input stages it skipped.
  if (state.result) {
    result = *state.result;
    Inspect(run, &Inspection::result, result);
  } else {
    Inspect(run, &Inspection::after_input_path, effective);
    Inspect(run, &Inspection::after_parameters, result);
  }
  Inspect(run, &Inspection::after_result_selector, result);
  EvalContext ctx = MakeEvalContext(*run, &result);
  Result<Assignment> assigned = EvaluateStateAssign(state.assign, ctx);
  if (!assigned.ok()) return FailRun(run, sink, FromEvalError(assigned.error(), "Assign"));
  Result<Json> placed = ApplyResultPath(state.result_path, *run, result);
  if (!placed.ok()) return FailRun(run, sink, FromEvalError(placed.error(), "ResultPath"));
  Inspect(run, &Inspection::after_result_path, placed.value());
  Result<Json> out = ApplyFilterPath(state.output_path, *run, placed.value());
  if (!out.ok()) return FailRun(run, sink, FromEvalError(out.error(), "OutputPath"));
  Commit(assigned.value(), run->scope);
  return ExitState(run, sink, std::move(out).value(), &assigned.value(), state.next);
}

Transition EnterSucceed(RunState* run, EventSink* sink) {
  const State& state = *run->state;
  static const std::string kEnd;
  if (IsJsonata(*run)) return ExitJsonata(run, sink, std::nullopt, state.output, kEnd, "");
  Json effective;
  if (auto failed = ApplyInputPath(run, sink, &effective)) return *failed;
  Inspect(run, &Inspection::after_input_path, effective);
  return ExitJsonPath(run, sink, std::nullopt, effective, kEnd);
}

// ---------------------------------------------------------------- Choice

Transition EnterChoice(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const ChoiceState&>(*run->state);
  const bool jsonata = IsJsonata(*run);
  Json effective;
  if (auto failed = ApplyInputPath(run, sink, &effective)) return *failed;
  if (!jsonata) Inspect(run, &Inspection::after_input_path, effective);
  EvalContext ctx = MakeEvalContext(*run, &effective);
  for (size_t i = 0; i < state.choices.size(); ++i) {
    const ChoiceRule& rule = state.choices[i];
    Result<bool> matched = EvaluateChoiceRule(rule, ctx);
    const std::string prefix = "Choices[" + std::to_string(i) + "]/";
    if (!matched.ok())
      return FailRun(run, sink, FromEvalError(matched.error(), prefix + "Condition"));
    if (!matched.value()) continue;
    if (jsonata) return ExitJsonata(run, sink, rule.assign, rule.output, rule.next, prefix);
    return ExitJsonPath(run, sink, rule.assign, effective, rule.next);
  }
  // AWS fails the run with States.Runtime here (not States.NoChoiceMatched):
  // the state has nowhere to go, and no Catch could handle a runtime error.
  if (state.default_next.empty()) {
    return FailRun(run, sink,
                   MakeFailure(kStatesRuntime,
                               "Failed to transition out of the state. The state does not point "
                               "to a next state."));
  }
  if (jsonata) return ExitJsonata(run, sink, state.assign, state.output, state.default_next, "");
  return ExitJsonPath(run, sink, state.assign, effective, state.default_next);
}

// ---------------------------------------------------------------- Wait

namespace {

constexpr int64_t kMaxWaitSeconds = 99999999;

// A Wait's duration in ms from a SecondsPath value, or the AWS failure.
Result<int64_t> SecondsFromPath(const WaitState& state, const EvalContext& ctx) {
  std::optional<Json> v = state.value.path.Find(ctx);
  const std::string& path = state.value.path.text();
  if (!v) {
    return AslError{std::string(kStatesRuntime),
                    "The SecondsPath parameter does not reference an input value: " + path};
  }
  if (!v->is_int()) {
    return AslError{std::string(kStatesRuntime),
                    "The SecondsPath parameter cannot be parsed as a long value: " + path +
                        " == " + ValueText(*v)};
  }
  if (v->AsInt() < 0) {
    return AslError{
        std::string(kStatesRuntime),
        "The SecondsPath parameter references a negative value: " + path + " == " + ValueText(*v)};
  }
  return std::min(v->AsInt(), kMaxWaitSeconds) * 1000;
}

Result<int64_t> UntilFromPath(const WaitState& state, const EvalContext& ctx, int64_t now_ms) {
  std::optional<Json> v = state.value.path.Find(ctx);
  const std::string& path = state.value.path.text();
  if (!v) {
    return AslError{std::string(kStatesRuntime),
                    "The TimestampPath parameter does not reference an input value: " + path};
  }
  std::optional<Timestamp> ts = v->is_string() ? ParseTimestamp(v->AsString()) : std::nullopt;
  if (!ts) {
    return AslError{std::string(kStatesRuntime),
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended "
                    "offset date-time format string: " +
                        path + " == " + ValueText(*v)};
  }
  return std::max<int64_t>(0, ts->seconds * 1000 + ts->nanos / 1000000 - now_ms);
}

// JSONata Seconds/Timestamp (or a constant in either mode).
Result<int64_t> DurationFromValue(const WaitState& state, const Json& value, int64_t now_ms,
                                  bool* after_entry) {
  if (state.kind == WaitState::Kind::kSeconds) {
    if (!value.is_int() || value.AsInt() < 0) {
      *after_entry = true;
      return AslError{
          std::string(kStatesQueryEvaluationError),
          "The Seconds field must be a non-negative integer, but was: " + ValueText(value)};
    }
    return std::min(value.AsInt(), kMaxWaitSeconds) * 1000;
  }
  std::optional<Timestamp> ts = value.is_string() ? ParseTimestamp(value.AsString()) : std::nullopt;
  if (!ts) {
    *after_entry = true;
    return AslError{std::string(kStatesQueryEvaluationError),
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                    "date-time format string: " +
                        ValueText(value)};
  }
  return std::max<int64_t>(0, ts->seconds * 1000 + ts->nanos / 1000000 - now_ms);
}

Result<int64_t> WaitDuration(const WaitState& state, const RunState& run, const Json& effective,
                             bool* after_entry) {
  EvalContext ctx = MakeEvalContext(run, &effective);
  switch (state.value.kind) {
    case DynamicValue::Kind::kPath:
      return state.kind == WaitState::Kind::kSeconds ? SecondsFromPath(state, ctx)
                                                     : UntilFromPath(state, ctx, run.now_ms);
    case DynamicValue::Kind::kExpression: {
      Result<Json> v = state.value.expr.Evaluate(ctx);
      if (!v.ok()) return v.error();
      return DurationFromValue(state, v.value(), run.now_ms, after_entry);
    }
    case DynamicValue::Kind::kConstant:
      return DurationFromValue(state, state.value.constant, run.now_ms, after_entry);
    case DynamicValue::Kind::kIntrinsic:
    case DynamicValue::Kind::kAbsent:
      break;
  }
  return 0;
}

}  // namespace

Transition EnterWait(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const WaitState&>(*run->state);
  const bool jsonata = IsJsonata(*run);
  Json effective;
  if (auto failed = ApplyInputPath(run, sink, &effective)) return *failed;
  if (!jsonata) Inspect(run, &Inspection::after_input_path, effective);
  bool after_entry = false;
  Result<int64_t> duration = WaitDuration(state, *run, effective, &after_entry);
  if (!duration.ok()) {
    const char* field = state.kind == WaitState::Kind::kSeconds ? "Seconds" : "Timestamp";
    StateFailure f = FromEvalError(duration.error(), field);
    f.after_entry = after_entry;
    return FailRun(run, sink, std::move(f));
  }
  // Assign and Output see the variables as they are on entry; they are
  // committed when the wait is over.
  EvalContext ctx = MakeEvalContext(*run, jsonata ? &run->input : &effective);
  Result<Assignment> assigned = EvaluateStateAssign(state.assign, ctx);
  if (!assigned.ok()) return FailRun(run, sink, FromEvalError(assigned.error(), "Assign"));
  Result<Json> out = jsonata ? EvaluateOptional(state.output, ctx, run->input)
                             : ApplyFilterPath(state.output_path, *run, effective);
  if (!out.ok()) {
    return FailRun(run, sink, FromEvalError(out.error(), jsonata ? "Output" : "OutputPath"));
  }
  run->wait_assign = std::move(assigned).value();
  run->wait_output = std::move(out).value();
  run->phase = RunState::Phase::kWaitState;
  Transition t;
  t.kind = Transition::Kind::kWait;
  t.wait_ms = duration.value();
  t.wait_is_state = true;
  return t;
}

Transition ResumeWait(RunState* run, EventSink* sink) {
  Assignment assigned = std::move(run->wait_assign);
  run->wait_assign = Assignment();
  Commit(assigned, run->scope);
  Json output = std::move(run->wait_output);
  run->wait_output = Json();
  return ExitState(run, sink, std::move(output), &assigned, run->state->next);
}

// ---------------------------------------------------------------- Fail

namespace {

// Error or Cause of a Fail state; nullopt when the field is absent.
Result<std::optional<std::string>> FailField(const DynamicValue& value, const RunState& run,
                                             const char* path_field) {
  EvalContext ctx = MakeEvalContext(run, &run.input);
  switch (value.kind) {
    case DynamicValue::Kind::kAbsent:
      return std::optional<std::string>();
    case DynamicValue::Kind::kConstant:
      return std::optional<std::string>(ValueText(value.constant));
    case DynamicValue::Kind::kPath: {
      Result<Json> v = value.path.Select(ctx, path_field);
      if (!v.ok()) return v.error();
      return std::optional<std::string>(ValueText(v.value()));
    }
    case DynamicValue::Kind::kIntrinsic: {
      Result<Json> v = value.intrinsic->Evaluate(ctx, path_field);
      if (!v.ok()) return v.error();
      return std::optional<std::string>(ValueText(v.value()));
    }
    case DynamicValue::Kind::kExpression: {
      Result<Json> v = value.expr.Evaluate(ctx);
      if (!v.ok()) return v.error();
      return std::optional<std::string>(ValueText(v.value()));
    }
  }
  return std::optional<std::string>();
}

}  // namespace

Transition EnterFail(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const FailState&>(*run->state);
  const bool jsonata = IsJsonata(*run);
  if (!jsonata) Inspect(run, &Inspection::after_input_path, run->input);
  auto error = FailField(state.error, *run, "ErrorPath");
  if (!error.ok())
    return FailRun(run, sink, FromEvalError(error.error(), jsonata ? "Error" : "ErrorPath"));
  auto cause = FailField(state.cause, *run, "CausePath");
  if (!cause.ok())
    return FailRun(run, sink, FromEvalError(cause.error(), jsonata ? "Cause" : "CausePath"));
  StateFailure f;
  f.prefix = false;
  f.has_error = error.value().has_value();
  f.has_cause = cause.value().has_value();
  f.error = AslError{error.value().value_or(""), cause.value().value_or("")};
  return FailRun(run, sink, std::move(f));
}

}  // namespace sfn::asl::internal
