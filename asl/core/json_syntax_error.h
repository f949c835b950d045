// asl/core/json_syntax_error.h
//
// The first syntax error in a JSON text, found where Jackson (the parser
// AWS uses for definitions, execution input and task output) meets it and
// worded as Jackson words it, e.g. "Unrecognized token 'not': was expecting
// (JSON String, Number, Array, Object or token 'null', 'true' or 'false')".
// Callers add what their AWS message adds (a "[Source: ...]" location, a
// prefix). The scanner is iterative, so deep nesting cannot overflow the
// stack. Pure functions; safe from any thread.
#ifndef SFN_ASL_CORE_JSON_SYNTAX_ERROR_H_
#define SFN_ASL_CORE_JSON_SYNTAX_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sfn {

// Text after the first complete value: Jackson's readTree ignores it; with
// FAIL_ON_TRAILING_TOKENS it is an error ("expected end-of-input after the
// root value").
enum class TrailingText { kIgnore, kReject };

struct JsonSyntaxCheck {
  enum class Outcome {
    kEmpty,  // only white space: no value at all
    kValue,  // one well-formed value (then, with kIgnore, maybe other text)
    kError,  // a syntax error
  };
  Outcome outcome = Outcome::kEmpty;
  std::string message;  // kError: Jackson's message, without a location
  // kError: the byte offset where Jackson gave up (its input pointer).
  // kValue: the offset after the value and the white space that follows.
  size_t offset = 0;
};

JsonSyntaxCheck CheckJsonSyntax(std::string_view text, TrailingText trailing);

// Jackson's location of byte `offset` in `text`: "[Source: (String)\"<text>\";
// line: L, column: C]". Lines count '\n'; columns count UTF-16 units from 1;
// the text shown is cut after 500 UTF-16 units, with "[truncated N chars]".
std::string JacksonLocation(std::string_view text, size_t offset);

}  // namespace sfn

#endif  // SFN_ASL_CORE_JSON_SYNTAX_ERROR_H_
