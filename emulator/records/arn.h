// emulator/records/arn.h
//
// Step Functions ARNs and names: building them in AWS's formats, parsing the
// ones a request carries (with AWS's InvalidArn texts), the name rules
// behind InvalidName and the Step Functions Local "#TestCase" suffix.
// Stateless functions.
#ifndef SFN_EMULATOR_RECORDS_ARN_H_
#define SFN_EMULATOR_RECORDS_ARN_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/api/api_error.h"

namespace sfn::emulator {

// The partition of `region`: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*,
// "aws-iso" for us-iso-*, "aws-iso-b" for us-isob-*, "aws-iso-e" for
// eu-isoe-*, "aws-iso-f" for us-isof-*, "aws-eusc" for eusc-*, else "aws".
std::string PartitionForRegion(std::string_view region);

// True for an IAM role ARN as AWS accepts a state machine's roleArn:
// arn:<partition>:iam::<12 digits>:role/[<path>/]<name>, the name and path
// made of letters, digits and + = , . @ _ -.
bool IsValidRoleArn(std::string_view arn);
// AWS's InvalidArn for a roleArn that is not one: "Invalid Role Arn: '<arn>'".
ApiError InvalidRoleArnError(std::string_view arn);

std::string StateMachineArn(std::string_view region, std::string_view account,
                            std::string_view name);
std::string QualifiedArn(std::string_view state_machine_arn, std::string_view qualifier);
std::string VersionArn(std::string_view state_machine_arn, int64_t version);
std::string ExecutionArn(std::string_view region, std::string_view account,
                         std::string_view machine_name, std::string_view execution_name);
std::string ExpressExecutionArn(std::string_view region, std::string_view account,
                                std::string_view machine_name, std::string_view execution_name,
                                std::string_view uuid);
std::string ActivityArn(std::string_view region, std::string_view account, std::string_view name);

enum class ArnKind {
  kStateMachine,  // unqualified
  kVersion,       // stateMachine:<name>:<number>
  kAlias,         // stateMachine:<name>:<alias>
  kLabelled,      // stateMachine:<name>/<map label> (a Distributed Map state)
  kExecution,
  kExpressExecution,
  kActivity,
  kMapRun,
};

struct ParsedArn {
  ArnKind kind = ArnKind::kStateMachine;
  std::string text;  // the ARN as given
  std::string partition;
  std::string region;
  std::string account;
  std::string resource_type;   // as written: "stateMachine", "execution", ...
  std::string name;            // state machine (or activity) name
  std::string qualifier;       // version number or alias name
  int64_t version = 0;         // kVersion
  std::string execution_name;  // kExecution / kExpressExecution
  std::string base;            // the unqualified state machine ARN
};

// Parses `arn`. Errors are InvalidArn with AWS's message, e.g.
// "Invalid Arn: 'Invalid ARN prefix: not_an_arn'".
std::variant<ParsedArn, ApiError> ParseArn(std::string_view arn);

// ParseArn, then requires one of `kinds`; another kind is InvalidArn
// "Invalid Arn: 'Resource type not valid in this context: <type>'".
std::variant<ParsedArn, ApiError> ParseArnOf(std::string_view arn,
                                             std::initializer_list<ArnKind> kinds);

// The InvalidName error for `name` ("Invalid Name: '<name>'").
ApiError InvalidNameError(std::string_view name);
// True when `name` is a valid state machine / execution / activity name:
// 1-80 characters, none of: white space, < > { } [ ] ? * " # % \ ^ | ~ ` $
// & , ; : /, control characters (U+0000-001F, U+007F-009F), U+FFFE, U+FFFF,
// surrogates or U+10FFFF. Text that is not UTF-8 is invalid.
bool IsValidName(std::string_view name);

// Splits "arn...:stateMachine:name#TestCase" into the ARN and the test case
// (Step Functions Local's mock selection). No '#': test case empty.
struct ArnWithTestCase {
  std::string arn;
  std::string test_case;
};
ArnWithTestCase SplitTestCase(std::string_view arn);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_ARN_H_
