// emulator/engine/test_state_runner.h
//
// Runs one state once, as the TestState action does: no execution and no
// history; a Wait state does not wait; a failure that a Retrier would retry
// stops the test (RETRIABLE) instead of backing off. Task, Map and Parallel
// answers come from the request's mock, or (Task without a mock) from the
// routes through the given TaskInvoker. Reports the outcome and the state's
// data at each stage.
#ifndef SFN_EMULATOR_ENGINE_TEST_STATE_RUNNER_H_
#define SFN_EMULATOR_ENGINE_TEST_STATE_RUNNER_H_

#include <memory>
#include <optional>
#include <string>

#include "asl/definition/definition.h"
#include "asl/interpreter/interpreter.h"
#include "asl/core/json.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator {

struct TestStateRun {
  std::shared_ptr<const asl::StateMachine> machine;  // holds `state`
  const asl::State* state = nullptr;
  std::string machine_name;  // for $$.StateMachine and the execution ARN
  Json input;
  Json variables;  // an object of variables in scope, or null
  // The mocked answer of the Task/Map/Parallel (nullopt: no mock).
  std::optional<asl::TaskOutcome> mock;
  int retrier_retry_count = 0;  // attempts the Retriers have already made
  std::string region;
  std::string account;
  std::string role_arn;
  mocks::TaskInvoker* invoker = nullptr;  // borrowed; answers unmocked Tasks
};

struct TestStateOutcome {
  enum class Status { kSucceeded, kFailed, kRetriable, kCaughtError };
  Status status = Status::kSucceeded;
  std::optional<Json> output;
  std::string next_state;  // "" : none
  std::optional<std::string> error;
  std::optional<std::string> cause;
  asl::Inspection inspection;
  Json variables;  // the variables after the state (object), or null when none
};

const char* TestStatusName(TestStateOutcome::Status status);

TestStateOutcome RunTestState(const TestStateRun& run);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_TEST_STATE_RUNNER_H_
