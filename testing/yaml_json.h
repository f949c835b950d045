// testing/yaml_json.h
//
// YAML text to Json, for the files users keep in YAML: state machine
// definitions (`.asl.yaml`), CloudFormation/SAM templates and test files.
// Stateless functions; safe to call from any thread.
//
// Scalars follow YAML 1.2's core schema: unquoted true/false (any case style
// the schema allows), null, ~ and empty values, integers (also 0x and 0o) and
// decimals become JSON booleans, null and numbers; quoted and block scalars,
// and anything tagged !!str, stay strings. .inf and .nan have no JSON form and
// stay strings. Mapping keys must be scalars and are kept in file order; a
// repeated key is an error. Anchors and aliases work, and so does the merge
// key `<<` (merged members come after the mapping's own).
//
// CloudFormation's short-form tags become their long form, so a template
// reads the same in YAML as in JSON: `!Ref X` -> {"Ref": "X"},
// `!Condition X` -> {"Condition": "X"}, `!GetAtt A.B` -> {"Fn::GetAtt":
// ["A", "B"]}, and every other `!Name v` -> {"Fn::Name": v} (!Sub, !Join,
// !Select, !Split, !If, !Equals, !FindInMap, !Base64, ...). Other local tags
// are refused.
#ifndef SFN_TESTING_YAML_JSON_H_
#define SFN_TESTING_YAML_JSON_H_

#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

// The error name of every YamlToJson failure.
inline constexpr char kInvalidYaml[] = "InvalidYaml";

// Converts the single YAML document in `text` (an empty text is null).
// Errors: AslError{kInvalidYaml, "line L, column C: <what is wrong>"}, with
// 1-based line and column; a second document, nesting deeper than 500 levels
// and aliases expanding past 1,000,000 values are errors too.
Result<Json> YamlToJson(std::string_view text);

}  // namespace sfn::testing

#endif  // SFN_TESTING_YAML_JSON_H_
