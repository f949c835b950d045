// emulator/actions_tags.cc: TagResource, UntagResource and
// ListTagsForResource, plus the task-token callbacks (SendTaskSuccess,
// SendTaskFailure, SendTaskHeartbeat) that forward to the engine.
#include "emulator/actions_internal.h"

namespace sfn::emulator::actions {
namespace {

// Tags live on state machines (and, later, activities). AWS answers
// ResourceNotFound for a version or alias ARN.
std::variant<std::string, ApiError> TaggableArn(const Json& req) {
  const std::string arn_text = *GetString(req, "resourceArn");
  auto arn = ParseArnOf(
      arn_text, {ArnKind::kStateMachine, ArnKind::kVersion, ArnKind::kAlias, ArnKind::kActivity});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  return arn_text;
}

ApiResult FromCallback(const CallbackResult& r) {
  if (!r.ok()) return ServiceError(r.code, r.message);
  return Empty();
}

}  // namespace

ApiResult TagResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  if (auto err =
          env.store.TagResource(std::get<std::string>(arn), ReadTags(GetMember(req, "tags"))))
    return *err;
  return Empty();
}

ApiResult UntagResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  std::vector<std::string> keys;
  for (const Json& k : GetMember(req, "tagKeys")->AsArray())
    if (k.is_string()) keys.push_back(k.AsString());
  if (auto err = env.store.UntagResource(std::get<std::string>(arn), keys)) return *err;
  return Empty();
}

ApiResult ListTagsForResource(const Env& env, const Json& req) {
  auto arn = TaggableArn(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  auto tags = env.store.ListTags(std::get<std::string>(arn));
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
