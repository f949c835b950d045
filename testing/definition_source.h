// testing/definition_source.h
//
// Loads a state machine definition the way users keep it, for `sfn-local
// run`, `validate` and `test`:
//   - a definition file: JSON, or YAML (`.asl.yaml`, `.yaml`, `.yml`);
//   - a CloudFormation, SAM or CDK (cdk.out) template, JSON or YAML, and the
//     state machine's logical id: `template.yaml#OrderFlow`. Without `#Id` a
//     template with exactly one state machine means that one.
// From AWS::StepFunctions::StateMachine it reads Definition, DefinitionString
// (a string or intrinsic functions, testing/cfn_template.h),
// DefinitionSubstitutions, StateMachineName and StateMachineType; from
// AWS::Serverless::StateMachine Definition, DefinitionUri (a local file,
// relative to the template), DefinitionSubstitutions, Name and Type.
// DefinitionS3Location and DefinitionUri in S3 are refused.
//
// Reads files; holds no state: safe to call from any thread.
#ifndef SFN_TESTING_DEFINITION_SOURCE_H_
#define SFN_TESTING_DEFINITION_SOURCE_H_

#include <map>
#include <string>

#include "asl/core/status.h"

namespace sfn::testing {

// The error name of every LoadDefinition failure; the cause starts with the
// file (and `#LogicalId`) it concerns.
inline constexpr char kInvalidDefinitionSource[] = "InvalidDefinitionSource";

// What a template is resolved against.
struct DefinitionSourceOptions {
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::string stack_name = "sfn-local";  // AWS::StackName
  // Template parameter values; they win over each parameter's Default.
  std::map<std::string, std::string> parameters;
};

struct LoadedDefinition {
  std::string definition;  // ASL JSON text (a JSON file's own text, unchanged)
  // The template's StateMachineName (SAM: Name), else the logical id; for a
  // definition file its name without .asl.json, .json, .yaml ...
  std::string name;
  std::string type = "STANDARD";  // STANDARD | EXPRESS
  std::string origin;             // "path" or "path#LogicalId", for messages
  std::string path;               // the file the reference names
  std::string logical_id;         // empty for a definition file
};

// `reference` is a path, or `path#LogicalId` for a template. Errors:
// AslError{kInvalidDefinitionSource, "<path>: cannot read: No such file or
// directory"}, "<path>:3:5: not valid YAML: ...", "<path>: no
// state machine 'X'; the template's state machines: A, B", "<path>#A:
// /Resources/A/Properties/DefinitionString/Fn::If: unsupported intrinsic
// function Fn::If", ...
Result<LoadedDefinition> LoadDefinition(const std::string& reference,
                                        const DefinitionSourceOptions& options = {});

}  // namespace sfn::testing

#endif  // SFN_TESTING_DEFINITION_SOURCE_H_
