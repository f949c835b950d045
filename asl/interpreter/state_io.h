// asl/interpreter/state_io.h
//
// The details of the events that carry only a state's name and its input
// or output JSON text: every *StateEntered, and *StateExited without
// assigned variables ({"name","input","inputDetails"} and
// {"name","output","outputDetails"}, shaped as AWS returns them), and
// ExecutionSucceeded ({"output","outputDetails"}, no name). A sink may keep
// such events compact (emulator/records/history.h keeps the name's address
// and the text) and shape their details with StateIoDetails only when they
// are read. Pure functions: safe from any thread.
#ifndef SFN_ASL_INTERPRETER_STATE_IO_H_
#define SFN_ASL_INTERPRETER_STATE_IO_H_

#include <string>

#include "asl/core/json.h"
#include "asl/interpreter/event_types.h"

namespace sfn::asl {

// True for the types whose text is an input (*StateEntered); the others
// carry an output.
bool CarriesInput(EventType type);

// The details of a `type` event carrying `text` (a Json string holding
// JSON text); `state_name` null: no "name" member (ExecutionSucceeded).
Json StateIoDetails(EventType type, const std::string* state_name, Json text);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_STATE_IO_H_
