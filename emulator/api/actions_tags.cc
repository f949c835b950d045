// emulator/actions_tags.cc: TagResource, UntagResource and
// ListTagsForResource, plus the task-token callbacks (SendTaskSuccess,
// SendTaskFailure, SendTaskHeartbeat) that forward to the engine.
#include "emulator/api/actions_internal.h"

namespace sfn::emulator::actions {
namespace {

// Tags live on state machines (in the Store) and activities (in the
// activity registry). AWS answers ResourceNotFound for a version or alias
// ARN.
std::variant<std::string, ApiError> TaggableArn(const Json& req) {
  const std::string arn_text = *GetString(req, "resourceArn");
  auto arn = ParseArnOf(
      arn_text, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias, ArnKind::kActivity});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  return arn_text;
}

// A valid taggable ARN (TaggableArn) names an activity.
bool IsActivityArn(const std::string& arn) { return arn.find(":activity:") != std::string::npos; }

ApiError ResourceNotFound(const std::string& arn) {
  return ServiceError("ResourceNotFound", "Resource not found: '" + arn + "'");
}

std::optional<ApiError> TagActivity(const Env& env, const std::string& arn,
                                    const std::vector<Tag>& tags) {
  Activities::Tags pairs;
  for (const Tag& t : tags) pairs.emplace_back(t.key, t.value);
  switch (env.activities.AddTags(arn, pairs, kMaxTagsPerResource)) {
    case Activities::TagResult::kNoSuchActivity:
      return ResourceNotFound(arn);
    case Activities::TagResult::kTooManyTags:
      return TooManyTagsError();
    case Activities::TagResult::kOk:
      break;
  }
  return std::nullopt;
}

std::variant<std::vector<Tag>, ApiError> ActivityTags(const Env& env, const std::string& arn) {
  auto info = env.activities.Describe(arn);
  if (!info) return ResourceNotFound(arn);
  std::vector<Tag> tags;
  for (const auto& [key, value] : info->tags) tags.push_back({key, value});
  return tags;
}

ApiResult FromCallback(const CallbackResult& r) {
  if (!r.ok()) return ServiceError(r.code, r.message);
  return Empty();
}

}  // namespace

ApiResult TagResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<std::string>(arn);
  std::vector<Tag> tags = ReadTags(GetMember(req, "tags"));
  auto err = IsActivityArn(text) ? TagActivity(env, text, tags) : env.store.TagResource(text, tags);
  if (err) return *err;
  return Empty();
}

ApiResult UntagResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  std::vector<std::string> keys;
  for (const Json& k : GetMember(req, "tagKeys")->AsArray())
    if (k.is_string()) keys.push_back(k.AsString());
  const std::string& text = std::get<std::string>(arn);
  if (IsActivityArn(text)) {
    if (!env.activities.RemoveTags(text, keys)) return ResourceNotFound(text);
    return Empty();
  }
  if (auto err = env.store.UntagResource(text, keys)) return *err;
  return Empty();
}

ApiResult ListTagsForResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<std::string>(arn);
  auto tags = IsActivityArn(text) ? ActivityTags(env, text) : env.store.ListTags(text);
  if (auto* err = std::get_if<ApiError>(&tags)) return *err;
  Json::Array out;
  for (const Tag& t : std::get<std::vector<Tag>>(tags)) {
    out.push_back(ObjectBuilder().Add("key", Json(t.key)).Add("value", Json(t.value)).Build());
  }
  return ObjectBuilder().Add("tags", Json::MakeArray(std::move(out))).Build();
}

ApiResult SendTaskSuccess(const Env& env, const Json& req) {
  return FromCallback(
      env.runner.SendTaskSuccess(*GetString(req, "taskToken"), *GetString(req, "output")));
}

ApiResult SendTaskFailure(const Env& env, const Json& req) {
  return FromCallback(env.runner.SendTaskFailure(*GetString(req, "taskToken"),
                                                 GetString(req, "error"), GetString(req, "cause")));
}

ApiResult SendTaskHeartbeat(const Env& env, const Json& req) {
  return FromCallback(env.runner.SendTaskHeartbeat(*GetString(req, "taskToken")));
}

}  // namespace sfn::emulator::actions
