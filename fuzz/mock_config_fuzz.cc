// fuzz/mock_config_fuzz.cc: a Step Functions Local mock file
// (`serve --mock-config`) from arbitrary text: MockConfig::FromJson, then
// lookups of the test cases, states and attempts the file itself names.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "mocks/mock_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfn::JsonParseResult doc = sfn::ParseJson(sfn::fuzz::AsText(data, size));
  if (!doc.ok) return 0;
  auto config = sfn::mocks::MockConfig::FromJson(doc.value, "mocks.json");
  if (!config.ok()) return 0;
  const sfn::Json* machines = doc.value.Find("StateMachines");
  if (machines == nullptr || !machines->is_object()) return 0;
  for (const auto& [machine, body] : machines->AsObject()) {
    const sfn::Json* cases = body.Find("TestCases");
    if (cases == nullptr || !cases->is_object()) continue;
    for (const auto& [test_case, states] : cases->AsObject()) {
      (void)config.value()->HasTestCase(machine, test_case);
      if (!states.is_object()) continue;
      for (const auto& member : states.AsObject())
        for (int attempt : {0, 1, 2, 7, 1000}) (void)config.value()->Find(machine, test_case, member.first, attempt);
    }
  }
  return 0;
}
