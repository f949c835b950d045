// emulator/actions_versions.cc: state machine versions
// (PublishStateMachineVersion, ListStateMachineVersions,
// DeleteStateMachineVersion) and aliases (Create/Describe/Update/Delete/
// ListStateMachineAliases).
#include "emulator/api/actions_internal.h"

namespace sfn::emulator::actions {
namespace {

std::vector<RoutingEntry> ReadRouting(const Json& list) {
  std::vector<RoutingEntry> out;
  for (const Json& item : list.AsArray()) {
    out.push_back({GetString(item, "stateMachineVersionArn").value_or(""),
                   GetInt(item, "weight").value_or(0)});
  }
  return out;
}

Json RenderRouting(const std::vector<RoutingEntry>& routing) {
  Json::Array out;
  for (const RoutingEntry& r : routing) {
    out.push_back(ObjectBuilder()
                      .Add("stateMachineVersionArn", Json(r.version_arn))
                      .Add("weight", Json(r.weight))
                      .Build());
  }
  return Json::MakeArray(std::move(out));
}

// Any state machine ARN parses; only an alias ARN can name an alias (the
// store answers ResourceNotFound for the rest).
std::variant<ParsedArn, ApiError> AliasArn(const Json& req) {
  return ParseArnOf(*GetString(req, "stateMachineAliasArn"),
                    {ArnKind::kAlias, ArnKind::kStateMachine, ArnKind::kVersion});
}

}  // namespace

ApiResult PublishStateMachineVersion(const Env& env, const Json& req) {
  const std::string arn_text = *GetString(req, "stateMachineArn");
  auto arn = UnqualifiedMachineArn(arn_text);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto published = env.store.PublishVersion(arn_text, GetString(req, "revisionId"),
                                            GetString(req, "description"));
  if (auto* err = std::get_if<ApiError>(&published)) return *err;
  const auto& p = std::get<Store::Published>(published);
  return ObjectBuilder()
      .Add("creationDate", Timestamp(p.creation_ms))
      .Add("stateMachineVersionArn", Json(p.arn))
      .Build();
}

ApiResult ListStateMachineVersions(const Env& env, const Json& req) {
  const std::string arn_text = *GetString(req, "stateMachineArn");
  auto arn = UnqualifiedMachineArn(arn_text);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string list_id = "ListStateMachineVersions\n" + arn_text;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto versions = env.store.ListVersions(arn_text);
  if (auto* err = std::get_if<ApiError>(&versions)) return *err;
  auto page = Page(
      std::get<0>(versions), std::get<PageRequest>(page_req), list_id,
      [](const VersionListItem& v) { return NumericKey(v.number); }, KeyOrder::kDescending);
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  Json::Array items;
  for (const VersionListItem& v : std::get<0>(page).first) {
    items.push_back(ObjectBuilder()
                        .Add("stateMachineVersionArn", Json(v.arn))
                        .Add("creationDate", Timestamp(v.creation_ms))
                        .Build());
  }
  return ObjectBuilder()
      .Add("stateMachineVersions", Json::MakeArray(std::move(items)))
      .AddNonEmpty("nextToken", std::get<0>(page).second)
      .Build();
}

ApiResult DeleteStateMachineVersion(const Env& env, const Json& req) {
  auto arn = ParseArnOf(*GetString(req, "stateMachineVersionArn"),
                        {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const ParsedArn& p = std::get<ParsedArn>(arn);
  // Deleting what is not a version deletes nothing, as deleting a missing one.
  if (p.kind != ArnKind::kVersion) return Empty();
  if (auto err = env.store.DeleteVersion(p)) return *err;
  return Empty();
}

ApiResult CreateStateMachineAlias(const Env& env, const Json& req) {
  Store::NewAlias a;
  a.name = *GetString(req, "name");
  a.description = GetString(req, "description");
  a.routing = ReadRouting(*GetMember(req, "routingConfiguration"));
  auto created = env.store.CreateAlias(a);
  if (auto* err = std::get_if<ApiError>(&created)) return *err;
  const AliasView& v = std::get<AliasView>(created);
  return ObjectBuilder()
      .Add("stateMachineAliasArn", Json(v.arn))
      .Add("creationDate", Timestamp(v.creation_ms))
      .Build();
}

ApiResult DescribeStateMachineAlias(const Env& env, const Json& req) {
  auto arn = AliasArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto alias = env.store.DescribeAlias(std::get<ParsedArn>(arn));
  if (auto* err = std::get_if<ApiError>(&alias)) return *err;
  const AliasView& v = std::get<AliasView>(alias);
  return ObjectBuilder()
      .Add("stateMachineAliasArn", Json(v.arn))
      .Add("name", Json(v.name))
      .AddOptional("description", v.description)
      .Add("routingConfiguration", RenderRouting(v.routing))
      .Add("creationDate", Timestamp(v.creation_ms))
      .Add("updateDate", Timestamp(v.update_ms))
      .Build();
}

ApiResult UpdateStateMachineAlias(const Env& env, const Json& req) {
  auto arn = AliasArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto description = GetString(req, "description");
  const Json* routing_json = GetMember(req, "routingConfiguration");
  if (!description && routing_json == nullptr) {
    return ServiceError("MissingRequiredParameter",
                        "Either the description or the RoutingConfiguration must be specified");
  }
  std::optional<std::vector<RoutingEntry>> routing;
  if (routing_json != nullptr) routing = ReadRouting(*routing_json);
  auto updated = env.store.UpdateAlias(std::get<ParsedArn>(arn), description, routing);
  if (auto* err = std::get_if<ApiError>(&updated)) return *err;
  return ObjectBuilder()
      .Add("updateDate", Timestamp(std::get<AliasView>(updated).update_ms))
      .Build();
}

ApiResult DeleteStateMachineAlias(const Env& env, const Json& req) {
  auto arn = AliasArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  env.store.DeleteAlias(std::get<ParsedArn>(arn));
  return Empty();
}

ApiResult ListStateMachineAliases(const Env& env, const Json& req) {
  auto arn =
      ParseArnOf(*GetString(req, "stateMachineArn"), {ArnKind::kStateMachine, ArnKind::kVersion});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const ParsedArn& p = std::get<ParsedArn>(arn);
  const std::string list_id = "ListStateMachineAliases\n" + p.text;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto aliases = env.store.ListAliases(p);
  if (auto* err = std::get_if<ApiError>(&aliases)) return *err;
  auto page = Page(std::get<0>(aliases), std::get<PageRequest>(page_req), list_id,
                   [](const AliasView& a) { return a.arn; });
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  Json::Array items;
  for (const AliasView& a : std::get<0>(page).first) {
    items.push_back(ObjectBuilder()
                        .Add("stateMachineAliasArn", Json(a.arn))
                        .Add("creationDate", Timestamp(a.creation_ms))
                        .Build());
  }
  return ObjectBuilder()
      .Add("stateMachineAliases", Json::MakeArray(std::move(items)))
      .AddNonEmpty("nextToken", std::get<0>(page).second)
      .Build();
}

}  // namespace sfn::emulator::actions
