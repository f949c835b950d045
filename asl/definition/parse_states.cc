// asl/definition/parse_states.cc
//
// One state: its Type, QueryLanguage, which fields its type allows in each
// query language, and the builders of the simpler state types (Pass, Task,
// Wait, Succeed, Fail, Parallel). Choice and Map have files of their own.
#include <string_view>
#include <utility>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

using Names = std::vector<std::string_view>;
using BuildFn = std::unique_ptr<State> (*)(StateContext&);

std::unique_ptr<State> BuildTask(StateContext& ctx);
std::unique_ptr<State> BuildPass(StateContext& ctx);
std::unique_ptr<State> BuildWait(StateContext& ctx);
std::unique_ptr<State> BuildSucceed(StateContext& ctx);
std::unique_ptr<State> BuildFail(StateContext& ctx);

struct TypeEntry {
  StateType type;
  BuildFn build;
  Names fields;  // besides Type, Comment and QueryLanguage, in either language
};

// clang-format off
const Names kTaskFields = {
    "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign",
    "Resource", "Credentials", "ResultSelector", "Retry", "Catch", "TimeoutSeconds",
    "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Next", "End"};
const Names kWaitFields = {
    "InputPath", "OutputPath", "Output", "Assign", "Seconds", "Timestamp", "SecondsPath",
    "TimestampPath", "Next", "End"};
const Names kPassFields = {
    "InputPath", "OutputPath", "Result", "ResultPath", "Parameters", "Output", "Assign", "Next",
    "End"};
const Names kSucceedFields = {"InputPath", "OutputPath", "Output"};
const Names kFailFields = {"Error", "Cause", "ErrorPath", "CausePath"};
const Names kChoiceFields = {
    "InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"};
const Names kParallelFields = {
    "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign",
    "ResultSelector", "Retry", "Catch", "Branches", "Next", "End"};
const Names kMapFields = {
    "InputPath", "OutputPath", "ResultPath", "Parameters", "Output", "Assign", "ResultSelector",
    "Retry", "Catch", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector",
    "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
    "ToleratedFailureCountPath", "Label", "Next", "End"};
// clang-format on

// The state types, their builders and the fields each accepts, in the
// order AWS lists the types.
const std::vector<TypeEntry>& TypeTable() {
  static const std::vector<TypeEntry> kTable = {
      {StateType::kTask, BuildTask, kTaskFields},
      {StateType::kWait, BuildWait, kWaitFields},
      {StateType::kPass, BuildPass, kPassFields},
      {StateType::kSucceed, BuildSucceed, kSucceedFields},
      {StateType::kFail, BuildFail, kFailFields},
      {StateType::kChoice, BuildChoice, kChoiceFields},
      {StateType::kParallel, BuildParallel, kParallelFields},
      {StateType::kMap, BuildMap, kMapFields},
  };
  return kTable;
}

// clang-format off
const Names kJsonPathOnly = {
    "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result",
    "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath",
    "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
    "ErrorPath", "CausePath"};
const Names kJsonataOnly = {"Arguments", "Output", "Items"};
// clang-format on

// Reports fields the type does not know, or that belong to the other query
// language, and hides them from the builders.
void CheckFieldNames(StateContext& ctx, const TypeEntry& entry) {
  Names allowed = entry.fields;
  allowed.insert(allowed.end(), {"Type", "Comment", "QueryLanguage"});
  CheckObjectFields(ctx, allowed, kJsonPathOnly, kJsonataOnly);
}

const TypeEntry* ReadType(Builder& b, const Json& obj, const std::string& location) {
  const Json* type = obj.Find("Type");
  if (!type) {
    b.Error(location, "These fields are required: [Type]");
    return nullptr;
  }
  std::string names;
  for (const TypeEntry& entry : TypeTable()) {
    if (type->is_string() && type->AsString() == StateTypeName(entry.type)) return &entry;
    names += std::string(names.empty() ? "" : ", ") + StateTypeName(entry.type);
  }
  b.Error(location + "/Type", "The field 'Type' should have one of these values: [" + names + "]");
  return nullptr;
}

// A state may opt into JSONata inside a JSONPath machine, never the reverse.
bool ReadStateQueryLanguage(Builder& b, const Json& obj, const std::string& location,
                            QueryLanguage inherited, QueryLanguage* out) {
  *out = inherited;
  const Json* ql = obj.Find("QueryLanguage");
  if (!ql) return true;
  if (!ql->is_string() || (ql->AsString() != "JSONPath" && ql->AsString() != "JSONata")) {
    b.Error(location + "/QueryLanguage",
            "Value should be one of the following: [JSONPath, JSONata]");
    return false;
  }
  if (ql->AsString() == "JSONPath" && inherited == QueryLanguage::kJsonata) {
    b.Error(location,
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
    return false;
  }
  *out = ql->AsString() == "JSONata" ? QueryLanguage::kJsonata : QueryLanguage::kJsonPath;
  return true;
}

std::unique_ptr<State> BuildPass(StateContext& ctx) {
  auto state = std::make_unique<PassState>();
  ReadCommonFields(ctx, state.get(), true);
  if (const Json* result = ctx.Field("Result")) state->result = *result;
  state->parameters = ReadTemplate(ctx, "Parameters");
  state->result_path = ReadPath(ctx, "ResultPath", PathRule::kResultPath);
  return state;
}

void ReadCredentials(StateContext& ctx, TaskState* state) {
  const Json* credentials = ctx.Field("Credentials");
  if (!credentials) return;
  if (!credentials->is_object()) {
    TypeError(ctx, "Credentials", "Object");
    return;
  }
  bool has_role =
      credentials->Find("RoleArn") || (!ctx.jsonata() && credentials->Find("RoleArn.$"));
  if (!has_role) {
    ctx.Error("Credentials", "The field 'RoleArn' is required but was missing");
    return;
  }
  state->credentials = ReadTemplate(ctx, "Credentials");
}

std::unique_ptr<State> BuildTask(StateContext& ctx) {
  auto state = std::make_unique<TaskState>();
  ReadCommonFields(ctx, state.get(), true);
  const Json* resource = ctx.Field("Resource");
  if (!resource) {
    ctx.ErrorHere("These fields are required: [Resource]");
  } else if (!resource->is_string()) {
    TypeError(ctx, "Resource", "String");
  } else {
    state->resource = resource->AsString();
    CheckResource(ctx, state->resource, &state->pattern);
  }
  state->parameters = ReadTemplate(ctx, ctx.jsonata() ? "Arguments" : "Parameters");
  state->result_selector = ReadTemplate(ctx, "ResultSelector");
  state->result_path = ReadPath(ctx, "ResultPath", PathRule::kResultPath);
  state->timeout_seconds =
      ReadDynamicNumber(ctx, "TimeoutSeconds", NumberKind::kInteger, 1, 99999999);
  state->heartbeat_seconds =
      ReadDynamicNumber(ctx, "HeartbeatSeconds", NumberKind::kInteger, 1, 99999999);
  ReadCredentials(ctx, state.get());
  state->retry = ReadRetry(ctx);
  state->catch_ = ReadCatch(ctx);
  return state;
}

std::unique_ptr<State> BuildWait(StateContext& ctx) {
  auto state = std::make_unique<WaitState>();
  ReadCommonFields(ctx, state.get(), true);
  static const Names kGroup = {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"};
  int count = 0;
  for (std::string_view field : kGroup) count += ctx.Has(field) ? 1 : 0;
  const std::string list = "[Seconds, Timestamp, SecondsPath, TimestampPath]";
  if (count == 0) {
    ctx.ErrorHere("This object should have only one of the following fields: " + list);
    return state;
  }
  if (count > 1) {
    ctx.ErrorHere("There should only be one of the following fields: " + list);
    return state;
  }
  if (ctx.Has("Seconds") || ctx.Has("SecondsPath")) {
    state->kind = WaitState::Kind::kSeconds;
    state->value = ReadDynamicNumber(ctx, "Seconds", NumberKind::kInteger, 0, 99999999);
    return state;
  }
  state->kind = WaitState::Kind::kTimestamp;
  state->value = ReadDynamicString(ctx, "Timestamp");
  if (state->value.kind == DynamicValue::Kind::kConstant &&
      !IsRfc3339Timestamp(state->value.constant.AsString())) {
    ctx.Error("Timestamp", "String does not match RFC3339 timestamp");
  }
  return state;
}

std::unique_ptr<State> BuildFail(StateContext& ctx) {
  auto state = std::make_unique<FailState>();
  ReadCommonFields(ctx, state.get(), false);
  state->error = ReadDynamicString(ctx, "Error");
  state->cause = ReadDynamicString(ctx, "Cause");
  return state;
}

std::unique_ptr<State> BuildSucceed(StateContext& ctx) {
  auto state = std::make_unique<SucceedState>();
  ReadCommonFields(ctx, state.get(), false);
  return state;
}

}  // namespace

std::unique_ptr<State> BuildParallel(StateContext& ctx) {
  auto state = std::make_unique<ParallelState>();
  ReadCommonFields(ctx, state.get(), true);
  const Json* branches = ctx.Field("Branches");
  if (!branches) {
    ctx.ErrorHere("These fields are required: [Branches]");
  } else if (!branches->is_array()) {
    TypeError(ctx, "Branches", "Array");
  } else if (branches->AsArray().empty()) {
    ctx.Error("Branches", "Value cannot be empty");
  } else {
    const Json::Array& items = branches->AsArray();
    for (size_t i = 0; i < items.size(); ++i) {
      std::string at = ctx.At("Branches[" + std::to_string(i) + "]");
      if (!items[i].is_object()) {
        ctx.b.Error(at, "Expected value of type: Object");
        continue;
      }
      state->branches.push_back(
          BuildProgram(ctx.b, items[i], at, ctx.b.top_level_ql(), {"Comment"}));
    }
  }
  state->parameters = ReadTemplate(ctx, ctx.jsonata() ? "Arguments" : "Parameters");
  state->result_selector = ReadTemplate(ctx, "ResultSelector");
  state->result_path = ReadPath(ctx, "ResultPath", PathRule::kResultPath);
  state->retry = ReadRetry(ctx);
  state->catch_ = ReadCatch(ctx);
  return state;
}

std::unique_ptr<State> BuildState(Builder& b, const std::string& name, const Json& obj,
                                  const std::string& location, QueryLanguage inherited) {
  if (!obj.is_object()) {
    b.Error(location, "Expected value of type: Object");
    return nullptr;
  }
  const TypeEntry* entry = ReadType(b, obj, location);
  QueryLanguage ql;
  bool ql_ok = ReadStateQueryLanguage(b, obj, location, inherited, &ql);
  if (!entry || !ql_ok) return nullptr;
  StateContext ctx{b, obj, name, location, ql, {}};
  CheckFieldNames(ctx, *entry);
  std::unique_ptr<State> state = entry->build(ctx);
  state->type = entry->type;
  state->name = name;
  state->query_language = ql;
  return state;
}

}  // namespace sfn::asl::internal
