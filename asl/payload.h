// asl/payload.h
//
// Payload templates: Parameters, ResultSelector, ItemSelector, Arguments,
// Output, Assign values and Credentials. In JSONPath mode a key ending in
// ".$" takes a path, a Context path, a variable or an intrinsic call; in
// JSONata mode any string of the form "{% expr %}", at any depth, is an
// expression. Compiled once; immutable and thread-safe afterwards.
#ifndef SFN_ASL_PAYLOAD_H_
#define SFN_ASL_PAYLOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "asl/eval_context.h"
#include "asl/json.h"
#include "asl/status.h"

namespace sfn::asl {

enum class QueryLanguage { kJsonPath, kJsonata };

class PayloadTemplate {
 public:
  // Compiles `tmpl` for the given query language. On failure the AslError's
  // cause is the text after "SCHEMA_VALIDATION_FAILED: " that AWS reports,
  // without the " at /path" suffix (e.g. "The value for the field 'x.$'
  // must be a valid JSONPath or a valid intrinsic function call"). `field`
  // names the template's field for messages (e.g. "Parameters").
  static Result<PayloadTemplate> Compile(const Json& tmpl, QueryLanguage language);

  // Builds the payload. Runtime failures carry AWS's error names and cause
  // texts (States.Runtime, States.IntrinsicFailure, States.QueryEvaluationError).
  Result<Json> Evaluate(const EvalContext& ctx) const;

  // True when the template contains no paths or expressions at all.
  bool is_constant() const;
  // Variables the template reads, for variableReferences.
  std::vector<std::string> VariableReferences() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

// Evaluates one JSONata string field ("{% ... %}" or a literal) used by
// TimeoutSeconds, Seconds, Condition, Items and friends.
class JsonataValue {
 public:
  static Result<JsonataValue> Compile(const Json& value);
  Result<Json> Evaluate(const EvalContext& ctx) const;
  bool is_expression() const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_PAYLOAD_H_
