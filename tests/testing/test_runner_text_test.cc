// tests/testing/test_runner_text_test.cc
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "testing/test_runner.h"

namespace sfn::testing {
namespace {

TEST_CASE("FindTestFiles") {
  std::string pattern = (std::filesystem::temp_directory_path() / "sfn-find-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  std::filesystem::create_directories(dir + "/b/c");
  for (const char* name : {"/b/c/z.sfn-test.json", "/b/a.sfn-test.yml", "/a.sfn-test.yaml",
                           "/other.yaml", "/b/x.asl.json"}) {
    std::ofstream(dir + name) << "x";
  }
  SUBCASE("a folder: test files only, sorted, recursively") {
    auto found = FindTestFiles({dir});
    REQUIRE(found.ok());
    CHECK(found.value() == std::vector<std::string>{dir + "/a.sfn-test.yaml",
                                                    dir + "/b/a.sfn-test.yml",
                                                    dir + "/b/c/z.sfn-test.json"});
  }
  SUBCASE("a file as given, whatever its name") {
    auto found = FindTestFiles({dir + "/other.yaml"});
    REQUIRE(found.ok());
    CHECK(found.value() == std::vector<std::string>{dir + "/other.yaml"});
  }
  SUBCASE("a missing path") {
    auto found = FindTestFiles({dir + "/nope"});
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().cause == dir + "/nope: no such file or folder");
  }
}

TEST_CASE("CaseText and SummaryLine") {
  CaseResult pass;
  pass.name = "pays after one retry";
  pass.seconds = 0.0031;
  CHECK(CaseText("orders.sfn-test.yaml", pass) ==
        "PASS orders.sfn-test.yaml: pays after one retry (3 ms)\n");
  CaseResult fail = pass;
  fail.outcome = CaseResult::Outcome::kFailed;
  fail.details = "$.status: expected FAILED, got SUCCEEDED\npath taken: A -> B\n";
  CHECK(CaseText("o.sfn-test.yaml", fail) ==
        "FAIL o.sfn-test.yaml: pays after one retry (3 ms)\n"
        "  $.status: expected FAILED, got SUCCEEDED\n"
        "  path taken: A -> B\n");
  CaseResult error = pass;
  error.outcome = CaseResult::Outcome::kError;
  error.message = "could not run: boom";
  CHECK(CaseText("o.sfn-test.yaml", error) ==
        "FAIL o.sfn-test.yaml: pays after one retry (3 ms)\n  could not run: boom\n");
  TestRunSummary summary;
  summary.passed = 3;
  summary.failed = 2;
  CHECK(SummaryLine(summary) == "3 passed, 2 failed");
  CHECK(summary.ExitCode() == 1);
  summary.invalid_test_file = true;
  CHECK(summary.ExitCode() == 2);
}

}  // namespace
}  // namespace sfn::testing
