// asl/definition/parser.h
//
// Turns definition text into an immutable, fully compiled StateMachine
// (asl/definition.h), or into the diagnostics AWS reports for it. Every
// path, payload template, intrinsic call and JSONata expression is compiled
// here, once, so nothing is parsed while executions run. Pure and
// thread-safe.
#ifndef SFN_ASL_DEFINITION_PARSER_H_
#define SFN_ASL_DEFINITION_PARSER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/definition/diagnostic.h"

namespace sfn::asl {

struct StateMachine;  // asl/definition.h

struct ParseOptions {
  std::string type = "STANDARD";  // STANDARD | EXPRESS: EXPRESS forbids .sync / .waitForTaskToken
};

struct ParseResult {
  std::shared_ptr<const StateMachine> machine;  // null when any ERROR diagnostic exists
  std::vector<Diagnostic> diagnostics;
  // The message of the InvalidDefinition error AWS returns for these
  // diagnostics, e.g. "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED:
  // These fields are required: [States] at /'". Empty when machine is set.
  std::string invalid_definition_message;
};

ParseResult ParseDefinition(std::string_view text, const ParseOptions& options = {});

// "Invalid State Machine Definition: 'CODE: message at location, ...'": the
// ERROR diagnostics joined with ", " as AWS joins them.
std::string FormatInvalidDefinitionMessage(const std::vector<Diagnostic>& diagnostics);

}  // namespace sfn::asl

#endif  // SFN_ASL_DEFINITION_PARSER_H_
