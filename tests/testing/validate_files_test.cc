// tests/testing/validate_files_test.cc
#include "testing/validate_files.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/json_helpers.h"

namespace sfn::testing {
namespace {

std::string Scratch(const std::string& name, const std::string& text) {
  static const std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfn-validate-XXXXXX").string();
    return std::string(mkdtemp(pattern.data()));
  }();
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST_CASE("ValidateDefinitionFile") {
  SUBCASE("a good file: no lines, exit 0") {
    const std::string path =
        Scratch("good.asl.json", R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
    const ValidatedFile f = ValidateDefinitionFile(path);
    CHECK(ValidationText(f) == "");
    CHECK(ValidationExitCode({f}) == 0);
  }
  SUBCASE("an error: one line with location, severity and code; exit 1") {
    const std::string path =
        Scratch("bad.asl.json", R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}})");
    const ValidatedFile f = ValidateDefinitionFile(path);
    CHECK(ValidationText(f) ==
          path + ": /States/A/Next: ERROR MISSING_TRANSITION_TARGET: Missing 'Next' target: B\n" +
              path + ": /: ERROR MISSING_END_STATE: Workflow has no terminal state\n");
    CHECK(ValidationExitCode({f}) == 1);
    CHECK(
        Dump(ValidationJson({f})) ==
        R"({"files":[{"file":")" + path +
            R"(","result":"FAIL","diagnostics":[{"severity":"ERROR","code":"MISSING_TRANSITION_TARGET","message":"Missing 'Next' target: B","location":"/States/A/Next"},{"severity":"ERROR","code":"MISSING_END_STATE","message":"Workflow has no terminal state"}],"truncated":false}]})");
  }
  SUBCASE("the root's location is /") {
    const ValidatedFile f = ValidateDefinitionFile(Scratch("empty.asl.json", "{}"));
    CHECK(ValidationText(f).find(".asl.json: /: ERROR SCHEMA_VALIDATION_FAILED: ") !=
          std::string::npos);
  }
  SUBCASE("JSON syntax errors are AWS's diagnostics, on one line") {
    const ValidatedFile f = ValidateDefinitionFile(Scratch("syntax.asl.json", "{\n"));
    const std::string text = ValidationText(f);
    CHECK(text.find("ERROR INVALID_JSON_DESCRIPTION: ") != std::string::npos);
    CHECK(text.find('\n') == text.size() - 1);
    CHECK(ValidationExitCode({f}) == 1);
  }
  SUBCASE("an unreadable file: exit 2") {
    const ValidatedFile f = ValidateDefinitionFile("/no/such/file.asl.json");
    CHECK(ValidationText(f) == "/no/such/file.asl.json: cannot read: No such file or directory\n");
    CHECK(ValidationExitCode({f}) == 2);
    CHECK(
        Dump(ValidationJson({f})) ==
        R"({"files":[{"file":"/no/such/file.asl.json","error":"/no/such/file.asl.json: cannot read: No such file or directory"}]})");
  }
}

TEST_CASE("ValidationText and ValidationExitCode with warnings") {
  ValidatedFile f;
  f.file = "w.asl.json";
  f.answer = ParseOrDie(
      R"({"result":"OK","diagnostics":[{"severity":"WARNING","code":"SOME_ADVICE","message":"m","location":"/States/B"}],"truncated":false})");
  CHECK(ValidationText(f) == "w.asl.json: /States/B: WARNING SOME_ADVICE: m\n");
  CHECK(ValidationExitCode({f}) == 0);
}

}  // namespace
}  // namespace sfn::testing
