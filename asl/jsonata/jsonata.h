// asl/jsonata/jsonata.h
//
// The public face of sfn-local's JSONata 2.0 engine. An Expression is
// compiled once (when a state machine definition is created) and evaluated
// many times; it is immutable after Compile() and safe to evaluate from many
// threads at once.
#ifndef SFN_ASL_JSONATA_JSONATA_H_
#define SFN_ASL_JSONATA_JSONATA_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"

namespace sfn::asl::jsonata {

// A JSONata error: its code (S0201, T2001, D3030, ...), JSONata's message
// text, and the character position in the expression (a byte offset; for
// syntax errors just past the offending token, as jsonata-js reports it).
// AWS shows such errors as "<code>: <message>".
struct JsonataError {
  std::string code;
  std::string message;
  int64_t position = -1;
  std::string token;  // the offending token, when JSONata reports one
};

// Limits that stop runaway expressions with an error instead of a crash.
// A value <= 0 switches a limit off. Whatever the limits, evaluation also
// stops with D1011 before it exhausts the calling thread's stack, and values
// an expression builds may not nest deeper than 2000 levels.
struct EvalLimits {
  int max_depth = 500;              // nested evaluation frames (D1011)
  int64_t max_time_ms = 10000;      // wall time for one evaluation (D1012)
  int64_t max_sequence = 10000000;  // items in one generated sequence/range (D2015)
};

struct EvalOptions {
  // Bound variables: name (without '$') -> value. Step Functions binds
  // "states" plus every Assign variable here.
  const std::map<std::string, Json>* bindings = nullptr;
  // Optional extra lookup consulted after `bindings` (the ASL variable scope).
  const VariableLookup* variables = nullptr;
  // $now, $millis, $random, $uuid, $shuffle; null: the system clock and a
  // random generator. $now/$millis read the clock once per evaluation.
  Environment* env = nullptr;
  EvalLimits limits;
  // Step Functions mode: enables $partition, $range, $hash, $random(seed),
  // $uuid, $parse, and rejects $eval as AWS does (it is unbound, so a call
  // fails with T1006 "Attempted to invoke a non-function").
  bool step_functions = true;
};

// The outcome of an evaluation: a value, "undefined" (no value), or an error.
struct EvalResult {
  bool ok = true;
  bool defined = false;
  Json value;          // when ok && defined
  JsonataError error;  // when !ok
  // The result is, or contains, a function, which JSON cannot hold (AWS:
  // "returned an unsupported result type"). In `value` a function is null
  // at the top level or in an array, and dropped from objects.
  bool has_function = false;
};

class Expression {
 public:
  virtual ~Expression() = default;
  // Parses `text`; on failure returns nullptr and fills *error.
  static std::shared_ptr<const Expression> Compile(std::string_view text, JsonataError* error);
  // Evaluates against `input` (the context item "$"); `input` may be null
  // for "no input" (undefined).
  virtual EvalResult Evaluate(const Json* input, const EvalOptions& options) const = 0;
  // The names of the variables the expression reads ("$x" -> "x"), for
  // DescribeStateMachine's variableReferences: in order of first use,
  // without duplicates, without $ and $$, without names the expression
  // binds itself (:= or lambda parameters) and without built-in functions
  // called by name. "states" is included when the expression reads it.
  virtual std::vector<std::string> VariableReferences() const = 0;
};

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_JSONATA_H_
