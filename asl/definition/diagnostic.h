// asl/definition/diagnostic.h
//
// Diagnostic: one problem found in a definition, as the parser, the
// validator and the JSON syntax check report it and as
// ValidateStateMachineDefinition lists it. A plain value; copy it freely
// between threads.
#ifndef SFN_ASL_DEFINITION_DIAGNOSTIC_H_
#define SFN_ASL_DEFINITION_DIAGNOSTIC_H_

#include <string>

namespace sfn::asl {

// code "SCHEMA_VALIDATION_FAILED" (or "INVALID_JSON_DESCRIPTION", ...),
// message, and location as a JSON Pointer-ish path ("/States/A/Next").
struct Diagnostic {
  std::string severity = "ERROR";  // ERROR | WARNING
  std::string code;
  std::string message;
  std::string location;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_DEFINITION_DIAGNOSTIC_H_
