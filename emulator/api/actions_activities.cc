// emulator/actions_activities.cc: CreateActivity, DescribeActivity,
// ListActivities, DeleteActivity and GetActivityTask over the activity
// registry (emulator/activities.h). Task states on activity ARNs fill the
// registry's queues (emulator/engine_activity.cc); workers answer the tasks
// they take with SendTaskSuccess/Failure/Heartbeat (actions_tags.cc).
#include <algorithm>
#include <chrono>

#include "emulator/api/actions_internal.h"
#include "emulator/api/encryption.h"

namespace sfn::emulator::actions {
namespace {

ApiError ActivityDoesNotExist(const std::string& arn) {
  return ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
}

ApiError ActivityWorkerLimitExceeded() {
  return ServiceError(
      "ActivityWorkerLimitExceeded",
      "The maximum number of workers concurrently polling for activity tasks has been reached.");
}

// The activityArn member; any other kind of ARN is InvalidArn.
std::variant<std::string, ApiError> ActivityArnOf(const Json& req) {
  const std::string text = *GetString(req, "activityArn");
  auto arn = ParseArnOf(text, {ArnKind::kActivity});
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  return text;
}

Json ActivityItem(const Activities::Info& info) {
  return ObjectBuilder()
      .Add("activityArn", Json(info.arn))
      .Add("name", Json(info.name))
      .Add("creationDate", Timestamp(info.creation_ms))
      .Build();
}

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ApiResult CreateActivity(const Env& env, const Json& req) {
  const std::string name = *GetString(req, "name");
  if (!IsValidName(name)) return InvalidNameError(name);
  auto encryption = NormalizeEncryption(GetMember(req, "encryptionConfiguration"));
  if (auto* err = std::get_if<ApiError>(&encryption)) return *err;
  const std::string arn = ActivityArn(env.ctx.region, env.ctx.account, name);
  Activities::Tags tags;
  for (const Tag& t : ReadTags(GetMember(req, "tags"))) tags.emplace_back(t.key, t.value);
  if (tags.size() > kMaxTagsPerResource) return TooManyTagsError();
  Activities::Info info = env.activities.Create(arn, name, NowMs(), std::move(tags),
                                                std::get<Json>(std::move(encryption)));
  return ObjectBuilder()
      .Add("activityArn", Json(info.arn))
      .Add("creationDate", Timestamp(info.creation_ms))
      .Build();
}

ApiResult DescribeActivity(const Env& env, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<std::string>(arn);
  auto info = env.activities.Describe(text);
  if (!info) return ActivityDoesNotExist(text);
  // An activity registered without a configuration (by the engine's tests or
  // an older store) shows AWS's default.
  const Json& encryption = info->encryption_configuration;
  return ObjectBuilder()
      .Add("activityArn", Json(info->arn))
      .Add("name", Json(info->name))
      .Add("creationDate", Timestamp(info->creation_ms))
      .Add("encryptionConfiguration", encryption.is_null() ? DefaultEncryption() : encryption)
      .Build();
}

ApiResult DeleteActivity(const Env& env, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  env.activities.Delete(std::get<std::string>(arn));
  return Empty();
}

ApiResult ListActivities(const Env& env, const Json& req) {
  const std::string prefix = ActivityArn(env.ctx.region, env.ctx.account, "");
  const std::string list_id = "ListActivities\n" + prefix;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto items = env.activities.List(prefix);
  auto page = Page(
      items, std::get<PageRequest>(page_req), list_id,
      [](const Activities::Info& a) { return a.name; }, KeyOrder::kAscending);
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  auto& [shown, next] = std::get<0>(page);
  Json::Array list;
  for (const Activities::Info& a : shown) list.push_back(ActivityItem(a));
  return ObjectBuilder()
      .Add("activities", Json::MakeArray(std::move(list)))
      .AddNonEmpty("nextToken", next)
      .Build();
}

// Long-polls for a task. A task whose execution ended while it was queued
// is dropped and the poll goes on until the deadline. AWS answers a poll
// that found nothing with no taskToken: an empty object.
ApiResult GetActivityTask(const Env& env, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<std::string>(arn);
  const std::string worker = GetString(req, "workerName").value_or("");
  const int64_t deadline = SteadyMs() + env.activities.limits().poll_wait_ms;
  for (;;) {
    Activities::Task task;
    const int64_t left = std::max<int64_t>(0, deadline - SteadyMs());
    switch (env.activities.Poll(text, left, env.stopping, &task)) {
      case Activities::PollResult::kNoSuchActivity:
        return ActivityDoesNotExist(text);
      case Activities::PollResult::kTooManyPollers:
        return ActivityWorkerLimitExceeded();
      case Activities::PollResult::kEmpty:
        return Empty();
      case Activities::PollResult::kTask:
        break;
    }
    if (!task.on_start || task.on_start(worker)) {
      return ObjectBuilder()
          .Add("taskToken", Json(task.task_token))
          .Add("input", Json(task.input))
          .Build();
    }
  }
}

}  // namespace sfn::emulator::actions
