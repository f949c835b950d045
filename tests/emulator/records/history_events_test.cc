// tests/emulator/records/history_events_test.cc
#include "emulator/records/history_events.h"

#include <doctest/doctest.h>

#include "tests/support/json_helpers.h"

namespace sfn::emulator {
namespace {

using testing::ParseOrDie;

TEST_CASE("ExecutionStartedDetails: input text as sent, ARNs only when set") {
  ExecutionSpec spec;
  spec.input_text = R"({ "a" : 1 })";
  spec.role_arn = "arn:aws:iam::123456789012:role/R";
  CHECK(Dump(ExecutionStartedDetails(spec)) ==
        R"({"input":"{ \"a\" : 1 }","inputDetails":{"truncated":false},)"
        R"("roleArn":"arn:aws:iam::123456789012:role/R"})");
  spec.input_text.clear();  // no input: {}
  spec.version_arn = "arn:sm:M:1";
  spec.alias_arn = "arn:sm:M:prod";
  CHECK(Dump(ExecutionStartedDetails(spec)) ==
        R"({"input":"{}","inputDetails":{"truncated":false},)"
        R"("roleArn":"arn:aws:iam::123456789012:role/R",)"
        R"("stateMachineAliasArn":"arn:sm:M:prod","stateMachineVersionArn":"arn:sm:M:1"})");
}

TEST_CASE("ExecutionSucceededDetails, ErrorCauseDetails and MapIterationDetails") {
  CHECK(Dump(ExecutionSucceededDetails(Json("[1]"))) ==
        R"({"output":"[1]","outputDetails":{"truncated":false}})");
  CHECK(Dump(ErrorCauseDetails("E", true, "C", true)) == R"({"error":"E","cause":"C"})");
  CHECK(Dump(ErrorCauseDetails("E", true, "", false)) == R"({"error":"E"})");
  CHECK(Dump(ErrorCauseDetails("", false, "C", true)) == R"({"cause":"C"})");
  CHECK(Dump(ErrorCauseDetails("", false, "", false)) == "{}");
  CHECK(Dump(MapIterationDetails("M", 3)) == R"({"name":"M","index":3})");
}

}  // namespace
}  // namespace sfn::emulator
