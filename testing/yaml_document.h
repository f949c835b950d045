// testing/yaml_document.h
//
// YAML text → the project's Json value, plus the line each value came from,
// so that test-file errors can name "file:LINE". Scalars resolve by the YAML
// 1.2 core schema (null, true/false, integers, floats; quoted scalars are
// always strings; the tags !!str, !!int, !!float, !!bool and !!null are
// honoured). Mapping keys must be scalars and appear once. One document per
// text; an empty text is null. yaml-cpp is used only here and in its .cc.
// Plain functions on values: safe to call from any thread.
#ifndef SFN_TESTING_YAML_DOCUMENT_H_
#define SFN_TESTING_YAML_DOCUMENT_H_

#include <map>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

struct YamlDocument {
  Json value;
  // JSON Pointer (RFC 6901: "/cases/0/expect") → 1-based line. An object
  // member maps to the line of its key, an array item to the line where the
  // item starts, "" to the first line of the document.
  std::map<std::string, int> line_of_pointer;
};

// Errors: AslError{"InvalidYaml", "<line>: <message>"}, so that a caller
// prefixing "<file>:" gets the usual "file:line: message".
Result<YamlDocument> ParseYamlDocument(std::string_view text);

// The line of `pointer`, or of its nearest ancestor that has one; 1 when
// none has (e.g. an empty map).
int LineOf(const std::map<std::string, int>& line_of_pointer, std::string pointer);

// Appends "/" + `token` escaped as RFC 6901 asks ("~" → "~0", "/" → "~1").
void AppendPointerToken(std::string_view token, std::string* pointer);

}  // namespace sfn::testing

#endif  // SFN_TESTING_YAML_DOCUMENT_H_
