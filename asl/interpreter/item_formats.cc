// asl/interpreter/item_formats.cc
#include "asl/interpreter/item_formats.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <sstream>

#include "asl/core/errors.h"
#include "asl/expressions/java_text.h"
#include "asl/interpreter/choice.h"

namespace sfn::asl {
namespace {

constexpr char kNotIterable[] = "Attempting to map over non-iterable node.";

AslError ReaderFailed(std::string cause) {
  return AslError{std::string(kStatesItemReaderFailed), std::move(cause)};
}

// One CSV record from `in` (quoted fields may span lines); false at the end.
bool ReadRecord(std::istream& in, char delimiter, std::vector<std::string>* cells) {
  cells->assign(1, "");
  std::string line;
  if (!std::getline(in, line)) return false;
  bool quoted = false;
  while (true) {
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cells->back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == delimiter && !quoted) {
        cells->emplace_back();
      } else if (c != '\r' || quoted) {
        cells->back() += c;
      }
    }
    if (!quoted || !std::getline(in, line)) return true;
    cells->back() += '\n';
  }
}

Result<Json> JsonLinesItems(const std::string& text) {
  Json::Array items;
  std::istringstream in(text);
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    JsonParseResult r = ParseJson(line);
    if (!r.ok) {
      return ReaderFailed("The JSON Lines file has invalid JSON on line " +
                          std::to_string(number) + ".");
    }
    items.push_back(std::move(r.value));
  }
  return Json::MakeArray(std::move(items));
}

int64_t EpochSeconds(const Json& v) {
  if (v.is_int()) return v.AsInt();
  if (v.is_string()) {
    if (std::optional<Timestamp> t = ParseTimestamp(v.AsString())) return t->seconds;
  }
  return 0;
}

// An s3:listObjectsV2 entry as the ItemReader gives it to a child.
Json ListingItem(const Json& entry) {
  if (!entry.is_object()) return entry;
  auto get = [&entry](const char* key) {
    const Json* v = entry.Find(key);
    return v != nullptr ? *v : Json();
  };
  Json etag = get("ETag");
  if (etag.is_null()) etag = get("Etag");
  const Json storage = get("StorageClass");
  return Json::MakeObject({{"Etag", etag},
                           {"LastModified", Json(EpochSeconds(get("LastModified")))},
                           {"Key", get("Key")},
                           {"Size", get("Size")},
                           {"StorageClass", storage.is_null() ? Json("STANDARD") : storage}});
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

Json JavaHashMapObject(std::vector<std::pair<std::string, Json>> members) {
  std::vector<std::string_view> keys;
  for (const auto& m : members) keys.push_back(m.first);
  Json::Object out;
  for (size_t i : JavaHashMapOrder(keys)) out.push_back(members[i]);
  return Json::MakeObject(std::move(out));
}

Result<Json> CsvItems(const std::string& text, char delimiter,
                      const std::vector<std::string>* given) {
  // A UTF-8 byte order mark (as spreadsheet exports write) is not part of
  // the first header.
  const bool bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  std::istringstream in(bom ? text.substr(3) : text);
  std::vector<std::string> headers;
  std::vector<std::string> cells;
  if (given != nullptr) {
    headers = *given;
  } else if (ReadRecord(in, delimiter, &cells)) {
    headers = cells;
  }
  if (std::set<std::string>(headers.begin(), headers.end()).size() != headers.size()) {
    return ReaderFailed("CSV headers cannot contain duplicates.");
  }
  Json::Array items;
  while (ReadRecord(in, delimiter, &cells)) {
    if (cells.size() == 1 && cells[0].empty()) continue;  // an empty line
    std::vector<std::pair<std::string, Json>> row;
    for (size_t i = 0; i < headers.size(); ++i) {
      row.emplace_back(headers[i], Json(i < cells.size() ? cells[i] : std::string()));
    }
    items.push_back(JavaHashMapObject(std::move(row)));
  }
  return Json::MakeArray(std::move(items));
}

Result<Json> PointedItems(const Json& doc, const std::string& pointer) {
  const Json* at = &doc;
  size_t pos = 0;
  while (pos < pointer.size()) {
    size_t next = pointer.find('/', pos + 1);
    std::string token = pointer.substr(pos + 1, next == std::string::npos ? std::string::npos
                                                                          : next - pos - 1);
    for (size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      token.replace(i, 2, i + 1 < token.size() && token[i + 1] == '1' ? "/" : "~");
    }
    const Json* child = nullptr;
    if (at->is_object()) {
      child = at->Find(token);
    } else if (at->is_array() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoull(token) < at->size()) {
      child = &at->AsArray()[std::stoull(token)];
    }
    if (child == nullptr) {
      return ReaderFailed("The ItemsPointer '" + pointer + "' does not point to a value.");
    }
    at = child;
    pos = next == std::string::npos ? pointer.size() : next;
  }
  if (!at->is_array()) return ReaderFailed(kNotIterable);
  return *at;
}

Result<Json> ParseItemFile(const std::string& text, const ItemReaderSpec& spec) {
  if (spec.input_type == "CSV") {
    return CsvItems(text, spec.csv_delimiter,
                    spec.csv_header_location == "GIVEN" ? &spec.csv_headers : nullptr);
  }
  if (spec.input_type == "JSONL") return JsonLinesItems(text);
  if (spec.input_type == "PARQUET") {
    return ReaderFailed("sfn-local does not read PARQUET files; use CSV, JSON or JSONL.");
  }
  JsonParseResult r = ParseJson(text);
  if (!r.ok) return ReaderFailed("The item source is not valid JSON: " + r.error.message);
  if (!spec.items_pointer.empty()) return PointedItems(r.value, spec.items_pointer);
  if (!r.value.is_array()) return ReaderFailed(kNotIterable);
  return r.value;
}

Result<Json> ReaderAnswerItems(const Json& answer, const ItemReaderSpec& spec) {
  if (answer.is_string()) return ParseItemFile(answer.AsString(), spec);
  if (const Json* body = answer.Find("Body"); body != nullptr && body->is_string()) {
    return ParseItemFile(body->AsString(), spec);
  }
  if (answer.is_object() && (answer.Find("Contents") || answer.Find("KeyCount"))) {
    Json::Array items;
    if (const Json* contents = answer.Find("Contents"); contents && contents->is_array()) {
      for (const Json& entry : contents->AsArray()) items.push_back(ListingItem(entry));
    }
    return Json::MakeArray(std::move(items));
  }
  if (!spec.items_pointer.empty() && answer.is_object()) {
    return PointedItems(answer, spec.items_pointer);
  }
  if (!answer.is_array()) return ReaderFailed(kNotIterable);
  return answer;
}

Result<InventoryManifest> ParseInventoryManifest(const std::string& text,
                                                 const std::string& manifest_bucket) {
  JsonParseResult r = ParseJson(text);
  const Json* files = r.ok ? r.value.Find("files") : nullptr;
  if (files == nullptr || !files->is_array()) {
    return ReaderFailed("The manifest is not an S3 inventory manifest: it has no \"files\" list.");
  }
  InventoryManifest m;
  m.bucket = manifest_bucket;
  if (const Json* dest = r.value.Find("destinationBucket"); dest && dest->is_string()) {
    const std::string& arn = dest->AsString();
    m.bucket = arn.rfind("arn:", 0) == 0 ? arn.substr(arn.rfind(':') + 1) : arn;
  }
  const Json* format = r.value.Find("fileFormat");
  if (format != nullptr && format->is_string() && format->AsString() != "CSV") {
    return ReaderFailed("sfn-local reads only CSV S3 inventory files, not " + format->AsString() +
                        ".");
  }
  if (const Json* schema = r.value.Find("fileSchema"); schema && schema->is_string()) {
    std::istringstream parts(schema->AsString());
    std::string part;
    while (std::getline(parts, part, ',')) m.headers.push_back(Trim(part));
  }
  for (const Json& file : files->AsArray()) {
    const Json* key = file.Find("key");
    if (key == nullptr || !key->is_string()) {
      return ReaderFailed("The manifest lists a file without a \"key\".");
    }
    if (key->AsString().size() > 3 &&
        key->AsString().compare(key->AsString().size() - 3, 3, ".gz") == 0) {
      return ReaderFailed("sfn-local reads only uncompressed inventory files: " +
                          key->AsString());
    }
    m.keys.push_back(key->AsString());
  }
  return m;
}

}  // namespace sfn::asl
