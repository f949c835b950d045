// fuzz/jsonpath_fuzz.cc: JsonPath::Compile before the first NUL byte of the input,
// then every way a compiled path reads or writes a document (the rest of
// the input when it is JSON).
#include <cstddef>
#include <cstdint>

#include "asl/expressions/jsonpath.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfn::fuzz::ExpressionInput in = sfn::fuzz::SplitExpression(sfn::fuzz::AsText(data, size));
  auto path = sfn::asl::JsonPath::Compile(in.expression);
  if (!path.ok()) return 0;
  sfn::fuzz::DocumentContext context(&in.document);
  const sfn::asl::EvalContext& ctx = context.ctx;
  (void)path.value().Select(ctx);
  (void)path.value().Select(ctx, "field.$");
  (void)path.value().Find(ctx);
  if (path.value().is_reference_path()) {
    (void)path.value().SelectReference(ctx);
    (void)path.value().Assign(in.document, sfn::Json("value"));
  }
  return 0;
}
