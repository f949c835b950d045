// testing/history_text.h
//
// A history as people read it in a terminal: one line per event with its
// id, previous id, timestamp (ISO 8601, UTC, milliseconds), type, the state
// it belongs to and a short detail (the error and cause, a Wait's end, the
// execution's input or output). `sfn-local run --history text` prints it.
// Pure functions of their arguments: safe from any thread.
#ifndef SFN_TESTING_HISTORY_TEXT_H_
#define SFN_TESTING_HISTORY_TEXT_H_

#include <cstdint>
#include <string>

#include "asl/core/json.h"

namespace sfn::testing {


// `history` is GetExecutionHistory's answer ({"events": [...]}); returns
// a header line and one line per event, each ending in "\n".
std::string HistoryText(const Json& history);

}  // namespace sfn::testing

#endif  // SFN_TESTING_HISTORY_TEXT_H_
