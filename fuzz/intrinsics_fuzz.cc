// fuzz/intrinsics_fuzz.cc: IntrinsicCall::Compile on the input up to its first NUL byte, then
// Evaluate against the rest (when it is JSON) as "$" and "$$".
#include <cstddef>
#include <cstdint>

#include "asl/expressions/intrinsics.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfn::fuzz::ExpressionInput in = sfn::fuzz::SplitExpression(sfn::fuzz::AsText(data, size));
  (void)sfn::asl::IntrinsicCall::LooksLikeCall(in.expression);
  auto call = sfn::asl::IntrinsicCall::Compile(in.expression);
  if (!call.ok()) return 0;
  sfn::fuzz::DocumentContext context(&in.document);
  const sfn::asl::EvalContext& ctx = context.ctx;
  (void)call.value().Evaluate(ctx);
  (void)call.value().Evaluate(ctx, "field.$");
  return 0;
}
