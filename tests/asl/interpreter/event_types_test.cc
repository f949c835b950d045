// tests/asl/interpreter/event_types_test.cc
#include "asl/interpreter/event_types.h"

#include <doctest/doctest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "asl/definition/definition.h"

namespace sfn::asl {
namespace {

// AWS's HistoryEventType values (the Step Functions API reference).
const std::set<std::string> kAwsTypes = {"ActivityFailed",
                                         "ActivityScheduled",
                                         "ActivityScheduleFailed",
                                         "ActivityStarted",
                                         "ActivitySucceeded",
                                         "ActivityTimedOut",
                                         "ChoiceStateEntered",
                                         "ChoiceStateExited",
                                         "ExecutionAborted",
                                         "ExecutionFailed",
                                         "ExecutionStarted",
                                         "ExecutionSucceeded",
                                         "ExecutionTimedOut",
                                         "FailStateEntered",
                                         "LambdaFunctionFailed",
                                         "LambdaFunctionScheduled",
                                         "LambdaFunctionScheduleFailed",
                                         "LambdaFunctionStarted",
                                         "LambdaFunctionStartFailed",
                                         "LambdaFunctionSucceeded",
                                         "LambdaFunctionTimedOut",
                                         "MapIterationAborted",
                                         "MapIterationFailed",
                                         "MapIterationStarted",
                                         "MapIterationSucceeded",
                                         "MapStateAborted",
                                         "MapStateEntered",
                                         "MapStateExited",
                                         "MapStateFailed",
                                         "MapStateStarted",
                                         "MapStateSucceeded",
                                         "ParallelStateAborted",
                                         "ParallelStateEntered",
                                         "ParallelStateExited",
                                         "ParallelStateFailed",
                                         "ParallelStateStarted",
                                         "ParallelStateSucceeded",
                                         "PassStateEntered",
                                         "PassStateExited",
                                         "SucceedStateEntered",
                                         "SucceedStateExited",
                                         "TaskFailed",
                                         "TaskScheduled",
                                         "TaskStarted",
                                         "TaskStartFailed",
                                         "TaskStateAborted",
                                         "TaskStateEntered",
                                         "TaskStateExited",
                                         "TaskSubmitFailed",
                                         "TaskSubmitted",
                                         "TaskSucceeded",
                                         "TaskTimedOut",
                                         "WaitStateAborted",
                                         "WaitStateEntered",
                                         "WaitStateExited",
                                         "MapRunAborted",
                                         "MapRunFailed",
                                         "MapRunStarted",
                                         "MapRunSucceeded",
                                         "ExecutionRedriven",
                                         "MapRunRedriven",
                                         "EvaluationFailed"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The details key AWS uses for an event type that has details.
std::string AwsDetailsKey(std::string_view name) {
  if (EndsWith(name, "StateEntered")) return "stateEnteredEventDetails";
  if (EndsWith(name, "StateExited")) return "stateExitedEventDetails";
  std::string key(name);
  key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
  return key + "EventDetails";
}

TEST_CASE("kEventTypes: one row per EventType, AWS's names, unique") {
  std::set<std::string_view> names;
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    const EventTypeInfo& row = kEventTypes[i];
    INFO(row.name);
    CHECK(static_cast<size_t>(row.type) == i);
    CHECK(&EventTypeInfoOf(row.type) == &row);
    CHECK(kAwsTypes.count(std::string(row.name)) == 1);
    CHECK(names.insert(row.name).second);
  }
}

TEST_CASE("kEventTypes: details keys are spelled as AWS spells them") {
  for (const EventTypeInfo& row : kEventTypes) {
    INFO(row.name);
    if (!row.details_key.empty()) CHECK(row.details_key == AwsDetailsKey(row.name));
  }
  // Every state's Entered and Exited event carries details; these carry none.
  std::set<std::string_view> without;
  for (const EventTypeInfo& row : kEventTypes) {
    if (row.details_key.empty()) without.insert(row.name);
  }
  CHECK(without == std::set<std::string_view>{
                       "TaskStateAborted", "WaitStateAborted", "ParallelStateStarted",
                       "ParallelStateSucceeded", "ParallelStateFailed", "ParallelStateAborted",
                       "MapStateSucceeded", "MapStateFailed", "MapStateAborted",
                       "LambdaFunctionStarted", "MapRunSucceeded"});
  CHECK(EventDetailsKey(EventType::kMapRunFailed) == "mapRunFailedEventDetails");
  CHECK(EventDetailsKey(EventType::kPassStateEntered) == "stateEnteredEventDetails");
  CHECK(EventDetailsKey(EventType::kMapStateStarted) == "mapStateStartedEventDetails");
  CHECK(EventTypeName(EventType::kActivityScheduleFailed) == "ActivityScheduleFailed");
}

TEST_CASE("kEventTypes: the engine records the execution's events, iterations and aborts") {
  std::set<std::string_view> engine;
  for (const EventTypeInfo& row : kEventTypes) {
    if (row.layer == EventLayer::kEngine) engine.insert(row.name);
  }
  CHECK(engine ==
        std::set<std::string_view>{"ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed",
                                   "ExecutionAborted", "ExecutionTimedOut", "ExecutionRedriven",
                                   "TaskStateAborted", "WaitStateAborted", "ParallelStateAborted",
                                   "MapStateAborted", "ActivityStarted", "MapIterationStarted",
                                   "MapIterationSucceeded", "MapIterationFailed",
                                   "MapIterationAborted", "MapRunRedriven"});
}

TEST_CASE("StateEventType names <State type><event>") {
  struct Pair {
    StateEvent event;
    const char* suffix;
    std::vector<StateType> types;
  };
  const std::vector<StateType> all = {StateType::kTask,     StateType::kPass,    StateType::kChoice,
                                      StateType::kWait,     StateType::kSucceed, StateType::kFail,
                                      StateType::kParallel, StateType::kMap};
  const std::vector<Pair> pairs = {
      {StateEvent::kEntered, "StateEntered", all},
      {StateEvent::kExited,
       "StateExited",
       {StateType::kTask, StateType::kPass, StateType::kChoice, StateType::kWait,
        StateType::kSucceed, StateType::kParallel, StateType::kMap}},
      {StateEvent::kStarted, "StateStarted", {StateType::kParallel, StateType::kMap}},
      {StateEvent::kSucceeded, "StateSucceeded", {StateType::kParallel, StateType::kMap}},
      {StateEvent::kFailed, "StateFailed", {StateType::kParallel, StateType::kMap}},
      {StateEvent::kAborted,
       "StateAborted",
       {StateType::kTask, StateType::kWait, StateType::kParallel, StateType::kMap}},
  };
  for (const Pair& p : pairs) {
    for (StateType type : p.types) {
      const std::string want = std::string(StateTypeName(type)) + p.suffix;
      CHECK(EventTypeName(StateEventType(type, p.event)) == want);
    }
  }
}

}  // namespace
}  // namespace sfn::asl
