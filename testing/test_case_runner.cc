// testing/test_case_runner.cc
#include "testing/test_case_runner.h"

#include <chrono>

#include "testing/document_file.h"
#include "testing/expectations.h"

namespace sfn::testing {
namespace {

// The state machine of the mock file that has `test_case`: a mock file's
// answers are keyed by that name.
Result<std::string> MockFileMachine(const std::string& path, const std::string& test_case) {
  Result<Document> doc = ReadDocument(path);
  if (!doc.ok()) return doc.error();
  const Json* machines =
      doc.value().value.is_object() ? doc.value().value.Find("StateMachines") : nullptr;
  if (machines != nullptr && machines->is_object()) {
    for (const auto& [name, machine] : machines->AsObject()) {
      const Json* cases = machine.is_object() ? machine.Find("TestCases") : nullptr;
      if (cases != nullptr && cases->is_object() && cases->Find(test_case) != nullptr) {
        return name;
      }
    }
  }
  return AslError{"InvalidTestFile",
                  path + ": no state machine has the test case '" + test_case + "'"};
}

Result<RunOptions> OptionsFor(const PreparedTestFile& prepared, const TestCase& test_case,
                              const TestRunOptions& options) {
  RunOptions run;
  run.definition = prepared.definition.definition;
  run.name = prepared.definition.name;
  run.type = prepared.definition.type;
  run.input = test_case.input;
  run.mocks = EffectiveMocks(prepared.file, test_case);
  run.routes_path = prepared.file.routes_path;
  run.real_time = options.real_time;
  run.s3_dir = options.s3_dir;
  if (!test_case.mock_config_path.empty()) {
    Result<std::string> name =
        MockFileMachine(test_case.mock_config_path, test_case.mock_config_case);
    if (!name.ok()) return name.error();
    run.name = name.value();
    run.mock_config_path = test_case.mock_config_path;
    run.test_case = test_case.mock_config_case;
  }
  return run;
}

}  // namespace

CaseOutcome RunTestCase(const PreparedTestFile& prepared, const TestCase& test_case,
                        const TestRunOptions& options) {
  CaseOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  Result<RunOptions> run_options = OptionsFor(prepared, test_case, options);
  Result<RunResult> result =
      run_options.ok() ? RunExecution(run_options.value()) : Result<RunResult>(run_options.error());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (!result.ok()) {
    outcome.result.name = test_case.name;
    outcome.result.outcome = CaseResult::Outcome::kError;
    outcome.result.message = "could not run: " + result.error().cause;
  } else {
    outcome.result = JudgeRun(test_case, EffectiveMocks(prepared.file, test_case), result.value());
    outcome.ran = true;
    outcome.run = {test_case.name, result.value().events, result.value().state_transitions};
  }
  outcome.result.seconds = elapsed.count();
  return outcome;
}

}  // namespace sfn::testing
