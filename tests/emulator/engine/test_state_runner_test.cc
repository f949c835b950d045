#include "emulator/engine/test_state_runner.h"

#include <doctest/doctest.h>

#include "asl/definition/parser.h"
#include "tests/support/fake_invoker.h"

namespace sfn::emulator {
namespace {

TestStateRun RunOf(const std::string& definition, const std::string& state, const char* input) {
  asl::ParseResult parsed = asl::ParseDefinition(definition);
  REQUIRE(parsed.machine != nullptr);
  TestStateRun run;
  run.machine = parsed.machine;
  run.state = parsed.machine->program.Find(state);
  REQUIRE(run.state != nullptr);
  run.machine_name = "M";
  run.input = ParseJson(input).value;
  run.region = "us-east-1";
  run.account = "123456789012";
  return run;
}

mocks::TaskOutcome Failure(const char* error) {
  mocks::TaskOutcome o;
  o.error = error;
  o.cause = "why";
  return o;
}

const char* kTask = R"({"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "MaxAttempts": 1}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "H"}]},
  "H": {"Type": "Succeed"}}})";

TEST_CASE("TestState: a mocked result goes through the result stages") {
  TestStateRun run = RunOf(kTask, "T", R"({"a": 1})");
  mocks::TaskOutcome ok;
  ok.ok = true;
  ok.result = ParseJson(R"({"Payload": 2})").value;
  run.mock = ok;
  TestStateOutcome out = RunTestState(run);
  CHECK(out.status == TestStateOutcome::Status::kSucceeded);
  CHECK(Dump(*out.output) == R"({"Payload":2})");
  CHECK(Dump(out.inspection.result) == R"({"Payload":2})");
  CHECK(out.next_state.empty());
}

TEST_CASE("TestState: a retriable failure stops the test, a caught one names the Catcher") {
  TestStateRun run = RunOf(kTask, "T", R"({"a": 1})");
  run.mock = Failure("Busy");
  TestStateOutcome retried = RunTestState(run);
  CHECK(retried.status == TestStateOutcome::Status::kRetriable);
  CHECK(retried.inspection.retry_index == 0);
  CHECK(retried.inspection.retry_backoff_ms == 2000);
  CHECK(!retried.output);

  run.retrier_retry_count = 1;  // the only attempt is used up
  TestStateOutcome caught = RunTestState(run);
  CHECK(caught.status == TestStateOutcome::Status::kCaughtError);
  CHECK(caught.next_state == "H");
  CHECK(*caught.error == "Busy");
  CHECK(Dump(*caught.output) == R"({"a":1,"err":{"Error":"Busy","Cause":"why"}})");
}

TEST_CASE("TestState: an unmocked Task asks the invoker") {
  TestStateRun run = RunOf(kTask, "T", R"({"a": 1})");
  testing::FakeInvoker invoker;
  mocks::TaskOutcome ok;
  ok.ok = true;
  ok.result = Json(5);
  invoker.Answer("arn:aws:states:::lambda:invoke", ok);
  run.invoker = &invoker;
  TestStateOutcome out = RunTestState(run);
  CHECK(out.status == TestStateOutcome::Status::kSucceeded);
  CHECK(Dump(*out.output) == "5");
  REQUIRE(invoker.requests().size() == 1);
  CHECK(invoker.requests()[0].state_name == "T");
}

TEST_CASE("TestState: a Wait state ends at once and reports its next state") {
  TestStateRun run = RunOf(
      R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 99999, "Next": "E"},
          "E": {"Type": "Succeed"}}})",
      "W", "{}");
  TestStateOutcome out = RunTestState(run);
  CHECK(out.status == TestStateOutcome::Status::kSucceeded);
  CHECK(out.next_state == "E");
}

}  // namespace
}  // namespace sfn::emulator
