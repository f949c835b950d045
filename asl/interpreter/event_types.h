// asl/interpreter/event_types.h
//
// The history event types sfn-local records, in one table: per type, AWS's
// name ("TaskStateEntered"), the HistoryEvent member its details go in
// ("stateEnteredEventDetails", or none) and the layer that records it: the
// interpreter, or the engine (the execution's own events and what only the
// engine sees: Map iterations, states aborted by a failing sibling, a worker
// taking an activity task). Events carry an EventType, one byte; names are
// read from the table only when an event is rendered. Constant data: safe
// to read from any thread.
//
// Adding an event type: an enumerator (before kCount), its row in
// kEventTypes (same order; event_types.cc checks both when compiling), and
// the call that emits it.
#ifndef SFN_ASL_INTERPRETER_EVENT_TYPES_H_
#define SFN_ASL_INTERPRETER_EVENT_TYPES_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace sfn::asl {

enum class StateType;  // asl/definition/definition.h

enum class EventType : uint8_t {
  // The execution
  kExecutionStarted,
  kExecutionSucceeded,
  kExecutionFailed,
  kExecutionAborted,
  kExecutionTimedOut,
  kExecutionRedriven,
  // States
  kTaskStateEntered,
  kTaskStateExited,
  kTaskStateAborted,
  kPassStateEntered,
  kPassStateExited,
  kChoiceStateEntered,
  kChoiceStateExited,
  kWaitStateEntered,
  kWaitStateExited,
  kWaitStateAborted,
  kSucceedStateEntered,
  kSucceedStateExited,
  kFailStateEntered,
  kParallelStateEntered,
  kParallelStateStarted,
  kParallelStateSucceeded,
  kParallelStateFailed,
  kParallelStateAborted,
  kParallelStateExited,
  kMapStateEntered,
  kMapStateStarted,
  kMapStateSucceeded,
  kMapStateFailed,
  kMapStateAborted,
  kMapStateExited,
  kEvaluationFailed,
  // Tasks, activities and Lambda functions
  kTaskScheduled,
  kTaskStarted,
  kTaskSubmitted,
  kTaskSucceeded,
  kTaskFailed,
  kTaskTimedOut,
  kActivityScheduled,
  kActivityScheduleFailed,
  kActivityStarted,
  kActivitySucceeded,
  kActivityFailed,
  kActivityTimedOut,
  kLambdaFunctionScheduled,
  kLambdaFunctionStarted,
  kLambdaFunctionSucceeded,
  kLambdaFunctionFailed,
  kLambdaFunctionTimedOut,
  // Map iterations and Map Runs
  kMapIterationStarted,
  kMapIterationSucceeded,
  kMapIterationFailed,
  kMapIterationAborted,
  kMapRunStarted,
  kMapRunSucceeded,
  kMapRunFailed,
  kMapRunRedriven,
  kCount,  // not a type: how many there are (kEventTypes has a row for each)
};

enum class EventLayer : uint8_t { kInterpreter, kEngine };

struct EventTypeInfo {
  EventType type;
  std::string_view name;         // AWS's HistoryEventType
  std::string_view details_key;  // empty: the event has no details
  EventLayer layer;
};

// In EventType's order, so that an EventType indexes its row.
inline constexpr EventTypeInfo kEventTypes[] = {
    // The execution
    {EventType::kExecutionStarted, "ExecutionStarted", "executionStartedEventDetails",
     EventLayer::kEngine},
    {EventType::kExecutionSucceeded, "ExecutionSucceeded", "executionSucceededEventDetails",
     EventLayer::kEngine},
    {EventType::kExecutionFailed, "ExecutionFailed", "executionFailedEventDetails",
     EventLayer::kEngine},
    {EventType::kExecutionAborted, "ExecutionAborted", "executionAbortedEventDetails",
     EventLayer::kEngine},
    {EventType::kExecutionTimedOut, "ExecutionTimedOut", "executionTimedOutEventDetails",
     EventLayer::kEngine},
    {EventType::kExecutionRedriven, "ExecutionRedriven", "executionRedrivenEventDetails",
     EventLayer::kEngine},
    // States
    {EventType::kTaskStateEntered, "TaskStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kTaskStateExited, "TaskStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kTaskStateAborted, "TaskStateAborted", "", EventLayer::kEngine},
    {EventType::kPassStateEntered, "PassStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kPassStateExited, "PassStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kChoiceStateEntered, "ChoiceStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kChoiceStateExited, "ChoiceStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kWaitStateEntered, "WaitStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kWaitStateExited, "WaitStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kWaitStateAborted, "WaitStateAborted", "", EventLayer::kEngine},
    {EventType::kSucceedStateEntered, "SucceedStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kSucceedStateExited, "SucceedStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kFailStateEntered, "FailStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kParallelStateEntered, "ParallelStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kParallelStateStarted, "ParallelStateStarted", "", EventLayer::kInterpreter},
    {EventType::kParallelStateSucceeded, "ParallelStateSucceeded", "", EventLayer::kInterpreter},
    {EventType::kParallelStateFailed, "ParallelStateFailed", "", EventLayer::kInterpreter},
    {EventType::kParallelStateAborted, "ParallelStateAborted", "", EventLayer::kEngine},
    {EventType::kParallelStateExited, "ParallelStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kMapStateEntered, "MapStateEntered", "stateEnteredEventDetails",
     EventLayer::kInterpreter},
    {EventType::kMapStateStarted, "MapStateStarted", "mapStateStartedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kMapStateSucceeded, "MapStateSucceeded", "", EventLayer::kInterpreter},
    {EventType::kMapStateFailed, "MapStateFailed", "", EventLayer::kInterpreter},
    {EventType::kMapStateAborted, "MapStateAborted", "", EventLayer::kEngine},
    {EventType::kMapStateExited, "MapStateExited", "stateExitedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kEvaluationFailed, "EvaluationFailed", "evaluationFailedEventDetails",
     EventLayer::kInterpreter},
    // Tasks, activities and Lambda functions
    {EventType::kTaskScheduled, "TaskScheduled", "taskScheduledEventDetails",
     EventLayer::kInterpreter},
    {EventType::kTaskStarted, "TaskStarted", "taskStartedEventDetails", EventLayer::kInterpreter},
    {EventType::kTaskSubmitted, "TaskSubmitted", "taskSubmittedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kTaskSucceeded, "TaskSucceeded", "taskSucceededEventDetails",
     EventLayer::kInterpreter},
    {EventType::kTaskFailed, "TaskFailed", "taskFailedEventDetails", EventLayer::kInterpreter},
    {EventType::kTaskTimedOut, "TaskTimedOut", "taskTimedOutEventDetails",
     EventLayer::kInterpreter},
    {EventType::kActivityScheduled, "ActivityScheduled", "activityScheduledEventDetails",
     EventLayer::kInterpreter},
    {EventType::kActivityScheduleFailed, "ActivityScheduleFailed",
     "activityScheduleFailedEventDetails", EventLayer::kInterpreter},
    {EventType::kActivityStarted, "ActivityStarted", "activityStartedEventDetails",
     EventLayer::kEngine},
    {EventType::kActivitySucceeded, "ActivitySucceeded", "activitySucceededEventDetails",
     EventLayer::kInterpreter},
    {EventType::kActivityFailed, "ActivityFailed", "activityFailedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kActivityTimedOut, "ActivityTimedOut", "activityTimedOutEventDetails",
     EventLayer::kInterpreter},
    {EventType::kLambdaFunctionScheduled, "LambdaFunctionScheduled",
     "lambdaFunctionScheduledEventDetails", EventLayer::kInterpreter},
    {EventType::kLambdaFunctionStarted, "LambdaFunctionStarted", "", EventLayer::kInterpreter},
    {EventType::kLambdaFunctionSucceeded, "LambdaFunctionSucceeded",
     "lambdaFunctionSucceededEventDetails", EventLayer::kInterpreter},
    {EventType::kLambdaFunctionFailed, "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kLambdaFunctionTimedOut, "LambdaFunctionTimedOut",
     "lambdaFunctionTimedOutEventDetails", EventLayer::kInterpreter},
    // Map iterations and Map Runs
    {EventType::kMapIterationStarted, "MapIterationStarted", "mapIterationStartedEventDetails",
     EventLayer::kEngine},
    {EventType::kMapIterationSucceeded, "MapIterationSucceeded",
     "mapIterationSucceededEventDetails", EventLayer::kEngine},
    {EventType::kMapIterationFailed, "MapIterationFailed", "mapIterationFailedEventDetails",
     EventLayer::kEngine},
    {EventType::kMapIterationAborted, "MapIterationAborted", "mapIterationAbortedEventDetails",
     EventLayer::kEngine},
    {EventType::kMapRunStarted, "MapRunStarted", "mapRunStartedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kMapRunSucceeded, "MapRunSucceeded", "", EventLayer::kInterpreter},
    {EventType::kMapRunFailed, "MapRunFailed", "mapRunFailedEventDetails",
     EventLayer::kInterpreter},
    {EventType::kMapRunRedriven, "MapRunRedriven", "mapRunRedrivenEventDetails",
     EventLayer::kEngine},
};

inline constexpr size_t kEventTypeCount = std::size(kEventTypes);

constexpr const EventTypeInfo& EventTypeInfoOf(EventType type) {
  return kEventTypes[static_cast<size_t>(type)];
}
constexpr std::string_view EventTypeName(EventType type) { return EventTypeInfoOf(type).name; }
constexpr std::string_view EventDetailsKey(EventType type) {
  return EventTypeInfoOf(type).details_key;
}

// The per-state events ("PassStateEntered", "MapStateStarted"). Not every
// pair exists: only Parallel and Map start, succeed and fail; a Fail state
// never exits; only Task, Wait, Parallel and Map are aborted. Asking for
// another pair is a bug (asserted).
enum class StateEvent { kEntered, kExited, kStarted, kSucceeded, kFailed, kAborted };
EventType StateEventType(StateType type, StateEvent event);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_EVENT_TYPES_H_
