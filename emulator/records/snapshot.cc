// emulator/records/snapshot.cc: the state file's document: its header,
// activities and Map Runs; the Store's part is in store_snapshot.cc and
// executions in execution_snapshot.cc.
#include "emulator/records/snapshot.h"

#include "emulator/records/snapshot_internal.h"

namespace sfn::emulator {

namespace snapshot_internal {

FieldReader::FieldReader(const Json& object, std::string where, std::string* error)
    : object_(object), where_(std::move(where)), error_(error) {
  if (ok() && !object_.is_object()) Fail("must be an object");
}

void FieldReader::Fail(const std::string& message) {
  if (ok()) *error_ = (where_.empty() ? "" : where_ + ": ") + message;
}

const Json* FieldReader::Member(std::string_view key, bool required) {
  const Json* v = object_.is_object() ? object_.Find(key) : nullptr;
  if (v == nullptr && required) Fail("\"" + std::string(key) + "\" is missing");
  return v;
}

std::string FieldReader::Str(std::string_view key) {
  const Json* v = Member(key, true);
  if (v != nullptr && !v->is_string()) Fail("\"" + std::string(key) + "\" must be a string");
  return v != nullptr && v->is_string() ? v->AsString() : "";
}

std::optional<std::string> FieldReader::OptStr(std::string_view key) {
  const Json* v = Member(key, false);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) Fail("\"" + std::string(key) + "\" must be a string or null");
  return v->is_string() ? std::optional<std::string>(v->AsString()) : std::nullopt;
}

int64_t FieldReader::Int(std::string_view key) {
  const Json* v = Member(key, true);
  if (v != nullptr && !v->is_int()) Fail("\"" + std::string(key) + "\" must be an integer");
  return v != nullptr && v->is_int() ? v->AsInt() : 0;
}

double FieldReader::Num(std::string_view key) {
  const Json* v = Member(key, true);
  if (v != nullptr && !v->is_number()) Fail("\"" + std::string(key) + "\" must be a number");
  return v != nullptr && v->is_number() ? v->AsDouble() : 0;
}

bool FieldReader::Bool(std::string_view key) {
  const Json* v = Member(key, true);
  if (v != nullptr && !v->is_bool()) Fail("\"" + std::string(key) + "\" must be true or false");
  return v != nullptr && v->is_bool() && v->AsBool();
}

Json FieldReader::Any(std::string_view key) {
  const Json* v = Member(key, false);
  return v != nullptr ? *v : Json();
}

const Json::Array& FieldReader::Arr(std::string_view key, bool required) {
  static const Json::Array kEmpty;
  const Json* v = Member(key, required);
  if (v != nullptr && !v->is_array()) Fail("\"" + std::string(key) + "\" must be an array");
  return v != nullptr && v->is_array() ? v->AsArray() : kEmpty;
}

Json FieldReader::Text(std::string_view key) {
  const std::string text = Str(key);
  if (!ok()) return Json();
  JsonParseResult parsed = ParseJson(text);
  if (!parsed.ok) Fail("\"" + std::string(key) + "\" must hold JSON text: " + parsed.error.message);
  return parsed.value;
}

FieldReader FieldReader::Sub(const Json& element, const std::string& name) {
  return FieldReader(element, where_.empty() ? name : where_ + "." + name, error_);
}

std::vector<std::pair<std::string, std::string>> FieldReader::StringPairs(std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Json& p : Arr(key)) {
    const Json::Array* pair = p.is_array() ? &p.AsArray() : nullptr;
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() ||
        !(*pair)[1].is_string()) {
      Fail("\"" + std::string(key) + "\" must hold [string, string] pairs");
      return {};
    }
    out.emplace_back((*pair)[0].AsString(), (*pair)[1].AsString());
  }
  return out;
}

FieldReader FieldReader::Item(const Json& element, std::string_view key, size_t i) {
  return Sub(element, std::string(key) + "[" + std::to_string(i) + "]");
}

}  // namespace snapshot_internal

namespace {

using snapshot_internal::FieldReader;

Json ActivitiesToJson(const Activities& activities) {
  Json::Array out;
  for (const Activities::Info& a : activities.List("")) {
    Json::Array tags;
    for (const auto& [k, v] : a.tags) tags.push_back(Json::MakeArray({Json(k), Json(v)}));
    out.push_back(Json::MakeObject({{"arn", Json(a.arn)},
                                    {"name", Json(a.name)},
                                    {"creationMs", Json(a.creation_ms)},
                                    {"tags", Json::MakeArray(std::move(tags))},
                                    {"encryptionConfiguration", a.encryption_configuration}}));
  }
  return Json::MakeArray(std::move(out));
}

std::vector<Activities::Info> ActivitiesFromJson(FieldReader& top) {
  std::vector<Activities::Info> out;
  top.ForEach("activities", [&out](FieldReader& r) {
    Activities::Info a;
    a.arn = r.Str("arn");
    a.name = r.Str("name");
    a.creation_ms = r.Int("creationMs");
    a.encryption_configuration = r.Any("encryptionConfiguration");
    a.tags = r.StringPairs("tags");
    out.push_back(std::move(a));
  });
  return out;
}

Json CountsToJson(const MapRuns::Counts& c) {
  return Json::MakeArray({Json(c.pending), Json(c.running), Json(c.succeeded), Json(c.failed),
                          Json(c.timed_out), Json(c.aborted), Json(c.total),
                          Json(c.results_written), Json(c.failures_not_redrivable),
                          Json(c.pending_redrive)});
}

// The file keeps a Map Run's settings and counts; its child executions are
// not kept (their counts are).
Json MapRunsToJson(const MapRuns& runs) {
  Json::Array out;
  for (const MapRuns::Record& r : runs.All()) {
    out.push_back(Json::MakeObject(
        {{"arn", Json(r.arn)},
         {"executionArn", Json(r.execution_arn)},
         {"stateMachineArn", Json(r.state_machine_arn)},
         {"status", Json(MapRunStatusName(r.status))},
         {"startMs", Json(r.start_ms)},
         {"stopMs", Json(r.stop_ms)},
         {"maxConcurrency", Json(r.max_concurrency)},
         {"toleratedFailureCount", Json(r.tolerated_failure_count)},
         {"toleratedFailurePercentage", Json(r.tolerated_failure_percentage)},
         {"hasToleratedFailureCount", Json(r.has_tolerated_count)},
         {"hasToleratedFailurePercentage", Json(r.has_tolerated_percentage)},
         {"total", Json(r.total)},
         {"totalItems", Json(r.total_items)},
         {"redriveCount", Json(r.redrive_count)},
         {"redriveMs", Json(r.redrive_ms)},
         {"itemCounts", CountsToJson(CountChildren(r, true))},
         {"executionCounts", CountsToJson(CountChildren(r, false))}}));
  }
  return Json::MakeArray(std::move(out));
}

std::optional<MapRuns::Status> MapRunStatusNamed(const std::string& name) {
  for (auto s : {MapRuns::Status::kRunning, MapRuns::Status::kSucceeded, MapRuns::Status::kFailed,
                 MapRuns::Status::kAborted}) {
    if (name == MapRunStatusName(s)) return s;
  }
  return std::nullopt;
}

MapRuns::Counts CountsFromJson(FieldReader& r, std::string_view key) {
  const Json::Array& a = r.Arr(key);
  MapRuns::Counts c;
  if (!r.ok()) return c;
  int64_t* fields[] = {&c.pending,   &c.running, &c.succeeded,       &c.failed,
                       &c.timed_out, &c.aborted, &c.total,           &c.results_written,
                       &c.failures_not_redrivable, &c.pending_redrive};
  if (a.size() != std::size(fields)) {
    r.Fail("\"" + std::string(key) + "\" must hold " + std::to_string(std::size(fields)) +
           " counts");
    return c;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_int()) {
      r.Fail("\"" + std::string(key) + "\" must hold integers");
      return c;
    }
    *fields[i] = a[i].AsInt();
  }
  return c;
}

std::vector<MapRuns::Record> MapRunsFromJson(FieldReader& top) {
  std::vector<MapRuns::Record> out;
  top.ForEach("mapRuns", [&out](FieldReader& r) {
    MapRuns::Record m;
    m.arn = r.Str("arn");
    m.execution_arn = r.Str("executionArn");
    m.state_machine_arn = r.Str("stateMachineArn");
    const std::string status = r.Str("status");
    const auto known = MapRunStatusNamed(status);
    if (r.ok() && !known) r.Fail("\"status\" is not a Map Run status: " + status);
    m.status = known.value_or(MapRuns::Status::kRunning);
    m.start_ms = r.Int("startMs");
    m.stop_ms = r.Int("stopMs");
    m.max_concurrency = r.Int("maxConcurrency");
    m.tolerated_failure_count = r.Int("toleratedFailureCount");
    m.tolerated_failure_percentage = r.Num("toleratedFailurePercentage");
    m.has_tolerated_count = r.Bool("hasToleratedFailureCount");
    m.has_tolerated_percentage = r.Bool("hasToleratedFailurePercentage");
    m.total = r.Int("total");
    m.total_items = r.Int("totalItems");
    m.redrive_count = r.Int("redriveCount");
    m.redrive_ms = r.Int("redriveMs");
    m.saved_item_counts = CountsFromJson(r, "itemCounts");
    m.saved_execution_counts = CountsFromJson(r, "executionCounts");
    out.push_back(std::move(m));
  });
  return out;
}

// Whether `doc` is a state file this version reads; else why not.
std::string CheckHeader(const JsonParseResult& parsed) {
  if (!parsed.ok) {
    return "not valid JSON (truncated or damaged?): " + parsed.error.message + " at byte " +
           std::to_string(parsed.error.offset);
  }
  const Json* format = parsed.value.is_object() ? parsed.value.Find("format") : nullptr;
  if (format == nullptr || !format->is_string() || format->AsString() != kStateFormat) {
    return "not an sfn-local state file (its \"format\" is not \"" + std::string(kStateFormat) +
           "\")";
  }
  const Json* version = parsed.value.Find("version");
  if (version == nullptr || !version->is_int() || version->AsInt() != kStateVersion) {
    return "state file version " + (version != nullptr ? Dump(*version) : std::string("(none)")) +
           " is not supported (this sfn-local reads version " + std::to_string(kStateVersion) + ")";
  }
  return "";
}

}  // namespace

std::string SerializeState(const Registries& from, int64_t now_ms) {
  std::string out = "{\"format\":";
  DumpStringTo(kStateFormat, &out);
  out += ",\"version\":" + std::to_string(kStateVersion) + ",\"savedAt\":" + std::to_string(now_ms);
  StoreSnapshot::Write(*from.store, &out);
  out += ",\n\"activities\":";
  DumpTo(ActivitiesToJson(*from.activities), &out);
  out += ",\n\"mapRuns\":";
  DumpTo(MapRunsToJson(*from.map_runs), &out);
  out += "}\n";
  return out;
}

Status RestoreState(std::string_view text, int64_t now_ms, const Registries& into,
                    size_t* ended_running) {
  JsonParseResult parsed = ParseJson(text);
  if (std::string why = CheckHeader(parsed); !why.empty()) return AslError{"StateFile", why};
  std::string error;
  FieldReader top(parsed.value, "", &error);
  std::vector<Activities::Info> activities = ActivitiesFromJson(top);
  std::vector<MapRuns::Record> map_runs = MapRunsFromJson(top);
  std::vector<std::string> aborted;
  if (!top.ok() || !StoreSnapshot::Read(parsed.value, now_ms, into.store, &error, &aborted)) {
    return AslError{"StateFile", error};
  }
  // The Store is loaded; the rest cannot fail.
  for (Activities::Info& a : activities) {
    into.activities->Create(a.arn, a.name, a.creation_ms, std::move(a.tags),
                            std::move(a.encryption_configuration));
  }
  into.map_runs->Restore(std::move(map_runs));
  for (const std::string& arn : aborted) into.map_runs->AbortRunning(arn, now_ms);
  if (ended_running != nullptr) *ended_running = aborted.size();
  into.store->Sweep();
  return Status::OK();
}

}  // namespace sfn::emulator
