// fuzz/fuzz_support.h
//
// What the libFuzzer targets share: splitting an input into an expression
// and the JSON document it runs against, and a deterministic Environment
// (fixed clock, counter UUIDs, a fixed random sequence) so that a crash
// reproduces from its input alone. Single-threaded, like libFuzzer.
#ifndef SFN_FUZZ_FUZZ_SUPPORT_H_
#define SFN_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"

namespace sfn::fuzz {

// The input as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// "EXPRESSION\0DOCUMENT": the expression, and the document parsed from the
// rest (a fixed document with objects, arrays, strings and numbers when the
// rest is absent or not JSON).
struct ExpressionInput {
  std::string expression;
  Json document;
};

inline ExpressionInput SplitExpression(std::string_view text) {
  static const Json kDefault =
      ParseJson(R"({"a":1,"b":[1,2.5,"x",null,true,{"c":[3,4]}],"s":"text","o":{"k":{"k":"v"}}})")
          .value;
  ExpressionInput in;
  const size_t newline = text.find('\0');
  in.expression = std::string(text.substr(0, newline));
  in.document = kDefault;
  if (newline != std::string_view::npos) {
    JsonParseResult parsed = ParseJson(text.substr(newline + 1));
    if (parsed.ok) in.document = parsed.value;
  }
  return in;
}

class FixedEnvironment : public asl::Environment {
 public:
  double NextRandom() override {
    next_ = next_ * 0.618 + 0.1;
    next_ -= static_cast<int64_t>(next_);
    return next_;
  }
  std::string NewUuid() override {
    const std::string n = std::to_string(++uuids_ % 1000000000000);
    return "00000000-0000-4000-8000-" + std::string(12 - n.size(), '0') + n;
  }
  int64_t NowMillis() override { return 1767225600000; }  // 2026-01-01T00:00:00Z

 private:
  double next_ = 0.25;
  int64_t uuids_ = 0;
};

// An EvalContext with `document` as "$" and "$$" and a FixedEnvironment.
struct DocumentContext {
  explicit DocumentContext(const Json* document) {
    ctx.input = document;
    ctx.context = document;
    ctx.env = &env;
  }
  FixedEnvironment env;
  asl::EvalContext ctx;
};

}  // namespace sfn::fuzz

#endif  // SFN_FUZZ_FUZZ_SUPPORT_H_
