// tests/testing/document_file_test.cc
#include "testing/document_file.h"

#include <doctest/doctest.h>

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

TEST_CASE("ReadDocument errors name the file") {
  const Result<Document> missing = ReadDocument("/nonexistent/x.json");
  CHECK(missing.error().error == "InvalidDocument");
  CHECK(missing.error().cause == "/nonexistent/x.json: cannot read: No such file or directory");
  CHECK(ReadTextFile("/nonexistent/x.json").error().cause ==
        "/nonexistent/x.json: cannot read: No such file or directory");
}

}  // namespace
}  // namespace sfn::testing
