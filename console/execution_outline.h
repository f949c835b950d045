// console/execution_outline.h
//
// What happened to each state of one execution, read from its history
// (the events exactly as GetExecutionHistory returns them): how often it was
// entered and exited, its attempts, its last input, output, error and cause,
// and one outcome (succeeded, failed, caught, running; states never entered
// are absent: not reached). Events are attributed to states through their
// previousEventId chains, which the engine links within each branch and
// iteration; Map iteration events name their Map state in their details.
// Pure functions over values; no threads.
#ifndef SFN_CONSOLE_EXECUTION_OUTLINE_H_
#define SFN_CONSOLE_EXECUTION_OUTLINE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "asl/core/json.h"

namespace sfn::console {

// One try of a task, Parallel or Map: when it began and ended, and its
// error when it failed (null while it runs or when it succeeded).
struct Attempt {
  Json started_at;
  Json ended_at;
  Json error;
  Json cause;
};

struct StateOutline {
  std::string outcome;   // "succeeded", "failed", "caught" or "running"
  bool retried = false;  // a task was scheduled more than once per entry
  int entered = 0;
  int exited = 0;
  int caught = 0;                     // entries that ended in a Catch
  int failures = 0;                   // error events (task failures, timeouts, ...)
  int attempts = 0;                   // tasks scheduled, Parallel/Map runs started, else entries
  std::vector<Attempt> attempt_list;  // one per task scheduled or fork started
  Json input;                         // of the last entry (JSON text, as the history has it)
  Json output;                        // of the last exit
  Json error;                         // of the last failure event
  Json cause;
  Json entered_at;  // timestamps of the first entry and the last exit
  Json exited_at;
  std::vector<int64_t> event_ids;
  // Map states: iteration index -> "RUNNING", "SUCCEEDED", "FAILED", "ABORTED".
  std::map<int64_t, std::string> iterations;
  bool error_pending = false;  // while reading: the last attempt failed
  bool fail_state = false;     // a Fail state (it fails when entered)
};

struct ExecutionOutline {
  std::map<std::string, StateOutline> states;  // by state name
  // Per event id (index id-1): its state ("" for execution-level events)
  // and the Map iteration it ran in (-1: none).
  std::vector<std::string> event_state;
  std::vector<int64_t> event_iteration;
};

// `events`: the history's events in order; `status`: the execution's status
// ("RUNNING", "SUCCEEDED", ...).
ExecutionOutline OutlineExecution(const Json::Array& events, const std::string& status);

// The outline as the console's JSON: {"states": {name: {...}}, "events": [{"state", "iteration"}]}.
Json OutlineToJson(const ExecutionOutline& outline);

}  // namespace sfn::console

#endif  // SFN_CONSOLE_EXECUTION_OUTLINE_H_
