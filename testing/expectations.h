// testing/expectations.h
//
// Compares what an execution did (a RunResult and the facts read from its
// history) with a test case's Expectation, and words the differences as
// `sfn-local test` prints them:
//
//   $.output.paymentId: expected "p-1", got "p-2"
//   $.states.ChargeCard.attempts: expected 2, got 3
//   path taken: Validate -> ChargeCard -> Refund
//   failed in ChargeCard: Gateway.Timeout: slow
//
// `where` is a JSONPath into the expectation ("$.output", "$.path",
// "$.states.X.input"); output is compared for equality, outputContains as a
// subset (every member of an expected object present and equal, recursively;
// arrays and other values compared whole). Plain functions on values: safe
// to call from any thread.
#ifndef SFN_TESTING_EXPECTATIONS_H_
#define SFN_TESTING_EXPECTATIONS_H_

#include <string>
#include <vector>

#include "asl/core/json.h"
#include "testing/execution_runner.h"
#include "testing/history_facts.h"
#include "testing/junit_report.h"
#include "testing/test_file.h"

namespace sfn::testing {

struct Mismatch {
  std::string where;     // "$.output.paymentId"
  std::string expected;  // as JSON text, or words ("nothing", "an entry")
  std::string got;
};

// Every difference between `expect` and the run, in the order of the
// expectation's keys (status, error, cause, output, path, states).
std::vector<Mismatch> CompareRun(const Expectation& expect, const RunResult& result,
                                 const HistoryFacts& facts);

// Appends the differences between two values under `where`. `subset`: an
// expected object's members must be present and equal (recursively), the
// actual one may have more; arrays are compared whole either way.
void CompareJson(const Json& expected, const Json* got, bool subset, const std::string& where,
                 std::vector<Mismatch>* out);

// "$.output.paymentId: expected \"p-1\", got \"p-2\"".
std::string FormatMismatch(const Mismatch& mismatch);

// The lines that explain a failed case, each without indentation or line
// break: the mismatches, the mock problems ("mock: ..."), the path taken and,
// when the execution did not succeed, where and how it failed.
std::vector<std::string> FailureLines(const std::vector<Mismatch>& mismatches,
                                      const RunResult& result, const HistoryFacts& facts);

// The answers of state-name mocks given as a list that no attempt asked
// for: "PublishDigest: the answer for attempt 2 was never used (the state
// made at most 1 attempt)". Attempts count per entry of the state (a Map
// iteration or a second visit starts again at 1). Mocks of states never
// entered, and resource mocks, are the runner's to report.
std::vector<std::string> UnusedMockAnswers(const std::vector<Mock>& mocks,
                                           const HistoryFacts& facts);

// The result of comparing `result` with `test_case`'s expectation and
// `mocks` (the case's effective mocks) with the attempts made: passed, or
// failed with FailureLines as `details` and the first of them as `message`
// (the name is the case's; the time is left to the caller).
CaseResult JudgeRun(const TestCase& test_case, const std::vector<Mock>& mocks,
                    const RunResult& result);

}  // namespace sfn::testing

#endif  // SFN_TESTING_EXPECTATIONS_H_
