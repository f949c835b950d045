// testing/coverage.h
//
// What the cases of a test run exercised, per state machine: the states
// entered, the Choice rules taken, the Catchers and Retriers used, and what
// each case would cost on AWS Standard ($0.025 per 1,000 state transitions).
// Read from the runs' histories (testing/history_facts.h), so it is inferred,
// not instrumented:
//   - a Choice rule counts as taken when a case went from the Choice state to
//     the rule's Next (the Default likewise); when several rules, or a rule
//     and the Default, share a Next, the history cannot tell them apart and
//     all of them count;
//   - a Catcher counts when a state failed and the next state entered from it
//     was the Catcher's Next: the first such Catcher whose ErrorEquals
//     matches the error;
//   - a Retrier counts when a Task failed and was attempted again: the first
//     Retrier whose ErrorEquals matches that error (Parallel and Map retries
//     leave no attempts to count and are not seen).
// Plain functions on values; safe from any thread.
#ifndef SFN_TESTING_COVERAGE_H_
#define SFN_TESTING_COVERAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "testing/test_runner.h"

namespace sfn::testing {

// One Choice rule, Catcher or Retrier, and whether a case used it.
struct CoveredItem {
  std::string state;
  std::string label;  // "rule 1 -> Next", "Default -> Next", "Catch 0 [States.ALL] -> Next", ...
  bool used = false;
};

struct CaseCost {
  std::string file;
  std::string name;
  int64_t transitions = 0;
};

struct MachineCoverage {
  std::string state_machine;        // the reference as resolved by the test files
  std::vector<std::string> states;  // every state, definition order, any depth
  std::vector<bool> entered;        // parallel to `states`
  std::vector<CoveredItem> choice_rules;
  std::vector<CoveredItem> catchers;
  std::vector<CoveredItem> retriers;
  std::vector<CaseCost> cases;
};

// One entry per state machine the files test (files testing the same one
// are merged), in the order first seen. Files whose cases could not run are
// left out.
std::vector<MachineCoverage> ComputeCoverage(const std::vector<FileRun>& files);

// US dollars for `transitions` on AWS Standard: "$0.000075".
std::string TransitionPrice(int64_t transitions);

// The report `sfn-local test --coverage` prints.
std::string CoverageText(const std::vector<MachineCoverage>& coverage);

// The same as JSON (`--coverage-json`): {"stateMachines": [{"stateMachine",
// "states": {"entered", "total", "notEntered"}, "choiceRules": {"taken",
// "total", "notTaken"}, "catchers": {...}, "retriers": {...}, "cases":
// [{"file", "name", "stateTransitions", "priceUsd"}]}]}.
Json CoverageJson(const std::vector<MachineCoverage>& coverage);

}  // namespace sfn::testing

#endif  // SFN_TESTING_COVERAGE_H_
