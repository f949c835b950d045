// tests/emulator/api/request_test.cc
#include "emulator/api/request.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/json_helpers.h"

using namespace sfn::emulator;
using sfn::Json;
using sfn::testing::ParseOrDie;

namespace {

Member Str(std::string_view name, int64_t min, int64_t max, bool required = false) {
  Member m;
  m.name = name;
  m.required = required;
  m.min = min;
  m.max = max;
  return m;
}

const Shape kItem{"RoutingConfigurationListItem", {Str("stateMachineVersionArn", 1, 256, true), [] {
                                                     Member m = Str("weight", 0, 100, true);
                                                     m.type = FieldType::kInteger;
                                                     return m;
                                                   }()}};
const Member kItemElement = [] {
  Member m;
  m.name = "member";
  m.type = FieldType::kStructure;
  m.shape = &kItem;
  return m;
}();

const Shape kInput{"TestInput",
                   {
                       Str("name", 1, 80, true),
                       [] {
                         Member m = Str("maxResults", 0, 1000);
                         m.type = FieldType::kInteger;
                         return m;
                       }(),
                       [] {
                         Member m;
                         m.name = "statusFilter";
                         m.enum_values = {"SUCCEEDED", "FAILED"};
                         return m;
                       }(),
                       [] {
                         Member m = Str("input", Member::kNone, 4);
                         m.sensitive = true;
                         m.unit = LengthUnit::kUtf8Bytes;
                         return m;
                       }(),
                       [] {
                         Member m;
                         m.name = "publish";
                         m.type = FieldType::kBoolean;
                         return m;
                       }(),
                       [] {
                         Member m = Str("alias", 1, 80);
                         m.pattern = Pattern::kCharacterRestrictedName;
                         return m;
                       }(),
                       [] {
                         Member m = Str("routing", 1, 2);
                         m.type = FieldType::kList;
                         m.element = &kItemElement;
                         return m;
                       }(),
                   }};

std::string Check(const std::string& body) {
  auto err = ValidateRequest(ParseOrDie(body), kInput);
  return err ? err->code + ": " + err->message : "ok";
}

}  // namespace

TEST_CASE("ValidateRequest: well-formed requests pass") {
  CHECK(Check(R"({"name":"x"})") == "ok");
  CHECK(Check(R"({"name":"x","unknownField":[1,2],"maxResults":null})") == "ok");
  CHECK(Check(R"({"name":"x","maxResults":10.7,"publish":true,"alias":"PROD"})") == "ok");
}

TEST_CASE("ValidateRequest: mistyped members are SerializationExceptions") {
  CHECK(Check(R"({"name":1})") ==
        "SerializationException: NUMBER_VALUE cannot be converted to String");
  CHECK(Check(R"({"name":1.5})") ==
        "SerializationException: DECIMAL_VALUE cannot be converted to String");
  CHECK(Check(R"({"name":true})") ==
        "SerializationException: TRUE_VALUE cannot be converted to String");
  CHECK(Check(R"({"name":[]})") ==
        "SerializationException: Unrecognized collection type class java.lang.String");
  CHECK(Check(R"({"name":{}})") ==
        "SerializationException: Start of structure or map found where not expected");
  CHECK(Check(R"({"name":"x","maxResults":"5"})") ==
        "SerializationException: STRING_VALUE cannot be converted to Integer");
  CHECK(Check(R"({"name":"x","publish":"yes"})") ==
        "SerializationException: Unexpected token received from parser");
  CHECK(Check(R"({"name":"x","publish":1})") ==
        "SerializationException: NUMBER_VALUE cannot be converted to Boolean");
  CHECK(Check(R"({"name":"x","routing":"a"})") == "SerializationException: Unexpected field type");
  CHECK(Check(R"({"name":"x","routing":[5]})") == "SerializationException: Unexpected field type");
  CHECK(Check(R"({"name":"x","routing":[[]]})") ==
        "SerializationException: Unrecognized collection type class "
        "com.amazonaws.swf.service.v2.model.RoutingConfigurationListItem");
  auto err = ValidateRequest(ParseOrDie(R"({"name":1})"), kInput);
  CHECK(
      err->Body() ==
      R"({"__type":"com.amazon.coral.service#SerializationException","Message":"NUMBER_VALUE cannot be converted to String"})");
}

TEST_CASE("ValidateRequest: constraint violations are one ValidationException") {
  CHECK(Check(R"({})") ==
        "ValidationException: 1 validation error detected: Value null at 'name' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(Check(R"({"name":"x","maxResults":1001})") ==
        "ValidationException: 1 validation error detected: Value '1001' at 'maxResults' failed to "
        "satisfy constraint: Member must have value less than or equal to 1000");
  CHECK(Check(R"({"name":"x","statusFilter":"succeeded"})") ==
        "ValidationException: 1 validation error detected: Value 'succeeded' at 'statusFilter' "
        "failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, FAILED]");
  CHECK(Check(R"({"name":"x","input":"12345"})") ==
        "ValidationException: 1 validation error detected: Value at 'input' failed to satisfy "
        "constraint: Member must have length less than or equal to 4");
  CHECK(Check(R"({"name":"x","alias":"123"})") ==
        "ValidationException: 1 validation error detected: Value '123' at 'alias' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  CHECK(Check(R"({"name":"","maxResults":-1})") ==
        "ValidationException: 2 validation errors detected: Value '' at 'name' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1; Value '-1' at "
        "'maxResults' failed to satisfy constraint: Member must have value greater than or equal "
        "to 0");
  CHECK(Check(R"({"name":"x","routing":[{"stateMachineVersionArn":"a","weight":101}]})") ==
        "ValidationException: 1 validation error detected: Value '101' at "
        "'routing.1.member.weight' failed to satisfy constraint: Member must have value less "
        "than or equal to 100");
  CHECK(
      Check(
          R"({"name":"x","routing":[{"stateMachineVersionArn":"a","weight":50},)"
          R"({"stateMachineVersionArn":"b","weight":30},{"stateMachineVersionArn":"c","weight":20}]})") ==
      "ValidationException: 1 validation error detected: Value "
      "'[RoutingConfigurationListItem(stateMachineVersionArn=a, weight=50), "
      "RoutingConfigurationListItem(stateMachineVersionArn=b, weight=30), "
      "RoutingConfigurationListItem(stateMachineVersionArn=c, weight=20)]' at 'routing' "
      "failed to satisfy constraint: Member must have length less than or equal to 2");
  auto err = ValidateRequest(ParseOrDie("{}"), kInput);
  CHECK(err->Type() == "com.amazon.coral.validate#ValidationException");
}

TEST_CASE("Typed readers and lengths") {
  Json body = ParseOrDie(R"({"s":"v","n":7.9,"b":false,"z":null})");
  CHECK(*GetString(body, "s") == "v");
  CHECK(*GetInt(body, "n") == 7);
  CHECK(*GetBool(body, "b") == false);
  CHECK_FALSE(GetString(body, "z").has_value());
  CHECK(GetMember(body, "z") == nullptr);
  CHECK_FALSE(GetString(body, "missing").has_value());
  CHECK(Utf16Length("abc") == 3);
  CHECK(Utf16Length("\xc3\xa9") == 1);
  CHECK(Utf16Length("\xf0\x9f\x98\x80") == 2);  // outside the BMP: a surrogate pair
}
