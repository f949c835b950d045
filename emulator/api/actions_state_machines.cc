// emulator/actions_state_machines.cc: CreateStateMachine,
// DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
// ListStateMachines and ValidateStateMachineDefinition.
#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "emulator/api/actions_internal.h"
#include "emulator/api/definition_validation.h"
#include "emulator/api/encryption.h"

namespace sfn::emulator::actions {
namespace {

ApiError InvalidLogging() {
  return ServiceError("InvalidLoggingConfiguration",
                      "Invalid Logging Configuration: Must specify exactly one Log Destination.");
}

bool EndsWithStarQualifier(const std::string& arn) {
  return arn.size() >= 2 && arn.compare(arn.size() - 2, 2, ":*") == 0;
}

// AWS stores the logging configuration with its defaults filled in
// (level OFF, includeExecutionData false) and needs exactly one destination
// unless logging is off.
std::variant<Json, ApiError> NormalizeLogging(const Json* given) {
  std::string level = "OFF";
  bool include_data = false;
  const Json* destinations = nullptr;
  if (given != nullptr) {
    level = GetString(*given, "level").value_or("OFF");
    include_data = GetBool(*given, "includeExecutionData").value_or(false);
    destinations = GetMember(*given, "destinations");
  }
  size_t count = destinations != nullptr ? destinations->size() : 0;
  if (count > 1 || (level != "OFF" && count == 0)) return InvalidLogging();
  if (count == 1) {
    // CloudWatch Logs names a log group's streams "<group ARN>:*"; AWS wants
    // that form (the one CloudFormation's Arn attribute gives).
    const Json* group = destinations->AsArray()[0].Find("cloudWatchLogsLogGroup");
    const Json* arn = group != nullptr ? group->Find("logGroupArn") : nullptr;
    if (arn != nullptr && arn->is_string() && !EndsWithStarQualifier(arn->AsString())) {
      return ServiceError("InvalidLoggingConfiguration",
                          "Invalid Logging Configuration: Log Group ARN must be provided with "
                          "'*' qualifier.");
    }
  }
  ObjectBuilder b;
  b.Add("level", Json(level)).Add("includeExecutionData", Json(include_data));
  if (destinations != nullptr) b.Add("destinations", *destinations);
  return b.Build();
}

Json NormalizeTracing(const Json* given) {
  bool enabled = given != nullptr && GetBool(*given, "enabled").value_or(false);
  return ObjectBuilder().Add("enabled", Json(enabled)).Build();
}

// Parses `definition` for a machine of `type`; InvalidDefinition on errors.
std::variant<std::shared_ptr<const asl::StateMachine>, ApiError> Parse(
    const std::string& definition, const std::string& type) {
  asl::ParseOptions options;
  options.type = type;
  asl::ParseResult r = asl::ParseDefinition(definition, options);
  if (r.machine == nullptr) return ServiceError("InvalidDefinition", r.invalid_definition_message);
  return r.machine;
}

ApiError VersionDescriptionWithoutPublish() {
  return ValidationError("Version description can only be set when publish is true");
}

Json RenderMachine(const MachineView& v, bool metadata_only) {
  const Revision& r = *v.revision;
  ObjectBuilder b;
  b.Add("stateMachineArn", Json(v.arn))
      .Add("name", Json(v.name))
      .Add("status", Json("ACTIVE"))
      .Add("definition", Json(metadata_only ? std::string("{}") : r.definition))
      .Add("roleArn", Json(r.role_arn))
      .Add("type", Json(v.type))
      .Add("creationDate", Timestamp(v.creation_ms))
      .Add("loggingConfiguration", r.logging_configuration)
      .Add("tracingConfiguration", r.tracing_configuration)
      .AddNonEmpty("revisionId", r.revision_id)
      .AddOptional("description", v.description)
      .Add("encryptionConfiguration", r.encryption_configuration);
  if (r.machine != nullptr && r.machine->variable_references.size() > 0)
    b.Add("variableReferences", r.machine->variable_references);
  return b.Build();
}

}  // namespace

ApiResult CreateStateMachine(const Env& env, const Json& req) {
  const bool publish = GetBool(req, "publish").value_or(false);
  auto version_description = GetString(req, "versionDescription");
  if (!publish && version_description) return VersionDescriptionWithoutPublish();
  const std::string name = *GetString(req, "name");
  if (!IsValidName(name)) return InvalidNameError(name);
  const std::string type = GetString(req, "type").value_or("STANDARD");
  auto logging = NormalizeLogging(GetMember(req, "loggingConfiguration"));
  if (auto* err = std::get_if<ApiError>(&logging)) return *err;
  auto encryption = NormalizeEncryption(GetMember(req, "encryptionConfiguration"));
  if (auto* err = std::get_if<ApiError>(&encryption)) return *err;
  auto revision = std::make_shared<Revision>();
  revision->definition = *GetString(req, "definition");
  auto parsed = Parse(revision->definition, type);
  if (auto* err = std::get_if<ApiError>(&parsed)) return *err;
  revision->machine = std::get<0>(parsed);
  revision->role_arn = *GetString(req, "roleArn");
  if (!IsValidRoleArn(revision->role_arn)) return InvalidRoleArnError(revision->role_arn);
  revision->logging_configuration = std::get<Json>(logging);
  revision->tracing_configuration = NormalizeTracing(GetMember(req, "tracingConfiguration"));
  revision->encryption_configuration = std::get<Json>(encryption);
  Store::NewMachine m;
  m.arn = StateMachineArn(env.ctx.region, env.ctx.account, name);
  m.name = name;
  m.type = type;
  m.revision = revision;
  m.publish = publish;
  m.version_description = version_description;
  m.tags = ReadTags(GetMember(req, "tags"));
  if (m.tags.size() > kMaxTagsPerResource) return TooManyTagsError();
  auto created = env.store.CreateStateMachine(std::move(m));
  if (auto* err = std::get_if<ApiError>(&created)) return *err;
  const auto& c = std::get<Store::Created>(created);
  return ObjectBuilder()
      .Add("stateMachineArn", Json(c.arn))
      .Add("creationDate", Timestamp(c.creation_ms))
      .AddNonEmpty("stateMachineVersionArn", c.version_arn)
      .Build();
}

ApiResult DescribeStateMachine(const Env& env, const Json& req) {
  auto arn =
      ParseArnOf(*GetString(req, "stateMachineArn"),
                 {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias, ArnKind::kLabelled});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto view = env.store.DescribeStateMachine(std::get<ParsedArn>(arn));
  if (auto* err = std::get_if<ApiError>(&view)) return *err;
  bool metadata_only = GetString(req, "includedData").value_or("") == "METADATA_ONLY";
  return RenderMachine(std::get<MachineView>(view), metadata_only);
}

ApiResult UpdateStateMachine(const Env& env, const Json& req) {
  const std::string arn_text = *GetString(req, "stateMachineArn");
  auto arn = UnqualifiedMachineArn(arn_text);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto type = env.store.MachineType(arn_text);
  if (auto* err = std::get_if<ApiError>(&type)) return *err;
  Store::Update u;
  u.definition = GetString(req, "definition");
  u.role_arn = GetString(req, "roleArn");
  const Json* logging = GetMember(req, "loggingConfiguration");
  const Json* tracing = GetMember(req, "tracingConfiguration");
  const Json* encryption = GetMember(req, "encryptionConfiguration");
  if (!u.definition && !u.role_arn && !logging && !tracing && !encryption) {
    return ServiceError("MissingRequiredParameter",
                        "Either the definition, the role ARN, the LoggingConfiguration, or the "
                        "TracingConfiguration must be specified");
  }
  u.publish = GetBool(req, "publish").value_or(false);
  u.version_description = GetString(req, "versionDescription");
  if (!u.publish && u.version_description) return VersionDescriptionWithoutPublish();
  if (u.role_arn && !IsValidRoleArn(*u.role_arn)) return InvalidRoleArnError(*u.role_arn);
  if (u.definition) {
    auto parsed = Parse(*u.definition, std::get<std::string>(type));
    if (auto* err = std::get_if<ApiError>(&parsed)) return *err;
    u.machine = std::get<0>(parsed);
  }
  if (logging != nullptr) {
    auto normalized = NormalizeLogging(logging);
    if (auto* err = std::get_if<ApiError>(&normalized)) return *err;
    u.logging_configuration = std::get<Json>(normalized);
  }
  if (tracing != nullptr) u.tracing_configuration = NormalizeTracing(tracing);
  if (encryption != nullptr) {
    auto normalized = NormalizeEncryption(encryption);
    if (auto* err = std::get_if<ApiError>(&normalized)) return *err;
    u.encryption_configuration = std::get<Json>(normalized);
  }
  auto updated = env.store.UpdateStateMachine(arn_text, u);
  if (auto* err = std::get_if<ApiError>(&updated)) return *err;
  const auto& out = std::get<Store::Updated>(updated);
  return ObjectBuilder()
      .Add("updateDate", Timestamp(out.update_ms))
      .AddNonEmpty("revisionId", out.revision_id)
      .AddNonEmpty("stateMachineVersionArn", out.version_arn)
      .Build();
}

ApiResult DeleteStateMachine(const Env& env, const Json& req) {
  auto arn =
      ParseArnOf(*GetString(req, "stateMachineArn"),
                 {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias, ArnKind::kLabelled});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const ParsedArn& p = std::get<ParsedArn>(arn);
  // Deleting what does not exist succeeds, as on AWS; a qualified ARN names
  // no state machine to delete.
  if (p.kind == ArnKind::kStateMachine) env.store.DeleteStateMachine(p.text);
  return Empty();
}

ApiResult ListStateMachines(const Env& env, const Json& req) {
  const std::string prefix =
      StateMachineArn(env.ctx.region, env.ctx.account, "");  // "...:stateMachine:"
  const std::string list_id = "ListStateMachines\n" + prefix;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto items = env.store.ListStateMachines(prefix);
  auto page = Page(
      items, std::get<PageRequest>(page_req), list_id,
      [](const MachineListItem& m) { return m.name; }, KeyOrder::kAscending);
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  auto& [shown, next] = std::get<0>(page);
  Json::Array list;
  for (const MachineListItem& m : shown) {
    list.push_back(ObjectBuilder()
                       .Add("stateMachineArn", Json(m.arn))
                       .Add("name", Json(m.name))
                       .Add("type", Json(m.type))
                       .Add("creationDate", Timestamp(m.creation_ms))
                       .Build());
  }
  return ObjectBuilder()
      .Add("stateMachines", Json::MakeArray(std::move(list)))
      .AddNonEmpty("nextToken", next)
      .Build();
}

ApiResult ValidateStateMachineDefinition(const Env&, const Json& req) {
  asl::ParseOptions options;
  options.type = GetString(req, "type").value_or("STANDARD");
  const bool warnings = GetString(req, "severity").value_or("ERROR") == "WARNING";
  int64_t max = GetInt(req, "maxResults").value_or(0);
  const size_t limit = max > 0 ? static_cast<size_t>(max) : 100;
  return DefinitionValidationAnswer(
      asl::ParseDefinition(*GetString(req, "definition"), options), warnings, limit);
}

}  // namespace sfn::emulator::actions
