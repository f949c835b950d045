// asl/expressions/intrinsics.h
//
// Intrinsic functions of JSONPath mode ("States.Format('{}', $.x)"), parsed
// once into a call tree and evaluated against an EvalContext. The registry
// is a table keyed by function name with arity rules (18 functions, see
// intrinsics_functions.cc). Arguments are string literals ('...' with the
// escapes \' \{ \} \\), numbers, true/false/null, paths ($.a, $$.b, $var)
// and nested calls (at most 10 calls deep). Immutable after Compile();
// thread-safe.
#ifndef SFN_ASL_EXPRESSIONS_INTRINSICS_H_
#define SFN_ASL_EXPRESSIONS_INTRINSICS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::asl {

class IntrinsicCall {
 public:
  // True when `text` looks like an intrinsic call ("States.Name(...)").
  static bool LooksLikeCall(std::string_view text);
  // Parses a call; unknown functions, bad syntax and nesting
  // beyond 10 levels fail with a cause that says what is wrong (for
  // InvalidDefinition, callers usually report AWS's field-level text; see
  // InvalidFieldCause()). Like AWS, a wrong argument count is accepted here
  // and fails at evaluation.
  static Result<IntrinsicCall> Compile(std::string_view text);
  // "The value for the field 'k.$' must be a valid JSONPath or a valid
  // intrinsic function call": AWS's SCHEMA_VALIDATION_FAILED text for a
  // "k.$" value that is neither.
  static std::string InvalidFieldCause(std::string_view field);

  // Evaluates; refused arguments fail with States.Runtime and AWS's cause
  // "There was an error while evaluating the intrinsic function: <text()>.
  // Invalid arguments in States.<Name>"; a path argument that matches nothing
  // fails with States.Runtime
  // (worded for `field`, e.g. "k.$", when given; see JsonPath::Select).
  Result<Json> Evaluate(const EvalContext& ctx) const;
  Result<Json> Evaluate(const EvalContext& ctx, std::string_view field) const;
  // Names of the variables ($name...) read by the call and its arguments.
  std::vector<std::string> VariableReferences() const;
  const std::string& text() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::shared_ptr<const std::string> text_;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_INTRINSICS_H_
