// fuzz/jsonata_fuzz.cc: a JSONata expression (up to the first NUL byte) compiled and
// evaluated against the rest of the input (when it is JSON), with a small
// time, depth and sequence budget so that a runaway expression ends with
// JSONata's error (D1011, D1012, D2015) instead of stalling the fuzzer.
#include <cstddef>
#include <cstdint>
#include <map>

#include "asl/jsonata/jsonata.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace jsonata = sfn::asl::jsonata;
  sfn::fuzz::ExpressionInput in = sfn::fuzz::SplitExpression(sfn::fuzz::AsText(data, size));
  jsonata::JsonataError error;
  auto expression = jsonata::Expression::Compile(in.expression, &error);
  if (!expression) return 0;
  sfn::fuzz::FixedEnvironment env;
  const std::map<std::string, sfn::Json> bindings = {
      {"states", sfn::Json::MakeObject({{"input", in.document}})}};
  jsonata::EvalOptions options;
  options.bindings = &bindings;
  options.env = &env;
  options.limits.max_time_ms = 200;
  options.limits.max_sequence = 100000;
  (void)expression->Evaluate(&in.document, options);
  return 0;
}
