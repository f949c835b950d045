// asl/interpreter/variables.h
//
// Variable scopes for Assign. A VariableScope holds the variables assigned
// in one Run (the execution, a Parallel branch or a Map iteration) and
// reads through to its outer scope; writes always land in the scope itself,
// so inner runs can read outer variables but never change them. A scope is
// owned by its Run; the outer scope it points to must outlive it (the parent
// Run is parked while its children run, so nothing writes the outer scope
// concurrently and concurrent reads need no lock).
#ifndef SFN_ASL_INTERPRETER_VARIABLES_H_
#define SFN_ASL_INTERPRETER_VARIABLES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::asl {

class PayloadTemplate;

// AWS's per-variable and per-Assign size limit (256 KiB of JSON text).
inline constexpr size_t kMaxAssignBytes = 256 * 1024;

class VariableScope : public VariableLookup {
 public:
  // `outer` is borrowed (may be null: no outer variables).
  explicit VariableScope(const VariableScope* outer = nullptr) : outer_(outer) {}

  const Json* Find(std::string_view name) const override;
  // Sets a variable of this scope (never the outer one).
  void Set(std::string_view name, Json value);
  bool empty() const { return vars_.empty(); }
  // Drops every variable of this scope (a Map lane reuses its scope for the
  // next iteration).
  void Clear() { vars_.clear(); }
  const VariableScope* outer() const { return outer_; }
  // This scope's own variables, in the order they were first set.
  const std::vector<std::pair<std::string, Json>>& entries() const { return vars_; }

 private:
  const VariableScope* outer_;
  // Few variables per scope: a vector beats a hash map here.
  std::vector<std::pair<std::string, Json>> vars_;
};

// The result of evaluating an Assign block: the values to set, each with its
// JSON text for the *StateExited event's assignedVariables.
struct Assignment {
  Json values;   // object: name -> value (empty object: nothing assigned)
  Json details;  // object: name -> JSON text (a Json string), as AWS records it
};

// Evaluates every value of `assign` against `ctx` (so all of them see the
// variables as they were on state entry) and checks AWS's size limit. The
// caller commits the result with Commit() once the state's other outputs
// are known.
Result<Assignment> EvaluateAssign(const PayloadTemplate& assign, const EvalContext& ctx);

// Writes every assigned value into `scope`.
void Commit(const Assignment& assignment, VariableScope* scope);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_VARIABLES_H_
