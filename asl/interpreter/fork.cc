// asl/interpreter/fork.cc
//
// Parallel and Map: prepare the children (branch input, or the items after
// ItemsPath/Items and ItemSelector, with MaxConcurrency and the tolerated
// failure thresholds), record *StateStarted, hand them to the engine as a
// Fork, and process the joined result like any execution state's result.
#include <charconv>

#include "asl/interpreter/context_object.h"
#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"
#include "asl/expressions/payload.h"

namespace sfn::asl::internal {

namespace {

// A path value read as an integer the way AWS accepts it (numbers, or
// strings holding one).
std::optional<int64_t> AsInteger(const Json& v) {
  if (v.is_int()) return v.AsInt();
  if (v.is_string()) {
    const std::string& s = v.AsString();
    int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

// The value of MaxConcurrency[Path] / ToleratedFailure*[Path]; a path that
// selects nothing fails as JSONPath does.
Result<Json> FieldValue(const DynamicValue& value, const EvalContext& ctx) {
  if (value.kind == DynamicValue::Kind::kPath) return value.path.Select(ctx);
  Result<std::optional<Json>> r = ResolveDynamic(value, ctx);
  if (!r.ok()) return r.error();
  return r.value().value_or(Json());
}

std::string NotValid(const DynamicValue& value, const char* field, const Json& v,
                     const char* kind) {
  const std::string where = value.kind == DynamicValue::Kind::kPath ? value.path.text() : "";
  return std::string("The ") + field + "Path field refers to value \"" + ValueText(v) +
         "\" which is not a valid " + kind + ": " + where;
}

}  // namespace

Result<int64_t> IntegerValue(const DynamicValue& value, const EvalContext& ctx, const char* field,
                             int64_t fallback) {
  if (!value.present()) return fallback;
  Result<Json> v = FieldValue(value, ctx);
  if (!v.ok()) return v.error();
  std::optional<int64_t> n = AsInteger(v.value());
  if (!n && v.value().is_double() &&
      v.value().AsDouble() == static_cast<double>(static_cast<int64_t>(v.value().AsDouble()))) {
    n = static_cast<int64_t>(v.value().AsDouble());
  }
  if (!n)
    return AslError{std::string(kStatesRuntime), NotValid(value, field, v.value(), "integer")};
  return *n;
}

namespace {

// MaxConcurrency[Path] or ToleratedFailureCount[Path]: an integer >= 0.
Result<int64_t> IntegerField(const DynamicValue& value, const EvalContext& ctx, const char* field,
                             int64_t fallback) {
  if (!value.present()) return fallback;
  Result<int64_t> n = IntegerValue(value, ctx, field, fallback);
  if (!n.ok() || n.value() >= 0) return n;
  if (std::string_view(field) == "MaxConcurrency") {
    return AslError{std::string(kStatesRuntime),
                    "Expected non-negative integer for MaxConcurrency, got '" +
                        std::to_string(n.value()) + "' instead."};
  }
  return AslError{std::string(kStatesRuntime), std::string(field) + " cannot be negative."};
}

Result<double> PercentageField(const DynamicValue& value, const EvalContext& ctx) {
  if (!value.present()) return -1.0;
  Result<Json> v = FieldValue(value, ctx);
  if (!v.ok()) return v.error();
  std::optional<int64_t> n = AsInteger(v.value());
  if (!v.value().is_number() && !n) {
    return AslError{std::string(kStatesRuntime),
                    NotValid(value, "ToleratedFailurePercentage", v.value(), "float")};
  }
  const double p = v.value().is_number() ? v.value().AsDouble() : static_cast<double>(*n);
  if (p < 0 || p > 100) {
    return AslError{std::string(kStatesRuntime),
                    "ToleratedFailurePercentage must be between 0 and 100."};
  }
  return p;
}

StateFailure EvaluationFailure(std::string cause, std::string location) {
  StateFailure f = MakeFailure(kStatesQueryEvaluationError, std::move(cause));
  f.evaluation_failed = true;
  f.location = std::move(location);
  return f;
}

// JSONata Items (or the input itself), which must be an array.
Result<Json> JsonataItems(const MapState& state, const RunState& run, StateFailure* failure) {
  EvalContext ctx = MakeEvalContext(run, &run.input);
  if (!state.items) {
    if (run.input.is_array()) return run.input;
    *failure =
        EvaluationFailure("Map state input must be an array but was: " + Dump(run.input), "");
    return failure->error;
  }
  Result<Json> r = state.items->Evaluate(ctx);
  if (!r.ok()) {
    *failure = FromEvalError(r.error(), "Items");
    return r.error();
  }
  if (r.value().is_array()) return r;
  const std::string source = FieldSource(run, "Items");
  std::string cause =
      "The JSONata expression '" + source + "' specified for the field 'Items' returned ";
  if (r.value().is_null() && YieldsFunction(source, ctx)) {
    cause += "an unsupported result type.";
  } else {
    cause += "an unexpected result type. Expected 'array', but was '" +
             std::string(TypeName(r.value().type())) + "' for value: " + Dump(r.value());
  }
  *failure = EvaluationFailure(std::move(cause), "Items");
  return failure->error;
}

// The items of a Map: ItemsPath (JSONPath) or Items (JSONata), or the input.
Result<Json> MapItems(const MapState& state, const RunState& run, StateFailure* failure) {
  if (IsJsonata(run)) return JsonataItems(state, run, failure);
  Result<Json> r = run.effective;
  if (state.items_path.present && !state.items_path.is_null) {
    EvalContext ctx = MakeEvalContext(run, &run.effective);
    r = state.items_path.path.SelectReference(ctx);
  }
  if (!r.ok()) {
    *failure = FromEvalError(r.error(), "ItemsPath");
    return r.error();
  }
  if (!r.value().is_array()) {
    *failure = MakeFailure(kStatesRuntime,
                           "Items path must point to an array but was: " + Dump(r.value()));
    return failure->error;
  }
  return r;
}

// Applies ItemSelector (or legacy Parameters) to every item.
Result<std::vector<Json>> SelectItems(const MapState& state, const RunState& run,
                                      const Json& items) {
  std::vector<Json> out;
  out.reserve(items.size());
  if (!state.item_selector) {
    for (const Json& item : items.AsArray()) out.push_back(item);
    return out;
  }
  const bool jsonata = IsJsonata(run);
  RunState scratch;
  scratch.exec = run.exec;
  scratch.scope = run.scope;
  scratch.state = run.state;
  scratch.entered_ms = run.entered_ms;
  int64_t index = 0;
  for (const Json& item : items.AsArray()) {
    Json map_item = MakeMapItem(index++, item);
    scratch.map_item = &map_item;
    RefreshContext(&scratch, true);
    EvalContext ctx = MakeEvalContext(scratch, jsonata ? &run.input : &run.effective);
    Result<Json> r = state.item_selector->Evaluate(ctx);
    if (!r.ok()) return r.error();
    out.push_back(std::move(r).value());
  }
  return out;
}

}  // namespace

std::string MapRunArn(const RunState& run, const MapState& state) {
  std::string sm_arn;
  if (run.exec != nullptr) {
    if (const Json* id = run.exec->context_state_machine.Find("Id"); id && id->is_string()) {
      sm_arn = id->AsString();
    }
  }
  std::string uuid = run.exec && run.exec->env ? run.exec->env->NewUuid() : "00000000";
  size_t at = sm_arn.find(":stateMachine:");
  std::string base =
      at == std::string::npos ? sm_arn : sm_arn.substr(0, at) + ":mapRun:" + sm_arn.substr(at + 14);
  return base + "/" + (state.label.empty() ? uuid : state.label) + ":" + uuid;
}

// A Distributed Map's run: a redriven execution goes on with the Map Run
// that failed (the engine records MapRunRedriven), any other starts a new one.
void BeginMapRun(RunState* run, const MapState& state, EventSink* sink) {
  if (!run->redrive_map_run_arn.empty()) {
    run->map.map_run_arn = std::move(run->redrive_map_run_arn);
    run->map.redriven = true;
    run->redrive_map_run_arn.clear();
    return;
  }
  run->map.map_run_arn = MapRunArn(*run, state);
  run->cursor = sink->Emit(EventType::kMapRunStarted,
                           Json::MakeObject({{"mapRunArn", Json(run->map.map_run_arn)}}),
                           run->cursor);
}

namespace {

// ToleratedFailureCount/Percentage, evaluated after MapStateStarted as AWS
// does (their errors follow that event).
std::optional<StateFailure> Tolerance(const MapState& state, const EvalContext& ctx,
                                      ForkSpec* fork) {
  Result<int64_t> count =
      IntegerField(state.tolerated_failure_count, ctx, "ToleratedFailureCount", -1);
  if (!count.ok()) return FromEvalError(count.error(), "ToleratedFailureCount");
  Result<double> percentage = PercentageField(state.tolerated_failure_percentage, ctx);
  if (!percentage.ok()) return FromEvalError(percentage.error(), "ToleratedFailurePercentage");
  fork->tolerated_failure_count = count.value();
  fork->tolerated_failure_percentage = percentage.value();
  return std::nullopt;
}

// MapRunFailed's details: the error, and the cause when there is one.
Json FailureDetails(const Outcome& outcome) {
  Json::Object d;
  d.emplace_back("error", Json(outcome.error.error));
  if (outcome.has_cause) d.emplace_back("cause", Json(outcome.error.cause));
  return Json::MakeObject(std::move(d));
}

// A Map with an ItemReader records MapStateStarted (length 0) and checks its
// tolerated failures before the reader runs, as AWS does.
Transition StartReading(RunState* run, EventSink* sink, const EvalContext& ctx) {
  const auto& state = static_cast<const MapState&>(*run->state);
  run->map = RunState::MapData();
  run->cursor = sink->Emit(EventType::kMapStateStarted,
                           Json::MakeObject({{"length", Json(int64_t{0})}}), run->cursor);
  ForkSpec unused;
  if (auto f = Tolerance(state, ctx, &unused)) return FailRun(run, sink, std::move(*f));
  return StartItemReader(run, sink);
}

Transition StartMap(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const MapState&>(*run->state);
  RefreshContext(run, true);
  EvalContext ctx = MakeEvalContext(*run, IsJsonata(*run) ? &run->input : &run->effective);
  Transition t;
  t.kind = Transition::Kind::kFork;
  Result<int64_t> max_concurrency = IntegerField(state.max_concurrency, ctx, "MaxConcurrency", 0);
  if (!max_concurrency.ok()) {
    return FailRun(run, sink, FromEvalError(max_concurrency.error(), "MaxConcurrency"));
  }
  if (state.item_reader && run->reader_items.is_null()) return StartReading(run, sink, ctx);
  StateFailure failure;
  const bool from_reader = state.item_reader.has_value();
  Result<Json> items =
      from_reader ? Result<Json>(run->reader_items) : MapItems(state, *run, &failure);
  run->reader_items = Json();  // a retry reads again
  if (!items.ok()) {
    return HandleStateError(run, sink, std::move(failure), state.retry, state.catch_, true);
  }
  if (!from_reader) {
    run->map = RunState::MapData();
    run->cursor = sink->Emit(EventType::kMapStateStarted,
                             Json::MakeObject({{"length", Json(int64_t(items.value().size()))}}),
                             run->cursor);
  }
  if (auto f = Tolerance(state, ctx, &t.fork)) return FailRun(run, sink, std::move(*f));
  Result<std::vector<Json>> selected = SelectItems(state, *run, items.value());
  if (!selected.ok()) {
    return HandleStateError(run, sink, FromEvalError(selected.error(), "ItemSelector"), state.retry,
                            state.catch_, true);
  }
  t.fork.is_map = true;
  t.fork.distributed = state.distributed;
  t.fork.execution_type = state.execution_type;
  t.fork.processor = state.processor.get();
  t.fork.max_concurrency = max_concurrency.value();
  if (state.distributed && !from_reader) BeginMapRun(run, state, sink);
  t.fork.map_run_arn = run->map.map_run_arn;
  t.fork.map_run_redriven = run->map.redriven;
  // ItemBatcher: each child gets {"BatchInput", "Items"} (item_batcher.cc).
  Result<std::vector<Json>> inputs = BatchItems(state, *run, std::move(selected).value());
  if (!inputs.ok()) return FailRun(run, sink, FromEvalError(inputs.error(), "ItemBatcher"));
  t.fork.items = std::move(inputs).value();
  t.fork.item_values = state.item_batcher ? t.fork.items : items.value().AsArray();
  if (state.result_writer) run->map.inputs = t.fork.items;
  run->phase = RunState::Phase::kFork;
  return t;
}

Transition StartParallel(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const ParallelState&>(*run->state);
  EmitBare(run, sink, EventType::kParallelStateStarted, true);
  Transition t;
  t.kind = Transition::Kind::kFork;
  for (const auto& branch : state.branches) t.fork.programs.push_back(branch.get());
  t.fork.input = run->effective;
  run->phase = RunState::Phase::kFork;
  return t;
}

}  // namespace

Transition EnterParallel(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const ParallelState&>(*run->state);
  Json effective;
  if (auto failed = ApplyInputPath(run, sink, &effective)) return *failed;
  if (state.parameters) {
    EvalContext ctx = MakeEvalContext(*run, &effective);
    Result<Json> r = state.parameters->Evaluate(ctx);
    const char* field = IsJsonata(*run) ? "Arguments" : "Parameters";
    if (!r.ok()) return FailRun(run, sink, FromEvalError(r.error(), field));
    effective = std::move(r).value();
  }
  run->effective = std::move(effective);
  return StartParallel(run, sink);
}

Transition EnterMap(RunState* run, EventSink* sink) {
  if (auto failed = ApplyInputPath(run, sink, &run->effective)) return *failed;
  return StartMap(run, sink);
}

Transition StartForkAttempt(RunState* run, EventSink* sink) {
  if (run->state->type == StateType::kMap) return StartMap(run, sink);
  return StartParallel(run, sink);
}

Transition ResumeFork(RunState* run, const Outcome& outcome, EventSink* sink) {
  run->cursor = outcome.cursor;
  const bool is_map = run->state->type == StateType::kMap;
  const bool distributed = is_map && static_cast<const MapState&>(*run->state).distributed;
  if (distributed && outcome.ok && static_cast<const MapState&>(*run->state).result_writer) {
    return StartResultWriter(run, outcome, sink);  // MapRunSucceeded once written
  }
  if (distributed) {
    run->cursor = sink->Emit(outcome.ok ? EventType::kMapRunSucceeded : EventType::kMapRunFailed,
                             outcome.ok ? Json() : FailureDetails(outcome), run->cursor);
  }
  if (!outcome.ok) {
    StateFailure f;
    f.error = outcome.error;
    f.has_cause = outcome.has_cause;
    f.prefix = false;
    if (is_map) {
      const auto& state = static_cast<const MapState&>(*run->state);
      return HandleStateError(run, sink, std::move(f), state.retry, state.catch_, true);
    }
    const auto& state = static_cast<const ParallelState&>(*run->state);
    return HandleStateError(run, sink, std::move(f), state.retry, state.catch_, true);
  }
  return SucceedFork(run, sink, outcome.result);
}

Transition SucceedFork(RunState* run, EventSink* sink, const Json& result) {
  EmitBare(run, sink, StateEventType(run->state->type, StateEvent::kSucceeded), false);
  if (run->state->type == StateType::kMap) {
    const auto& state = static_cast<const MapState&>(*run->state);
    return FinishExecutionState(run, sink, result, state.result_selector, state.result_path,
                                state.retry, state.catch_, true);
  }
  const auto& state = static_cast<const ParallelState&>(*run->state);
  return FinishExecutionState(run, sink, result, state.result_selector, state.result_path,
                              state.retry, state.catch_, true);
}

}  // namespace sfn::asl::internal
