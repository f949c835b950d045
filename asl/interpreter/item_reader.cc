// asl/interpreter/item_reader.cc
//
// Map ItemReader, in AWS's order: MapStateStarted (recorded by StartMap),
// MaxItems[Path] (a value that is not an integer fails the run with
// States.Runtime), MapRunStarted, then the reader's Resource called through
// the engine's TaskInvoker like a task but without Task events (the local S3
// stand-in, or whatever route answers it). Its answer is read as
// item_formats.h says; an S3 inventory manifest, or a listing with
// Transformation LOAD_AND_FLATTEN, is followed by one call per file it names. Every failure from here on is States.ItemReaderFailed,
// recorded as MapRunFailed and then handled by the Map's Retry/Catch.
#include "asl/core/errors.h"
#include "asl/expressions/payload.h"
#include "asl/interpreter/internal.h"
#include "asl/interpreter/item_formats.h"

namespace sfn::asl::internal {

namespace {

const ItemReaderSpec& Reader(const RunState& run) {
  return *static_cast<const MapState&>(*run.state).item_reader;
}

// MapRunFailed with the reason, then the Map's Retry/Catch.
Transition ReaderFailure(RunState* run, EventSink* sink, const AslError& error) {
  const auto& state = static_cast<const MapState&>(*run->state);
  run->cursor = sink->Emit(
      EventType::kMapRunFailed,
      Json::MakeObject({{"error", Json(error.error)}, {"cause", Json(error.cause)}}), run->cursor);
  StateFailure f = MakeFailure(error.error, error.cause);
  f.prefix = false;
  return HandleStateError(run, sink, std::move(f), state.retry, state.catch_, true);
}

AslError Failed(const std::string& cause) {
  return AslError{std::string(kStatesItemReaderFailed), cause};
}

// A file's text in a reader answer: the string itself or S3's Body.
const std::string* AnswerText(const Json& answer) {
  if (answer.is_string()) return &answer.AsString();
  const Json* body = answer.Find("Body");
  return body != nullptr && body->is_string() ? &body->AsString() : nullptr;
}

// Items read: MaxItems applied, then the Map goes on with them.
Transition FinishReading(RunState* run, EventSink* sink, Json items) {
  const int64_t max = run->map.max_items;
  if (max > 0 && static_cast<size_t>(max) < items.size()) {
    const auto& all = items.AsArray();
    items = Json::MakeArray(Json::Array(all.begin(), all.begin() + max));
  }
  run->reader_items = std::move(items);
  return StartForkAttempt(run, sink);
}

// The next file an index (manifest or listing) named, or the end of the reading.
Transition NextFile(RunState* run, EventSink* sink) {
  if (run->map.pending_files.empty()) {
    Json items = Json::MakeArray(std::move(run->map.collected));
    run->map.collected.clear();
    return FinishReading(run, sink, std::move(items));
  }
  Json file = run->map.pending_files.front();
  run->map.pending_files.erase(run->map.pending_files.begin());
  return InvokeService(run, run->map.file_resource, std::move(file), RunState::Phase::kItemReader);
}

// The Bucket of the reader's own call.
std::string CallBucket(const RunState& run) {
  const Json* bucket = run.task.payload.Find("Bucket");
  return bucket != nullptr && bucket->is_string() ? bucket->AsString() : "";
}

// listObjectsV2 with LOAD_AND_FLATTEN: the listing, then every object in it
// read with s3:getObject and parsed as InputType says.
Transition ContinueListing(RunState* run, const Json& answer, EventSink* sink) {
  const ItemReaderSpec& reader = Reader(*run);
  if (!run->map.index_read) {
    run->map.index_read = true;
    const std::string& resource = reader.resource;
    run->map.file_resource = resource.substr(0, resource.rfind(':') + 1) + "getObject";
    const Json* contents = answer.Find("Contents");
    for (const Json& entry : contents && contents->is_array() ? contents->AsArray() : Json::Array()) {
      const Json* key = entry.Find("Key");
      if (key == nullptr || !key->is_string()) continue;
      run->map.pending_files.push_back(
          Json::MakeObject({{"Bucket", Json(CallBucket(*run))}, {"Key", *key}}));
    }
    return NextFile(run, sink);
  }
  const std::string* text = AnswerText(answer);
  if (text == nullptr) return ReaderFailure(run, sink, Failed("A listed object could not be read."));
  Result<Json> items = ParseItemFile(*text, reader);
  if (!items.ok()) return ReaderFailure(run, sink, items.error());
  for (const Json& item : items.value().AsArray()) run->map.collected.push_back(item);
  return NextFile(run, sink);
}

// MANIFEST: the first answer is the manifest, the next ones its data files.
Transition ContinueManifest(RunState* run, const Json& answer, EventSink* sink) {
  const std::string* text = AnswerText(answer);
  if (text == nullptr) return ReaderFailure(run, sink, Failed("The manifest could not be read."));
  if (!run->map.index_read) {
    Result<InventoryManifest> manifest = ParseInventoryManifest(*text, CallBucket(*run));
    if (!manifest.ok()) return ReaderFailure(run, sink, manifest.error());
    run->map.index_read = true;
    run->map.file_resource = Reader(*run).resource;
    run->map.headers = manifest.value().headers;
    for (const std::string& key : manifest.value().keys) {
      run->map.pending_files.push_back(Json::MakeObject(
          {{"Bucket", Json(manifest.value().bucket)}, {"Key", Json(key)}}));
    }
    return NextFile(run, sink);
  }
  Result<Json> rows = CsvItems(*text, ',', &run->map.headers);
  if (!rows.ok()) return ReaderFailure(run, sink, rows.error());
  for (const Json& row : rows.value().AsArray()) run->map.collected.push_back(row);
  return NextFile(run, sink);
}

}  // namespace

Transition InvokeService(RunState* run, const std::string& resource, Json payload,
                         RunState::Phase phase) {
  Transition t;
  t.kind = Transition::Kind::kInvoke;
  run->task = TaskCall();
  run->task.resource = resource;
  run->task.payload = std::move(payload);
  t.task = &run->task;
  run->phase = phase;
  return t;
}

Transition StartItemReader(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const MapState&>(*run->state);
  const ItemReaderSpec& reader = *state.item_reader;
  const bool jsonata = state.query_language == QueryLanguage::kJsonata;
  EvalContext ctx = MakeEvalContext(*run, jsonata ? &run->input : &run->effective);
  Result<int64_t> max_items = IntegerValue(reader.max_items, ctx, "MaxItems", 0);
  if (!max_items.ok()) return FailRun(run, sink, FromEvalError(max_items.error(), "MaxItems"));
  BeginMapRun(run, state, sink);
  if (max_items.value() < 0) {
    return ReaderFailure(run, sink, Failed("field MaxItems must be positive"));
  }
  run->map.max_items = max_items.value();
  Json payload = Json::MakeObject({});
  if (reader.arguments) {
    Result<Json> r = reader.arguments->Evaluate(ctx);
    if (!r.ok()) return FailRun(run, sink, FromEvalError(r.error(), "ItemReader"));
    payload = std::move(r).value();
  }
  return InvokeService(run, reader.resource, std::move(payload), RunState::Phase::kItemReader);
}

Transition ResumeItemReader(RunState* run, const Outcome& outcome, EventSink* sink) {
  if (!outcome.ok) {
    return ReaderFailure(run, sink,
                         Failed(outcome.error.cause.empty() ? outcome.error.error
                                                            : outcome.error.cause));
  }
  const ItemReaderSpec& reader = Reader(*run);
  if (reader.input_type == "MANIFEST") return ContinueManifest(run, outcome.result, sink);
  if (reader.load_and_flatten) return ContinueListing(run, outcome.result, sink);
  Result<Json> items = ReaderAnswerItems(outcome.result, reader);
  if (!items.ok()) return ReaderFailure(run, sink, items.error());
  return FinishReading(run, sink, std::move(items).value());
}

}  // namespace sfn::asl::internal
