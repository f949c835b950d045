// emulator/records/history_events.cc
#include "emulator/records/history_events.h"

#include "asl/interpreter/state_io.h"

namespace sfn::emulator {

namespace {

const Json& NotTruncated() {
  static const Json* value = new Json(Json::MakeObject({{"truncated", Json(false)}}));
  return *value;
}

}  // namespace

Json ExecutionStartedDetails(const ExecutionSpec& spec) {
  return DetailsWithInput(Json(spec.input_text.empty() ? "{}" : spec.input_text),
                          ExecutionStartedDetailsButInput(spec));
}

Json ExecutionStartedDetailsButInput(const ExecutionSpec& spec) {
  Json::Object d;
  d.emplace_back("inputDetails", NotTruncated());
  d.emplace_back("roleArn", Json(spec.role_arn));
  if (!spec.alias_arn.empty()) d.emplace_back("stateMachineAliasArn", Json(spec.alias_arn));
  if (!spec.version_arn.empty()) d.emplace_back("stateMachineVersionArn", Json(spec.version_arn));
  return Json::MakeObject(std::move(d));
}

Json ExecutionSucceededDetails(const Json& output_text) {
  return asl::StateIoDetails(asl::EventType::kExecutionSucceeded, nullptr, output_text);
}

Json ErrorCauseDetails(const std::string& error, bool has_error, const std::string& cause,
                       bool has_cause) {
  Json::Object d;
  if (has_error) d.emplace_back("error", Json(error));
  if (has_cause) d.emplace_back("cause", Json(cause));
  return Json::MakeObject(std::move(d));
}

Json MapIterationDetails(const std::string& map_state_name, int64_t index) {
  return Json::MakeObject({{"name", Json(map_state_name)}, {"index", Json(index)}});
}

}  // namespace sfn::emulator
