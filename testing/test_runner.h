// testing/test_runner.h
//
// `sfn-local test` without the command line: finds test files, loads each
// with its state machine, checks that every mock and expected state names a
// state of the machine, runs every case through RunExecution
// (testing/execution_runner.h), compares the results with the expectations
// (testing/expectations.h) and reports one line per case, in file and case
// order, whatever order parallel jobs finish in:
//
//   PASS orders.sfn-test.yaml: pays after one retry (3 ms)
//   FAIL orders.sfn-test.yaml: declined card (2 ms)
//     $.error: expected "PaymentFailed", got "States.TaskFailed"
//     path taken: Validate -> ChargeCard
//     failed in ChargeCard: States.TaskFailed: boom
//   ERROR bad.sfn-test.yaml:7: cases[0].expect: missing required key 'status'
//   3 passed, 2 failed
//
// A file that cannot be used (a malformed test file, a mock or expected
// state that names no state, a definition that does not load or is invalid)
// prints one ERROR line and counts as one failed test. The run is a plain
// function of files and options; RunTests may use `jobs` threads of its own
// and returns when all are done.
#ifndef SFN_TESTING_TEST_RUNNER_H_
#define SFN_TESTING_TEST_RUNNER_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "testing/junit_report.h"

namespace sfn::testing {

// The files `paths` name: a file as given, a folder searched recursively for
// *.sfn-test.yaml, *.sfn-test.yml and *.sfn-test.json (sorted by path).
// Error: AslError{"InvalidTestPath", "<path>: no such file or folder"}.
Result<std::vector<std::string>> FindTestFiles(const std::vector<std::string>& paths);

struct TestRunOptions {
  int jobs = 1;            // cases run at once
  bool real_time = false;  // RunOptions::real_time
  std::string s3_dir;      // RunOptions::s3_dir
};

// One case's run, kept for the coverage report.
struct CaseRun {
  std::string name;
  Json events;  // RunResult::events
  int64_t state_transitions = 0;
};

// One test file's results.
struct FileRun {
  std::string path;
  // Why the file's cases could not run ("" when they ran): the whole message.
  std::string error;
  bool invalid_test_file = false;          // the error is the test file's own fault
  std::string state_machine;               // the resolved reference ("" when unknown)
  std::string definition;                  // its ASL text, when it loaded
  std::vector<std::string> watched_files;  // what the results depend on (for --watch)
  FileResult report;                       // for JUnit and the summary
  std::vector<CaseRun> runs;               // cases that ran
};

struct TestRunSummary {
  int passed = 0;
  int failed = 0;  // failed cases + files that could not be used
  bool invalid_test_file = false;
  std::vector<FileRun> files;  // in the order given
  // 0 all passed, 1 a case or file failed, 2 a test file is malformed.
  int ExitCode() const { return invalid_test_file ? 2 : failed > 0 ? 1 : 0; }
};

// Runs every case of `files`, writing the lines above (summary included) to
// `out` as results come in.
TestRunSummary RunTests(const std::vector<std::string>& files, const TestRunOptions& options,
                        std::ostream& out);

// "3 passed, 2 failed".
std::string SummaryLine(const TestRunSummary& summary);

// The case line: "PASS <file>: <name> (<ms> ms)", then the indented
// details of a failure, each line ending in '\n'.
std::string CaseText(const std::string& file, const CaseResult& result);

}  // namespace sfn::testing

#endif  // SFN_TESTING_TEST_RUNNER_H_
