// tests/asl/jsonata/jsonata_test_util.h
//
// Helpers for the JSONata engine's tests: compile and evaluate in one call
// and describe the outcome as one string, so that a CHECK compares exact
// values ("[1,2]"), "undefined", or "CODE: message".
#ifndef SFN_TESTS_ASL_JSONATA_JSONATA_TEST_UTIL_H_
#define SFN_TESTS_ASL_JSONATA_JSONATA_TEST_UTIL_H_

#include <map>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/jsonata/jsonata.h"
#include "tests/support/fake_environment.h"

namespace sfn::asl::jsonata::testing {

// The answers the JSONata tests expect from $now, $millis, $random, $uuid.
struct FixedEnvironment : sfn::testing::FakeEnvironment {
  FixedEnvironment() {
    random = 0.25;
    uuid = "123e4567-e89b-42d3-a456-426614174000";
    now_ms = 1700000000123;  // 2023-11-14T22:13:20.123Z
  }
};

inline std::string Describe(const EvalResult& r) {
  if (!r.ok) return r.error.code + ": " + r.error.message;
  if (!r.defined) return "undefined";
  return Dump(r.value);
}

// Evaluates `expr` against `input` (JSON text; empty: no input).
inline std::string Run(std::string_view expr, std::string_view input = "",
                       EvalOptions options = EvalOptions()) {
  JsonataError error;
  auto compiled = Expression::Compile(expr, &error);
  if (!compiled) return error.code + ": " + error.message;
  Json doc;
  if (!input.empty()) doc = ParseJson(input).value;
  return Describe(compiled->Evaluate(input.empty() ? nullptr : &doc, options));
}

// Plain JSONata (no Step Functions additions, $eval available).
inline std::string RunPlain(std::string_view expr, std::string_view input = "") {
  EvalOptions options;
  options.step_functions = false;
  return Run(expr, input, options);
}

// The compile error of `expr`, as "CODE@position token: message".
inline std::string CompileError(std::string_view expr) {
  JsonataError error;
  auto compiled = Expression::Compile(expr, &error);
  if (compiled) return "compiled";
  return error.code + "@" + std::to_string(error.position) + " " + error.token + ": " +
         error.message;
}

}  // namespace sfn::asl::jsonata::testing

#endif  // SFN_TESTS_ASL_JSONATA_JSONATA_TEST_UTIL_H_
