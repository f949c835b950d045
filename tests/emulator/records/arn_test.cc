// tests/emulator/records/arn_test.cc
#include "emulator/records/arn.h"

#include <doctest/doctest.h>

#include <string>

using namespace sfn::emulator;

namespace {
ParsedArn ParseOk(const std::string& arn) {
  auto r = ParseArn(arn);
  REQUIRE(r.index() == 0);
  return std::get<ParsedArn>(r);
}
std::string ParseError(const std::string& arn) {
  auto r = ParseArn(arn);
  REQUIRE(r.index() == 1);
  CHECK(std::get<ApiError>(r).code == "InvalidArn");
  return std::get<ApiError>(r).message;
}
}  // namespace

TEST_CASE("ARNs are built in AWS's formats") {
  CHECK(StateMachineArn("us-east-1", "123456789012", "M") ==
        "arn:aws:states:us-east-1:123456789012:stateMachine:M");
  CHECK(StateMachineArn("cn-north-1", "1", "M") == "arn:aws-cn:states:cn-north-1:1:stateMachine:M");
  CHECK(StateMachineArn("us-gov-west-1", "1", "M") ==
        "arn:aws-us-gov:states:us-gov-west-1:1:stateMachine:M");
  CHECK(VersionArn("arn:aws:states:r:1:stateMachine:M", 3) ==
        "arn:aws:states:r:1:stateMachine:M:3");
  CHECK(ExecutionArn("us-east-1", "1", "M", "e") == "arn:aws:states:us-east-1:1:execution:M:e");
  CHECK(ExpressExecutionArn("us-east-1", "1", "M", "e", "u") ==
        "arn:aws:states:us-east-1:1:express:M:e:u");
  CHECK(ActivityArn("us-east-1", "1", "A") == "arn:aws:states:us-east-1:1:activity:A");
}

TEST_CASE("PartitionForRegion") {
  CHECK(PartitionForRegion("us-east-1") == "aws");
  CHECK(PartitionForRegion("cn-northwest-1") == "aws-cn");
  CHECK(PartitionForRegion("us-gov-east-1") == "aws-us-gov");
  CHECK(PartitionForRegion("us-iso-east-1") == "aws-iso");
  CHECK(PartitionForRegion("us-isob-east-1") == "aws-iso-b");
  CHECK(PartitionForRegion("eu-isoe-west-1") == "aws-iso-e");
  CHECK(PartitionForRegion("us-isof-south-1") == "aws-iso-f");
  CHECK(PartitionForRegion("eusc-de-east-1") == "aws-eusc");
  CHECK(ActivityArn("us-isob-east-1", "1", "A") ==
        "arn:aws-iso-b:states:us-isob-east-1:1:activity:A");
  CHECK(ExpressExecutionArn("us-iso-east-1", "1", "M", "e", "u") ==
        "arn:aws-iso:states:us-iso-east-1:1:express:M:e:u");
  ParsedArn p = ParseOk("arn:aws-iso-f:states:us-isof-south-1:123456789012:execution:M:e");
  CHECK(p.partition == "aws-iso-f");
  CHECK(p.base == "arn:aws-iso-f:states:us-isof-south-1:123456789012:stateMachine:M");
}

TEST_CASE("IsValidRoleArn") {
  CHECK(IsValidRoleArn("arn:aws:iam::123456789012:role/r"));
  CHECK(IsValidRoleArn("arn:aws-cn:iam::123456789012:role/path/to/My+Role=,.@_-1"));
  CHECK(IsValidRoleArn("arn:aws-iso-b:iam::123456789012:role/service-role/x"));
  CHECK_FALSE(IsValidRoleArn("r"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::1:role/r"));  // account of 12 digits
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::12345678901a:role/r"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::aws:policy/AWSBatchFullAccess"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::123456789012:user/u"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::123456789012:role/"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::123456789012:role/a/"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam::123456789012:role/a b"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:iam:us-east-1:123456789012:role/r"));
  CHECK_FALSE(IsValidRoleArn("arn:aws:sts::123456789012:role/r"));
  CHECK_FALSE(IsValidRoleArn("arn::iam::123456789012:role/r"));
  const ApiError e = InvalidRoleArnError("r");
  CHECK(e.code == "InvalidArn");
  CHECK(e.message == "Invalid Role Arn: 'r'");
}

TEST_CASE("ParseArn") {
  SUBCASE("state machine, version, alias, labelled") {
    ParsedArn p = ParseOk("arn:aws:states:us-east-1:123456789012:stateMachine:M");
    CHECK(p.kind == ArnKind::kStateMachine);
    CHECK(p.name == "M");
    CHECK(p.region == "us-east-1");
    CHECK(p.account == "123456789012");
    CHECK(p.base == "arn:aws:states:us-east-1:123456789012:stateMachine:M");
    p = ParseOk("arn:aws:states:us-east-1:1:stateMachine:M:12");
    CHECK(p.kind == ArnKind::kVersion);
    CHECK(p.version == 12);
    CHECK(p.base == "arn:aws:states:us-east-1:1:stateMachine:M");
    p = ParseOk("arn:aws:states:us-east-1:1:stateMachine:M:PROD");
    CHECK(p.kind == ArnKind::kAlias);
    CHECK(p.qualifier == "PROD");
    p = ParseOk("arn:aws:states:us-east-1:1:stateMachine:M/label");
    CHECK(p.kind == ArnKind::kLabelled);
    CHECK(p.name == "M");
  }
  SUBCASE("executions and activities") {
    ParsedArn p = ParseOk("arn:aws:states:us-east-1:1:execution:M:run-1");
    CHECK(p.kind == ArnKind::kExecution);
    CHECK(p.name == "M");
    CHECK(p.execution_name == "run-1");
    CHECK(p.text == "arn:aws:states:us-east-1:1:execution:M:run-1");
    p = ParseOk("arn:aws:states:us-east-1:1:express:M:run-1:0b8f");
    CHECK(p.kind == ArnKind::kExpressExecution);
    CHECK(ParseOk("arn:aws:states:us-east-1:1:activity:A").kind == ArnKind::kActivity);
  }
  SUBCASE("AWS's InvalidArn texts") {
    CHECK(ParseError("not_a_valid_arn") == "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
    CHECK(ParseError("arn:aws:lambda:us-east-1:1:function:f") ==
          "Invalid Arn: 'Invalid ARN prefix: arn:aws:lambda:us-east-1:1:function:f'");
    CHECK(ParseError("arn:aws:states:us-east-1:1:bogus:x") ==
          "Invalid Arn: 'Resource type not valid in this context: bogus'");
    CHECK(ParseError("arn:aws:states:us-east-1:1:stateMachine:") ==
          "Invalid Arn: 'Invalid ARN: arn:aws:states:us-east-1:1:stateMachine:'");
    CHECK(ParseError("arn:aws:states:us-east-1") ==
          "Invalid Arn: 'Invalid ARN: arn:aws:states:us-east-1'");
  }
}

TEST_CASE("ParseArnOf refuses other resource types as AWS does") {
  auto r = ParseArnOf("arn:aws:states:us-east-1:1:express:M:e:u", {ArnKind::kExecution});
  REQUIRE(r.index() == 1);
  CHECK(std::get<ApiError>(r).message ==
        "Invalid Arn: 'Resource type not valid in this context: express'");
  r = ParseArnOf("arn:aws:states:us-east-1:1:stateMachine:M", {ArnKind::kExecution});
  CHECK(std::get<ApiError>(r).message ==
        "Invalid Arn: 'Resource type not valid in this context: statemachine'");
  CHECK(ParseArnOf("arn:aws:states:us-east-1:1:execution:M:e", {ArnKind::kExecution}).index() == 0);
}

TEST_CASE("Name rules") {
  CHECK(IsValidName("hello-world_1.2"));
  CHECK(IsValidName(std::string(80, 'a')));
  CHECK_FALSE(IsValidName(std::string(81, 'a')));
  CHECK_FALSE(IsValidName(""));
  CHECK(IsValidName("caf\xc3\xa9"));  // non-ASCII letters are fine
  for (char c : std::string(" <>{}[]?*\"#%\\^|~`$&,;:/")) {
    CAPTURE(c);
    CHECK_FALSE(IsValidName(std::string("a") + c + "b"));
  }
  CHECK_FALSE(IsValidName(std::string("a\x01", 2)));
  CHECK_FALSE(IsValidName("a\x7f"));
  CHECK_FALSE(IsValidName("a\xc2\x85"));      // U+0085
  CHECK_FALSE(IsValidName("a\xe2\x80\x83"));  // U+2003 EM SPACE
  CHECK_FALSE(IsValidName("a\xef\xbf\xbf"));  // U+FFFF
  CHECK_FALSE(IsValidName("a\xff"));          // not UTF-8
  CHECK(InvalidNameError("a b").message == "Invalid Name: 'a b'");
  CHECK(InvalidNameError("a b").code == "InvalidName");
}

TEST_CASE("SplitTestCase") {
  auto s = SplitTestCase("arn:aws:states:us-east-1:1:stateMachine:M#HappyPath");
  CHECK(s.arn == "arn:aws:states:us-east-1:1:stateMachine:M");
  CHECK(s.test_case == "HappyPath");
  s = SplitTestCase("arn:aws:states:us-east-1:1:stateMachine:M");
  CHECK(s.test_case == "");
  s = SplitTestCase("arn:aws:states:us-east-1:1:stateMachine:M#");
  CHECK(s.arn == "arn:aws:states:us-east-1:1:stateMachine:M");
  CHECK(s.test_case == "");
}
