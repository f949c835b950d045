// testing/document_file.cc
#include "testing/document_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "testing/yaml_document.h"

namespace sfn::testing {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "L:C" (1-based, columns in bytes) of a byte offset.
std::string LineColumn(const std::string& text, size_t offset) {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

Status ParseYaml(const std::string& origin, Document* doc) {
  Result<YamlDocument> yaml = ParseYamlDocument(doc->text);
  if (!yaml.ok()) return AslError{kInvalidDocument, origin + ":" + yaml.error().cause};
  doc->value = std::move(yaml.value().value);
  doc->line_of_pointer = std::move(yaml.value().line_of_pointer);
  return Status::OK();
}

Status ParseJsonText(const std::string& origin, JsonLines json_lines, Document* doc) {
  JsonParseResult parsed = ParseJson(doc->text);
  if (!parsed.ok) {
    return AslError{kInvalidDocument, origin + ":" + LineColumn(doc->text, parsed.error.offset) +
                                          ": not valid JSON: " + parsed.error.message};
  }
  doc->value = std::move(parsed.value);
  if (json_lines == JsonLines::kMap) {
    Result<YamlDocument> lines = ParseYamlDocument(doc->text);
    if (lines.ok()) doc->line_of_pointer = std::move(lines.value().line_of_pointer);
  }
  return Status::OK();
}

}  // namespace

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return AslError{kInvalidDocument, path + ": cannot read: " + std::strerror(errno)};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool LooksLikeYaml(const std::string& path, const std::string& text) {
  if (EndsWith(path, ".yaml") || EndsWith(path, ".yml")) return true;
  if (EndsWith(path, ".json")) return false;
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string::npos || (text[first] != '{' && text[first] != '[');
}

Result<Document> ParseDocument(std::string text, const std::string& origin, bool yaml,
                               JsonLines json_lines) {
  Document doc;
  doc.text = std::move(text);
  doc.yaml = yaml;
  const Status parsed = yaml ? ParseYaml(origin, &doc) : ParseJsonText(origin, json_lines, &doc);
  if (!parsed.ok()) return parsed.error();
  return doc;
}

Result<Document> ReadDocument(const std::string& path, JsonLines json_lines) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.error();
  const bool yaml = LooksLikeYaml(path, text.value());
  return ParseDocument(std::move(text).value(), path, yaml, json_lines);
}

}  // namespace sfn::testing
