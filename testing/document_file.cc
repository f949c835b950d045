// testing/document_file.cc
#include "testing/document_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

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

Result<Document> ReadDocument(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.error();
  Document doc;
  doc.text = std::move(text).value();
  doc.yaml = LooksLikeYaml(path, doc.text);
  if (doc.yaml) {
    Result<YamlDocument> yaml = ParseYamlDocument(doc.text);
    if (!yaml.ok()) return AslError{kInvalidDocument, path + ":" + yaml.error().cause};
    doc.value = std::move(yaml.value().value);
    return doc;
  }
  JsonParseResult parsed = ParseJson(doc.text);
  if (!parsed.ok) {
    return AslError{kInvalidDocument, path + ":" + LineColumn(doc.text, parsed.error.offset) +
                                          ": not valid JSON: " + parsed.error.message};
  }
  doc.value = std::move(parsed.value);
  return doc;
}

}  // namespace sfn::testing
