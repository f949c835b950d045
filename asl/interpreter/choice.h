// asl/interpreter/choice.h
//
// Choice rule evaluation: the JSONPath comparison operators (String*,
// Numeric*, Boolean*, Timestamp*, their ...Path forms, StringMatches, Is*),
// And/Or/Not, and the JSONata Condition; plus the RFC 3339 timestamp parser
// that Timestamp comparisons and Wait states share. Pure functions over the
// immutable AST: safe from any thread.
#ifndef SFN_ASL_INTERPRETER_CHOICE_H_
#define SFN_ASL_INTERPRETER_CHOICE_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "asl/definition/definition.h"
#include "asl/core/eval_context.h"
#include "asl/core/status.h"

namespace sfn::asl {

// True when the rule matches. A comparison whose Variable selects nothing is
// false for IsPresent (and the other Is* tests) and a States.Runtime error
// for every other operator, as AWS reports it; so is a "...Path" operand
// that selects nothing: "Invalid path '$.x': The choice state's condition
// path references an invalid value." JSONata Conditions that do not yield a
// boolean fail with States.QueryEvaluationError.
Result<bool> EvaluateChoiceRule(const ChoiceRule& rule, const EvalContext& ctx);

// StringMatches: '*' matches any run of characters; "\*" and "\\" stand for
// a literal star and backslash.
bool StringMatchesPattern(std::string_view value, std::string_view pattern);

// An instant with nanosecond precision, comparable across time zones.
struct Timestamp {
  int64_t seconds = 0;  // since the Unix epoch, UTC
  int32_t nanos = 0;
  bool operator==(const Timestamp& o) const { return seconds == o.seconds && nanos == o.nanos; }
  bool operator<(const Timestamp& o) const {
    return seconds < o.seconds || (seconds == o.seconds && nanos < o.nanos);
  }
};

// Parses the RFC 3339 profile AWS accepts: "2016-03-14T01:59:00Z", with an
// optional fraction and either 'Z' or a numeric offset; upper-case 'T' and
// 'Z' only. Returns nullopt for anything else (including impossible dates).
std::optional<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_CHOICE_H_
