// testing/document_file.h
//
// The one way to read a document: a JSON or YAML file (or text) into Json,
// with the line of each value and errors that name the file, line and
// column. YAML is chosen by the extension (.yaml, .yml), or when the text
// does not start with '{' or '[' (CloudFormation's .template files are
// either); testing/yaml_document.h reads it. Stateless; safe to call from any
// thread.
#ifndef SFN_TESTING_DOCUMENT_FILE_H_
#define SFN_TESTING_DOCUMENT_FILE_H_

#include <map>
#include <string>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

// The error name of every ReadDocument and ParseDocument failure.
inline constexpr char kInvalidDocument[] = "InvalidDocument";

struct Document {
  Json value;
  std::string text;   // the file's text
  bool yaml = false;  // read as YAML (else `text` is the JSON of `value`)
  // JSON Pointer → 1-based line, as testing/yaml_document.h maps them (read
  // it with LineOf). Always for YAML; for JSON only with JsonLines::kMap.
  std::map<std::string, int> line_of_pointer;
};

// Whether to map a JSON document's lines as well, which reads its text a
// second time, as YAML (a JSON text is a YAML one). JSON's own rules still
// decide the values; when the YAML reading fails, the map stays empty.
enum class JsonLines { kSkip, kMap };

// The whole file; the error is "<path>: cannot read: <reason>".
Result<std::string> ReadTextFile(const std::string& path);

// True when ReadDocument would read `text`, the content of `path`, as YAML.
bool LooksLikeYaml(const std::string& path, const std::string& text);

// Parses `text` as YAML or JSON; `origin` (the file) starts every error:
// "<origin>:2:7: not valid JSON: Invalid value.",
// "<origin>:4:1: duplicate key 'a'",
// "<origin>:3:1: not valid YAML: end of sequence flow not found"
// (line and column from 1; JSON's columns count bytes).
Result<Document> ParseDocument(std::string text, const std::string& origin, bool yaml,
                               JsonLines json_lines = JsonLines::kSkip);

// ReadTextFile, LooksLikeYaml and ParseDocument: the errors above, and
// "<path>: cannot read: No such file or directory".
Result<Document> ReadDocument(const std::string& path, JsonLines json_lines = JsonLines::kSkip);

}  // namespace sfn::testing

#endif  // SFN_TESTING_DOCUMENT_FILE_H_
