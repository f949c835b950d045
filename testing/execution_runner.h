// testing/execution_runner.h
//
// Runs one execution of a state machine in-process, without a server or a
// port: the engine and the records as `serve` uses them, Tasks answered by
// mocks (by state name or resource, per attempt), then a routes file, then a
// Step Functions Local mock file's test case. `sfn-local run` and
// `sfn-local test` both stand on it.
//
// Virtual time (the default): Waits, Retry back-off, TimeoutSeconds,
// HeartbeatSeconds and the state machine's TimeoutSeconds happen in order on
// a clock that jumps to the next due timer whenever nothing else can move
// (no runnable state, no task in flight), so a one-day Wait costs nothing
// and the history's timestamps show the virtual times. With real_time the
// engine waits on the wall clock as `serve` does. Randomness ($uuid,
// States.UUID, $random, jitter, task tokens) is drawn from `seed`, and the
// execution starts at `start_epoch_ms`, so the same options give the same
// history every run.
//
// Thread-safety: RunExecution may be called from several threads at once
// (`sfn-local test --jobs N`); each call builds its own engine and store.
#ifndef SFN_TESTING_EXECUTION_RUNNER_H_
#define SFN_TESTING_EXECUTION_RUNNER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "testing/test_file.h"

namespace sfn::testing {

struct RunOptions {
  std::string definition;         // ASL JSON text
  std::string name = "machine";   // the state machine's name (ARNs, $$.StateMachine.Name)
  std::string type = "STANDARD";  // or EXPRESS
  Json input;                     // the execution input (null: {})
  std::string execution_name = "run";
  std::vector<Mock> mocks;       // first: answers by state name / resource ARN
  std::string routes_path;       // then: a routes file (serve --config), "" for none
  std::string mock_config_path;  // then: a Step Functions Local mock file ...
  std::string test_case;         // ... and its test case ("" for none)
  std::string s3_dir;            // the local S3 stand-in's folder ("" for none)
  bool real_time = false;
  int64_t start_epoch_ms = 1735689600000;  // 2025-01-01T00:00:00Z
  uint64_t seed = 0;
  std::string region = "us-east-1";
  std::string account = "123456789012";
};

struct RunResult {
  std::string execution_arn;
  std::string status;  // SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::string error;   // when not SUCCEEDED (may be empty)
  std::string cause;
  Json output;  // when SUCCEEDED
  // The history as GetExecutionHistory lists it ("events": each
  // {"timestamp", "type", "id", "previousEventId", "<details key>": ...},
  // execution data included), for EXPRESS too.
  Json events;
  // Mock answers that were asked for but missing (an attempt past the end
  // of a mock's list: "ChargeCard: no answer for attempt 3 (the mock has
  // 2)") and mocks never used; the runner reports them, the caller decides.
  std::vector<std::string> mock_problems;
  int64_t state_transitions = 0;  // as AWS bills them (StateEntered events)
};

// The error names of RunExecution's failures (AslError::error). API errors
// from CreateStateMachine / StartExecution keep AWS's code
// ("InvalidDefinition", "InvalidName", ...).
inline constexpr char kInvalidRoutes[] = "InvalidRoutes";          // the routes file
inline constexpr char kInvalidMockConfig[] = "InvalidMockConfig";  // the mock file
inline constexpr char kInvalidMock[] = "InvalidMock";  // a mock for a state that is not there
// Nothing is runnable, no task is in flight and no timer is pending: the
// execution waits for a task token or an activity worker nothing provides.
inline constexpr char kExecutionStuck[] = "ExecutionStuck";

// Errors (AslError): an invalid definition ("InvalidDefinition", AWS's
// diagnostic text), an unreadable routes or mock file, a mock keyed by a
// state name the definition does not have ("<line>: mocks: no state
// 'Chrage' in the state machine; its states: A, B, C"), or an execution
// that can make no progress ("the execution waits for a task token that
// nothing answers: state 'Approve'").
Result<RunResult> RunExecution(const RunOptions& options);

}  // namespace sfn::testing

#endif  // SFN_TESTING_EXECUTION_RUNNER_H_
