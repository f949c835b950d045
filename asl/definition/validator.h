// asl/definition/validator.h
//
// Graph checks on a parsed program, as AWS words them: every transition
// (Next, Default, Choices[].Next, Catch[].Next, StartAt) must name a state
// of the same program ("MISSING_TRANSITION_TARGET: Missing 'Next' target:
// X"), and every state must be reachable ("State \"X\" is not reachable.").
// Field-level checks happen while the program is built (definition_*.cc);
// these run once a program built without errors. Pure; thread-safe.
#ifndef SFN_ASL_DEFINITION_VALIDATOR_H_
#define SFN_ASL_DEFINITION_VALIDATOR_H_

#include <string>

#include "asl/definition/definition.h"
#include "asl/definition/builder.h"

namespace sfn::asl::internal {

// Checks one program (not its nested branches/processors, which are
// checked when they are built). `location` is the program's prefix ("" for
// the top level, "/States/P/Branches[0]", ...).
void ValidateTransitions(Builder& b, const Program& program, const std::string& location);

}  // namespace sfn::asl::internal

#endif  // SFN_ASL_DEFINITION_VALIDATOR_H_
