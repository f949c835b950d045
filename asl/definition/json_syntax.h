// asl/definition/json_syntax.h
//
// The INVALID_JSON_DESCRIPTION diagnostic for definition text that is not
// JSON. AWS parses definitions with Jackson and reports Jackson's message,
// e.g. "Unrecognized token 'not': was expecting (JSON String, Number, Array,
// Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a
// definition\"; line: 1, column: 4]", with the "[Source: ...]" part as the
// location. A pure function; thread-safe.
#ifndef SFN_ASL_DEFINITION_JSON_SYNTAX_H_
#define SFN_ASL_DEFINITION_JSON_SYNTAX_H_

#include <string_view>

#include "asl/definition/diagnostic.h"

namespace sfn::asl::internal {

// Scans `text` (which failed to parse) for the first error Jackson would
// report and words it as Jackson does.
Diagnostic JsonSyntaxDiagnostic(std::string_view text);

// Jackson's readTree stops after the first complete value and ignores what
// follows. The length of that first value when it is complete and followed
// by other text; 0 when the text has a syntax error before that.
size_t FirstDocumentLength(std::string_view text);

}  // namespace sfn::asl::internal

#endif  // SFN_ASL_DEFINITION_JSON_SYNTAX_H_
