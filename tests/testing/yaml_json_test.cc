// tests/testing/yaml_json_test.cc
#include "testing/yaml_json.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::testing {
namespace {

// The converted document as compact JSON, or "ERROR: <cause>".
std::string Convert(const std::string& yaml) {
  Result<Json> result = YamlToJson(yaml);
  if (!result.ok()) return "ERROR: " + result.error().cause;
  return Dump(result.value());
}

TEST_CASE("YamlToJson scalars follow the YAML 1.2 core schema") {
  CHECK(Convert("a: true\nb: False\nc: TRUE\nd: yes\ne: on") ==
        R"({"a":true,"b":false,"c":true,"d":"yes","e":"on"})");
  CHECK(Convert("a: null\nb: ~\nc:\nd: Null\ne: nil") ==
        R"({"a":null,"b":null,"c":null,"d":null,"e":"nil"})");
  CHECK(Convert("[1, -2, +3, 007, 0x1F, 0o17, 1.5, 3.0, .5, 1., 1e3, -2.5E-1]") ==
        "[1,-2,3,7,31,15,1.5,3.0,0.5,1.0,1000.0,-0.25]");
  CHECK(Convert("[.inf, .nan, 1_000, 12:30, 1.2.3, 0x]") ==
        R"([".inf",".nan","1_000","12:30","1.2.3","0x"])");
  CHECK(Convert(R"(["true", 'null', "12", !!str 12, !!str true])") ==
        R"(["true","null","12","12","true"])");
  CHECK(Convert("text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n") ==
        R"({"text":"line one\nline two\n","folded":"a b\n"})");
  CHECK(Convert("plain words here") == R"("plain words here")");
}

TEST_CASE("YamlToJson keeps structure and key order") {
  CHECK(Convert("z: 1\na: [x, {k: v}]\nm: {}\ns: []") ==
        R"({"z":1,"a":["x",{"k":"v"}],"m":{},"s":[]})");
  CHECK(Convert("1: one\ntrue: yes") == R"({"1":"one","true":"yes"})");
  CHECK(Convert("base: &b {x: 1}\ncopy: *b") == R"({"base":{"x":1},"copy":{"x":1}})");
  CHECK(Convert("") == "null");
  CHECK(Convert("# only a comment\n") == "null");
  CHECK(Convert("---\na: 1\n...\n") == R"({"a":1})");
  CHECK(Convert("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}") ==
        R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
}

TEST_CASE("YamlToJson merges mappings with <<") {
  CHECK(Convert("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n  z: 4") ==
        R"({"base":{"x":1,"y":2},"use":{"y":3,"z":4,"x":1}})");
  CHECK(Convert("a: &a {k: a}\nb: &b {k: b, m: b}\nc: {<<: [*a, *b]}") ==
        R"({"a":{"k":"a"},"b":{"k":"b","m":"b"},"c":{"k":"a","m":"b"}})");
  CHECK(Convert("'<<': quoted") == R"({"<<":"quoted"})");
  CHECK(Convert("a:\n  <<: 1") ==
        "ERROR: line 2, column 3: << merges a mapping or a list of mappings");
}

TEST_CASE("YamlToJson turns CloudFormation short forms into their long form") {
  CHECK(Convert("!Ref Table") == R"({"Ref":"Table"})");
  CHECK(Convert("!GetAtt Fn.Arn") == R"({"Fn::GetAtt":["Fn","Arn"]})");
  CHECK(Convert("!GetAtt Queue.Attr.Nested") == R"({"Fn::GetAtt":["Queue","Attr.Nested"]})");
  CHECK(Convert("!GetAtt [Fn, Arn]") == R"({"Fn::GetAtt":["Fn","Arn"]})");
  CHECK(Convert("!Sub 'arn:${AWS::Partition}:x'") == R"({"Fn::Sub":"arn:${AWS::Partition}:x"})");
  CHECK(Convert("!Sub\n  - ${A}-${B}\n  - A: !Ref X\n    B: 2") ==
        R"({"Fn::Sub":["${A}-${B}",{"A":{"Ref":"X"},"B":2}]})");
  CHECK(Convert("!Join ['', [a, !Ref B]]") == R"({"Fn::Join":["",["a",{"Ref":"B"}]]})");
  CHECK(Convert("!Select [0, !GetAZs '']") == R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})");
  CHECK(Convert("!Ref 123") == R"({"Ref":"123"})");
  CHECK(Convert("!Condition IsProd") == R"({"Condition":"IsProd"})");
  CHECK(Convert("!If [C, !Ref A, !Ref B]") == R"({"Fn::If":["C",{"Ref":"A"},{"Ref":"B"}]})");
}

TEST_CASE("YamlToJson errors name the line and column") {
  CHECK(Convert("a: [1,\n b: }") == "ERROR: line 2, column 5: illegal flow end");
  CHECK(Convert("a: 1\na: 2") == "ERROR: line 2, column 1: duplicate key 'a'");
  CHECK(Convert("? [x]\n: 1") == "ERROR: line 1, column 3: a mapping key must be a scalar");
  CHECK(Convert("a: !Foo x") == "ERROR: line 1, column 4: unknown tag !Foo");
  CHECK(Convert("a:\n  b: !GetAtt Fn") ==
        "ERROR: line 2, column 6: !GetAtt needs Resource.Attribute, not 'Fn'");
  CHECK(Convert("a: 1\n---\nb: 2") ==
        "ERROR: line 3, column 1: a second document; a file holds one");
  CHECK(Convert("a: *missing") == "ERROR: line 1, column 4: the referenced anchor is not defined");
  CHECK(YamlToJson("a: [").error().error == "InvalidYaml");
}

TEST_CASE("YamlToJson bounds nesting and alias expansion") {
  CHECK(Convert(std::string(600, '[') + std::string(600, ']')) ==
        "ERROR: nesting deeper than 500 levels");
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    laughs += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + char(c - 1);
    laughs += "]\n";
  }
  CHECK(Convert(laughs).rfind("ERROR: line ", 0) == 0);
  CHECK(Convert(laughs).find("aliases expand to more than 1000000 values") != std::string::npos);
}

}  // namespace
}  // namespace sfn::testing
