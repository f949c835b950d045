// testing/coverage.cc
#include "testing/coverage.h"

#include <cstdio>
#include <map>

#include "asl/core/errors.h"
#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "testing/history_facts.h"
#include "testing/state_names.h"

namespace sfn::testing {
namespace {

std::string ErrorList(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& e : errors) out += (out.empty() ? "" : ", ") + e;
  return "[" + out + "]";
}

const std::vector<asl::Retrier>* RetriersOf(const asl::State& s) {
  switch (s.type) {
    case asl::StateType::kTask:
      return &static_cast<const asl::TaskState&>(s).retry;
    case asl::StateType::kParallel:
      return &static_cast<const asl::ParallelState&>(s).retry;
    case asl::StateType::kMap:
      return &static_cast<const asl::MapState&>(s).retry;
    default:
      return nullptr;
  }
}

const std::vector<asl::Catcher>* CatchersOf(const asl::State& s) {
  switch (s.type) {
    case asl::StateType::kTask:
      return &static_cast<const asl::TaskState&>(s).catch_;
    case asl::StateType::kParallel:
      return &static_cast<const asl::ParallelState&>(s).catch_;
    case asl::StateType::kMap:
      return &static_cast<const asl::MapState&>(s).catch_;
    default:
      return nullptr;
  }
}

// The items of one machine, with what each needs to be matched against a run.
struct Tracked {
  MachineCoverage coverage;
  std::map<std::string, const asl::State*> by_name;
  std::shared_ptr<const asl::StateMachine> machine;
};

void AddItems(const asl::State& s, MachineCoverage* c) {
  if (s.type == asl::StateType::kChoice) {
    const auto& choice = static_cast<const asl::ChoiceState&>(s);
    for (size_t i = 0; i < choice.choices.size(); ++i) {
      c->choice_rules.push_back(
          {s.name, "rule " + std::to_string(i) + " -> " + choice.choices[i].next});
    }
    if (!choice.default_next.empty()) {
      c->choice_rules.push_back({s.name, "Default -> " + choice.default_next});
    }
  }
  if (const auto* retriers = RetriersOf(s)) {
    for (size_t i = 0; i < retriers->size(); ++i) {
      c->retriers.push_back(
          {s.name, "Retry " + std::to_string(i) + " " + ErrorList((*retriers)[i].error_equals)});
    }
  }
  if (const auto* catchers = CatchersOf(s)) {
    for (size_t i = 0; i < catchers->size(); ++i) {
      const asl::Catcher& k = (*catchers)[i];
      c->catchers.push_back({s.name, "Catch " + std::to_string(i) + " " +
                                         ErrorList(k.error_equals) + " -> " + k.next});
    }
  }
}

Tracked Track(const FileRun& file, std::shared_ptr<const asl::StateMachine> machine) {
  Tracked t;
  t.machine = std::move(machine);
  t.coverage.state_machine = file.state_machine;
  const std::vector<const asl::State*> states = AllStates(*t.machine);
  for (const asl::State* s : states) {
    t.coverage.states.push_back(s->name);
    t.by_name[s->name] = s;
    AddItems(*s, &t.coverage);
  }
  t.coverage.entered.assign(states.size(), false);
  return t;
}

// Marks the item of `state` whose label is `label`.
void Mark(std::vector<CoveredItem>* items, const std::string& state, const std::string& label) {
  for (CoveredItem& item : *items) {
    if (item.state == state && item.label == label) item.used = true;
  }
}

void MarkChoice(Tracked* t, const Transition& move) {
  const auto& choice = static_cast<const asl::ChoiceState&>(*t->by_name[move.from]);
  for (size_t i = 0; i < choice.choices.size(); ++i) {
    if (choice.choices[i].next == move.to) {
      Mark(&t->coverage.choice_rules, move.from, "rule " + std::to_string(i) + " -> " + move.to);
    }
  }
  if (choice.default_next == move.to)
    Mark(&t->coverage.choice_rules, move.from, "Default -> " + move.to);
}

void MarkCatch(Tracked* t, const Transition& move) {
  const auto* catchers = CatchersOf(*t->by_name[move.from]);
  if (catchers == nullptr || move.error.empty()) return;
  for (size_t i = 0; i < catchers->size(); ++i) {
    const asl::Catcher& k = (*catchers)[i];
    if (k.next == move.to && asl::ErrorEqualsMatches(k.error_equals, move.error)) {
      Mark(&t->coverage.catchers, move.from,
           "Catch " + std::to_string(i) + " " + ErrorList(k.error_equals) + " -> " + k.next);
      return;
    }
  }
}

void MarkRetries(Tracked* t, const StateVisit& visit) {
  auto found = t->by_name.find(visit.name);
  const auto* retriers = found == t->by_name.end() ? nullptr : RetriersOf(*found->second);
  if (retriers == nullptr) return;
  // Every error but one after the last attempt was followed by a retry.
  const int retried = std::min<int>(visit.attempts - 1, static_cast<int>(visit.errors.size()));
  for (int e = 0; e < retried; ++e) {
    for (size_t i = 0; i < retriers->size(); ++i) {
      if (asl::ErrorEqualsMatches((*retriers)[i].error_equals, visit.errors[e])) {
        Mark(&t->coverage.retriers, visit.name,
             "Retry " + std::to_string(i) + " " + ErrorList((*retriers)[i].error_equals));
        break;
      }
    }
  }
}

void AddRun(Tracked* t, const std::string& file, const CaseRun& run) {
  t->coverage.cases.push_back({file, run.name, run.state_transitions});
  const HistoryFacts facts = ReadHistoryFacts(run.events);
  for (const StateVisit& visit : facts.visits) {
    for (size_t i = 0; i < t->coverage.states.size(); ++i) {
      if (t->coverage.states[i] == visit.name) t->coverage.entered[i] = true;
    }
    MarkRetries(t, visit);
  }
  for (const Transition& move : facts.transitions) {
    if (t->by_name.count(move.from) == 0) continue;
    if (move.after_choice) MarkChoice(t, move);
    MarkCatch(t, move);
  }
}

}  // namespace

std::vector<MachineCoverage> ComputeCoverage(const std::vector<FileRun>& files) {
  std::vector<Tracked> tracked;
  for (const FileRun& file : files) {
    if (file.definition.empty()) continue;
    Tracked* t = nullptr;
    for (Tracked& seen : tracked) {
      if (seen.coverage.state_machine == file.state_machine) t = &seen;
    }
    if (t == nullptr) {
      asl::ParseResult parsed = asl::ParseDefinition(file.definition);
      if (parsed.machine == nullptr) continue;
      tracked.push_back(Track(file, parsed.machine));
      t = &tracked.back();
    }
    for (const CaseRun& run : file.runs) AddRun(t, file.path, run);
  }
  std::vector<MachineCoverage> out;
  for (Tracked& t : tracked) out.push_back(std::move(t.coverage));
  return out;
}

std::string TransitionPrice(int64_t transitions) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "$%.6f", static_cast<double>(transitions) * 0.000025);
  return buffer;
}

}  // namespace sfn::testing
