// testing/validate_files.h
//
// `sfn-local validate` without the command line: the diagnostics that
// ValidateStateMachineDefinition gives (errors and warnings) for definition
// files and template references (testing/definition_source.h), as
// compiler-style lines or as one JSON document. Plain functions; safe from
// any thread.
//
// Line format, one per diagnostic ("/" is the root's location, as AWS
// prints it):
//   orders.asl.json: /States/A/Next: ERROR SCHEMA_VALIDATION_FAILED: <message>
//   orders.asl.json: /States/B: WARNING <CODE>: <message>
// and one for a file that cannot be read or loaded:
//   orders.asl.json: error: <why>
#ifndef SFN_TESTING_VALIDATE_FILES_H_
#define SFN_TESTING_VALIDATE_FILES_H_

#include <string>
#include <vector>

#include "asl/core/json.h"

namespace sfn::testing {

struct ValidatedFile {
  std::string file;   // the reference as given
  std::string error;  // why it could not be validated ("" when it was)
  // ValidateStateMachineDefinition's answer with severity WARNING and no
  // limit: {"result", "diagnostics", "truncated"}; null when `error` is set.
  Json answer;
};

// Reads, loads and validates one reference. A JSON file that is not valid
// JSON is validated as text, so it gets AWS's INVALID_JSON_DESCRIPTION.
ValidatedFile ValidateDefinitionFile(const std::string& reference);

// The lines above, each ending in '\n'; nothing for a file without
// diagnostics.
std::string ValidationText(const ValidatedFile& file);

// {"files": [{"file": ..., "result": ..., "diagnostics": [...],
// "truncated": ...} or {"file": ..., "error": ...}]}.
Json ValidationJson(const std::vector<ValidatedFile>& files);

// 2 when a file could not be validated, else 1 when any has an error
// (result FAIL), else 0 (warnings alone pass).
int ValidationExitCode(const std::vector<ValidatedFile>& files);

}  // namespace sfn::testing

#endif  // SFN_TESTING_VALIDATE_FILES_H_
