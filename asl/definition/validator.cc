// asl/definition/validator.cc
//
// Transition targets and reachability of one program. Diagnostics come in
// AWS's order: missing targets first (in state order), then a machine with
// no terminal state at all (MISSING_END_STATE, reported instead of the
// unreachable states), then unreachable states, each with code
// MISSING_TRANSITION_TARGET.
#include "asl/definition/validator.h"

#include <deque>
#include <set>
#include <utility>
#include <vector>

namespace sfn::asl::internal {
namespace {

struct Transition {
  std::string target;
  std::string location;  // where the target is named
  const char* field;     // "Next", "Default"
};

std::vector<Transition> TransitionsOf(const State& state, const std::string& at) {
  std::vector<Transition> out;
  if (!state.next.empty()) out.push_back({state.next, at + "/Next", "Next"});
  const std::vector<Catcher>* catchers = nullptr;
  switch (state.type) {
    case StateType::kChoice: {
      const auto& choice = static_cast<const ChoiceState&>(state);
      for (size_t i = 0; i < choice.choices.size(); ++i) {
        out.push_back(
            {choice.choices[i].next, at + "/Choices[" + std::to_string(i) + "]/Next", "Next"});
      }
      if (!choice.default_next.empty()) {
        out.push_back({choice.default_next, at + "/Default", "Default"});
      }
      break;
    }
    case StateType::kTask:
      catchers = &static_cast<const TaskState&>(state).catch_;
      break;
    case StateType::kParallel:
      catchers = &static_cast<const ParallelState&>(state).catch_;
      break;
    case StateType::kMap:
      catchers = &static_cast<const MapState&>(state).catch_;
      break;
    default:
      break;
  }
  if (catchers) {
    for (size_t i = 0; i < catchers->size(); ++i) {
      out.push_back({(*catchers)[i].next, at + "/Catch[" + std::to_string(i) + "]/Next", "Next"});
    }
  }
  return out;
}

// Succeed, Fail, or End: true. The state need not be reachable.
bool HasTerminalState(const Program& program) {
  for (const auto& state : program.states) {
    if (state->type != StateType::kChoice && state->next.empty()) return true;
  }
  return false;
}

}  // namespace

void ValidateTransitions(Builder& b, const Program& program, const std::string& location) {
  bool start_ok = program.Find(program.start_at) != nullptr;
  if (!start_ok) {
    b.Error(location + "/StartAt", "Missing 'StartAt' target: " + program.start_at,
            kMissingTransitionTarget);
  }
  for (const auto& state : program.states) {
    for (const Transition& t : TransitionsOf(*state, location + "/States/" + state->name)) {
      if (program.Find(t.target)) continue;
      b.Error(t.location, std::string("Missing '") + t.field + "' target: " + t.target,
              kMissingTransitionTarget);
    }
  }
  // Checked for the top-level program only: what AWS does for a branch or
  // an ItemProcessor with no terminal state is not recorded.
  if (location.empty() && !HasTerminalState(program)) {
    b.UnlocatedError("Workflow has no terminal state", kMissingEndState);
    return;
  }
  if (!start_ok) return;  // every state would be unreachable; say it once
  std::set<std::string> reached = {program.start_at};
  std::deque<const State*> queue = {program.Find(program.start_at)};
  while (!queue.empty()) {
    const State* state = queue.front();
    queue.pop_front();
    for (const Transition& t : TransitionsOf(*state, "")) {
      const State* target = program.Find(t.target);
      if (target && reached.insert(t.target).second) queue.push_back(target);
    }
  }
  for (const auto& state : program.states) {
    if (reached.count(state->name)) continue;
    b.Error(location + "/States/" + state->name, "State \"" + state->name + "\" is not reachable.",
            kMissingTransitionTarget);
  }
}

}  // namespace sfn::asl::internal
