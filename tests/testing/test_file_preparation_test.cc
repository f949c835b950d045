// tests/testing/test_file_preparation_test.cc
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "testing/test_case_runner.h"

namespace sfn::testing {
namespace {

std::string Scratch(const std::string& name, const std::string& text) {
  static const std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfn-prepare-XXXXXX").string();
    return std::string(mkdtemp(pattern.data()));
  }();
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const char kGood[] = R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})";

TEST_CASE("PrepareTestFile") {
  SUBCASE("a usable file: the machine, and what to watch") {
    const std::string def = Scratch("good.asl.json", kGood);
    const std::string test = Scratch("good.sfn-test.yaml",
                                     "stateMachine: good.asl.json\nroutes: routes.json\n"
                                     "cases:\n  - mockConfig: mocks.json#X\n    expect: {status: "
                                     "SUCCEEDED}\n");
    const PreparedTestFile p = PrepareTestFile(test);
    CHECK(p.error == "");
    REQUIRE(p.machine != nullptr);
    CHECK(p.definition.name == "good");
    const std::string dir = std::filesystem::path(test).parent_path().string();
    CHECK(p.watched_files ==
          std::vector<std::string>{test, def, dir + "/routes.json", dir + "/mocks.json"});
  }
  SUBCASE("a malformed test file") {
    const std::string test = Scratch("bad.sfn-test.yaml", "stateMachine: good.asl.json\n");
    const PreparedTestFile p = PrepareTestFile(test);
    CHECK(p.invalid_test_file);
    CHECK(p.error == test + ":1: missing required key 'cases'");
  }
  SUBCASE("a mock for no state is the test file's fault") {
    Scratch("good.asl.json", kGood);
    const std::string test = Scratch(
        "unknown.sfn-test.yaml",
        "stateMachine: good.asl.json\nmocks:\n  B: {return: 1}\ncases:\n  - expect: {status: "
        "SUCCEEDED}\n");
    const PreparedTestFile p = PrepareTestFile(test);
    CHECK(p.invalid_test_file);
    CHECK(p.machine == nullptr);
    CHECK(p.error == test + ":3: mocks: no state 'B' in the state machine; its states: A");
  }
  SUBCASE("an invalid definition is not") {
    const std::string def =
        Scratch("broken.asl.json", R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}})");
    const std::string test =
        Scratch("broken.sfn-test.yaml",
                "stateMachine: broken.asl.json\ncases:\n  - expect: {status: SUCCEEDED}\n");
    const PreparedTestFile p = PrepareTestFile(test);
    CHECK_FALSE(p.invalid_test_file);
    CHECK(p.error == def +
                         ": Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing "
                         "'Next' target: B at /States/A/Next, MISSING_END_STATE: Workflow has no "
                         "terminal state at null'");
  }
}

}  // namespace
}  // namespace sfn::testing
