// tests/asl/interpreter/context_object_test.cc
#include "asl/interpreter/context_object.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/json_helpers.h"

namespace sfn::asl {
namespace {

using testing::ParseOrDie;

TEST_CASE("FormatIsoMillis prints UTC with milliseconds") {
  CHECK(FormatIsoMillis(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatIsoMillis(1704164645678) == "2024-01-02T03:04:05.678Z");
  CHECK(FormatIsoMillis(951782400000) == "2000-02-29T00:00:00.000Z");  // leap day
  CHECK(FormatIsoMillis(253402300799999) == "9999-12-31T23:59:59.999Z");
  CHECK(FormatIsoMillis(-1) == "1969-12-31T23:59:59.999Z");
  std::string out = "at ";
  AppendIsoMillis(1704164645678, &out);
  CHECK(out == "at 2024-01-02T03:04:05.678Z");
}

ExecutionContextInfo Info() {
  ExecutionContextInfo info;
  info.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:M:E";
  info.execution_name = "E";
  info.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:M";
  info.state_machine_name = "M";
  info.role_arn = "arn:aws:iam::123456789012:role/R";
  info.input = ParseOrDie(R"({"k":1})");
  info.start_ms = 1704164645000;
  info.redrive_count = 2;
  return info;
}

TEST_CASE("MakeExecutionContext and MakeStateMachineContext") {
  CHECK(Dump(MakeExecutionContext(Info())) ==
        R"({"Id":"arn:aws:states:us-east-1:123456789012:execution:M:E","Input":{"k":1},)"
        R"("StartTime":"2024-01-02T03:04:05.000Z","Name":"E",)"
        R"("RoleArn":"arn:aws:iam::123456789012:role/R","RedriveCount":2})");
  CHECK(Dump(MakeStateMachineContext(Info())) ==
        R"({"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:M","Name":"M"})");
}

TEST_CASE("BuildContextObject adds RetryCount, Task and Map only when given") {
  const Json execution = ParseOrDie(R"({"Name":"E"})");
  const Json machine = ParseOrDie(R"({"Name":"M"})");
  StateContextInfo state;
  state.state_name = "S";
  state.entered_ms = 1704164645678;
  CHECK(Dump(BuildContextObject(execution, machine, state)) ==
        R"({"Execution":{"Name":"E"},"StateMachine":{"Name":"M"},)"
        R"("State":{"Name":"S","EnteredTime":"2024-01-02T03:04:05.678Z"}})");
  const Json item = MakeMapItem(4, ParseOrDie(R"({"v":true})"));
  CHECK(Dump(item) == R"({"Index":4,"Value":{"v":true}})");
  state.retry_count = 0;
  state.task_token = "tok";
  state.map_item = &item;
  CHECK(Dump(BuildContextObject(execution, machine, state)) ==
        R"({"Execution":{"Name":"E"},"StateMachine":{"Name":"M"},)"
        R"("State":{"Name":"S","EnteredTime":"2024-01-02T03:04:05.678Z","RetryCount":0},)"
        R"("Task":{"Token":"tok"},"Map":{"Item":{"Index":4,"Value":{"v":true}}}})");
}

}  // namespace
}  // namespace sfn::asl
