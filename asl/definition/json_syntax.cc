// asl/definition/json_syntax.cc
//
// Definitions are read as Jackson's readTree reads them: the first value
// counts and text after it is ignored. The scanner and its wording are in
// asl/core/json_syntax_error.cc; this file adds the definition's rules.
#include "asl/definition/json_syntax.h"

#include <string>

#include "asl/core/json_syntax_error.h"
#include "asl/definition/builder.h"

namespace sfn::asl::internal {

size_t FirstDocumentLength(std::string_view text) {
  JsonSyntaxCheck check = CheckJsonSyntax(text, TrailingText::kIgnore);
  return check.outcome == JsonSyntaxCheck::Outcome::kValue ? check.offset : 0;
}

Diagnostic JsonSyntaxDiagnostic(std::string_view text) {
  JsonSyntaxCheck check = CheckJsonSyntax(text, TrailingText::kIgnore);
  if (check.outcome == JsonSyntaxCheck::Outcome::kEmpty) {
    // Jackson's ObjectMapper, not its parser, words an empty document, and
    // places it before the first character.
    check = {check.outcome, "No content to map due to end-of-input", 0};
  } else if (check.outcome == JsonSyntaxCheck::Outcome::kValue) {
    // Callers first try FirstDocumentLength; this is only a fallback.
    check = {check.outcome, "Unexpected trailing content", text.size()};
  }
  Diagnostic d;
  d.code = kInvalidJsonDescription;
  d.location = JacksonLocation(text, check.offset);
  if (check.offset == 0) d.location.replace(d.location.rfind("column: 1]"), 10, "column: 0]");
  d.message = check.message + "\n at " + d.location;
  return d;
}

}  // namespace sfn::asl::internal
