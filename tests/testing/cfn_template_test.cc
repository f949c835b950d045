// tests/testing/cfn_template_test.cc
#include "testing/cfn_template.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::testing {
namespace {

Json ParseOrDie(const std::string& text) {
  JsonParseResult parsed = ParseJson(text);
  REQUIRE_MESSAGE(parsed.ok, text);
  return parsed.value;
}

CfnTemplate TemplateOrDie(const std::string& text,
                          std::map<std::string, std::string> parameters = {}) {
  Result<CfnTemplate> t = CfnTemplate::Create(ParseOrDie(text), Deployment{}, parameters);
  REQUIRE_MESSAGE(t.ok(), t.error().cause);
  return t.value();
}

// `value` (JSON text) resolved against `t`, as JSON text or "ERROR: <cause>".
std::string Resolve(const CfnTemplate& t, const std::string& value) {
  Result<Json> r = t.Resolve(ParseOrDie(value), "/X");
  if (!r.ok()) return "ERROR: " + r.error().cause;
  return Dump(r.value());
}

const char kTemplate[] = R"({
  "Parameters": {"Env": {"Type": "String", "Default": "dev"},
                 "Ids": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "s-1,s-2"},
                 "Port": {"Type": "Number", "Default": 8080}},
  "Resources": {
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Fn::Sub": "fn-${Env}"}}},
    "A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ["B", "QueueName"]}}},
    "B": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "A"}}},
    "M": {"Type": "AWS::StepFunctions::StateMachine"},
    "S": {"Type": "AWS::Serverless::StateMachine"}
  }})";

TEST_CASE("CfnTemplate::Create and lookups") {
  CHECK(CfnTemplate::Create(ParseOrDie(R"({"Resources": []})"), Deployment{}).error().cause ==
        "no Resources object");
  CHECK_FALSE(CfnTemplate::IsTemplate(ParseOrDie(R"({"StartAt": "A", "States": {}})")));
  const CfnTemplate t = TemplateOrDie(kTemplate);
  CHECK(t.TypeOf("Fn") == "AWS::Lambda::Function");
  CHECK(t.TypeOf("Nope").empty());
  CHECK(t.LogicalIdsOfType({"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"}) ==
        std::vector<std::string>{"M", "S"});
  CHECK(t.PhysicalName("Fn").value() == "fn-dev");
  CHECK(t.PhysicalName("M").value() == "M");
  CHECK(t.PhysicalName("A").error().cause ==
        "/Resources/B/Properties/QueueName/Ref: circular reference through the name of 'A'");
}

TEST_CASE("CfnTemplate::Resolve") {
  const CfnTemplate t = TemplateOrDie(kTemplate, {{"Env", "prod"}});
  CHECK(Resolve(t, R"({"Ref": "Env"})") == R"("prod")");
  CHECK(Resolve(t, R"({"Ref": "Ids"})") == R"(["s-1","s-2"])");
  CHECK(Resolve(t, R"({"Ref": "Port"})") == R"("8080")");
  CHECK(Resolve(t, R"({"Ref": "M"})") ==
        R"("arn:aws:states:us-east-1:123456789012:stateMachine:M")");
  CHECK(Resolve(t, R"({"Fn::GetAtt": "Fn.Arn"})") ==
        R"("arn:aws:lambda:us-east-1:123456789012:function:fn-prod")");
  CHECK(Resolve(t, R"({"Fn::Join": [":", ["a", {"Ref": "AWS::Region"}, 3, true]]})") ==
        R"("a:us-east-1:3:true")");
  CHECK(Resolve(t, R"({"Fn::Join": ["-", {"Ref": "Ids"}]})") == R"("s-1-s-2")");
  CHECK(
      Resolve(t, R"({"Fn::Sub": "${Fn.Arn}|${!Fn}|${Env}|${AWS::AccountId}|${open"})") ==
      R"("arn:aws:lambda:us-east-1:123456789012:function:fn-prod|${Fn}|prod|123456789012|${open")");
  CHECK(Resolve(t, R"({"Fn::Sub": ["${Env}-${x.y}", {"Env": "mine", "x.y": 2}]})") ==
        R"("mine-2")");
  CHECK(Resolve(t, R"({"Fn::Select": ["1", {"Fn::Split": ["/", "a/b/c"]}]})") == R"("b")");
  CHECK(Resolve(t, R"({"a": [{"Ref": "Env"}], "Ref": 1, "b": {"Ref": "Env", "c": 1}})") ==
        R"({"a":["prod"],"Ref":1,"b":{"Ref":"Env","c":1}})");
  CHECK(Resolve(t, R"({"Fn::Sub": "${Ids}"})") ==
        "ERROR: /X/Fn::Sub: Fn::Sub variable 'Ids' must be a string, not an array");
  CHECK(Resolve(t, R"({"Fn::Base64": "x"})") ==
        "ERROR: /X/Fn::Base64: unsupported intrinsic function Fn::Base64");
  CHECK(Resolve(t, R"({"a/b~": {"Fn::Equals": [1, 1]}})") ==
        "ERROR: /X/a~1b~0/Fn::Equals: unsupported intrinsic function Fn::Equals");
  CHECK(Resolve(t, R"({"Ref": ["Env"]})") == "ERROR: /X/Ref: Ref needs a name");
  CHECK(Resolve(t, R"({"Fn::GetAtt": ["Fn"]})") ==
        "ERROR: /X/Fn::GetAtt: Fn::GetAtt needs [resource, attribute]");
  std::string deep;
  for (int i = 0; i < 1100; ++i) deep += "[";
  for (int i = 0; i < 1100; ++i) deep += "]";
  CHECK(Resolve(t, deep).find("nesting deeper than 1000 levels") != std::string::npos);
}

}  // namespace
}  // namespace sfn::testing
