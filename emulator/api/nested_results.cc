// emulator/api/nested_results.cc
#include "emulator/api/nested_results.h"

#include <chrono>

#include "asl/core/errors.h"
#include "asl/core/uuid.h"
#include "mocks/http/aws_headers.h"

namespace sfn::emulator {

namespace {

constexpr std::string_view kResourcePrefix = ":states:::states:startExecution";

Json HeaderList(Json value) { return Json::MakeArray({std::move(value)}); }

// The SDK's view of the HTTP answer, as recorded from AWS for this
// integration: all headers as lists in arrival order, then single values
// sorted by name.
Json HttpMetadata(const Json& request_id, const Json& length) {
  const Json date(mocks::HttpDate(std::chrono::system_clock::now()));
  const Json keep_alive("keep-alive");
  const Json type("application/x-amz-json-1.0");
  Json all = Json::MakeObject({{"x-amzn-RequestId", HeaderList(request_id)},
                               {"connection", HeaderList(keep_alive)},
                               {"Content-Length", HeaderList(length)},
                               {"Date", HeaderList(date)},
                               {"Content-Type", HeaderList(type)}});
  Json single = Json::MakeObject({{"connection", keep_alive},
                                  {"Content-Length", length},
                                  {"Content-Type", type},
                                  {"Date", date},
                                  {"x-amzn-RequestId", request_id}});
  return Json::MakeObject({{"AllHttpHeaders", std::move(all)},
                           {"HttpHeaders", std::move(single)},
                           {"HttpStatusCode", 200}});
}

// The redrive members DescribeExecution shows for a finished child.
void AddRedrive(ExecutionStatus status, Json::Object* out) {
  out->emplace_back("RedriveCount", 0);
  if (status == ExecutionStatus::kSucceeded) {
    out->emplace_back("RedriveStatus", "NOT_REDRIVABLE");
    out->emplace_back("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
  } else {
    out->emplace_back("RedriveStatus", "REDRIVABLE");
  }
}

Json Payload(const std::string& text, bool parsed) {
  if (!parsed) return Json(text);
  JsonParseResult r = ParseJson(text);
  return r.ok ? r.value : Json(text);
}

}  // namespace

std::optional<NestedPattern> ParseNestedResource(std::string_view resource) {
  if (resource.substr(0, 4) != "arn:") return std::nullopt;
  const size_t at = resource.find(kResourcePrefix);
  if (at == std::string_view::npos || resource.find(':', 4) != at) return std::nullopt;
  const std::string_view suffix = resource.substr(at + kResourcePrefix.size());
  if (suffix.empty()) return NestedPattern::kRequestResponse;
  if (suffix == ".sync") return NestedPattern::kSync;
  if (suffix == ".sync:2") return NestedPattern::kSync2;
  if (suffix == ".waitForTaskToken") return NestedPattern::kWaitForTaskToken;
  return std::nullopt;
}

Json StartedResult(const std::string& execution_arn, int64_t start_ms) {
  return Json::MakeObject({{"ExecutionArn", Json(execution_arn)}, {"StartDate", start_ms}});
}

Json StartedResultWithMetadata(const std::string& execution_arn, int64_t start_ms,
                               size_t response_length) {
  const Json request_id(RandomUuid());
  return Json::MakeObject(
      {{"ExecutionArn", Json(execution_arn)},
       {"SdkHttpMetadata", HttpMetadata(request_id, Json(std::to_string(response_length)))},
       {"SdkResponseMetadata", Json::MakeObject({{"RequestId", request_id}})},
       {"StartDate", start_ms}});
}

// Members in alphabetical order, as AWS's serializer writes them.
Json DescribedResult(const Execution& child, bool parsed) {
  const ExecutionSpec& s = child.spec();
  const ExecutionEnd end = child.end();
  const Json included = Json::MakeObject({{"Included", true}});
  Json::Object out;
  if (end.has_cause) out.emplace_back("Cause", Json(end.cause));
  if (end.has_error) out.emplace_back("Error", Json(end.error));
  out.emplace_back("ExecutionArn", Json(s.arn));
  out.emplace_back("Input", Payload(s.input_text.empty() ? "{}" : s.input_text, parsed));
  out.emplace_back("InputDetails", included);
  out.emplace_back("Name", Json(s.name));
  if (end.output_text.is_string()) {
    out.emplace_back("Output", parsed ? *end.output() : end.output_text);
    out.emplace_back("OutputDetails", included);
  }
  AddRedrive(end.status, &out);
  out.emplace_back("StartDate", s.start_ms);
  if (!s.alias_arn.empty()) out.emplace_back("StateMachineAliasArn", Json(s.alias_arn));
  out.emplace_back("StateMachineArn", Json(s.state_machine_arn));
  if (!s.version_arn.empty()) out.emplace_back("StateMachineVersionArn", Json(s.version_arn));
  out.emplace_back("Status", Json(ExecutionStatusName(end.status)));
  if (end.status != ExecutionStatus::kRunning) out.emplace_back("StopDate", end.stop_ms);
  return Json::MakeObject(std::move(out));
}

AslError StartRefused(std::string_view code, std::string_view message) {
  std::string cause(message);
  cause += " (Service: AWSStepFunctions; Status Code: 400; Error Code: ";
  cause += code;
  cause += "; Request ID: " + RandomUuid() + "; Proxy: null)";
  return AslError{"StepFunctions." + std::string(code) + "Exception", std::move(cause)};
}

std::string ManagingTaskAbortedCause(const std::string& parent_execution_arn) {
  return "The Task state in AWS Step Functions execution [" + parent_execution_arn +
         "] which was managing this resource was aborted";
}

}  // namespace sfn::emulator
