// testing/test_case_runner.h
//
// The two steps of testing/test_runner.h for one file: PrepareTestFile
// loads a test file and its state machine and checks the state names the
// file uses; RunTestCase runs one of its cases and judges the result. Used
// only by the test runner and its tests. A PreparedTestFile is immutable
// once prepared: RunTestCase may run cases of one file on several threads.
#ifndef SFN_TESTING_TEST_CASE_RUNNER_H_
#define SFN_TESTING_TEST_CASE_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "asl/definition/definition.h"
#include "testing/definition_source.h"
#include "testing/execution_runner.h"
#include "testing/junit_report.h"
#include "testing/test_file.h"
#include "testing/test_runner.h"

namespace sfn::testing {

struct PreparedTestFile {
  std::string path;
  std::string error;  // why no case can run; "" when they can
  bool invalid_test_file = false;
  TestFile file;
  LoadedDefinition definition;
  std::shared_ptr<const asl::StateMachine> machine;  // null unless loaded and valid
  std::vector<std::string> watched_files;
};

PreparedTestFile PrepareTestFile(const std::string& path);

struct CaseOutcome {
  CaseResult result;
  bool ran = false;
  CaseRun run;
};
CaseOutcome RunTestCase(const PreparedTestFile& prepared, const TestCase& test_case,
                        const TestRunOptions& options);

}  // namespace sfn::testing

#endif  // SFN_TESTING_TEST_CASE_RUNNER_H_
