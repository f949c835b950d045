// emulator/api/jackson_error.h
//
// AWS parses execution input (and task output) with Jackson and, when the
// text is not JSON, quotes Jackson's message: "Unrecognized token 'not': was
// expecting (JSON String, Number, Array, Object or token 'null', 'true' or
// 'false')". JacksonParseError finds the first syntax error the way Jackson's
// parser meets it and words it the same way. Pure and thread-safe.
#ifndef SFN_EMULATOR_API_JACKSON_ERROR_H_
#define SFN_EMULATOR_API_JACKSON_ERROR_H_

#include <string>
#include <string_view>

namespace sfn::emulator {

// Jackson's message for the first syntax error in `text`, or "" when `text`
// is one well-formed JSON value (surrounded by optional white space).
// Text that is empty or only white space gives "" too: callers decide what
// an absent document means.
std::string JacksonParseError(std::string_view text);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_JACKSON_ERROR_H_
