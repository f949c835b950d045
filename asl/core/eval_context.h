// asl/core/eval_context.h
//
// What an expression sees when it is evaluated: the state's input ($), the
// Context object ($$ / $states.context), the variables in scope, and the
// seams for randomness and time. Everything is borrowed: the caller keeps the
// pointed-to values alive for the duration of one evaluation. Evaluation never
// mutates the context, so one context may serve concurrent evaluations only if
// its Environment is thread-safe.
#ifndef SFN_ASL_CORE_EVAL_CONTEXT_H_
#define SFN_ASL_CORE_EVAL_CONTEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/json.h"

namespace sfn::asl {

// Read access to the variables visible from the current state (Assign).
class VariableLookup {
 public:
  virtual ~VariableLookup() = default;
  // The variable's value, or nullptr when no such variable is in scope.
  virtual const Json* Find(std::string_view name) const = 0;
};

// Randomness, identifiers and time: the only non-deterministic inputs of the
// language (States.MathRandom, States.UUID, $random, $uuid, $now, $millis).
class Environment {
 public:
  virtual ~Environment() = default;
  virtual double NextRandom() = 0;          // uniform in [0, 1)
  virtual std::string NewUuid() = 0;        // RFC 4122 version 4, lower case
  virtual int64_t NowMillis() = 0;          // Unix epoch milliseconds
};

struct EvalContext {
  const Json* input = nullptr;               // "$" in JSONPath; $states.input in JSONata
  const Json* context = nullptr;             // "$$" / $states.context (may be null)
  const VariableLookup* variables = nullptr; // may be null: no variables in scope
  // JSONata only: $states.result and $states.errorOutput where the field allows them.
  const Json* result = nullptr;
  const Json* error_output = nullptr;
  Environment* env = nullptr;                // may be null in tests of pure expressions
};

}  // namespace sfn::asl

#endif  // SFN_ASL_CORE_EVAL_CONTEXT_H_
