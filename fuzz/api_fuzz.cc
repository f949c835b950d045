// fuzz/api_fuzz.cc: the Step Functions API without HTTP. An input is a
// sequence of calls, each "Action\tbody" on its own line (an unknown action
// name picks one from the table by its length), made through Service::Call
// against a fresh in-memory Store. Executions are recorded but never run
// (a runner that does nothing), so no task runs and no thread starts.
// GetActivityTask and StartSyncExecution, which wait, are left out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/api/actions.h"
#include "emulator/engine/clock.h"
#include "fuzz/fuzz_support.h"
// NoRunner comes from the tests' support; its doctest checks compile away.
#define DOCTEST_CONFIG_DISABLE
#include "tests/support/test_execution.h"

namespace {

constexpr const char* kActions[] = {
    "CreateActivity", "CreateStateMachine", "CreateStateMachineAlias", "DeleteActivity",
    "DeleteStateMachine", "DeleteStateMachineAlias", "DeleteStateMachineVersion",
    "DescribeActivity", "DescribeExecution", "DescribeMapRun", "DescribeStateMachine",
    "DescribeStateMachineAlias", "DescribeStateMachineForExecution", "GetExecutionHistory",
    "ListActivities", "ListExecutions", "ListMapRuns", "ListStateMachineAliases",
    "ListStateMachineVersions", "ListStateMachines", "ListTagsForResource",
    "PublishStateMachineVersion", "RedriveExecution", "SendTaskFailure", "SendTaskHeartbeat",
    "SendTaskSuccess", "StartExecution", "StopExecution", "TagResource", "TestState",
    "UntagResource", "UpdateMapRun", "UpdateStateMachine", "UpdateStateMachineAlias",
    "ValidateStateMachineDefinition"};

std::string_view PickAction(std::string_view name) {
  for (const char* a : kActions)
    if (name == a) return a;
  return kActions[name.size() % (sizeof kActions / sizeof kActions[0])];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sfn::emulator;
  Store store{[] { return int64_t{1767225600000}; }};
  sfn::testing::NoRunner runner;
  Activities activities;
  Service service(&store, &runner, {}, &activities);
  CallContext ctx;
  std::string_view text = sfn::fuzz::AsText(data, size);
  for (int calls = 0; !text.empty() && calls < 16; ++calls) {
    const size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    Service::Response r = service.Call(PickAction(line.substr(0, tab)), line.substr(tab + 1), ctx);
    if (r.http_status != 200 && r.error_code.empty()) __builtin_trap();
  }
  return 0;
}
