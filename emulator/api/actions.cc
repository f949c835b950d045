// emulator/actions.cc: the action table and the path every request takes
// through it (find the action, deserialize, validate, run).
#include "emulator/api/actions.h"

#include <algorithm>
#include <exception>

#include "asl/core/json_syntax_error.h"
#include "emulator/api/actions_internal.h"

namespace sfn::emulator {
namespace actions {
namespace {

// Sorted by name, for binary search.
const Action kActions[] = {
    {"CreateActivity", &kCreateActivityInput, &CreateActivity},
    {"CreateStateMachine", &kCreateStateMachineInput, &CreateStateMachine},
    {"CreateStateMachineAlias", &kCreateStateMachineAliasInput, &CreateStateMachineAlias},
    {"DeleteActivity", &kDeleteActivityInput, &DeleteActivity},
    {"DeleteStateMachine", &kDeleteStateMachineInput, &DeleteStateMachine},
    {"DeleteStateMachineAlias", &kDeleteStateMachineAliasInput, &DeleteStateMachineAlias},
    {"DeleteStateMachineVersion", &kDeleteStateMachineVersionInput, &DeleteStateMachineVersion},
    {"DescribeActivity", &kDescribeActivityInput, &DescribeActivity},
    {"DescribeExecution", &kDescribeExecutionInput, &DescribeExecution},
    {"DescribeMapRun", &kDescribeMapRunInput, &DescribeMapRun},
    {"DescribeStateMachine", &kDescribeStateMachineInput, &DescribeStateMachine},
    {"DescribeStateMachineAlias", &kDescribeStateMachineAliasInput, &DescribeStateMachineAlias},
    {"DescribeStateMachineForExecution", &kDescribeStateMachineForExecutionInput,
     &DescribeStateMachineForExecution},
    {"GetActivityTask", &kGetActivityTaskInput, &GetActivityTask},
    {"GetExecutionHistory", &kGetExecutionHistoryInput, &GetExecutionHistory},
    {"ListActivities", &kListActivitiesInput, &ListActivities},
    {"ListExecutions", &kListExecutionsInput, &ListExecutions},
    {"ListMapRuns", &kListMapRunsInput, &ListMapRuns},
    {"ListStateMachineAliases", &kListStateMachineAliasesInput, &ListStateMachineAliases},
    {"ListStateMachineVersions", &kListStateMachineVersionsInput, &ListStateMachineVersions},
    {"ListStateMachines", &kListStateMachinesInput, &ListStateMachines},
    {"ListTagsForResource", &kListTagsForResourceInput, &ListTagsForResource},
    {"PublishStateMachineVersion", &kPublishStateMachineVersionInput, &PublishStateMachineVersion},
    {"RedriveExecution", &kRedriveExecutionInput, &RedriveExecution},
    {"SendTaskFailure", &kSendTaskFailureInput, &SendTaskFailure},
    {"SendTaskHeartbeat", &kSendTaskHeartbeatInput, &SendTaskHeartbeat},
    {"SendTaskSuccess", &kSendTaskSuccessInput, &SendTaskSuccess},
    {"StartExecution", &kStartExecutionInput, &StartExecution},
    {"StartSyncExecution", &kStartSyncExecutionInput, &StartSyncExecution},
    {"StopExecution", &kStopExecutionInput, &StopExecution},
    {"TagResource", &kTagResourceInput, &TagResource},
    {"TestState", &kTestStateInput, &TestState},
    {"UntagResource", &kUntagResourceInput, &UntagResource},
    {"UpdateMapRun", &kUpdateMapRunInput, &UpdateMapRun},
    {"UpdateStateMachine", &kUpdateStateMachineInput, &UpdateStateMachine},
    {"UpdateStateMachineAlias", &kUpdateStateMachineAliasInput, &UpdateStateMachineAlias},
    {"ValidateStateMachineDefinition", &kValidateStateMachineDefinitionInput,
     &ValidateStateMachineDefinition},
};

constexpr size_t kMaxRequestDepth = 64;  // request bodies are shallow; refuse deep ones

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Deserializes the body the way Coral does before validation.
std::variant<Json, ApiError> ReadBody(std::string_view body, const Shape& shape) {
  if (IsBlank(body)) return Json();
  JsonParseResult parsed = ParseJson(body, kMaxRequestDepth);
  if (!parsed.ok) return SerializationError("");
  const Json& v = parsed.value;
  if (v.is_array()) {
    return SerializationError(
        "Unrecognized collection type class com.amazonaws.swf.service.v2.model." +
        std::string(shape.name));
  }
  if (!v.is_object() && !v.is_null()) return SerializationError("Unexpected field type");
  return v;
}

}  // namespace

const Action* FindAction(std::string_view name) {
  auto it = std::lower_bound(std::begin(kActions), std::end(kActions), name,
                             [](const Action& a, std::string_view n) { return a.name < n; });
  return it != std::end(kActions) && it->name == name ? it : nullptr;
}

Json Empty() { return Json::MakeObject({}); }

std::variant<ParsedArn, ApiError> UnqualifiedMachineArn(const std::string& text) {
  auto arn = ParseArnOf(
      text, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias, ArnKind::kLabelled});
  if (arn.index() == 0 && std::get<ParsedArn>(arn).kind != ArnKind::kStateMachine)
    return StateMachineDoesNotExist(text);
  return arn;
}

std::string NumericKey(int64_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 20 ? 20 - digits.size() : 0, '0') + digits;
}

std::vector<Tag> ReadTags(const Json* tags) {
  std::vector<Tag> out;
  if (tags == nullptr) return out;
  for (const Json& t : tags->AsArray()) {
    if (!t.is_object()) continue;
    out.push_back({GetString(t, "key").value_or(""), GetString(t, "value").value_or("")});
  }
  return out;
}

std::variant<Json, ApiError> ParseExecutionInput(const std::string& text) {
  auto invalid = [](const std::string& why) {
    return ServiceError("InvalidExecutionInput",
                        "Invalid State Machine Execution Input: '" + why + "'");
  };
  if (IsBlank(text)) return invalid("Invalid execution input.");
  // AWS quotes Jackson's message, without its location; text after the
  // value is an error.
  JsonSyntaxCheck syntax = CheckJsonSyntax(text, TrailingText::kReject);
  if (syntax.outcome == JsonSyntaxCheck::Outcome::kError) return invalid(syntax.message);
  JsonParseResult parsed = ParseJson(text);
  if (!parsed.ok) return invalid("Invalid execution input.");
  return parsed.value;
}

}  // namespace actions

bool IsKnownAction(std::string_view action) { return actions::FindAction(action) != nullptr; }

namespace {

// An exception is our bug, not the caller's: AWS's InternalFailure.
ApiError InternalFailure(const std::exception& e) {
  ApiError internal;
  internal.http_status = 500;
  internal.code = "InternalFailure";
  internal.source = ErrorSource::kCoralService;
  internal.message = e.what();
  return internal;
}

}  // namespace

Service::Response Service::Call(std::string_view action, std::string_view body,
                                const CallContext& ctx) const {
  auto fail = [](const ApiError& e) { return Response{e.http_status, e.Body(), e.code}; };
  const actions::Action* a = actions::FindAction(action);
  if (a == nullptr) return fail(UnknownOperationError());
  auto request = actions::ReadBody(body, *a->input);
  if (auto* err = std::get_if<ApiError>(&request)) return fail(*err);
  const Json& req = std::get<Json>(request);
  if (auto err = ValidateRequest(req, *a->input)) return fail(*err);
  try {
    actions::Env env{*store_, *runner_, ctx, stopping_, hooks_, *activities_};
    ApiResult result = a->handler(env, req.is_null() ? actions::Empty() : req);
    if (!result.ok()) return fail(result.error());
    return Response{200, result.Serialized(), ""};
  } catch (const std::exception& e) {
    return fail(InternalFailure(e));
  }
}

std::variant<Service::Started, ApiError> Service::StartExecution(const Json& request,
                                                                 const CallContext& ctx) const {
  if (auto err = ValidateRequest(request, actions::kStartExecutionInput)) return *err;
  try {
    actions::Env env{*store_, *runner_, ctx, stopping_, hooks_, *activities_};
    auto started = actions::StartFromRequest(env, request);
    if (auto* err = std::get_if<ApiError>(&started)) return *err;
    auto& execution = std::get<std::shared_ptr<Execution>>(started);
    Json answer = actions::StartedResponse(*execution);
    return Started{std::move(execution), std::move(answer)};
  } catch (const std::exception& e) {
    return InternalFailure(e);
  }
}

}  // namespace sfn::emulator
