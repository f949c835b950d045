// emulator/actions_map_runs.cc: ListMapRuns, DescribeMapRun and UpdateMapRun
// over the Map Runs the engine records for Distributed Map states.
#include "emulator/api/actions_internal.h"
#include "emulator/records/map_runs.h"

namespace sfn::emulator::actions {
namespace {

ApiError MapRunNotFound(const std::string& arn) {
  return ServiceError("ResourceNotFound", "Resource not found: '" + arn + "'");
}

std::variant<MapRuns::Record, ApiError> FindMapRun(const Json& req) {
  const std::string arn_text = GetString(req, "mapRunArn").value_or("");
  auto arn = ParseArnOf(arn_text, {ArnKind::kMapRun});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto record = ProcessMapRuns().Describe(arn_text);
  if (!record) return MapRunNotFound(arn_text);
  return *record;
}

// itemCounts (by_items) or executionCounts, from the children's status.
Json Counts(const MapRuns::Record& r, bool by_items) {
  const MapRuns::Counts c = CountChildren(r, by_items);
  return ObjectBuilder()
      .Add("pending", Json(c.pending))
      .Add("running", Json(c.running))
      .Add("succeeded", Json(c.succeeded))
      .Add("failed", Json(c.failed))
      .Add("timedOut", Json(c.timed_out))
      .Add("aborted", Json(c.aborted))
      .Add("total", Json(c.total))
      .Add("resultsWritten", Json(c.results_written))
      .Add("failuresNotRedrivable", Json(c.failures_not_redrivable))
      .Add("pendingRedrive", Json(c.pending_redrive))
      .Build();
}

}  // namespace

ApiResult ListMapRuns(const Env& env, const Json& req) {
  // A Map Run's child may run Distributed Maps of its own.
  auto found = FindAnyExecution(env, req);
  if (auto* err = std::get_if<ApiError>(&found)) return *err;
  const std::string execution_arn = *GetString(req, "executionArn");
  const std::string list_id = "ListMapRuns\n" + execution_arn;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto page = Page(ProcessMapRuns().List(execution_arn), std::get<PageRequest>(page_req), list_id,
                   [](const MapRuns::Record& r) { return r.arn; });
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  Json::Array runs;
  for (const MapRuns::Record& r : std::get<0>(page).first) {
    ObjectBuilder b;
    b.Add("executionArn", Json(r.execution_arn))
        .Add("mapRunArn", Json(r.arn))
        .Add("stateMachineArn", Json(r.state_machine_arn))
        .Add("startDate", Timestamp(r.start_ms));
    if (r.status != MapRuns::Status::kRunning) b.Add("stopDate", Timestamp(r.stop_ms));
    runs.push_back(b.Build());
  }
  return ObjectBuilder()
      .Add("mapRuns", Json::MakeArray(std::move(runs)))
      .AddNonEmpty("nextToken", std::get<0>(page).second)
      .Build();
}

ApiResult DescribeMapRun(const Env&, const Json& req) {
  auto found = FindMapRun(req);
  if (auto* err = std::get_if<ApiError>(&found)) return *err;
  const MapRuns::Record& r = std::get<MapRuns::Record>(found);
  ObjectBuilder b;
  b.Add("mapRunArn", Json(r.arn))
      .Add("executionArn", Json(r.execution_arn))
      .Add("status", Json(MapRunStatusName(r.status)))
      .Add("startDate", Timestamp(r.start_ms));
  if (r.status != MapRuns::Status::kRunning) b.Add("stopDate", Timestamp(r.stop_ms));
  b.Add("maxConcurrency", Json(r.max_concurrency))
      .Add("toleratedFailurePercentage", Json(r.tolerated_failure_percentage))
      .Add("toleratedFailureCount", Json(r.tolerated_failure_count))
      .Add("itemCounts", Counts(r, true))
      .Add("executionCounts", Counts(r, false))
      .Add("redriveCount", Json(r.redrive_count));
  if (r.redrive_ms != 0) b.Add("redriveDate", Timestamp(r.redrive_ms));
  return b.Build();
}

ApiResult UpdateMapRun(const Env&, const Json& req) {
  auto found = FindMapRun(req);
  if (auto* err = std::get_if<ApiError>(&found)) return *err;
  std::optional<double> percentage;
  if (const Json* p = GetMember(req, "toleratedFailurePercentage")) {
    if (!p->is_number() || p->AsDouble() < 0 || p->AsDouble() > 100) {
      return ValidationError(
          "1 validation error detected: Value at 'toleratedFailurePercentage' failed to satisfy "
          "constraint: Member must have value less than or equal to 100");
    }
    percentage = p->AsDouble();
  }
  auto max_concurrency = GetInt(req, "maxConcurrency");
  auto count = GetInt(req, "toleratedFailureCount");
  const std::string arn = std::get<MapRuns::Record>(found).arn;
  if (!ProcessMapRuns().Update(arn, max_concurrency, count, percentage)) return MapRunNotFound(arn);
  return Empty();
}

}  // namespace sfn::emulator::actions
