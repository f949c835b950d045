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
  CHECK(DumpYaml("a:") == R"({"a":null})");
  CHECK(DumpYaml("[true, True, TRUE, false, False, FALSE, yes, no, on]") ==
        R"([true,true,true,false,false,false,"yes","no","on"])");
  CHECK(DumpYaml("[0, -12, +7, 0o17, 0x1F, 007]") == "[0,-12,7,15,31,7]");
  CHECK(DumpYaml("[1.5, 3.0, .5, 1., -2e3, 1E-2]") == "[1.5,3.0,0.5,1.0,-2000.0,0.01]");
  CHECK(DumpYaml("99999999999999999999") == "1.0E20");
  CHECK(DumpYaml("[abc, 1.2.3, 0x, '1', \"true\", '', -, 12:30]") ==
        R"(["abc","1.2.3","0x","1","true","","-","12:30"])");
  CHECK(DumpYaml("[!!str 1, !!int '7', !!float 2, !!bool 'true', !!null '']") ==
        R"(["1",7,2.0,true,null])");
}

TEST_CASE("ParseYamlDocument: collections keep their order; JSON is YAML") {
  CHECK(DumpYaml("b: 1\na: [x, {c: d}]\n") == R"({"b":1,"a":["x",{"c":"d"}]})");
  CHECK(DumpYaml(R"({"a": [1, 2.5, "s\u00e9\n"], "b": {}})") == R"({"a":[1,2.5,"sé\n"],"b":{}})");
  CHECK(DumpYaml("1: one\ntrue: yes\n") == R"({"1":"one","true":"yes"})");
  CHECK(DumpYaml("base: &b {x: 1}\nuse: *b\n") == R"({"base":{"x":1},"use":{"x":1}})");
  CHECK(DumpYaml("") == "null");
  CHECK(DumpYaml("# only a comment\n") == "null");
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
}

TEST_CASE("AppendPointerToken escapes as RFC 6901 asks") {
  std::string pointer;
  AppendPointerToken("a/b~c", &pointer);
  AppendPointerToken("", &pointer);
  CHECK(pointer == "/a~1b~0c/");
}

TEST_CASE("ParseYamlDocument: errors name the line") {
  CHECK(ErrorOf("a: 1\nb: 2\na: 3\n") == "3: duplicate key 'a'");
  CHECK(ErrorOf("x: [1, .inf]") == "1: '.inf' cannot be represented in JSON");
  CHECK(ErrorOf("x: -.Inf") == "1: '-.Inf' cannot be represented in JSON");
  CHECK(ErrorOf("x: .nan") == "1: '.nan' cannot be represented in JSON");
  CHECK(ErrorOf("\n\nx: !!int abc") == "3: 'abc' is not a valid !!int");
  CHECK(ErrorOf("x: !!bool yes") == "1: 'yes' is not a valid !!bool");
  CHECK(ErrorOf("x: !custom 1") == "1: unsupported tag '!custom'");
  CHECK(ErrorOf("a: 1\n? [k]\n: v\n") == "2: a mapping key must be a scalar");
  CHECK(ErrorOf("a: 1\n---\nb: 2\n") == "3: expected one YAML document, found 2");
  CHECK(ErrorOf("a: [1, 2\nb: 3\n") == "2: end of sequence flow not found");
  CHECK(ErrorOf("a: b: c\n") == "1: illegal map value");
  CHECK(ErrorOf("x: *nothing\n") == "1: the referenced anchor is not defined");
}

TEST_CASE("ParseYamlDocument: bounds") {
  SUBCASE("nesting") {
    const std::string deep = std::string(600, '[') + std::string(600, ']');
    CHECK(ErrorOf(deep) == "1: nesting too deep");
    const std::string fine = std::string(400, '[') + std::string(400, ']');
    CHECK(ParseYamlDocument(fine).ok());
  }
  SUBCASE("alias expansion") {
    std::string text = "a0: [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 8; ++i) {
      const std::string prev = "*a" + std::to_string(i - 1);
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + prev;
      text += "]\n";
    }
    text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + text.substr(text.find('\n') + 1);
    CHECK(ErrorOf(text) == "1: the document expands to too many values");
  }
}

}  // namespace
}  // namespace sfn::testing
