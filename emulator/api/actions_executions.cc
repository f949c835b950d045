// emulator/actions_executions.cc: StartExecution, StartSyncExecution,
// DescribeExecution, ListExecutions, StopExecution and RedriveExecution.
#include <chrono>
#include <thread>
#include <unordered_map>

#include "asl/core/uuid.h"
#include "emulator/api/actions_internal.h"
#include "emulator/records/map_runs.h"

namespace sfn::emulator::actions {
namespace {

// AWS's ceiling for EXPRESS executions; StartSyncExecution waits no longer
// (plus a margin for the engine to report the timeout itself).
constexpr int64_t kSyncWaitMs = 5 * 60 * 1000 + 30 * 1000;
constexpr int64_t kWaitSliceMs = 100;

std::string NewUuid(const Env& env) {
  return env.hooks.new_uuid ? env.hooks.new_uuid() : RandomUuid();
}

// A validated Start(Sync)Execution request: the execution's spec, its
// parsed input and what it runs.
struct Prepared {
  ExecutionSpec spec;
  Json input;
  ExecutionTarget target;
};

// Validates a Start(Sync)Execution request and builds the execution's spec.
std::variant<Prepared, ApiError> Prepare(const Env& env, const Json& req) {
  ArnWithTestCase split = SplitTestCase(*GetString(req, "stateMachineArn"));
  auto arn = ParseArnOf(split.arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const ParsedArn& p = std::get<ParsedArn>(arn);
  auto name = GetString(req, "name");
  if (name && !IsValidName(*name)) return InvalidNameError(*name);
  auto target = env.store.ResolveTarget(p);
  if (auto* err = std::get_if<ApiError>(&target)) return *err;
  ExecutionSpec s;
  s.input_text = GetString(req, "input").value_or("{}");
  auto input = ParseExecutionInput(s.input_text);
  if (auto* err = std::get_if<ApiError>(&input)) return *err;
  const ExecutionTarget& t = std::get<ExecutionTarget>(target);
  // Without a mock file a test case would silently run the real routes.
  if (!split.test_case.empty() && !env.hooks.has_test_case) {
    return ServiceError("InvalidName", "Mock test case '" + split.test_case +
                                           "' requested, but no mock configuration is loaded: "
                                           "start sfn-local with --mock-config FILE (or "
                                           "SFN_MOCK_CONFIG=FILE).");
  }
  if (!split.test_case.empty() && !env.hooks.has_test_case(t.name, split.test_case)) {
    return ServiceError("InvalidName", "Invalid mock test case name '" + split.test_case +
                                           "': the mock configuration defines no such test "
                                           "case for state machine '" +
                                           t.name + "'.");
  }
  s.name = name ? *name : NewUuid(env);
  s.state_machine_arn = t.machine_arn;
  s.state_machine_name = t.name;
  s.version_arn = t.version_arn;
  s.alias_arn = t.alias_arn;
  s.type = t.type;
  s.role_arn = t.revision->role_arn;
  s.logging_configuration = t.revision->logging_configuration;
  s.region = p.region;
  s.account = p.account;
  // The parsed machine keeps the definition text; a copy per execution
  // would be most of a retained execution's memory.
  if (!t.revision->machine) s.definition = t.revision->definition;
  s.machine = t.revision->machine;
  s.test_case = split.test_case;
  s.trace_header = GetString(req, "traceHeader").value_or("");
  s.start_ms = env.store.NowMillis();
  s.arn = t.type == "EXPRESS"
              ? ExpressExecutionArn(p.region, p.account, t.name, s.name, NewUuid(env))
              : ExecutionArn(p.region, p.account, t.name, s.name);
  return Prepared{std::move(s), std::get<Json>(std::move(input)), t};
}

}  // namespace

Json StartedResponse(const Execution& e) {
  return ObjectBuilder()
      .Add("executionArn", Json(e.spec().arn))
      .Add("startDate", Timestamp(e.spec().start_ms))
      .Build();
}

namespace {

// Why a finished execution cannot be redriven (DescribeExecution's
// redriveStatus/redriveStatusReason).
void AddRedriveStatus(const Execution& e, ExecutionStatus status, ObjectBuilder* b) {
  b->Add("redriveCount", Json(e.redrive_count()));
  if (e.redrive_count() > 0) b->Add("redriveDate", Timestamp(e.redrive_ms()));
  if (status == ExecutionStatus::kRunning || status == ExecutionStatus::kSucceeded) {
    b->Add("redriveStatus", Json("NOT_REDRIVABLE"))
        .Add("redriveStatusReason", Json(std::string("Execution is ") +
                                         ExecutionStatusName(status) + " and cannot be redriven"));
  } else if (!e.spec().map_run_arn.empty()) {
    // A Map Run's child is redriven through its parent's redrive.
    b->Add("redriveStatus", Json("REDRIVABLE_BY_MAP_RUN"));
  } else {
    b->Add("redriveStatus", Json("REDRIVABLE"));
  }
}

Json RenderExecution(const Execution& e, bool metadata_only) {
  const ExecutionSpec& s = e.spec();
  const ExecutionEnd end = e.end();
  const Json included = ObjectBuilder().Add("included", Json(!metadata_only)).Build();
  ObjectBuilder b;
  b.Add("executionArn", Json(s.arn))
      .Add("stateMachineArn", Json(s.state_machine_arn))
      .Add("name", Json(s.name))
      .Add("status", Json(ExecutionStatusName(end.status)))
      .Add("startDate", Timestamp(s.start_ms));
  if (end.status != ExecutionStatus::kRunning) b.Add("stopDate", Timestamp(end.stop_ms));
  if (!metadata_only) b.Add("input", Json(s.input_text));
  b.Add("inputDetails", included);
  if (end.output_text.is_string()) {
    if (!metadata_only) b.Add("output", end.output_text);
    b.Add("outputDetails", included);
  }
  b.AddNonEmpty("traceHeader", s.trace_header);
  if (end.has_error) b.Add("error", Json(end.error));
  if (end.has_cause) b.Add("cause", Json(end.cause));
  b.AddNonEmpty("stateMachineVersionArn", s.version_arn)
      .AddNonEmpty("stateMachineAliasArn", s.alias_arn)
      .AddNonEmpty("mapRunArn", s.map_run_arn);
  AddRedriveStatus(e, end.status, &b);
  return b.Build();
}

Json RenderSyncResult(const Execution& e) {
  const ExecutionSpec& s = e.spec();
  ExecutionEnd end = e.end();
  if (end.status == ExecutionStatus::kRunning) {
    end.status = ExecutionStatus::kTimedOut;  // gave up waiting
    end.stop_ms = NowMs();
  }
  const Json included = ObjectBuilder().Add("included", Json(true)).Build();
  ObjectBuilder b;
  b.Add("executionArn", Json(s.arn))
      .Add("stateMachineArn", Json(s.state_machine_arn))
      .Add("name", Json(s.name))
      .Add("startDate", Timestamp(s.start_ms))
      .Add("stopDate", Timestamp(end.stop_ms))
      .Add("status", Json(ExecutionStatusName(end.status)));
  if (end.has_error) b.Add("error", Json(end.error));
  if (end.has_cause) b.Add("cause", Json(end.cause));
  b.Add("input", Json(s.input_text)).Add("inputDetails", included);
  if (end.output_text.is_string()) b.Add("output", end.output_text).Add("outputDetails", included);
  b.AddNonEmpty("traceHeader", s.trace_header);
  // AWS bills EXPRESS executions in 100 ms steps and reports 64 MB.
  int64_t billed = std::max<int64_t>(100, (end.stop_ms - s.start_ms + 99) / 100 * 100);
  b.Add("billingDetails", ObjectBuilder()
                              .Add("billedMemoryUsedInMB", Json(64))
                              .Add("billedDurationInMilliseconds", Json(billed))
                              .Build());
  return b.Build();
}

// item_count >= 0: a Map Run's child, listed by its run.
Json ListItem(const Execution& e, int64_t item_count) {
  const ExecutionSpec& s = e.spec();
  const ExecutionEnd end = e.end();
  ObjectBuilder b;
  b.Add("executionArn", Json(s.arn))
      .Add("stateMachineArn", Json(s.state_machine_arn))
      .Add("name", Json(s.name))
      .Add("status", Json(ExecutionStatusName(end.status)))
      .Add("startDate", Timestamp(s.start_ms));
  if (end.status != ExecutionStatus::kRunning) b.Add("stopDate", Timestamp(end.stop_ms));
  b.AddNonEmpty("stateMachineVersionArn", s.version_arn)
      .AddNonEmpty("stateMachineAliasArn", s.alias_arn);
  if (item_count >= 0) b.Add("mapRunArn", Json(s.map_run_arn)).Add("itemCount", Json(item_count));
  return b.Add("redriveCount", Json(e.redrive_count())).Build();
}

// One page of ListExecutions over `executions` (newest first), after
// statusFilter and redriveFilter; a Map Run's children (`item_counts`
// given) carry its ARN and their item count.
ApiResult ListPage(const Json& req, const std::string& list_key,
                   const std::vector<std::shared_ptr<Execution>>& executions,
                   const std::unordered_map<const Execution*, int64_t>* item_counts) {
  auto status = GetString(req, "statusFilter");
  const std::string redrive_filter = GetString(req, "redriveFilter").value_or("");
  std::vector<std::shared_ptr<Execution>> matching;
  for (const auto& e : executions) {
    const bool redriven = e->redrive_count() > 0;
    if ((redrive_filter == "REDRIVEN" && !redriven) ||
        (redrive_filter == "NOT_REDRIVEN" && redriven)) {
      continue;
    }
    if (status && *status != ExecutionStatusName(e->end().status)) continue;
    matching.push_back(e);
  }
  const std::string list_id = list_key + "\n" + status.value_or("") + "\n" + redrive_filter;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto page = Page(matching, std::get<PageRequest>(page_req), list_id,
                   [](const std::shared_ptr<Execution>& e) { return e->spec().arn; });
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  Json::Array items;
  for (const auto& e : std::get<0>(page).first) {
    const int64_t count = item_counts != nullptr ? item_counts->at(e.get()) : -1;
    items.push_back(ListItem(*e, count));
  }
  return ObjectBuilder()
      .Add("executions", Json::MakeArray(std::move(items)))
      .AddNonEmpty("nextToken", std::get<0>(page).second)
      .Build();
}

}  // namespace

std::variant<ExecutionRecord, ApiError> FindAnyExecution(const Env& env, const Json& req) {
  const std::string arn_text = *GetString(req, "executionArn");
  auto arn = ParseArnOf(arn_text, {ArnKind::kExecution});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  if (auto record = env.store.FindExecution(arn_text)) return *record;
  std::shared_ptr<Execution> child = ProcessMapRuns().FindChild(arn_text);
  if (!child) return ExecutionDoesNotExist(arn_text);
  ExecutionRecord record;
  record.execution = child;
  if (auto run = ProcessMapRuns().Describe(child->spec().map_run_arn)) {
    if (auto parent = env.store.FindExecution(run->execution_arn)) record.revision = parent->revision;
  }
  return record;
}

std::variant<std::shared_ptr<Execution>, ApiError> StartFromRequest(const Env& env, const Json& req,
                                                                    bool after_answer) {
  auto prepared = Prepare(env, req);
  if (auto* err = std::get_if<ApiError>(&prepared)) return *err;
  auto& [spec, input, target] = std::get<Prepared>(prepared);
  auto execution = std::make_shared<Execution>(std::move(spec), std::move(input));
  auto start = [&] {
    if (after_answer) {
      env.runner.StartAfterAnswer(execution);
    } else {
      env.runner.Start(execution);
    }
  };
  if (target.type == "EXPRESS") {  // not kept: AWS cannot describe them either
    start();
    return execution;
  }
  bool added = false;
  auto stored = env.store.AddExecution(execution, target.revision, &added);
  if (auto* err = std::get_if<ApiError>(&stored)) return *err;
  if (added) start();
  return std::get<std::shared_ptr<Execution>>(std::move(stored));
}

ApiResult StartExecution(const Env& env, const Json& req) {
  auto started = StartFromRequest(env, req, /*after_answer=*/true);
  if (auto* err = std::get_if<ApiError>(&started)) return *err;
  return StartedResponse(*std::get<std::shared_ptr<Execution>>(started));
}

ApiResult StartSyncExecution(const Env& env, const Json& req) {
  auto prepared = Prepare(env, req);
  if (auto* err = std::get_if<ApiError>(&prepared)) return *err;
  auto& [spec, input, target] = std::get<Prepared>(prepared);
  if (target.type != "EXPRESS") {
    return ServiceError("StateMachineTypeNotSupported",
                        "This operation is not supported by this type of state machine");
  }
  auto execution = std::make_shared<Execution>(std::move(spec), std::move(input));
  env.runner.Start(execution);
  const int64_t deadline = NowMs() + kSyncWaitMs;
  while (!execution->WaitUntilDone(kWaitSliceMs) && !env.stopping && NowMs() < deadline) {
  }
  return RenderSyncResult(*execution);
}

ApiResult DescribeExecution(const Env& env, const Json& req) {
  auto record = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&record)) return *err;
  Execution& e = *std::get<ExecutionRecord>(record).execution;
  if (GetString(req, "includedData").value_or("") == "METADATA_ONLY") {
    return RenderExecution(e, /*metadata_only=*/true);
  }
  // An ended execution's answer no longer changes (until a redrive): one
  // asked for again is kept and sent as it is.
  Execution::KeptAnswer kept = e.FindAnswer();
  if (kept.text) return ApiResult(std::move(kept.text));
  Json answer = RenderExecution(e, /*metadata_only=*/false);
  if (!kept.keep) return answer;
  auto text = std::make_shared<const std::string>(Dump(answer));
  e.KeepAnswer(kept.generation, text);
  return ApiResult(std::move(text));
}

ApiResult ListExecutions(const Env& env, const Json& req) {
  auto machine_arn = GetString(req, "stateMachineArn");
  if (auto map_run = GetString(req, "mapRunArn")) {
    auto arn = ParseArnOf(*map_run, {ArnKind::kMapRun});
    if (auto* err = std::get_if<ApiError>(&arn)) return *err;
    auto run = ProcessMapRuns().Describe(*map_run);
    if (!run) return ServiceError("ResourceNotFound", "Resource not found: '" + *map_run + "'");
    std::vector<std::shared_ptr<Execution>> children;
    std::unordered_map<const Execution*, int64_t> item_counts;
    for (auto it = run->children.rbegin(); it != run->children.rend(); ++it) {
      if (it->superseded) continue;
      children.push_back(it->execution);
      item_counts[it->execution.get()] = it->item_count;
    }
    return ListPage(req, "ListExecutions\n" + *map_run, children, &item_counts);
  }
  if (!machine_arn) return ValidationError("Must provide a StateMachine ARN or MapRun ARN");
  auto arn = ParseArnOf(*machine_arn, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const ParsedArn& p = std::get<ParsedArn>(arn);
  auto type = env.store.MachineType(p.base);
  if (std::holds_alternative<ApiError>(type)) return StateMachineDoesNotExist(p.text);
  if (std::get<std::string>(type) == "EXPRESS") {
    return ServiceError("StateMachineTypeNotSupported",
                        "This operation is not supported by this type of state machine");
  }
  auto executions = env.store.ListExecutions(p);
  if (auto* err = std::get_if<ApiError>(&executions)) return *err;
  return ListPage(req, "ListExecutions\n" + p.text, std::get<0>(executions), nullptr);
}

ApiResult StopExecution(const Env& env, const Json& req) {
  auto record = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&record)) return *err;
  const auto& execution = std::get<ExecutionRecord>(record).execution;
  if (execution->running()) {
    env.runner.Stop(execution, GetString(req, "error"), GetString(req, "cause"));
    execution->WaitUntilDone(2000);  // the engine records the end asynchronously
  }
  ExecutionEnd end = execution->end();
  int64_t stop_ms = end.status == ExecutionStatus::kRunning ? NowMs() : end.stop_ms;
  return ObjectBuilder().Add("stopDate", Timestamp(stop_ms)).Build();
}

// RedriveExecution: the execution goes on from the top-level state where it
// stopped. A stopped execution records where it stopped a moment after its
// end, so a redrive right after StopExecution waits for that (bounded).
ApiResult RedriveExecution(const Env& env, const Json& req) {
  auto record = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&record)) return *err;
  const auto& execution = std::get<ExecutionRecord>(record).execution;
  if (!execution->spec().map_run_arn.empty()) {
    return ServiceError("ExecutionNotRedrivable",
                        "Execution was started by a Map Run: redrive its parent execution");
  }
  const int64_t now = NowMs();
  Execution::RedriveStart started = execution->BeginRedrive(now);
  for (int i = 0; i < 200 && started == Execution::RedriveStart::kNotReady; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    started = execution->BeginRedrive(now);
  }
  if (started != Execution::RedriveStart::kStarted) {
    const ExecutionStatus status = execution->end().status;
    return ServiceError(
        "ExecutionNotRedrivable",
        std::string("Execution is ") + ExecutionStatusName(status) + " and cannot be redriven");
  }
  env.runner.Redrive(execution);
  return ObjectBuilder().Add("redriveDate", Timestamp(now)).Build();
}

}  // namespace sfn::emulator::actions
