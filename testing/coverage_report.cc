// testing/coverage_report.cc: the coverage as text and as JSON.
#include "testing/coverage.h"

namespace sfn::testing {
namespace {

struct Tally {
  int used = 0;
  int total = 0;
  std::vector<std::string> unused;
};

Tally CountItems(const std::vector<CoveredItem>& items) {
  Tally t;
  for (const CoveredItem& item : items) {
    ++t.total;
    if (item.used) {
      ++t.used;
    } else {
      t.unused.push_back(item.state + " " + item.label);
    }
  }
  return t;
}

Tally CountStates(const MachineCoverage& c) {
  Tally t;
  for (size_t i = 0; i < c.states.size(); ++i) {
    ++t.total;
    if (c.entered[i]) {
      ++t.used;
    } else {
      t.unused.push_back(c.states[i]);
    }
  }
  return t;
}

std::string Line(const char* what, const Tally& t, const char* verb, const char* not_verb) {
  std::string line = std::string("  ") + what + ": " + std::to_string(t.used) + "/" +
                     std::to_string(t.total) + " " + verb;
  if (!t.unused.empty()) {
    line += std::string(" (") + not_verb + ": ";
    for (size_t i = 0; i < t.unused.size(); ++i) line += (i ? ", " : "") + t.unused[i];
    line += ")";
  }
  return line + "\n";
}

Json TallyJson(const Tally& t, const char* used, const char* unused) {
  Json::Array names;
  for (const std::string& name : t.unused) names.push_back(Json(name));
  return Json::MakeObject({{used, Json(t.used)},
                           {"total", Json(t.total)},
                           {unused, Json::MakeArray(std::move(names))}});
}

std::string Transitions(int64_t n) {
  return std::to_string(n) + (n == 1 ? " state transition, " : " state transitions, ") +
         TransitionPrice(n) + " on AWS Standard\n";
}

}  // namespace

std::string CoverageText(const std::vector<MachineCoverage>& coverage) {
  std::string text;
  for (const MachineCoverage& c : coverage) {
    text += "coverage of " + c.state_machine + ":\n";
    text += Line("states", CountStates(c), "entered", "not entered");
    text += Line("choice rules", CountItems(c.choice_rules), "taken", "not taken");
    text += Line("catchers", CountItems(c.catchers), "exercised", "not exercised");
    text += Line("retriers", CountItems(c.retriers), "exercised", "not exercised");
    int64_t total = 0;
    for (const CaseCost& k : c.cases) {
      total += k.transitions;
      text += "  " + k.file + ": " + k.name + ": " + Transitions(k.transitions);
    }
    text += "  all cases: " + Transitions(total);
  }
  return text;
}

Json CoverageJson(const std::vector<MachineCoverage>& coverage) {
  Json::Array machines;
  for (const MachineCoverage& c : coverage) {
    Json::Array cases;
    for (const CaseCost& k : c.cases) {
      cases.push_back(Json::MakeObject(
          {{"file", Json(k.file)},
           {"name", Json(k.name)},
           {"stateTransitions", Json(k.transitions)},
           {"priceUsd", Json(static_cast<double>(k.transitions) * 25 / 1000000)}}));
    }
    machines.push_back(Json::MakeObject(
        {{"stateMachine", Json(c.state_machine)},
         {"states", TallyJson(CountStates(c), "entered", "notEntered")},
         {"choiceRules", TallyJson(CountItems(c.choice_rules), "taken", "notTaken")},
         {"catchers", TallyJson(CountItems(c.catchers), "exercised", "notExercised")},
         {"retriers", TallyJson(CountItems(c.retriers), "exercised", "notExercised")},
         {"cases", Json::MakeArray(std::move(cases))}}));
  }
  return Json::MakeObject({{"stateMachines", Json::MakeArray(std::move(machines))}});
}

}  // namespace sfn::testing
