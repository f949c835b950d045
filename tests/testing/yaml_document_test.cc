// tests/testing/yaml_document_test.cc
#include "testing/yaml_document.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::testing {
namespace {

YamlDocument ParseOrDie(std::string_view text) {
  Result<YamlDocument> doc = ParseYamlDocument(text);
  REQUIRE_MESSAGE(doc.ok(), doc.error().cause);
  return doc.value();
}

std::string DumpYaml(std::string_view text) { return Dump(ParseOrDie(text).value); }

std::string ErrorOf(std::string_view text) {
  Result<YamlDocument> doc = ParseYamlDocument(text);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().error == "InvalidYaml");
  return doc.error().cause;
}

TEST_CASE("ParseYamlDocument: scalars by the YAML 1.2 core schema") {
  CHECK(DumpYaml("[~, null, Null, NULL, ]") == "[null,null,null,null]");
  CHECK(DumpYaml("a: null\nb: ~\nc:\nd: Null\ne: nil") ==
        R"({"a":null,"b":null,"c":null,"d":null,"e":"nil"})");
  CHECK(DumpYaml("[true, True, TRUE, false, False, FALSE, yes, no, on]") ==
        R"([true,true,true,false,false,false,"yes","no","on"])");
  CHECK(DumpYaml("[0, -12, +7, 0o17, 0x1F, 007]") == "[0,-12,7,15,31,7]");
  CHECK(DumpYaml("[1.5, 3.0, .5, 1., -2e3, 1E-2, 1e3, -2.5E-1]") ==
        "[1.5,3.0,0.5,1.0,-2000.0,0.01,1000.0,-0.25]");
  CHECK(DumpYaml("99999999999999999999") == "1.0E20");
  CHECK(DumpYaml("[abc, 1.2.3, 0x, '1', \"true\", '', -, 12:30, 1_000]") ==
        R"(["abc","1.2.3","0x","1","true","","-","12:30","1_000"])");
  CHECK(DumpYaml(R"(["true", 'null', "12", !!str 12, !!str true, ! 5])") ==
        R"(["true","null","12","12","true","5"])");
  CHECK(DumpYaml("[!!str 1, !!int '7', !!float 2, !!bool 'true', !!null '']") ==
        R"(["1",7,2.0,true,null])");
  CHECK(DumpYaml("text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n") ==
        R"({"text":"line one\nline two\n","folded":"a b\n"})");
  CHECK(DumpYaml("plain words here") == R"("plain words here")");
}

TEST_CASE("ParseYamlDocument: collections keep their order; JSON is YAML") {
  CHECK(DumpYaml("b: 1\na: [x, {c: d}]\nm: {}\ns: []\n") ==
        R"({"b":1,"a":["x",{"c":"d"}],"m":{},"s":[]})");
  CHECK(DumpYaml(R"({"a": [1, 2.5, "s\u00e9\n"], "b": {}})") == R"({"a":[1,2.5,"sé\n"],"b":{}})");
  CHECK(
      DumpYaml("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}") ==
      R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
  CHECK(DumpYaml("1: one\ntrue: yes\n~: nothing\n") ==
        R"({"1":"one","true":"yes","null":"nothing"})");
  CHECK(DumpYaml("base: &b {x: 1}\nuse: *b\n") == R"({"base":{"x":1},"use":{"x":1}})");
  CHECK(DumpYaml("!!map {a: !!seq [1]}") == R"({"a":[1]})");
  CHECK(DumpYaml("") == "null");
  CHECK(DumpYaml("# only a comment\n") == "null");
  CHECK(DumpYaml("---\na: 1\n...\n") == R"({"a":1})");
}

TEST_CASE("ParseYamlDocument: merges mappings with <<") {
  CHECK(DumpYaml("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n  z: 4") ==
        R"({"base":{"x":1,"y":2},"use":{"y":3,"z":4,"x":1}})");
  CHECK(DumpYaml("a: &a {k: a}\nb: &b {k: b, m: b}\nc: {<<: [*a, *b]}") ==
        R"({"a":{"k":"a"},"b":{"k":"b","m":"b"},"c":{"k":"a","m":"b"}})");
  CHECK(DumpYaml("'<<': quoted") == R"({"<<":"quoted"})");
  CHECK(ErrorOf("a:\n  <<: 1") == "2:3: << merges a mapping or a list of mappings");
}

TEST_CASE("ParseYamlDocument: CloudFormation short forms become their long form") {
  CHECK(DumpYaml("!Ref Table") == R"({"Ref":"Table"})");
  CHECK(DumpYaml("!GetAtt Fn.Arn") == R"({"Fn::GetAtt":["Fn","Arn"]})");
  CHECK(DumpYaml("!GetAtt Queue.Attr.Nested") == R"({"Fn::GetAtt":["Queue","Attr.Nested"]})");
  CHECK(DumpYaml("!GetAtt [Fn, Arn]") == R"({"Fn::GetAtt":["Fn","Arn"]})");
  CHECK(DumpYaml("!Sub 'arn:${AWS::Partition}:x'") == R"({"Fn::Sub":"arn:${AWS::Partition}:x"})");
  CHECK(DumpYaml("!Sub\n  - ${A}-${B}\n  - A: !Ref X\n    B: 2") ==
        R"({"Fn::Sub":["${A}-${B}",{"A":{"Ref":"X"},"B":2}]})");
  CHECK(DumpYaml("!Join ['', [a, !Ref B]]") == R"({"Fn::Join":["",["a",{"Ref":"B"}]]})");
  CHECK(DumpYaml("!Select [0, !GetAZs '']") == R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})");
  CHECK(DumpYaml("!Ref 123") == R"({"Ref":"123"})");
  CHECK(DumpYaml("!Condition IsProd") == R"({"Condition":"IsProd"})");
  CHECK(DumpYaml("!If [C, !Ref A, !Ref B]") == R"({"Fn::If":["C",{"Ref":"A"},{"Ref":"B"}]})");
}

TEST_CASE("ParseYamlDocument: lines by JSON Pointer") {
  const YamlDocument doc = ParseOrDie(
      "# heading\n"
      "stateMachine: a.json\n"
      "cases:\n"
      "  - name: one\n"
      "    input:\n"
      "      a/b: 1\n"
      "      c~d: 2\n"
      "  - {name: two}\n");
  const std::map<std::string, int>& lines = doc.line_of_pointer;
  CHECK(lines.at("") == 2);
  CHECK(lines.at("/stateMachine") == 2);
  CHECK(lines.at("/cases") == 3);
  CHECK(lines.at("/cases/0") == 4);
  CHECK(lines.at("/cases/0/input") == 5);
  CHECK(lines.at("/cases/0/input/a~1b") == 6);
  CHECK(lines.at("/cases/0/input/c~0d") == 7);
  CHECK(lines.at("/cases/1/name") == 8);
  SUBCASE("LineOf falls back to the nearest ancestor") {
    CHECK(LineOf(lines, "/cases/1/name") == 8);
    CHECK(LineOf(lines, "/cases/1/missing/deeper") == 8);
    CHECK(LineOf(lines, "/nothing") == 2);
    CHECK(LineOf({}, "/x/y") == 1);
  }
  SUBCASE("merged members are at their <<; short forms' arguments under the long form") {
    const YamlDocument other = ParseOrDie(
        "base: &b\n"
        "  x: 1\n"
        "use:\n"
        "  y: 2\n"
        "  <<: *b\n"
        "arn: !Sub\n"
        "  - ${A}\n"
        "  - {A: 1}\n");
    CHECK(other.line_of_pointer.at("/use/y") == 4);
    CHECK(other.line_of_pointer.at("/use/x") == 5);
    CHECK(other.line_of_pointer.count("/use/<<") == 0);
    CHECK(other.line_of_pointer.at("/arn/Fn::Sub/1") == 8);
    CHECK(other.line_of_pointer.at("/arn/Fn::Sub/1/A") == 8);
  }
}

TEST_CASE("AppendPointerToken escapes as RFC 6901 asks") {
  std::string pointer;
  AppendPointerToken("a/b~c", &pointer);
  AppendPointerToken("", &pointer);
  CHECK(pointer == "/a~1b~0c/");
}

TEST_CASE("ParseYamlDocument: errors name the line and column") {
  CHECK(ErrorOf("a: 1\nb: 2\na: 3\n") == "3:1: duplicate key 'a'");
  CHECK(ErrorOf("x: [1, .inf]") == "1:8: '.inf' cannot be represented in JSON");
  CHECK(ErrorOf("x: -.Inf") == "1:4: '-.Inf' cannot be represented in JSON");
  CHECK(ErrorOf("x: .nan") == "1:4: '.nan' cannot be represented in JSON");
  CHECK(ErrorOf("\n\nx: !!int abc") == "3:4: 'abc' is not a valid !!int");
  CHECK(ErrorOf("x: !!bool yes") == "1:4: 'yes' is not a valid !!bool");
  CHECK(ErrorOf("x: !!binary aGk=") == "1:4: unsupported tag '!!binary'");
  CHECK(ErrorOf("x: !custom 1") == "1:4: unsupported tag '!custom'");
  CHECK(ErrorOf("a: !Foo x") == "1:4: unsupported tag '!Foo'");
  CHECK(ErrorOf("a: !!set {x: null}") == "1:4: unsupported tag '!!set'");
  CHECK(ErrorOf("a:\n  b: !GetAtt Fn") == "2:6: !GetAtt needs Resource.Attribute, not 'Fn'");
  CHECK(ErrorOf("a: 1\n? [k]\n: v\n") == "2:3: a mapping key must be a scalar");
  CHECK(ErrorOf("a: 1\n---\nb: 2\n") == "3:1: expected one YAML document, found 2");
  CHECK(ErrorOf("a: [1, 2\nb: 3\n") == "2:2: not valid YAML: end of sequence flow not found");
  CHECK(ErrorOf("a: [1,\n b: }") == "2:5: not valid YAML: illegal flow end");
  CHECK(ErrorOf("a: b: c\n") == "1:5: not valid YAML: illegal map value");
  CHECK(ErrorOf("x: *nothing\n") == "1:4: not valid YAML: the referenced anchor is not defined");
}

TEST_CASE("ParseYamlDocument: bounds") {
  SUBCASE("nesting") {
    const std::string deep = std::string(600, '[') + std::string(600, ']');
    CHECK(ErrorOf(deep) == "1:1: nesting deeper than 500 levels");
    const std::string fine = std::string(400, '[') + std::string(400, ']');
    CHECK(ParseYamlDocument(fine).ok());
  }
  SUBCASE("nesting through aliases") {
    const std::string a = std::string(300, '[') + std::string(300, ']');
    const std::string b = std::string(300, '[') + "*a" + std::string(300, ']');
    CHECK(ErrorOf("a: &a " + a + "\nb: " + b + "\n") == "1:207: nesting deeper than 500 levels");
  }
  SUBCASE("alias expansion") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 8; ++i) {
      const std::string prev = "*a" + std::to_string(i - 1);
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + prev;
      text += "]\n";
    }
    CHECK(ErrorOf(text) == "1:37: aliases expand to more than 1000000 values");
  }
}

}  // namespace
}  // namespace sfn::testing
