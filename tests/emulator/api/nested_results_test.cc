// tests/emulator/api/nested_results_test.cc
#include "emulator/api/nested_results.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sfn::emulator;
using sfn::Json;

namespace {

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.AsObject()) keys.push_back(key);
  return keys;
}

std::shared_ptr<Execution> Child(ExecutionEnd end) {
  ExecutionSpec spec;
  spec.arn = "arn:aws:states:us-east-1:123456789012:execution:child:run";
  spec.name = "run";
  spec.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
  spec.input_text = R"({"who":"Ada"})";
  spec.start_ms = 1000;
  auto child = std::make_shared<Execution>(spec);
  end.stop_ms = 2000;
  child->Finish(std::move(end));
  return child;
}

}  // namespace

TEST_CASE("ParseNestedResource knows the four patterns and nothing else") {
  CHECK(ParseNestedResource("arn:aws:states:::states:startExecution") ==
        NestedPattern::kRequestResponse);
  CHECK(ParseNestedResource("arn:aws:states:::states:startExecution.sync") == NestedPattern::kSync);
  CHECK(ParseNestedResource("arn:aws:states:::states:startExecution.sync:2") ==
        NestedPattern::kSync2);
  CHECK(ParseNestedResource("arn:aws-cn:states:::states:startExecution.waitForTaskToken") ==
        NestedPattern::kWaitForTaskToken);
  CHECK_FALSE(ParseNestedResource("arn:aws:states:::states:startExecution.sync:3"));
  CHECK_FALSE(ParseNestedResource("arn:aws:states:::aws-sdk:sfn:startExecution"));
  CHECK_FALSE(ParseNestedResource("arn:aws:states:::lambda:invoke"));
  CHECK_FALSE(ParseNestedResource("startExecution"));
}

TEST_CASE("the StartExecution answer is in PascalCase with StartDate in milliseconds") {
  const std::string arn = "arn:aws:states:us-east-1:123456789012:execution:child:run";
  CHECK(sfn::Dump(StartedResult(arn, 1234)) ==
        R"({"ExecutionArn":")" + arn + R"(","StartDate":1234})");
  Json full = StartedResultWithMetadata(arn, 1234, 95);
  CHECK(Keys(full) == std::vector<std::string>{"ExecutionArn", "SdkHttpMetadata",
                                               "SdkResponseMetadata", "StartDate"});
  const Json& metadata = *full.Find("SdkHttpMetadata");
  CHECK(metadata.Find("HttpStatusCode")->AsInt() == 200);
  CHECK(metadata.Find("HttpHeaders")->Find("Content-Length")->AsString() == "95");
  CHECK(metadata.Find("HttpHeaders")->Find("x-amzn-RequestId")->AsString() ==
        full.Find("SdkResponseMetadata")->Find("RequestId")->AsString());
}

TEST_CASE("a succeeded child is described with Output as text (.sync) or JSON (.sync:2)") {
  ExecutionEnd end;
  end.status = ExecutionStatus::kSucceeded;
  end.output_text = Json(R"({"greeting":"hi"})");
  auto child = Child(end);
  Json text = DescribedResult(*child, false);
  CHECK(Keys(text) == std::vector<std::string>{"ExecutionArn", "Input", "InputDetails", "Name",
                                               "Output", "OutputDetails", "RedriveCount",
                                               "RedriveStatus", "RedriveStatusReason", "StartDate",
                                               "StateMachineArn", "Status", "StopDate"});
  CHECK(text.Find("Output")->AsString() == R"({"greeting":"hi"})");
  CHECK(text.Find("Input")->AsString() == R"({"who":"Ada"})");
  CHECK(text.Find("StartDate")->AsInt() == 1000);
  CHECK(text.Find("StopDate")->AsInt() == 2000);
  Json parsed = DescribedResult(*child, true);
  CHECK(parsed.Find("Output")->Find("greeting")->AsString() == "hi");
  CHECK(parsed.Find("Input")->Find("who")->AsString() == "Ada");
}

TEST_CASE("a failed child is described with its error and cause and no output") {
  ExecutionEnd end;
  end.status = ExecutionStatus::kFailed;
  end.error = "Boom";
  end.cause = "why";
  end.has_error = end.has_cause = true;
  Json d = DescribedResult(*Child(end), false);
  CHECK(Keys(d) == std::vector<std::string>{"Cause", "Error", "ExecutionArn", "Input",
                                            "InputDetails", "Name", "RedriveCount", "RedriveStatus",
                                            "StartDate", "StateMachineArn", "Status", "StopDate"});
  CHECK(d.Find("Status")->AsString() == "FAILED");
  CHECK(d.Find("RedriveStatus")->AsString() == "REDRIVABLE");
}

TEST_CASE("a refused StartExecution becomes StepFunctions.<Code>Exception with the SDK's cause") {
  sfn::AslError e = StartRefused("StateMachineDoesNotExist", "State Machine Does Not Exist: 'x'");
  CHECK(e.error == "StepFunctions.StateMachineDoesNotExistException");
  CHECK(e.cause.rfind(
            "State Machine Does Not Exist: 'x' (Service: AWSStepFunctions; Status Code: 400; "
            "Error Code: StateMachineDoesNotExist; Request ID: ",
            0) == 0);
  CHECK(e.cause.substr(e.cause.size() - 14) == "; Proxy: null)");
}
