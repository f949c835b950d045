// testing/yaml_document.h
//
// The one YAML reader: text → the project's Json value, plus the line each
// value came from, for state machine definitions (`.asl.yaml`),
// CloudFormation/SAM templates and test files (testing/document_file.h reads
// the files). yaml-cpp is used only here and in the .cc. Plain functions on
// values: safe to call from any thread.
//
// Scalars resolve by YAML 1.2's core schema: unquoted null, ~ and empty
// values, true/false (also True, TRUE, ...), integers (also 0o octal and 0x
// hex; past int64 they become doubles) and floats become JSON null, booleans
// and numbers; quoted and block scalars stay strings; the tags !!str, !!int,
// !!float, !!bool and !!null are honoured. .inf and .nan have no JSON form
// and are errors. Mapping keys must be scalars (a null key is "null"), appear
// once and keep their file order. Anchors and aliases work, and so does the
// merge key `<<` (merged members come after the mapping's own; an earlier
// merged mapping wins over a later one).
//
// CloudFormation's short-form tags become their long form, so a template
// reads the same in YAML as in JSON: `!Ref X` -> {"Ref": "X"}, `!Condition X`
// -> {"Condition": "X"}, `!GetAtt A.B` -> {"Fn::GetAtt": ["A", "B"]}, and
// `!Name v` -> {"Fn::Name": v} for the other intrinsic functions (!Sub,
// !Join, !Select, !Split, !If, !Equals, !FindInMap, !Base64, ...). Any other
// tag is refused.
#ifndef SFN_TESTING_YAML_DOCUMENT_H_
#define SFN_TESTING_YAML_DOCUMENT_H_

#include <map>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

// The error name of every ParseYamlDocument failure.
inline constexpr char kInvalidYaml[] = "InvalidYaml";

struct YamlDocument {
  Json value;
  // JSON Pointer (RFC 6901: "/cases/0/expect") → 1-based line. An object
  // member maps to the line of its key (a merged one to its `<<`), an array
  // item to the line where the item starts, "" to the first line of the
  // document. A short form's argument is under its long form's key
  // ("/Value/Fn::Sub/0").
  std::map<std::string, int> line_of_pointer;
};

// Converts the single YAML document in `text` (an empty text is null).
// Errors: AslError{kInvalidYaml, "L:C: <message>"} with the 1-based line and
// column, so that a caller prefixing "<file>:" gets the usual
// "file:line:column: message". yaml-cpp's syntax errors read "3:1: not valid
// YAML: end of sequence flow not found"; what this reader refuses reads
// "2:1: duplicate key 'a'". A second document, nesting deeper than 500 levels
// and aliases expanding past 1,000,000 values are errors too.
Result<YamlDocument> ParseYamlDocument(std::string_view text);

// The line of `pointer`, or of its nearest ancestor that has one; 1 when
// none has (e.g. an empty map).
int LineOf(const std::map<std::string, int>& line_of_pointer, std::string pointer);

// Appends "/" + `token` escaped as RFC 6901 asks ("~" → "~0", "/" → "~1").
void AppendPointerToken(std::string_view token, std::string* pointer);

}  // namespace sfn::testing

#endif  // SFN_TESTING_YAML_DOCUMENT_H_
