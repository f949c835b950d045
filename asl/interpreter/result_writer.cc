// asl/interpreter/result_writer.cc
#include "asl/interpreter/result_writer.h"

#include "asl/core/errors.h"
#include "asl/interpreter/context_object.h"
#include "asl/interpreter/internal.h"

namespace sfn::asl {
namespace {

std::string Status(const ChildRun& child) { return child.status; }

// The file name for a status: SUCCEEDED, FAILED or PENDING.
std::string FileStatus(const std::string& status) {
  if (status == "SUCCEEDED") return "SUCCEEDED";
  if (status == "RUNNING" || status == "PENDING_REDRIVE") return "PENDING";
  return "FAILED";
}

void AppendRecords(const ChildRun& child, const std::string& transformation,
                   const std::string& map_run_arn, Json::Array* out) {
  if (child.status != "SUCCEEDED" || transformation == "NONE") {
    out->push_back(ChildRecord(child, map_run_arn));
  } else if (transformation == "FLATTEN" && child.output.is_array()) {
    for (const Json& v : child.output.AsArray()) out->push_back(v);
  } else {
    out->push_back(child.output);
  }
}

std::string FileBody(const Json::Array& records, const std::string& output_type) {
  if (output_type != "JSONL") return Dump(Json::MakeArray(records));
  std::string body;
  for (const Json& r : records) {
    DumpTo(r, &body);
    body += '\n';
  }
  return body;
}

}  // namespace

std::string MapRunId(const std::string& map_run_arn) {
  return map_run_arn.substr(map_run_arn.rfind(':') + 1);
}

std::string MapRunChildArnBase(const std::string& map_run_arn, const char* kind) {
  const size_t at = map_run_arn.find(":mapRun:");
  const size_t last = map_run_arn.rfind(':');
  if (at == std::string::npos || last <= at + 8) return map_run_arn;
  return map_run_arn.substr(0, at) + ":" + kind + ":" + map_run_arn.substr(at + 8, last - at - 8);
}

Json ChildRecord(const ChildRun& child, const std::string& map_run_arn) {
  const bool ok = child.status == "SUCCEEDED";
  Json::Object r;
  if (!ok && child.status == "FAILED") {
    r.emplace_back("Cause", Json(child.error.cause));
    r.emplace_back("Error", Json(child.error.error));
  }
  const std::string arn = child.execution_arn.empty()
                              ? MapRunChildArnBase(map_run_arn, "execution") + ":" + child.name
                              : child.execution_arn;
  r.emplace_back("ExecutionArn", Json(arn));
  r.emplace_back("Input", Json(Dump(child.input)));
  r.emplace_back("InputDetails", Json::MakeObject({{"Included", Json(true)}}));
  r.emplace_back("Name", Json(child.name));
  if (ok) {
    r.emplace_back("Output", Json(Dump(child.output)));
    r.emplace_back("OutputDetails", Json::MakeObject({{"Included", Json(true)}}));
  }
  r.emplace_back("RedriveCount", Json(int64_t{0}));
  r.emplace_back("RedriveStatus", Json(ok ? "NOT_REDRIVABLE" : "REDRIVABLE"));
  if (ok) {
    r.emplace_back("RedriveStatusReason", Json("Execution is SUCCEEDED and cannot be redriven"));
  }
  r.emplace_back("StartDate", Json(FormatIsoMillis(child.start_ms)));
  r.emplace_back("StateMachineArn", Json(MapRunChildArnBase(map_run_arn, "stateMachine")));
  r.emplace_back("Status", Json(child.status));
  r.emplace_back("StopDate", Json(FormatIsoMillis(child.stop_ms)));
  return Json::MakeObject(std::move(r));
}

Json TransformedResults(const std::vector<ChildRun>& children, const std::string& transformation,
                        const std::string& map_run_arn) {
  Json::Array out;
  for (const ChildRun& child : children) AppendRecords(child, transformation, map_run_arn, &out);
  return Json::MakeArray(std::move(out));
}

std::vector<ExportFile> ExportFiles(const std::vector<ChildRun>& children, const ResultExport& e) {
  std::string folder = e.prefix;
  if (!folder.empty() && folder.back() != '/') folder += '/';
  folder += MapRunId(e.map_run_arn) + "/";
  std::vector<ExportFile> files;
  Json::Object listed;
  for (const char* status : {"FAILED", "PENDING", "SUCCEEDED"}) {
    Json::Array records;
    for (const ChildRun& child : children) {
      if (FileStatus(Status(child)) == status) {
        AppendRecords(child, e.transformation, e.map_run_arn, &records);
      }
    }
    Json::Array entries;
    if (!records.empty()) {
      ExportFile file{folder + status + "_0.json", FileBody(records, e.output_type)};
      entries.push_back(Json::MakeObject(
          {{"Key", Json(file.key)}, {"Size", Json(static_cast<int64_t>(file.body.size()))}}));
      files.push_back(std::move(file));
    }
    listed.emplace_back(status, Json::MakeArray(std::move(entries)));
  }
  Json manifest = Json::MakeObject({{"DestinationBucket", Json(e.bucket)},
                                    {"MapRunArn", Json(e.map_run_arn)},
                                    {"ResultFiles", Json::MakeObject(std::move(listed))}});
  files.push_back(ExportFile{folder + "manifest.json", Dump(manifest)});
  return files;
}

namespace internal {
namespace {

const ResultWriterSpec& Writer(const RunState& run) {
  return *static_cast<const MapState&>(*run.state).result_writer;
}

// How each child ended: as the engine reports it, or (when it does not)
// read from the joined results, every child then counted as succeeded.
std::vector<ChildRun> Children(const RunState& run, const Outcome& outcome) {
  std::vector<ChildRun> children = outcome.children;
  const Json::Array empty;
  const Json::Array& results = outcome.result.is_array() ? outcome.result.AsArray() : empty;
  if (children.empty()) children.resize(results.size());
  for (size_t i = 0; i < children.size(); ++i) {
    ChildRun& c = children[i];
    if (outcome.children.empty() && i < results.size()) c.output = results[i];
    if (c.input.is_null() && i < run.map.inputs.size()) c.input = run.map.inputs[i];
    if (c.name.empty()) {
      c.name = run.exec != nullptr && run.exec->env != nullptr ? run.exec->env->NewUuid()
                                                                : std::to_string(i);
    }
    if (c.start_ms < 0) c.start_ms = run.entered_ms;
    if (c.stop_ms < 0) c.stop_ms = run.now_ms;
  }
  return children;
}

Transition WriterFailure(RunState* run, EventSink* sink, std::string cause) {
  const auto& state = static_cast<const MapState&>(*run->state);
  const std::string error(kStatesResultWriterFailed);
  run->cursor = sink->Emit(EventType::kMapRunFailed,
                           Json::MakeObject({{"error", Json(error)}, {"cause", Json(cause)}}),
                           run->cursor);
  StateFailure f = MakeFailure(error, std::move(cause));
  f.prefix = false;
  return HandleStateError(run, sink, std::move(f), state.retry, state.catch_, true);
}

Transition Succeed(RunState* run, EventSink* sink, const Json& result) {
  run->cursor = sink->Emit(EventType::kMapRunSucceeded, Json(), run->cursor);
  return SucceedFork(run, sink, result);
}

Transition NextWrite(RunState* run, EventSink* sink) {
  if (run->map.writes.empty()) return Succeed(run, sink, run->map.writer_result);
  Json payload = run->map.writes.front();
  run->map.writes.erase(run->map.writes.begin());
  return InvokeService(run, Writer(*run).resource, std::move(payload),
                       RunState::Phase::kResultWriter);
}

const std::string* StringMember(const Json& obj, const char* key) {
  const Json* v = obj.Find(key);
  return v != nullptr && v->is_string() ? &v->AsString() : nullptr;
}

}  // namespace

Transition StartResultWriter(RunState* run, const Outcome& outcome, EventSink* sink) {
  const ResultWriterSpec& writer = Writer(*run);
  std::vector<ChildRun> children = Children(*run, outcome);
  if (writer.resource.empty()) {
    const std::string t = writer.transformation.empty() ? "COMPACT" : writer.transformation;
    return Succeed(run, sink, TransformedResults(children, t, run->map.map_run_arn));
  }
  Json args = Json::MakeObject({});
  if (writer.arguments) {
    EvalContext ctx = MakeEvalContext(*run, IsJsonata(*run) ? &run->input : &run->effective);
    Result<Json> r = writer.arguments->Evaluate(ctx);
    if (!r.ok()) return FailRun(run, sink, FromEvalError(r.error(), "ResultWriter"));
    args = std::move(r).value();
  }
  const std::string* bucket = StringMember(args, "Bucket");
  if (bucket == nullptr) return WriterFailure(run, sink, "The ResultWriter has no Bucket.");
  ResultExport e;
  e.map_run_arn = run->map.map_run_arn;
  e.bucket = *bucket;
  if (const std::string* prefix = StringMember(args, "Prefix")) e.prefix = *prefix;
  if (!writer.output_type.empty()) e.output_type = writer.output_type;
  if (!writer.transformation.empty()) e.transformation = writer.transformation;
  run->map.writes.clear();
  std::string manifest_key;
  for (ExportFile& file : ExportFiles(children, e)) {
    manifest_key = file.key;
    run->map.writes.push_back(Json::MakeObject(
        {{"Bucket", Json(e.bucket)}, {"Key", Json(file.key)}, {"Body", Json(file.body)}}));
  }
  run->map.writer_result = Json::MakeObject(
      {{"MapRunArn", Json(e.map_run_arn)},
       {"ResultWriterDetails",
        Json::MakeObject({{"Bucket", Json(e.bucket)}, {"Key", Json(manifest_key)}})}});
  return NextWrite(run, sink);
}

Transition ResumeResultWriter(RunState* run, const Outcome& outcome, EventSink* sink) {
  if (!outcome.ok) {
    return WriterFailure(run, sink,
                         outcome.error.cause.empty() ? outcome.error.error : outcome.error.cause);
  }
  return NextWrite(run, sink);
}

}  // namespace internal
}  // namespace sfn::asl
