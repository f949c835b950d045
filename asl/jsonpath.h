// asl/jsonpath.h
//
// A compiled ASL JSONPath: "$.a.b[0]", "$..x", "$.items[?(@.n > 1)]",
// "$$.Execution.Id" (the Context object) and "$var.x" (a variable).
// Immutable after Compile(); safe to share across threads without locking.
#ifndef SFN_ASL_JSONPATH_H_
#define SFN_ASL_JSONPATH_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asl/eval_context.h"
#include "asl/json.h"
#include "asl/status.h"

namespace sfn::asl {

class JsonPath {
 public:
  enum class Root { kInput, kContext, kVariable };

  // Parses `text`. On failure the AslError's cause says why (the definition
  // parser turns it into an InvalidDefinition message).
  static Result<JsonPath> Compile(std::string_view text);

  const std::string& text() const;
  Root root() const;
  const std::string& variable_name() const;  // for Root::kVariable
  // True when the path has no wildcard, filter, slice, union or deep scan:
  // the form AWS requires for ResultPath.
  bool is_reference_path() const;
  // True when the path can only select one value (no wildcards etc.).
  bool is_definite() const;

  // Selects from the input, the Context object or a variable, per root().
  // A definite path returns the single value; an indefinite one returns an
  // array of matches. No match -> AslError{"States.Runtime", AWS's text}.
  Result<Json> Select(const EvalContext& ctx) const;
  // The same, but returns nullopt (not an error) when nothing matches.
  std::optional<Json> Find(const EvalContext& ctx) const;

  // ResultPath: returns a copy of `root` with `value` placed at this
  // reference path, creating missing objects on the way. "$" replaces the
  // whole document. Fails with States.ResultPathMatchFailure as AWS does.
  Result<Json> Assign(const Json& root, const Json& value) const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_JSONPATH_H_
