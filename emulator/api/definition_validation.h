// emulator/api/definition_validation.h
//
// The answer of ValidateStateMachineDefinition for parsed definition text:
// {"result": "OK" | "FAIL", "diagnostics": [{"severity", "code", "message",
// "location"}], "truncated": bool}. The action and `sfn-local validate`
// both give it, so the command line prints what AWS would answer. Pure;
// safe from any thread.
#ifndef SFN_EMULATOR_API_DEFINITION_VALIDATION_H_
#define SFN_EMULATOR_API_DEFINITION_VALIDATION_H_

#include <cstddef>

#include "asl/core/json.h"
#include "asl/definition/parser.h"

namespace sfn::emulator {

// `include_warnings`: the request's severity WARNING (else only errors are
// listed); at most `max_results` diagnostics are listed ("truncated" says
// whether more were found). The result is FAIL when any ERROR exists, listed
// or not.
Json DefinitionValidationAnswer(const asl::ParseResult& parsed, bool include_warnings,
                                size_t max_results);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_DEFINITION_VALIDATION_H_
