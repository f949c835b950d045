// testing/state_names.h
//
// The state names a test file may use: every state of the machine at any
// depth (Parallel branches, Map processors), and the check that each mock
// key and expected state of a test file is one of them. Plain functions on
// values; safe from any thread.
#ifndef SFN_TESTING_STATE_NAMES_H_
#define SFN_TESTING_STATE_NAMES_H_

#include <string>
#include <vector>

#include "asl/definition/definition.h"
#include "testing/test_file.h"

namespace sfn::testing {

// Every state of `machine`, at any depth, in definition order (borrowed
// from `machine`).
std::vector<const asl::State*> AllStates(const asl::StateMachine& machine);

// Every state name of `machine`, at any depth, in definition order.
std::vector<std::string> AllStateNames(const asl::StateMachine& machine);

// "<file>:<line>: <key path>: no state 'X' in the state machine; its states:
// A, B, C" for the first mock key (resource ARNs aside) or expected state
// that names no state of `machine`; "" when all do.
std::string CheckStateNames(const TestFile& file, const asl::StateMachine& machine);

}  // namespace sfn::testing

#endif  // SFN_TESTING_STATE_NAMES_H_
