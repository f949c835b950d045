// tests/testing/execution_runner_test.cc
#include "testing/execution_runner.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "asl/core/json.h"

namespace sfn::testing {
namespace {

constexpr int64_t kStart = 1735689600000;  // RunOptions' default start
constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;

Json ParseOrDie(const std::string& text) {
  JsonParseResult r = ParseJson(text);
  REQUIRE_MESSAGE(r.ok, text);
  return r.value;
}

MockAnswer Return(const std::string& json) {
  MockAnswer a;
  a.value = ParseOrDie(json);
  return a;
}

MockAnswer Throw(const std::string& error, const std::string& cause) {
  MockAnswer a;
  a.kind = MockAnswer::Kind::kThrow;
  a.error = error;
  a.cause = cause;
  return a;
}

Mock MockOf(const std::string& target, std::vector<MockAnswer> answers, int line = 1) {
  Mock m;
  m.target = target;
  m.line = line;
  m.answers = std::move(answers);
  return m;
}

RunResult RunOrDie(const RunOptions& options) {
  Result<RunResult> r = RunExecution(options);
  REQUIRE_MESSAGE(r.ok(), std::string(r.ok() ? "" : r.error().error + ": " + r.error().cause));
  return r.value();
}

const std::vector<Json>& Events(const RunResult& r) { return r.events.Find("events")->AsArray(); }

// The epoch milliseconds of the first event of `type` (-1 if none).
int64_t TimestampOf(const RunResult& r, const std::string& type) {
  for (const Json& e : Events(r)) {
    if (e.Find("type")->AsString() == type) {
      return static_cast<int64_t>(e.Find("timestamp")->AsDouble() * 1000 + 0.5);
    }
  }
  return -1;
}

int CountOf(const RunResult& r, const std::string& type) {
  int n = 0;
  for (const Json& e : Events(r)) n += e.Find("type")->AsString() == type;
  return n;
}

const char* kWaitThenRetry = R"({
  "StartAt": "Sleep",
  "States": {
    "Sleep": {"Type": "Wait", "Seconds": 86400, "Next": "Charge"},
    "Charge": {
      "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
      "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 60, "MaxAttempts": 5,
                 "BackoffRate": 2.0}],
      "End": true
    }
  }
})";

TEST_CASE("RunExecution: a one-day Wait and five retries pass in virtual time") {
  RunOptions o;
  o.definition = kWaitThenRetry;
  o.mocks.push_back(
      MockOf("Charge", {Throw("Busy", "1"), Throw("Busy", "2"), Throw("Busy", "3"),
                        Throw("Busy", "4"), Throw("Busy", "5"), Return(R"({"charged":true})")}));
  RunResult r = RunOrDie(o);
  CHECK(r.status == "SUCCEEDED");
  CHECK(Dump(r.output) == R"({"charged":true})");
  CHECK(TimestampOf(r, "ExecutionStarted") == kStart);
  CHECK(TimestampOf(r, "WaitStateExited") == kStart + kDayMs);
  // Back-off 60, 120, 240, 480, 960 seconds after the Wait.
  CHECK(TimestampOf(r, "ExecutionSucceeded") == kStart + kDayMs + 1860 * 1000);
  CHECK(CountOf(r, "LambdaFunctionScheduled") == 6);
  CHECK(r.mock_problems.empty());
  CHECK(r.state_transitions == 2);
}

TEST_CASE("RunExecution: the same seed gives the same history") {
  RunOptions o;
  o.definition = R"({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {
    "Type": "Pass", "Output": {"id": "{% $uuid() %}", "r": "{% $random() %}"}, "End": true}}})";
  o.seed = 42;
  RunResult a = RunOrDie(o);
  RunResult b = RunOrDie(o);
  CHECK(a.status == "SUCCEEDED");
  CHECK(Dump(a.events) == Dump(b.events));
  o.seed = 43;
  CHECK(Dump(RunOrDie(o).output) != Dump(a.output));
}

TEST_CASE("RunExecution: mocks answer per attempt and report what is missing") {
  RunOptions o;
  o.definition = kWaitThenRetry;
  o.mocks.push_back(MockOf("Charge", {Throw("Busy", "first"), Throw("Busy", "second")}));
  o.mocks.push_back(MockOf("arn:aws:lambda:us-east-1:123456789012:function:unused", {}));
  RunResult r = RunOrDie(o);
  CHECK(r.status == "FAILED");
  CHECK(r.error == "States.TaskFailed");
  CHECK(r.cause == "Charge: no answer for attempt 3 (the mock has 2)");
  CHECK(r.mock_problems ==
        std::vector<std::string>{"Charge: no answer for attempt 3 (the mock has 2)",
                                 "arn:aws:lambda:us-east-1:123456789012:function:unused: mock "
                                 "never used"});
}

TEST_CASE("RunExecution: a mock for a state that does not exist") {
  RunOptions o;
  o.definition = kWaitThenRetry;
  o.mocks.push_back(MockOf("Chrage", {Return("{}")}, 7));
  Result<RunResult> r = RunExecution(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().cause ==
        "7: mocks: no state 'Chrage' in the state machine; its states: Sleep, Charge");
}

TEST_CASE("RunExecution: an invalid definition has AWS's diagnostic") {
  RunOptions o;
  o.definition = R"({"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}})";
  Result<RunResult> r = RunExecution(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().error == "InvalidDefinition");
  CHECK(r.error().cause.find("MISSING_TRANSITION_TARGET") != std::string::npos);
}

const char* kApproval = R"({
  "StartAt": "Approve",
  "States": {
    "Approve": {
      "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
      "End": true
    }
  }
})";

TEST_CASE("RunExecution: a mock answers a .waitForTaskToken task without a callback") {
  RunOptions o;
  o.definition = kApproval;
  o.mocks.push_back(MockOf("Approve", {Return(R"({"approved":true})")}));
  RunResult r = RunOrDie(o);
  CHECK(r.status == "SUCCEEDED");
  CHECK(Dump(r.output) == R"({"approved":true})");
}

TEST_CASE("RunExecution: a task token nothing answers is reported, not waited for") {
  RunOptions o;
  o.definition = kApproval;
  o.routes_path = "";
  Result<RunResult> r = RunExecution(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().cause ==
        "the execution waits for a task token that nothing answers: state 'Approve'");
}

TEST_CASE("RunExecution: EXPRESS executions have a history") {
  RunOptions o;
  o.type = "EXPRESS";
  o.definition = R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";
  o.input = ParseOrDie(R"({"a":1})");
  RunResult r = RunOrDie(o);
  CHECK(r.status == "SUCCEEDED");
  CHECK(Dump(r.output) == R"({"a":1})");
  REQUIRE(Events(r).size() == 4);
  CHECK(Events(r)[0].Find("type")->AsString() == "ExecutionStarted");
  CHECK(Events(r)[3].Find("type")->AsString() == "ExecutionSucceeded");
}

TEST_CASE("RunExecution: the machine's TimeoutSeconds passes in virtual time") {
  RunOptions o;
  o.definition = R"({"TimeoutSeconds": 3600, "StartAt": "W", "States": {
    "W": {"Type": "Wait", "Seconds": 86400, "End": true}}})";
  RunResult r = RunOrDie(o);
  CHECK(r.status == "TIMED_OUT");
  CHECK(TimestampOf(r, "ExecutionTimedOut") == kStart + 3600 * 1000);
}

TEST_CASE("RunExecution: the execution starts at start_epoch_ms") {
  RunOptions o;
  o.start_epoch_ms = 1700000000000;
  o.definition = R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";
  RunResult r = RunOrDie(o);
  CHECK(TimestampOf(r, "ExecutionStarted") == 1700000000000);
  CHECK(r.execution_arn == "arn:aws:states:us-east-1:123456789012:execution:machine:run");
}

}  // namespace
}  // namespace sfn::testing

namespace sfn::testing {
namespace {

const char* kActivity = R"({
  "StartAt": "Review",
  "States": {
    "Review": {
      "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
      "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 3600}],
      "End": true
    }
  }
})";

TEST_CASE("RunExecution: a mock answers an activity as a worker would") {
  RunOptions o;
  o.definition = kActivity;
  o.mocks.push_back(MockOf("Review", {Throw("Busy", "later"), Return(R"({"ok":true})")}));
  RunResult r = RunOrDie(o);
  CHECK(r.status == "SUCCEEDED");
  CHECK(Dump(r.output) == R"({"ok":true})");
  CHECK(CountOf(r, "ActivityStarted") == 2);
  CHECK(TimestampOf(r, "ActivitySucceeded") == kStart + 3600 * 1000);
}

TEST_CASE("RunExecution: an activity nothing answers is reported") {
  RunOptions o;
  o.definition = kActivity;
  Result<RunResult> r = RunExecution(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().cause ==
        "the execution waits for something nothing answers (an activity worker or a task "
        "token)");
}

}  // namespace
}  // namespace sfn::testing

namespace sfn::testing {
namespace {

TEST_CASE("RunExecution: the same seed gives an EXPRESS execution the same ARN") {
  RunOptions o;
  o.type = "EXPRESS";
  o.definition = R"({"StartAt": "P", "States": {"P": {"Type": "Pass",
    "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}}})";
  o.seed = 5;
  RunResult a = RunOrDie(o);
  CHECK(Dump(a.output) == Dump(RunOrDie(o).output));
  CHECK(a.execution_arn.rfind("arn:aws:states:us-east-1:123456789012:express:machine:run:", 0) ==
        0);
  o.seed = 6;
  CHECK(RunOrDie(o).execution_arn != a.execution_arn);
}

}  // namespace
}  // namespace sfn::testing

namespace sfn::testing {
namespace {

TEST_CASE("RunExecution: calls on several threads at once do not meet") {
  RunOptions o;
  o.definition = kWaitThenRetry;
  o.mocks.push_back(MockOf("Charge", {Throw("Busy", "1"), Return(R"({"charged":true})")}));
  std::vector<std::string> histories(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < histories.size(); ++i) {
    threads.emplace_back([&o, &histories, i] {
      Result<RunResult> r = RunExecution(o);
      histories[i] = r.ok() ? Dump(r.value().events) : r.error().cause;
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(histories[0].find("ExecutionSucceeded") != std::string::npos);
  for (const std::string& h : histories) CHECK(h == histories[0]);
}

}  // namespace
}  // namespace sfn::testing
