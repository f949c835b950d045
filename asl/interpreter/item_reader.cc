// asl/interpreter/item_reader.cc
//
// Map ItemReader: the reader's Resource (s3:getObject, s3:listObjectsV2, or
// anything a route answers) is called through the engine's TaskInvoker like
// a task, without Task events; its answer becomes the Map's items. Answers
// may be the items themselves (an array), or file contents (a string, or
// {"Body": "..."} as S3 returns it) read as ReaderConfig.InputType says
// (JSON, JSONL, CSV), or a listing ({"Contents": [...]}).
#include <sstream>

#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"
#include "asl/expressions/payload.h"

namespace sfn::asl::internal {

namespace {

std::string ConfigString(const Json& reader, const char* key, const char* fallback) {
  const Json* config = reader.Find("ReaderConfig");
  const Json* v = config != nullptr ? config->Find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->AsString() : fallback;
}

std::vector<std::string> SplitCsvLine(const std::string& line, char delimiter) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == delimiter && !quoted) {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

Result<Json> CsvItems(const std::string& text, const Json& reader) {
  const std::string d = ConfigString(reader, "CSVDelimiter", "COMMA");
  const char delimiter = d == "PIPE"        ? '|'
                         : d == "SEMICOLON" ? ';'
                         : d == "TAB"       ? '\t'
                         : d == "SPACE"     ? ' '
                                            : ',';
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> headers;
  const Json* config = reader.Find("ReaderConfig");
  const Json* given = config != nullptr ? config->Find("CSVHeaders") : nullptr;
  if (given != nullptr && given->is_array()) {
    for (const Json& h : given->AsArray()) headers.push_back(ValueText(h));
  } else if (std::getline(in, line)) {
    headers = SplitCsvLine(line, delimiter);
  }
  Json::Array items;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells = SplitCsvLine(line, delimiter);
    Json::Object row;
    for (size_t i = 0; i < headers.size() && i < cells.size(); ++i) {
      row.emplace_back(headers[i], Json(cells[i]));
    }
    items.push_back(Json::MakeObject(std::move(row)));
  }
  return Json::MakeArray(std::move(items));
}

Result<Json> TextItems(const std::string& text, const Json& reader) {
  const std::string type = ConfigString(reader, "InputType", "JSON");
  if (type == "CSV") return CsvItems(text, reader);
  if (type == "JSONL") {
    Json::Array items;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      JsonParseResult r = ParseJson(line);
      if (!r.ok) return AslError{std::string(kStatesItemReaderFailed), "Invalid JSONL line"};
      items.push_back(std::move(r.value));
    }
    return Json::MakeArray(std::move(items));
  }
  JsonParseResult r = ParseJson(text);
  if (!r.ok || !r.value.is_array()) {
    return AslError{std::string(kStatesItemReaderFailed),
                    "The ItemReader content is not a JSON array"};
  }
  return r.value;
}

// The items an ItemReader answer stands for, capped at ReaderConfig.MaxItems.
Result<Json> ReaderItems(const Json& result, const Json& reader) {
  Result<Json> items = result;
  if (result.is_string()) {
    items = TextItems(result.AsString(), reader);
  } else if (const Json* body = result.Find("Body"); body && body->is_string()) {
    items = TextItems(body->AsString(), reader);
  } else if (const Json* contents = result.Find("Contents"); contents && contents->is_array()) {
    items = *contents;
  }
  if (!items.ok()) return items;
  if (!items.value().is_array()) {
    return AslError{std::string(kStatesItemReaderFailed),
                    "The ItemReader did not return a list of items"};
  }
  const Json* config = reader.Find("ReaderConfig");
  const Json* max = config != nullptr ? config->Find("MaxItems") : nullptr;
  if (max != nullptr && max->is_int() && max->AsInt() > 0 &&
      static_cast<size_t>(max->AsInt()) < items.value().size()) {
    const auto& all = items.value().AsArray();
    return Json::MakeArray(Json::Array(all.begin(), all.begin() + max->AsInt()));
  }
  return items;
}

}  // namespace

Transition StartItemReader(RunState* run, EventSink* sink) {
  const auto& state = static_cast<const MapState&>(*run->state);
  const Json& reader = *state.item_reader;
  const Json* resource = reader.Find("Resource");
  const Json* args = reader.Find("Arguments");
  if (args == nullptr) args = reader.Find("Parameters");
  Json payload = Json::MakeObject({});
  if (args != nullptr) {
    // Compiled here, not at definition time: ItemReaders are rare and run once per Map.
    Result<PayloadTemplate> tmpl = PayloadTemplate::Compile(*args, state.query_language);
    if (!tmpl.ok())
      return FailRun(run, sink, MakeFailure(kStatesItemReaderFailed, tmpl.error().cause));
    const bool jsonata = state.query_language == QueryLanguage::kJsonata;
    EvalContext ctx = MakeEvalContext(*run, jsonata ? &run->input : &run->effective);
    Result<Json> r = tmpl.value().Evaluate(ctx);
    if (!r.ok()) return FailRun(run, sink, FromEvalError(r.error(), "ItemReader"));
    payload = std::move(r).value();
  }
  Transition t;
  t.kind = Transition::Kind::kInvoke;
  run->task = TaskCall();
  run->task.resource = resource != nullptr && resource->is_string() ? resource->AsString() : "";
  run->task.payload = std::move(payload);
  t.task = &run->task;
  run->phase = RunState::Phase::kItemReader;
  return t;
}

Transition ResumeItemReader(RunState* run, const Outcome& outcome, EventSink* sink) {
  const auto& state = static_cast<const MapState&>(*run->state);
  Result<Json> items =
      outcome.ok ? ReaderItems(outcome.result, *state.item_reader) : Result<Json>(outcome.error);
  if (!items.ok()) {
    StateFailure f = MakeFailure(kStatesItemReaderFailed, items.error().cause);
    f.prefix = false;
    return HandleStateError(run, sink, std::move(f), state.retry, state.catch_, true);
  }
  run->reader_items = std::move(items).value();
  return StartForkAttempt(run, sink);
}

}  // namespace sfn::asl::internal
