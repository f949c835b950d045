// emulator/actions_history.cc: GetExecutionHistory and
// DescribeStateMachineForExecution, which read an execution's record.
#include "asl/definition/definition.h"
#include "emulator/api/actions_internal.h"

namespace sfn::emulator::actions {
ApiResult GetExecutionHistory(const Env& env, const Json& req) {
  auto record = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&record)) return *err;
  const Execution& execution = *std::get<ExecutionRecord>(record).execution;
  const bool reverse = GetBool(req, "reverseOrder").value_or(false);
  const bool include_data = GetBool(req, "includeExecutionData").value_or(true);
  const std::string list_id =
      "GetExecutionHistory\n" + execution.spec().arn + (reverse ? "\nreverse" : "");
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  std::vector<HistoryEvent> events = execution.history().All();
  if (reverse) std::reverse(events.begin(), events.end());
  auto page = Page(
      events, std::get<PageRequest>(page_req), list_id,
      [](const HistoryEvent& e) { return NumericKey(e.id); },
      reverse ? KeyOrder::kDescending : KeyOrder::kAscending);
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  Json::Array out;
  for (const HistoryEvent& e : std::get<0>(page).first)
    out.push_back(RenderHistoryEvent(e, include_data));
  return ObjectBuilder()
      .Add("events", Json::MakeArray(std::move(out)))
      .AddNonEmpty("nextToken", std::get<0>(page).second)
      .Build();
}

ApiResult DescribeStateMachineForExecution(const Env& env, const Json& req) {
  auto record = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&record)) return *err;
  const ExecutionRecord& r = std::get<ExecutionRecord>(record);
  const ExecutionSpec& s = r.execution->spec();
  if (!r.revision) return ExecutionDoesNotExist(s.arn);  // a Map Run child of an EXPRESS parent
  const Revision& rev = *r.revision;
  bool metadata_only = GetString(req, "includedData").value_or("") == "METADATA_ONLY";
  ObjectBuilder b;
  b.Add("stateMachineArn", Json(s.state_machine_arn))
      .Add("name", Json(s.state_machine_name))
      .Add("definition", Json(metadata_only ? std::string("{}") : rev.definition))
      .Add("roleArn", Json(rev.role_arn))
      .Add("updateDate", Timestamp(rev.update_ms))
      .Add("loggingConfiguration", rev.logging_configuration)
      .Add("tracingConfiguration", rev.tracing_configuration)
      .AddNonEmpty("revisionId", rev.revision_id)
      .Add("encryptionConfiguration", rev.encryption_configuration);
  if (rev.machine != nullptr && rev.machine->variable_references.size() > 0)
    b.Add("variableReferences", rev.machine->variable_references);
  if (!s.map_run_arn.empty()) {
    // A Map Run's child: its run, and the label its ARN carries.
    const std::string& name = s.state_machine_name;
    b.Add("mapRunArn", Json(s.map_run_arn)).Add("label", Json(name.substr(name.find('/') + 1)));
  }
  return b.Build();
}

}  // namespace sfn::emulator::actions
