// tests/testing/document_file_test.cc
#include "testing/document_file.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace sfn::testing {
namespace {

const std::string kFixtures = SFN_SOURCE_DIR "/tests/testing/fixtures/";

TEST_CASE("ReadDocument picks JSON or YAML") {
  const Result<Document> json = ReadDocument(kFixtures + "hello.asl.json");
  REQUIRE(json.ok());
  CHECK_FALSE(json.value().yaml);
  CHECK(json.value().value.Find("StartAt")->AsString() == "Greet");
  const Result<Document> yaml = ReadDocument(kFixtures + "hello.asl.yaml");
  REQUIRE(yaml.ok());
  CHECK(yaml.value().yaml);
  CHECK(yaml.value().value.Find("StartAt")->AsString() == "Greet");
  CHECK_FALSE(LooksLikeYaml("t.template", "  {\"Resources\": {}}"));
  CHECK(LooksLikeYaml("t.template", "Resources: {}") == true);
  CHECK_FALSE(LooksLikeYaml("t.template", "\n[1]"));
  CHECK_FALSE(LooksLikeYaml("t.json", "a: 1"));
  CHECK(LooksLikeYaml("t.yml", "{}"));
}

// A file with `text` in a scratch folder of this test binary; returns its path.
std::string WriteFile(const std::string& name, const std::string& text) {
  static const std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfn-docfile-XXXXXX").string();
    return std::string(mkdtemp(pattern.data()));
  }();
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST_CASE("ParseDocument maps lines: YAML always, JSON when asked") {
  const Result<Document> yaml = ParseDocument("a:\n  b: !Ref X\n", "t.yaml", true);
  REQUIRE(yaml.ok());
  CHECK(Dump(yaml.value().value) == R"({"a":{"b":{"Ref":"X"}}})");
  CHECK(yaml.value().line_of_pointer.at("/a/b") == 2);
  const std::string text = "{\"a\":\n  {\"b\": 1.0}}";
  const Result<Document> skipped = ParseDocument(text, "t.json", false);
  REQUIRE(skipped.ok());
  CHECK(skipped.value().line_of_pointer.empty());
  const Result<Document> mapped = ParseDocument(text, "t.json", false, JsonLines::kMap);
  REQUIRE(mapped.ok());
  CHECK(Dump(mapped.value().value) == R"({"a":{"b":1.0}})");
  CHECK(mapped.value().text == text);
  CHECK(mapped.value().line_of_pointer.at("/a/b") == 2);
}

TEST_CASE("ReadDocument errors: <path>:<line>:<column>: <message>") {
  const std::string json = WriteFile("bad.json", "{\n  \"a\": tru}");
  CHECK(ReadDocument(json).error().error == "InvalidDocument");
  CHECK(ReadDocument(json).error().cause == json + ":2:11: not valid JSON: Invalid value.");
  const std::string twice = WriteFile("twice.yaml", "a: 1\na: 2\n");
  CHECK(ReadDocument(twice).error().error == "InvalidDocument");
  CHECK(ReadDocument(twice).error().cause == twice + ":2:1: duplicate key 'a'");
  const std::string open = WriteFile("open.template", "a: [1\n");
  CHECK(ReadDocument(open).error().cause ==
        open + ":2:1: not valid YAML: end of sequence flow not found");
}

TEST_CASE("ReadDocument errors name the file") {
  const Result<Document> missing = ReadDocument("/nonexistent/x.json");
  CHECK(missing.error().error == "InvalidDocument");
  CHECK(missing.error().cause == "/nonexistent/x.json: cannot read: No such file or directory");
  CHECK(ReadTextFile("/nonexistent/x.json").error().cause ==
        "/nonexistent/x.json: cannot read: No such file or directory");
}

}  // namespace
}  // namespace sfn::testing
