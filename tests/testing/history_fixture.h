// tests/testing/history_fixture.h
//
// A definition and the history one execution of it leaves, in
// GetExecutionHistory's shape, shared by the tests of the history reader,
// the expectations and the coverage: Charge fails once and is retried,
// Route's rule 0 leads to the Parallel Both, whose branches run B1 and B2,
// then Done.
#ifndef SFN_TESTS_TESTING_HISTORY_FIXTURE_H_
#define SFN_TESTS_TESTING_HISTORY_FIXTURE_H_

#include <string>

#include "asl/core/json.h"
#include "tests/support/json_helpers.h"

namespace sfn::testing {

inline const char kFixtureDefinition[] = R"({
  "StartAt": "Charge",
  "States": {
    "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
               "Retry": [{"ErrorEquals": ["Gateway.Timeout"]}, {"ErrorEquals": ["States.ALL"]}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
               "Next": "Route"},
    "Route": {"Type": "Choice",
              "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "Both"},
                          {"Variable": "$.a", "NumericEquals": 2, "Next": "Refund"}],
              "Default": "Done"},
    "Both": {"Type": "Parallel", "Next": "Done", "Branches": [
      {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}},
      {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}]},
    "Refund": {"Type": "Fail", "Error": "Refunded"},
    "Done": {"Type": "Succeed"}
  }
})";

// One event: {"type", "id", "previousEventId"} plus `details` under `key`.
inline std::string FixtureEvent(int id, int previous, const std::string& type,
                                const std::string& key = "", const std::string& details = "") {
  std::string e = R"({"timestamp":1.7E9,"type":")" + type + R"(","id":)" + std::to_string(id) +
                  R"(,"previousEventId":)" + std::to_string(previous);
  if (!key.empty()) e += R"(,")" + key + R"(":)" + details;
  return e + "}";
}

inline Json FixtureEvents() {
  const std::string entered = "stateEnteredEventDetails", exited = "stateExitedEventDetails";
  std::string events =
      "[" +
      FixtureEvent(1, 0, "ExecutionStarted", "executionStartedEventDetails", R"({"input":"{}"})") +
      "," +
      FixtureEvent(2, 1, "TaskStateEntered", entered, R"({"name":"Charge","input":"{\"a\":1}"})") +
      "," +
      FixtureEvent(3, 2, "TaskScheduled", "taskScheduledEventDetails", R"({"resource":"x"})") +
      "," + FixtureEvent(4, 3, "TaskStarted") + "," +
      FixtureEvent(5, 4, "TaskFailed", "taskFailedEventDetails",
                   R"({"error":"Gateway.Timeout","cause":"slow"})") +
      "," +
      FixtureEvent(6, 5, "TaskScheduled", "taskScheduledEventDetails", R"({"resource":"x"})") +
      "," + FixtureEvent(7, 6, "TaskStarted") + "," +
      FixtureEvent(8, 7, "TaskSucceeded", "taskSucceededEventDetails",
                   R"({"output":"{\"a\":1}"})") +
      "," +
      FixtureEvent(9, 8, "TaskStateExited", exited,
                   R"({"name":"Charge","output":"{\"a\":1,\"paymentId\":\"p-1\"}"})") +
      "," +
      FixtureEvent(10, 9, "ChoiceStateEntered", entered,
                   R"({"name":"Route","input":"{\"a\":1}"})") +
      "," +
      FixtureEvent(11, 10, "ChoiceStateExited", exited,
                   R"({"name":"Route","output":"{\"a\":1}"})") +
      "," +
      FixtureEvent(12, 11, "ParallelStateEntered", entered,
                   R"({"name":"Both","input":"{\"a\":1}"})") +
      "," + FixtureEvent(13, 12, "ParallelStateStarted") + "," +
      FixtureEvent(14, 13, "PassStateEntered", entered, R"({"name":"B1","input":"{\"a\":1}"})") +
      "," +
      FixtureEvent(15, 13, "PassStateEntered", entered, R"({"name":"B2","input":"{\"a\":1}"})") +
      "," + FixtureEvent(16, 14, "PassStateExited", exited, R"({"name":"B1","output":"1"})") + "," +
      FixtureEvent(17, 15, "PassStateExited", exited, R"({"name":"B2","output":"2"})") + "," +
      FixtureEvent(18, 17, "ParallelStateSucceeded") + "," +
      FixtureEvent(19, 18, "ParallelStateExited", exited, R"({"name":"Both","output":"[1,2]"})") +
      "," +
      FixtureEvent(20, 19, "SucceedStateEntered", entered, R"({"name":"Done","input":"[1,2]"})") +
      "," +
      FixtureEvent(21, 20, "SucceedStateExited", exited, R"({"name":"Done","output":"[1,2]"})") +
      "," +
      FixtureEvent(22, 21, "ExecutionSucceeded", "executionSucceededEventDetails",
                   R"({"output":"[1,2]"})") +
      "]";
  return ParseOrDie(events);
}

}  // namespace sfn::testing

#endif  // SFN_TESTS_TESTING_HISTORY_FIXTURE_H_
