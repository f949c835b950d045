// testing/state_names.cc
#include "testing/state_names.h"

#include <set>

namespace sfn::testing {
namespace {

void CollectStates(const asl::Program& program, std::vector<const asl::State*>* out) {
  for (const auto& state : program.states) {
    out->push_back(state.get());
    if (state->type == asl::StateType::kParallel) {
      for (const auto& branch : static_cast<const asl::ParallelState&>(*state).branches) {
        CollectStates(*branch, out);
      }
    } else if (state->type == asl::StateType::kMap) {
      const auto& map = static_cast<const asl::MapState&>(*state);
      if (map.processor != nullptr) CollectStates(*map.processor, out);
    }
  }
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The first key of `mocks` (resource ARNs aside) that is not in `names`.
const Mock* UnknownMock(const std::vector<Mock>& mocks, const std::set<std::string>& names) {
  for (const Mock& mock : mocks) {
    if (!mock.is_resource() && names.count(mock.target) == 0) return &mock;
  }
  return nullptr;
}

std::string NoState(const TestFile& file, int line, const std::string& where,
                    const std::string& name, const std::vector<std::string>& all) {
  return file.path + ":" + std::to_string(line) + ": " + where + ": no state '" + name +
         "' in the state machine; its states: " + Joined(all);
}

}  // namespace

std::vector<const asl::State*> AllStates(const asl::StateMachine& machine) {
  std::vector<const asl::State*> states;
  CollectStates(machine.program, &states);
  return states;
}

std::vector<std::string> AllStateNames(const asl::StateMachine& machine) {
  std::vector<std::string> names;
  for (const asl::State* state : AllStates(machine)) names.push_back(state->name);
  return names;
}

std::string CheckStateNames(const TestFile& file, const asl::StateMachine& machine) {
  const std::vector<std::string> all = AllStateNames(machine);
  const std::set<std::string> names(all.begin(), all.end());
  if (const Mock* m = UnknownMock(file.mocks, names)) {
    return NoState(file, m->line, "mocks", m->target, all);
  }
  for (size_t i = 0; i < file.cases.size(); ++i) {
    const TestCase& c = file.cases[i];
    const std::string at = "cases[" + std::to_string(i) + "]";
    if (const Mock* m = UnknownMock(c.mocks, names)) {
      return NoState(file, m->line, at + ".mocks", m->target, all);
    }
    for (const StateExpectation& s : c.expect.states) {
      if (names.count(s.state) == 0) {
        return NoState(file, s.line, at + ".expect.states", s.state, all);
      }
    }
  }
  return "";
}

}  // namespace sfn::testing
