// tests/asl/interpreter/interpreter_test.cc
#include "asl/interpreter/interpreter.h"

#include <doctest/doctest.h>

#include "tests/support/interpreter_harness.h"
#include "tests/support/json_helpers.h"

namespace sfn::asl {
namespace {

using testing::InterpreterHarness;
using testing::ParseOrDie;

std::string Text(const Json& details, const char* key) {
  const Json* v = details.Find(key);
  return v != nullptr && v->is_string() ? v->AsString() : "<absent>";
}

TEST_CASE("Interpreter: Pass pipeline (InputPath, Parameters, ResultPath, OutputPath)") {
  InterpreterHarness h(R"({"StartAt":"A","States":{
    "A":{"Type":"Pass","InputPath":"$.in","Parameters":{"x.$":"$.v","c":1},
         "ResultPath":"$.out","OutputPath":"$.out","Next":"B"},
    "B":{"Type":"Pass","End":true}}})");
  REQUIRE(h.ok());
  auto r = h.Run(ParseOrDie(R"({"in":{"v":7}})"));
  CHECK(r.kind == Transition::Kind::kSucceed);
  CHECK(Dump(r.output) == R"({"x":7,"c":1})");
  CHECK(h.sink().Summary() ==
        "PassStateEntered 1<-0\nPassStateExited 2<-1\nPassStateEntered 3<-2\n"
        "PassStateExited 4<-3\n");
  const auto& exited = h.sink().events[1];
  CHECK(exited.type == EventType::kPassStateExited);
  CHECK(Text(exited.details, "name") == "A");
  CHECK(Text(exited.details, "output") == R"({"x":7,"c":1})");
  CHECK(Text(h.sink().events[2].details, "input") == R"({"x":7,"c":1})");
}

// An activity registry that knows one activity.
class OneActivity : public ActivityDirectory {
 public:
  bool ActivityExists(std::string_view arn) const override { return arn == kArn; }
  static constexpr const char* kArn = "arn:aws:states:us-east-1:123456789012:activity:known";
};

TEST_CASE("Interpreter: CallToInvoke adds the frame's caller and the state's name") {
  InterpreterHarness h(R"({"StartAt":"Charge","States":{
    "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"x.$":"$.x"},"End":true}}})");
  h.QueueResult(Json(1));
  auto r = h.Run(ParseOrDie(R"({"x":2})"));
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].resource == "arn:aws:states:::lambda:invoke");
  CHECK(Dump(r.calls[0].payload) == R"({"x":2})");
  CHECK(r.calls[0].caller.state_name == "Charge");
  CHECK(r.calls[0].caller.region == "us-east-1");  // the harness frame's
}

TEST_CASE("Interpreter: the frame's ActivityDirectory decides whether an activity exists") {
  InterpreterHarness h(R"({"StartAt":"A","States":{
    "A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:gone",
         "End":true}}})");
  OneActivity activities;
  h.SetActivities(&activities);
  auto r = h.Run(ParseOrDie("{}"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.Runtime");
  CHECK(r.error.cause ==
        "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:gone'");
  CHECK(r.calls.empty());
  CHECK(h.sink().events.at(1).type == EventType::kActivityScheduleFailed);

  InterpreterHarness known(std::string(R"({"StartAt":"A","States":{"A":{"Type":"Task","Resource":")") +
                           OneActivity::kArn + R"(","End":true}}})");
  known.SetActivities(&activities);
  known.QueueResult(Json(1));
  CHECK(known.Run(ParseOrDie("{}")).kind == Transition::Kind::kSucceed);
  CHECK(known.sink().events.at(1).type == EventType::kActivityScheduled);
}

TEST_CASE("Interpreter: ResultPath null keeps the raw input") {
  InterpreterHarness h(R"({"StartAt":"A","States":{
    "A":{"Type":"Pass","InputPath":"$.a","Result":{"r":1},"ResultPath":null,"End":true}}})");
  auto r = h.Run(ParseOrDie(R"({"a":{"b":2}})"));
  CHECK(Dump(r.output) == R"({"a":{"b":2}})");
}

TEST_CASE("Interpreter: a failing InputPath fails with the state prefix") {
  InterpreterHarness h(R"({"StartAt":"pass","States":{
    "pass":{"Type":"Pass","InputPath":"$.NoSuchInputPath","End":true}}})");
  auto r = h.Run(ParseOrDie(R"({"int-literal":0})"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.Runtime");
  CHECK(r.error.cause ==
        "An error occurred while executing the state 'pass' (entered at the event id #1). "
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  CHECK(h.sink().Summary() == "PassStateEntered 1<-0\n");
}

TEST_CASE("Interpreter: Choice rules, Default and no match") {
  // AWS fails with States.Runtime, not States.NoChoiceMatched.
  const std::string kNoNextState =
      "An error occurred while executing the state 'C' (entered at the event id #1). "
      "Failed to transition out of the state. The state does not point to a next state.";
  const char* def = R"({"StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[
      {"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"},
      {"And":[{"Variable":"$.s","IsPresent":true},{"Variable":"$.s","StringMatches":"a*z"}],
       "Next":"Az"}]},
    "Big":{"Type":"Pass","Result":"big","End":true},
    "Az":{"Type":"Pass","Result":"az","End":true}}})";
  SUBCASE("first rule") {
    InterpreterHarness h(def);
    CHECK(Dump(h.Run(ParseOrDie(R"({"n":11})")).output) == "\"big\"");
  }
  SUBCASE("composite rule") {
    InterpreterHarness h(def);
    CHECK(Dump(h.Run(ParseOrDie(R"({"n":1,"s":"abcz"})")).output) == "\"az\"");
  }
  SUBCASE("no match and no Default") {
    InterpreterHarness h(def);
    auto r = h.Run(ParseOrDie(R"({"n":1,"s":"b"})"));
    CHECK(r.kind == Transition::Kind::kFail);
    CHECK(r.error.error == "States.Runtime");
    CHECK(r.error.cause == kNoNextState);
    CHECK(h.sink().Summary() == "ChoiceStateEntered 1<-0\n");
  }
  SUBCASE("no match and no Default in JSONata") {
    InterpreterHarness h(R"({"QueryLanguage":"JSONata","StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 10 %}","Next":"Big"}]},
      "Big":{"Type":"Pass","End":true}}})");
    auto r = h.Run(ParseOrDie(R"({"n":1})"));
    CHECK(r.kind == Transition::Kind::kFail);
    CHECK(r.error.error == "States.Runtime");
    CHECK(r.error.cause == kNoNextState);
    CHECK(h.sink().Summary() == "ChoiceStateEntered 1<-0\n");
  }
}

TEST_CASE("Interpreter: Wait SecondsPath errors and durations") {
  const char* def = R"({"StartAt":"W","States":{
    "W":{"Type":"Wait","SecondsPath":"$.s","End":true}}})";
  SUBCASE("negative") {
    InterpreterHarness h(def);
    auto r = h.Run(ParseOrDie(R"({"s":-1})"));
    CHECK(r.error.cause ==
          "An error occurred while executing the state 'W' (entered at the event id #1). "
          "The SecondsPath parameter references a negative value: $.s == -1");
  }
  SUBCASE("not a long") {
    InterpreterHarness h(def);
    auto r = h.Run(ParseOrDie(R"({"s":1.5})"));
    CHECK(r.error.cause ==
          "An error occurred while executing the state 'W' (entered at the event id #1). "
          "The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
  }
  SUBCASE("waits, then exits") {
    InterpreterHarness h(def);
    auto r = h.Run(ParseOrDie(R"({"s":3})"));
    CHECK(r.kind == Transition::Kind::kSucceed);
    CHECK(r.waits == std::vector<int64_t>{3000});
    CHECK(h.sink().Summary() == "WaitStateEntered 1<-0\nWaitStateExited 2<-1\n");
  }
}

TEST_CASE("Interpreter: Fail state error and cause") {
  SUBCASE("paths") {
    InterpreterHarness h(R"({"StartAt":"F","States":{
      "F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"}}})");
    auto r = h.Run(ParseOrDie(R"({"e":"E1","c":"C1"})"));
    CHECK(r.error == AslError{"E1", "C1"});
    CHECK(r.has_error);
    CHECK(r.has_cause);
  }
  SUBCASE("empty") {
    InterpreterHarness h(R"({"StartAt":"F","States":{"F":{"Type":"Fail"}}})");
    auto r = h.Run(Json::MakeObject({}));
    CHECK_FALSE(r.has_error);
    CHECK_FALSE(r.has_cause);
  }
}

TEST_CASE("Interpreter: Task request, retry back-off and catch") {
  const char* def = R"({"StartAt":"T","States":{
    "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
         "Parameters":{"FunctionName":"f","Payload.$":"$"},
         "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"MaxAttempts":2,"BackoffRate":3}],
         "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"H"}],
         "End":true},
    "H":{"Type":"Pass","End":true}}})";
  SUBCASE("retries then succeeds") {
    InterpreterHarness h(def);
    h.QueueFailure("Boom", "first");
    h.QueueResult(ParseOrDie(R"({"ok":true})"));
    auto r = h.Run(ParseOrDie(R"({"a":1})"));
    CHECK(Dump(r.output) == R"({"ok":true})");
    CHECK(r.waits == std::vector<int64_t>{2000});
    REQUIRE(r.calls.size() == 2);
    CHECK(Dump(r.calls[0].payload) == R"({"FunctionName":"f","Payload":{"a":1}})");
    CHECK(r.calls[1].attempt == 1);
    CHECK(h.sink().Summary() ==
          "TaskStateEntered 1<-0\nTaskScheduled 2<-1\nTaskStarted 3<-2\nTaskFailed 4<-3\n"
          "TaskScheduled 5<-4\nTaskStarted 6<-5\nTaskSucceeded 7<-6\nTaskStateExited 8<-7\n");
    const auto& scheduled = h.sink().events[1].details;
    CHECK(Text(scheduled, "resourceType") == "lambda");
    CHECK(Text(scheduled, "resource") == "invoke");
    CHECK(Text(scheduled, "region") == "us-east-1");
    CHECK(scheduled.Find("timeoutInSeconds") == nullptr);
  }
  SUBCASE("back-off grows until MaxAttempts, then the catcher takes over") {
    InterpreterHarness h(def);
    h.QueueFailure("Boom", "1");
    h.QueueFailure("Boom", "2");
    h.QueueFailure("Boom", "3");
    auto r = h.Run(ParseOrDie(R"({"a":1})"));
    CHECK(r.waits == std::vector<int64_t>{2000, 6000});
    CHECK(Dump(r.output) == R"({"a":1,"err":{"Error":"Boom","Cause":"3"}})");
  }
  SUBCASE("States.Runtime is not caught by States.ALL") {
    InterpreterHarness h(def);
    h.QueueFailure("States.Runtime", "bad");
    auto r = h.Run(ParseOrDie(R"({})"));
    CHECK(r.kind == Transition::Kind::kFail);
    CHECK(r.error == AslError{"States.Runtime", "bad"});
  }
}

TEST_CASE("Interpreter: a submitted .sync job records TaskSubmitted before its end") {
  const char* def = R"({"StartAt":"T","States":{
    "T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
         "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:c"},
         "End":true}}})";
  InterpreterHarness h(def);
  Outcome o;
  o.kind = Outcome::Kind::kTask;
  o.ok = true;
  o.result = ParseOrDie(R"({"Status":"SUCCEEDED"})");
  o.submitted = ParseOrDie(R"({"ExecutionArn":"e","StartDate":1})");
  h.QueueOutcome(o);
  auto r = h.Run(Json::MakeObject({}));
  CHECK(r.kind == Transition::Kind::kSucceed);
  CHECK(h.sink().Summary() ==
        "TaskStateEntered 1<-0\nTaskScheduled 2<-1\nTaskStarted 3<-2\nTaskSubmitted 4<-3\n"
        "TaskSucceeded 5<-4\nTaskStateExited 6<-5\n");
  const auto& submitted = h.sink().events[3];
  CHECK(submitted.type == EventType::kTaskSubmitted);
  CHECK(Text(submitted.details, "resourceType") == "states");
  CHECK(Text(submitted.details, "resource") == "startExecution.sync:2");
  CHECK(Text(submitted.details, "output") == R"({"ExecutionArn":"e","StartDate":1})");
}

TEST_CASE("Interpreter: direct Lambda ARNs record LambdaFunction events") {
  InterpreterHarness h(R"({"StartAt":"T","States":{
    "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f",
         "TimeoutSeconds":5,"End":true}}})");
  asl::Outcome timeout;
  timeout.kind = asl::Outcome::Kind::kTask;
  timeout.timed_out = true;
  timeout.has_cause = false;
  timeout.error = AslError{"States.Timeout", ""};
  h.QueueOutcome(timeout);
  auto r = h.Run(ParseOrDie(R"({"p":1})"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.Timeout");
  CHECK_FALSE(r.has_cause);
  CHECK(h.sink().Summary() ==
        "TaskStateEntered 1<-0\nLambdaFunctionScheduled 2<-1\nLambdaFunctionStarted 3<-2\n"
        "LambdaFunctionTimedOut 4<-3\n");
  CHECK(Dump(h.sink().events[1].details.Find("timeoutInSeconds") != nullptr
                 ? *h.sink().events[1].details.Find("timeoutInSeconds")
                 : Json()) == "5");
  CHECK(Dump(h.sink().events[3].details) == R"({"error":"States.Timeout"})");
}

TEST_CASE("Interpreter: direct Lambda ARNs of every partition record LambdaFunction events") {
  for (const char* partition : {"aws-cn", "aws-us-gov", "aws-iso-b"}) {
    InterpreterHarness h(
        std::string(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:)") + partition +
        R"(:lambda:r:000000000000:function:f","End":true}}})");
    REQUIRE(h.ok());
    asl::Outcome failed;
    failed.kind = asl::Outcome::Kind::kTask;
    failed.error = AslError{"E", "c"};
    h.QueueOutcome(failed);
    h.Run(ParseOrDie("{}"));
    CHECK(h.sink().Summary() ==
          "TaskStateEntered 1<-0\nLambdaFunctionScheduled 2<-1\nLambdaFunctionStarted 3<-2\n"
          "LambdaFunctionFailed 4<-3\n");
  }
}

TEST_CASE("Interpreter: JSONata Assign sees values from state entry") {
  InterpreterHarness h(R"({"QueryLanguage":"JSONata","StartAt":"A","States":{
    "A":{"Type":"Pass","Assign":{"x":1,"y":2},"Next":"B"},
    "B":{"Type":"Pass","Assign":{"x":"{% $y %}","y":"{% $x %}"},
         "Output":{"sum":"{% $x + $y %}"},"End":true}}})");
  REQUIRE(h.ok());
  auto r = h.Run(Json::MakeObject({}));
  CHECK(Dump(r.output) == R"({"sum":3})");
  CHECK(Dump(*h.scope().Find("x")) == "2");
  CHECK(Dump(*h.scope().Find("y")) == "1");
  const Json& exited = h.sink().events[3].details;
  CHECK(Dump(*exited.Find("assignedVariables")) == R"({"x":"2","y":"1"})");
  CHECK(Dump(*exited.Find("assignedVariablesDetails")) == R"({"truncated":false})");
}

TEST_CASE("Interpreter: JSONata evaluation failures record EvaluationFailed") {
  InterpreterHarness h(R"({"QueryLanguage":"JSONata","StartAt":"S","States":{
    "S":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}})");
  REQUIRE(h.ok());
  auto r = h.Run(Json::MakeObject({}));
  CHECK(r.error.error == "States.QueryEvaluationError");
  CHECK(r.error.cause ==
        "An error occurred while executing the state 'S' (entered at the event id #1). The "
        "JSONata expression '$doesNotExist' specified for the field 'Output/result' returned "
        "nothing (undefined).");
  CHECK(h.sink().Summary() == "PassStateEntered 1<-0\nEvaluationFailed 2<-0\n");
  CHECK(Text(h.sink().events[1].details, "location") == "Output/result");
  CHECK(Text(h.sink().events[1].details, "state") == "S");
}

TEST_CASE("Interpreter: outputs over 256 KiB fail with States.DataLimitExceeded") {
  InterpreterHarness h(R"({"StartAt":"S","States":{"S":{"Type":"Pass","End":true}}})");
  auto r = h.Run(Json(std::string(300 * 1024, 'a')));
  CHECK(r.error == AslError{"States.DataLimitExceeded",
                            "The state/task 'S' returned a result with a size exceeding the "
                            "maximum number of bytes service limit."});
}

TEST_CASE("Interpreter: a sink that wants no texts gets none, and the size limit still holds") {
  const char* kPass = R"({"StartAt":"S","States":{"S":{"Type":"Pass","End":true}}})";
  InterpreterHarness h(kPass);
  h.sink().wants_texts = false;
  auto r = h.Run(ParseOrDie(R"({"a":[1,2.5,"x"]})"));
  CHECK(Dump(r.output) == R"({"a":[1,2.5,"x"]})");
  REQUIRE(h.sink().events.size() == 2);
  CHECK(h.sink().events[0].details.Find("input")->is_null());
  CHECK(h.sink().events[1].details.Find("output")->is_null());
  // Escapes count: 60 Ki control characters are 360 KiB of text.
  InterpreterHarness escaped(kPass);
  escaped.sink().wants_texts = false;
  CHECK(escaped.Run(Json(std::string(60 * 1024, '\x01'))).error.error ==
        "States.DataLimitExceeded");
  InterpreterHarness quotes(kPass);
  quotes.sink().wants_texts = false;
  CHECK(quotes.Run(Json(std::string(100 * 1024, '"'))).kind == Transition::Kind::kSucceed);
  InterpreterHarness big(kPass);
  big.sink().wants_texts = false;
  CHECK(big.Run(Json(std::string(300 * 1024, 'a'))).error.error == "States.DataLimitExceeded");
}

TEST_CASE("Interpreter: the Context object") {
  InterpreterHarness h(R"({"StartAt":"S","States":{
    "S":{"Type":"Pass","Parameters":{"name.$":"$$.State.Name","t.$":"$$.State.EnteredTime",
         "id.$":"$$.Execution.Id","sm.$":"$$.StateMachine.Name"},"End":true}}})");
  auto r = h.Run(Json::MakeObject({}));
  CHECK(Dump(r.output) ==
        R"({"name":"S","t":"2024-01-02T03:04:05.678Z",)"
        R"("id":"arn:aws:states:us-east-1:123456789012:execution:M:E","sm":"M"})");
}

TEST_CASE("SplitResource") {
  CHECK(SplitResource("arn:aws:states:::lambda:invoke").type == "lambda");
  CHECK(SplitResource("arn:aws:states:::aws-sdk:s3:listBuckets").type == "aws-sdk:s3");
  CHECK(SplitResource("arn:aws:states:::aws-sdk:s3:listBuckets").name == "listBuckets");
  CHECK(SplitResource("arn:aws:states:::states:startExecution.sync:2").name ==
        "startExecution.sync:2");
}

}  // namespace
}  // namespace sfn::asl
