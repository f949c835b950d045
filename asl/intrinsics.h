// asl/intrinsics.h
//
// Intrinsic functions of JSONPath mode ("States.Format('{}', $.x)"), parsed
// once into a call tree and evaluated against an EvalContext. The registry
// is a table keyed by function name with arity rules. Immutable after
// Compile(); thread-safe.
#ifndef SFN_ASL_INTRINSICS_H_
#define SFN_ASL_INTRINSICS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/eval_context.h"
#include "asl/json.h"
#include "asl/status.h"

namespace sfn::asl {

class IntrinsicCall {
 public:
  // True when `text` looks like an intrinsic call ("States.Name(...)").
  static bool LooksLikeCall(std::string_view text);
  // Parses a call; unknown functions, bad arity, bad syntax and nesting
  // beyond 10 levels fail with a cause for the InvalidDefinition message.
  static Result<IntrinsicCall> Compile(std::string_view text);
  // Evaluates; failures are States.IntrinsicFailure (or States.Runtime for
  // unresolvable paths) with AWS's cause texts.
  Result<Json> Evaluate(const EvalContext& ctx) const;
  std::vector<std::string> VariableReferences() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_INTRINSICS_H_
