// fuzz/definition_fuzz.cc: ParseDefinition (the JSON syntax check, every
// field, path, template, intrinsic and JSONata expression it compiles, and
// the validator) on arbitrary text, as STANDARD and as EXPRESS.
#include <cstddef>
#include <cstdint>

#include "asl/definition/parser.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfn::asl::ParseOptions options;
  if (size > 0 && data[0] == 'E') options.type = "EXPRESS";
  sfn::asl::ParseResult r = sfn::asl::ParseDefinition(sfn::fuzz::AsText(data, size), options);
  if (!r.machine && r.invalid_definition_message.empty() && r.diagnostics.empty()) __builtin_trap();
  return 0;
}
