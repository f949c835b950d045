// testing/history_facts.h
//
// What an execution did, read back from its history (the events as
// GetExecutionHistory lists them, RunResult::events): the top-level states
// entered in order, each state's last entry (input, output, task attempts,
// the error it failed with) and the transitions between states, which the
// expectations (testing/expectations.h) and the coverage report
// (testing/coverage.h) compare against the definition.
//
// Events are attributed to a state entry through previousEventId: an event
// belongs to the entry its predecessor belongs to, and a *StateEntered event
// starts a new entry. So interleaved Parallel branches and Map iterations
// still sort out. A state counts as top level when it is not inside a
// Parallel or Map (between a ParallelStateStarted/MapStateStarted and its
// end). Plain functions on values: safe to call from any thread.
#ifndef SFN_TESTING_HISTORY_FACTS_H_
#define SFN_TESTING_HISTORY_FACTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/core/json.h"

namespace sfn::testing {

// One entry into a state.
struct StateVisit {
  std::string name;
  bool top_level = false;
  Json input;                       // null when the event carried none
  std::optional<Json> output;       // absent when the state did not exit normally
  int attempts = 0;                 // *Scheduled events (TaskScheduled, ActivityScheduled, ...)
  std::string error;                // the last error recorded for this entry ("" for none)
  std::vector<std::string> errors;  // every error recorded for this entry, in order
  bool failing = false;             // the latest attempt or step of this entry failed
};

// One move from a state to the next within the same branch or iteration.
struct Transition {
  std::string from;
  std::string to;
  bool after_choice = false;  // `from` is a Choice state (ChoiceStateExited -> entered)
  std::string error;          // `from` failed with it before the move (a Catcher's doing)
};

struct HistoryFacts {
  std::vector<std::string> path;             // top-level states entered, in order
  std::vector<StateVisit> visits;            // every entry, in order
  std::map<std::string, size_t> last_visit;  // state name -> index into visits
  std::vector<Transition> transitions;
};

// Reads `events` (an array, or an object with an "events" array). Events
// it does not know are ignored.
HistoryFacts ReadHistoryFacts(const Json& events);

}  // namespace sfn::testing

#endif  // SFN_TESTING_HISTORY_FACTS_H_
