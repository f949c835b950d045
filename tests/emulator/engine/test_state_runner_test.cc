#include "emulator/engine/test_state_runner.h"

#include <doctest/doctest.h>

#include "asl/definition/parser.h"
#include "emulator/engine/engine.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_invoker.h"
#include "tests/support/test_execution.h"

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

asl::TaskOutcome Failure(const char* error) { return asl::TaskOutcome::Failed(error, "why"); }

const char* kTask = R"({"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "MaxAttempts": 1}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "H"}]},
  "H": {"Type": "Succeed"}}})";

TEST_CASE("TestState: a mocked result goes through the result stages") {
  TestStateRun run = RunOf(kTask, "T", R"({"a": 1})");
  asl::TaskOutcome ok;
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
  asl::TaskOutcome ok;
  ok.ok = true;
  ok.result = Json(5);
  invoker.Answer("arn:aws:states:::lambda:invoke", ok);
  run.invoker = &invoker;
  TestStateOutcome out = RunTestState(run);
  CHECK(out.status == TestStateOutcome::Status::kSucceeded);
  CHECK(Dump(*out.output) == "5");
  REQUIRE(invoker.requests().size() == 1);
  CHECK(invoker.requests()[0].caller.state_name == "T");
}

// The call the engine makes for the first state of `definition`.
asl::TaskCall EngineCall(const std::string& definition, const std::string& input) {
  testing::FakeClock clock;
  testing::FakeInvoker invoker;
  invoker.Answer("arn:aws:states:::lambda:invoke", testing::FakeInvoker::Ok(Json(5)));
  EngineOptions o;
  o.workers = -1;
  o.timer_thread = false;
  o.clock = &clock;
  o.invoker = &invoker;
  Engine engine(o);
  engine.Start(testing::MakeTestExecution(definition, input));
  engine.RunUntilIdle();
  REQUIRE(invoker.requests().size() == 1);
  return invoker.requests()[0];
}

TEST_CASE("TestState and the engine build the same TaskCall for the same state") {
  const std::string definition = R"({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30,
          "Parameters": {"FunctionName": "f", "Payload.$": "$.a"}, "End": true}}})";
  const asl::TaskCall engine = EngineCall(definition, R"({"a": [1]})");
  TestStateRun run = RunOf(definition, "T", R"({"a": [1]})");
  testing::FakeInvoker invoker;
  invoker.Answer("arn:aws:states:::lambda:invoke", testing::FakeInvoker::Ok(Json(5)));
  run.invoker = &invoker;
  RunTestState(run);
  REQUIRE(invoker.requests().size() == 1);
  const asl::TaskCall test = invoker.requests()[0];
  CHECK(test.resource == engine.resource);
  CHECK(Dump(test.payload) == Dump(engine.payload));
  CHECK(Dump(test.payload) == R"({"FunctionName":"f","Payload":[1]})");
  CHECK(test.pattern == engine.pattern);
  CHECK(test.timeout_seconds == 30);
  CHECK(engine.timeout_seconds == 30);
  CHECK(test.attempt == engine.attempt);
  CHECK(test.caller.state_name == engine.caller.state_name);
  CHECK(test.caller.state_machine_name == engine.caller.state_machine_name);
  CHECK(test.caller.region == engine.caller.region);
  CHECK(test.caller.account == engine.caller.account);
  // Only an execution has an ARN (and a mock test case).
  CHECK(engine.caller.execution_arn == "arn:aws:states:us-east-1:123456789012:execution:M:E");
  CHECK(test.caller.execution_arn.empty());
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
