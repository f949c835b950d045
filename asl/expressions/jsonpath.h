// asl/expressions/jsonpath.h
//
// A compiled ASL JSONPath: "$.a.b[0]", "$..x", "$.items[?(@.n > 1)]",
// "$$.Execution.Id" (the Context object) and "$var.x" (a variable). The
// dialect and result shapes are Jayway JsonPath's, as in AWS: a definite
// path (only single names and indexes) yields one value, any other path
// yields the array of its matches (possibly empty). A path may end in a
// Jayway function ("$.items.length()").
//
// Immutable after Compile(); safe to share across threads without locking.
// A default-constructed JsonPath is "$" (the whole input).
#ifndef SFN_ASL_EXPRESSIONS_JSONPATH_H_
#define SFN_ASL_EXPRESSIONS_JSONPATH_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"
#include "asl/core/status.h"

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
  // True when the path has no wildcard, filter, slice, union, deep scan or
  // function: the form AWS requires for ResultPath (and ItemsPath).
  bool is_reference_path() const;
  // True when the path can only select one value (no wildcards etc.).
  bool is_definite() const;

  // Selects from the input, the Context object or a variable, per root().
  // No match of a definite path fails as InputPath/OutputPath do:
  // {"States.Runtime", "Invalid path '$.x' : No results for path: $['x']"}
  // (the text after "Invalid path '...' : " is Jayway's exception message).
  Result<Json> Select(const EvalContext& ctx) const;
  // The same, worded for a named field (payload template "k.$" keys,
  // ErrorPath, CausePath, ...): {"States.Runtime", "The JSONPath '$.x'
  // specified for the field 'k.$' could not be found in the input '{...}'"},
  // the input being *ctx.input printed as compact JSON.
  Result<Json> Select(const EvalContext& ctx, std::string_view field) const;
  // A reference-path read (ItemsPath): a missing member or a non-object on
  // the way fails with {"States.ReferencePathConflict", "Unable to apply
  // step \"x\" to input {...}"}.
  Result<Json> SelectReference(const EvalContext& ctx) const;
  // The value, or nullopt (not an error) when nothing matches.
  std::optional<Json> Find(const EvalContext& ctx) const;
  // Evaluates against `document` as "$" (variables and "$$" still come
  // from `ctx`); nullopt when nothing matches.
  std::optional<Json> FindIn(const Json& document, const EvalContext& ctx) const;

  // ResultPath: returns a copy of `root` with `value` placed at this
  // reference path, creating missing objects on the way; "$" replaces the
  // whole document. Only the objects along the path are copied. A path that
  // runs into a non-object fails with {kResultPathError, "Unable to apply
  // ReferencePath $.x to input \"...\""} (at the root) or "Unable to apply
  // step \"x\" to input {...}" (further down), as AWS words it.
  Result<Json> Assign(const Json& root, const Json& value) const;

  struct Impl;

 private:
  const Json* RootValue(const EvalContext& ctx) const;
  std::shared_ptr<const Impl> impl_;
};

// The error AWS reports when ResultPath or ItemsPath cannot be applied.
// Real executions show "States.ReferencePathConflict" (the ASL spec's name
// for it is States.ResultPathMatchFailure).
inline constexpr char kResultPathError[] = "States.ReferencePathConflict";

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_JSONPATH_H_
