// asl/expressions/payload.h
//
// Payload templates: Parameters, ResultSelector, ItemSelector, Arguments,
// Output, Assign values and Credentials. In JSONPath mode a key ending in
// ".$" takes a path, a Context path, a variable or an intrinsic call; in
// JSONata mode any string of the form "{% expr %}", at any depth, is an
// expression. Compiled once; constant subtrees are built once at compile
// time and shared. Immutable and thread-safe afterwards.
//
// JSONata expressions see the variables in scope (EvalContext::variables)
// and $states = {"input", "context", "result", "errorOutput"} (the members
// whose EvalContext pointers are set).
#ifndef SFN_ASL_EXPRESSIONS_PAYLOAD_H_
#define SFN_ASL_EXPRESSIONS_PAYLOAD_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::asl {

enum class QueryLanguage { kJsonPath, kJsonata };

class PayloadTemplate {
 public:
  // Compiles `tmpl` for the given query language. On failure the AslError's
  // cause is the text after "SCHEMA_VALIDATION_FAILED: " that AWS reports,
  // without the " at /path" suffix (e.g. "The value for the field 'x.$'
  // must be a valid JSONPath or a valid intrinsic function call").
  static Result<PayloadTemplate> Compile(const Json& tmpl, QueryLanguage language);
  // The same; `field` ("Output", "Arguments", "Assign", ...) names the
  // template in JSONata error causes ("... for the field 'Output/result'").
  static Result<PayloadTemplate> Compile(const Json& tmpl, QueryLanguage language,
                                         std::string_view field);

  // Builds the payload. Runtime failures carry AWS's error names and cause
  // texts without the "An error occurred while executing the state ..."
  // prefix, which the interpreter adds:
  //  - States.Runtime: "The JSONPath '$.x' specified for the field 'k.$'
  //    could not be found in the input '{...}'"
  //  - States.IntrinsicFailure: see IntrinsicCall
  //  - States.QueryEvaluationError: "The JSONata expression 'e' specified
  //    for the field 'F/k' returned nothing (undefined)." or "... threw an
  //    error during evaluation. T1006: Attempted to invoke a non-function".
  //    F is the compile-time field; without one the location is relative
  //    ("k", "a/b[0]", or "" for a template that is one expression).
  Result<Json> Evaluate(const EvalContext& ctx) const;
  // The same, naming the template's field at run time (overrides Compile's).
  Result<Json> Evaluate(const EvalContext& ctx, std::string_view field) const;

  // True when the template contains no paths or expressions at all.
  bool is_constant() const;
  // Variables the template reads ("$x" in paths, intrinsics and JSONata;
  // not "$states"), once each, in order of appearance. For variableReferences.
  std::vector<std::string> VariableReferences() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::string field_;
};

// Evaluates one JSONata string field ("{% ... %}" or a literal) used by
// TimeoutSeconds, Seconds, Condition, Items and friends. A default-
// constructed JsonataValue is the constant null.
class JsonataValue {
 public:
  static Result<JsonataValue> Compile(const Json& value);
  // `field` ("Items", "TimeoutSeconds", ...) names the field in causes.
  static Result<JsonataValue> Compile(const Json& value, std::string_view field);
  // The constant, or the expression's value; failures as for
  // PayloadTemplate (States.QueryEvaluationError).
  Result<Json> Evaluate(const EvalContext& ctx) const;
  bool is_expression() const;
  // The expression between "{%" and "%}", trimmed ("" for a constant).
  const std::string& expression_text() const;
  std::vector<std::string> VariableReferences() const;
  // AWS's error for a result of the wrong type, e.g. for Items:
  // {"States.QueryEvaluationError", "The JSONata expression '$x' specified
  // for the field 'Items' returned an unexpected result type. Expected
  // 'array', but was 'string' for value: \"s\""}.
  AslError UnexpectedType(std::string_view expected, const Json& value) const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_PAYLOAD_H_
