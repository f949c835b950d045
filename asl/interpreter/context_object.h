// asl/interpreter/context_object.h
//
// Builds the Context object ($$ in JSONPath, $states.context in JSONata).
// The execution-wide parts (Execution, StateMachine) are built once per
// execution and shared; each state entry adds a small State part, and Task,
// Map item data where AWS provides them. Pure value builders: thread-safe.
#ifndef SFN_ASL_INTERPRETER_CONTEXT_OBJECT_H_
#define SFN_ASL_INTERPRETER_CONTEXT_OBJECT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/json.h"

namespace sfn::asl {

// "2024-05-14T11:00:00.123Z" (UTC, milliseconds), as AWS prints times in
// the Context object.
std::string FormatIsoMillis(int64_t epoch_ms);
// Appends the same text to `out` (no allocation beyond the growth of `out`).
void AppendIsoMillis(int64_t epoch_ms, std::string* out);

struct ExecutionContextInfo {
  std::string execution_arn;
  std::string execution_name;
  std::string state_machine_arn;
  std::string state_machine_name;
  std::string role_arn;
  Json input;
  int64_t start_ms = 0;
  int64_t redrive_count = 0;
};

// {"Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"}
Json MakeExecutionContext(const ExecutionContextInfo& info);
// {"Id", "Name"}
Json MakeStateMachineContext(const ExecutionContextInfo& info);

// What varies per state entry.
struct StateContextInfo {
  std::string_view state_name;
  int64_t entered_ms = 0;
  int retry_count = -1;            // < 0: omitted (only Task/Parallel/Map carry it)
  std::string_view task_token;     // empty: no "Task" member
  const Json* map_item = nullptr;  // {"Index":..., "Value":...}; null: no "Map" member
};

// The whole Context object for one state.
Json BuildContextObject(const Json& execution, const Json& state_machine,
                        const StateContextInfo& state);

// {"Index": index, "Value": value} for $$.Map.Item.
Json MakeMapItem(int64_t index, const Json& value);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_CONTEXT_OBJECT_H_
