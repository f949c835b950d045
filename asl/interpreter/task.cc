// asl/interpreter/task.cc
//
// Task states: build the request (InputPath, Parameters/Arguments, timeouts,
// task token), record TaskScheduled/TaskStarted (or the LambdaFunction*
// events of a direct Lambda ARN, or the Activity* events of an activity
// ARN, whose ActivityStarted the engine records when a worker takes the
// task), and process the outcome through
// ResultSelector, ResultPath, OutputPath / Output and Assign, or Retry/Catch.
#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"
#include "asl/expressions/payload.h"

namespace sfn::asl::internal {

namespace {

constexpr int64_t kDefaultTimeoutSeconds = 99999999;

// arn:<partition>:lambda:<region>:<account>:function:<name>, in any partition.
bool IsLambdaFunctionArn(std::string_view resource) {
  const size_t partition_end = resource.find(':', 4);
  return resource.substr(0, 4) == "arn:" && partition_end != std::string_view::npos &&
         resource.substr(partition_end, 8) == ":lambda:" &&
         resource.find(":function:") != std::string_view::npos;
}

bool IsActivityArn(std::string_view resource) {
  return resource.substr(0, 4) == "arn:" && resource.find(":activity:") != std::string_view::npos;
}

// TimeoutSeconds / HeartbeatSeconds: 0 when absent.
Result<int64_t> Seconds(const DynamicValue& value, const EvalContext& ctx, const char* field) {
  if (!value.present()) return int64_t{0};
  Result<std::optional<Json>> r = ResolveDynamic(value, ctx);
  if (!r.ok()) return r.error();
  if (!r.value()) {
    return AslError{std::string(kStatesRuntime), std::string("The ") + field +
                                                     "Path parameter does not reference an "
                                                     "input value: " +
                                                     value.path.text()};
  }
  const Json& v = *r.value();
  if (!v.is_int() || v.AsInt() <= 0 || v.AsInt() > kDefaultTimeoutSeconds) {
    const bool jsonata = value.kind == DynamicValue::Kind::kExpression;
    return AslError{
        std::string(jsonata ? kStatesQueryEvaluationError : kStatesRuntime),
        std::string("The ") + field +
            " field must be a positive integer between 1 and 99999999, but was: " + ValueText(v)};
  }
  return v.AsInt();
}

Json TaskDetails(const TaskCall& call, std::initializer_list<Json::Member> extra) {
  ResourceParts parts = SplitResource(call.resource);
  Json::Object members;
  members.reserve(extra.size() + 2);
  members.emplace_back("resourceType", Json(std::move(parts.type)));
  members.emplace_back("resource", Json(std::move(parts.name)));
  for (const auto& m : extra) members.push_back(m);
  return Json::MakeObject(std::move(members));
}

void EmitActivityScheduled(RunState* run, EventSink* sink, const TaskCall& call, bool has_timeout) {
  Json::Object d;
  d.emplace_back("resource", Json(call.resource));
  d.emplace_back("input", Json(Dump(call.payload)));
  d.emplace_back("inputDetails", NotTruncated());
  if (has_timeout) d.emplace_back("timeoutInSeconds", Json(call.timeout_seconds));
  if (call.heartbeat_seconds > 0)
    d.emplace_back("heartbeatInSeconds", Json(call.heartbeat_seconds));
  run->cursor =
      sink->Emit(EventType::kActivityScheduled, Json::MakeObject(std::move(d)), run->cursor);
}

void EmitScheduled(RunState* run, EventSink* sink, const TaskCall& call, bool has_timeout) {
  if (call.activity) return EmitActivityScheduled(run, sink, call, has_timeout);
  Json payload_text(Dump(call.payload));
  if (call.lambda_function) {
    Json::Object d;
    d.emplace_back("resource", Json(call.resource));
    d.emplace_back("input", payload_text);
    d.emplace_back("inputDetails", NotTruncated());
    if (has_timeout) d.emplace_back("timeoutInSeconds", Json(call.timeout_seconds));
    run->cursor = sink->Emit(EventType::kLambdaFunctionScheduled, Json::MakeObject(std::move(d)),
                             run->cursor);
    EmitBare(run, sink, EventType::kLambdaFunctionStarted, true);
    return;
  }
  ResourceParts parts = SplitResource(call.resource);
  Json::Object d;
  d.emplace_back("resourceType", Json(parts.type));
  d.emplace_back("resource", Json(parts.name));
  d.emplace_back("region", Json(run->exec != nullptr ? run->exec->caller.region : std::string()));
  d.emplace_back("parameters", payload_text);
  if (has_timeout) d.emplace_back("timeoutInSeconds", Json(call.timeout_seconds));
  if (call.heartbeat_seconds > 0)
    d.emplace_back("heartbeatInSeconds", Json(call.heartbeat_seconds));
  run->cursor = sink->Emit(EventType::kTaskScheduled, Json::MakeObject(std::move(d)), run->cursor);
  run->cursor = sink->Emit(EventType::kTaskStarted, TaskDetails(call, {}), run->cursor);
}

void EmitSucceeded(RunState* run, EventSink* sink, const Json& result) {
  const TaskCall& call = run->task;
  Json text(Dump(result));
  if (call.activity) {
    run->cursor = sink->Emit(
        EventType::kActivitySucceeded,
        Json::MakeObject({{"output", text}, {"outputDetails", NotTruncated()}}), run->cursor);
    return;
  }
  if (call.lambda_function) {
    run->cursor = sink->Emit(
        EventType::kLambdaFunctionSucceeded,
        Json::MakeObject({{"output", text}, {"outputDetails", NotTruncated()}}), run->cursor);
    return;
  }
  run->cursor = sink->Emit(EventType::kTaskSucceeded,
                           TaskDetails(call, {{"output", text}, {"outputDetails", NotTruncated()}}),
                           run->cursor);
}

void EmitFailed(RunState* run, EventSink* sink, const Outcome& outcome) {
  const TaskCall& call = run->task;
  Json::Object d;
  d.emplace_back("error", Json(outcome.error.error));
  if (outcome.has_cause) d.emplace_back("cause", Json(outcome.error.cause));
  if (call.activity) {
    const EventType type =
        outcome.timed_out ? EventType::kActivityTimedOut : EventType::kActivityFailed;
    run->cursor = sink->Emit(type, Json::MakeObject(std::move(d)), run->cursor);
    return;
  }
  if (call.lambda_function) {
    const EventType type =
        outcome.timed_out ? EventType::kLambdaFunctionTimedOut : EventType::kLambdaFunctionFailed;
    run->cursor = sink->Emit(type, Json::MakeObject(std::move(d)), run->cursor);
    return;
  }
  ResourceParts parts = SplitResource(call.resource);
  d.insert(d.begin(), {"resource", Json(parts.name)});
  d.insert(d.begin(), {"resourceType", Json(parts.type)});
  const EventType type = outcome.timed_out ? EventType::kTaskTimedOut : EventType::kTaskFailed;
  run->cursor = sink->Emit(type, Json::MakeObject(std::move(d)), run->cursor);
}

Transition TaskError(RunState* run, EventSink* sink, StateFailure failure) {
  const auto& state = static_cast<const TaskState&>(*run->state);
  return HandleStateError(run, sink, std::move(failure), state.retry, state.catch_, false);
}

// A task on an activity that does not exist: ActivityScheduleFailed, then
// the state fails with States.Runtime.
Transition FailActivitySchedule(RunState* run, EventSink* sink, const TaskCall& call) {
  StateFailure f;
  f.error =
      AslError{std::string(kStatesRuntime), "Activity Does Not Exist: '" + call.resource + "'"};
  f.prefix = false;
  run->cursor =
      sink->Emit(EventType::kActivityScheduleFailed,
                 Json::MakeObject({{"error", Json(f.error.error)}, {"cause", Json(f.error.cause)}}),
                 run->cursor);
  return TaskError(run, sink, std::move(f));
}

bool ActivityMissing(const RunState& run, const TaskCall& call) {
  return call.activity && run.exec != nullptr && run.exec->activities != nullptr &&
         !run.exec->activities->ActivityExists(call.resource);
}

// Builds the TaskCall of the next attempt from the state's fields.
Result<TaskCall> BuildCall(RunState* run, std::string* failed_field, bool* has_timeout) {
  const auto& state = static_cast<const TaskState&>(*run->state);
  const bool jsonata = IsJsonata(*run);
  TaskCall call;
  call.resource = state.resource;
  call.attempt = run->retry_count;
  call.lambda_function = IsLambdaFunctionArn(state.resource);
  if (state.pattern == TaskPattern::kWaitForTaskToken) {
    call.pattern = TaskCall::Pattern::kWaitForTaskToken;
    call.task_token = run->exec && run->exec->env ? run->exec->env->NewUuid() : "token";
  } else if (state.pattern == TaskPattern::kSync || state.pattern == TaskPattern::kSync2) {
    call.pattern = TaskCall::Pattern::kSync;
  }
  run->task.task_token = call.task_token;
  RefreshContext(run, true);  // RetryCount and Task.Token as of this attempt
  // An activity's token goes to its worker, not into $$.Task.Token.
  call.activity = IsActivityArn(state.resource);
  if (call.activity) {
    call.task_token = run->exec && run->exec->env ? run->exec->env->NewUuid() : "token";
  }
  EvalContext ctx = MakeEvalContext(*run, jsonata ? &run->input : &run->effective);
  *failed_field = jsonata ? "Arguments" : "Parameters";
  Result<Json> payload = EvaluateOptional(state.parameters, ctx, ctx.input ? *ctx.input : Json());
  if (!payload.ok()) return payload.error();
  call.payload = std::move(payload).value();
  Inspect(run, &Inspection::after_parameters, call.payload);
  *failed_field = "TimeoutSeconds";
  Result<int64_t> timeout = Seconds(state.timeout_seconds, ctx, "TimeoutSeconds");
  if (!timeout.ok()) return timeout.error();
  *failed_field = "HeartbeatSeconds";
  Result<int64_t> heartbeat = Seconds(state.heartbeat_seconds, ctx, "HeartbeatSeconds");
  if (!heartbeat.ok()) return heartbeat.error();
  *has_timeout = state.timeout_seconds.present();
  call.timeout_seconds = *has_timeout ? timeout.value() : kDefaultTimeoutSeconds;
  call.heartbeat_seconds = heartbeat.value();
  return call;
}

}  // namespace

Transition EnterTask(RunState* run, EventSink* sink) {
  if (auto failed = ApplyInputPath(run, sink, &run->effective)) return *failed;
  if (!IsJsonata(*run)) Inspect(run, &Inspection::after_input_path, run->effective);
  return StartTaskAttempt(run, sink);
}

Transition StartTaskAttempt(RunState* run, EventSink* sink) {
  std::string field;
  bool has_timeout = false;
  Result<TaskCall> call = BuildCall(run, &field, &has_timeout);
  if (!call.ok()) return TaskError(run, sink, FromEvalError(call.error(), field));
  run->task = std::move(call).value();
  if (ActivityMissing(*run, run->task)) return FailActivitySchedule(run, sink, run->task);
  EmitScheduled(run, sink, run->task, has_timeout);
  run->phase = RunState::Phase::kTask;
  Transition t;
  t.kind = Transition::Kind::kInvoke;
  t.task = &run->task;
  return t;
}

namespace {

struct ResultFields {
  const std::optional<PayloadTemplate>* result_selector;
  const OptionalPath* result_path;
  const std::vector<Retrier>* retry;
  const std::vector<Catcher>* catchers;
  bool emit_failed_event;
};

Transition Fail(RunState* run, EventSink* sink, const ResultFields& f, StateFailure failure) {
  return HandleStateError(run, sink, std::move(failure), *f.retry, *f.catchers,
                          f.emit_failed_event);
}

Transition FinishJsonPath(RunState* run, EventSink* sink, const Json& result,
                          const ResultFields& f) {
  const State& state = *run->state;
  Inspect(run, &Inspection::result, result);
  EvalContext ctx = MakeEvalContext(*run, &result);
  Result<Assignment> assigned = EvaluateStateAssign(state.assign, ctx);
  if (!assigned.ok()) return Fail(run, sink, f, FromEvalError(assigned.error(), "Assign"));
  Result<Json> selected = EvaluateOptional(*f.result_selector, ctx, result);
  if (!selected.ok()) {
    return Fail(run, sink, f, FromEvalError(selected.error(), "ResultSelector"));
  }
  Inspect(run, &Inspection::after_result_selector, selected.value());
  Result<Json> placed = ApplyResultPath(*f.result_path, *run, selected.value());
  if (!placed.ok()) return Fail(run, sink, f, FromEvalError(placed.error(), "ResultPath"));
  Inspect(run, &Inspection::after_result_path, placed.value());
  Result<Json> out = ApplyFilterPath(state.output_path, *run, placed.value());
  if (!out.ok()) return FailRun(run, sink, FromEvalError(out.error(), "OutputPath"));
  Commit(assigned.value(), run->scope);
  return ExitState(run, sink, std::move(out).value(), &assigned.value(), state.next);
}

Transition FinishJsonata(RunState* run, EventSink* sink, const Json& result,
                         const ResultFields& f) {
  const State& state = *run->state;
  Inspect(run, &Inspection::result, result);
  EvalContext ctx = MakeEvalContext(*run, &run->input);
  ctx.result = &result;
  Result<Assignment> assigned = EvaluateStateAssign(state.assign, ctx);
  if (!assigned.ok()) return Fail(run, sink, f, FromEvalError(assigned.error(), "Assign"));
  Result<Json> out = EvaluateOptional(state.output, ctx, result);
  if (!out.ok()) return Fail(run, sink, f, FromEvalError(out.error(), "Output"));
  Commit(assigned.value(), run->scope);
  return ExitState(run, sink, std::move(out).value(), &assigned.value(), state.next);
}

}  // namespace

Transition FinishExecutionState(RunState* run, EventSink* sink, const Json& result,
                                const std::optional<PayloadTemplate>& result_selector,
                                const OptionalPath& result_path, const std::vector<Retrier>& retry,
                                const std::vector<Catcher>& catchers, bool emit_failed_event) {
  ResultFields f{&result_selector, &result_path, &retry, &catchers, emit_failed_event};
  if (IsJsonata(*run)) return FinishJsonata(run, sink, result, f);
  return FinishJsonPath(run, sink, result, f);
}

namespace {

// A .sync job that was submitted records its submission before its end.
void EmitSubmitted(RunState* run, EventSink* sink, const Json& submitted) {
  if (submitted.is_null()) return;
  Json details = TaskDetails(
      run->task, {{"output", Json(Dump(submitted))}, {"outputDetails", NotTruncated()}});
  run->cursor = sink->Emit(EventType::kTaskSubmitted, std::move(details), run->cursor);
}

}  // namespace

Transition ResumeTask(RunState* run, const Outcome& outcome, EventSink* sink) {
  EmitSubmitted(run, sink, outcome.submitted);
  if (!outcome.ok) {
    EmitFailed(run, sink, outcome);
    StateFailure f;
    f.error = outcome.error;
    f.has_cause = outcome.has_cause;
    f.prefix = false;
    return TaskError(run, sink, std::move(f));
  }
  EmitSucceeded(run, sink, outcome.result);
  const auto& state = static_cast<const TaskState&>(*run->state);
  return FinishExecutionState(run, sink, outcome.result, state.result_selector, state.result_path,
                              state.retry, state.catch_, false);
}

}  // namespace sfn::asl::internal

namespace sfn::asl {

TaskCall CallToInvoke(const Transition& t, const RunState& run) {
  TaskCall call = *t.task;
  if (run.exec != nullptr) call.caller = run.exec->caller;
  call.caller.state_name = run.state->name;
  return call;
}

}  // namespace sfn::asl
