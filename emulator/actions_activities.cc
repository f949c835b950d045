// emulator/actions_activities.cc: CreateActivity, DescribeActivity,
// ListActivities, DeleteActivity and GetActivityTask over the process's
// activity registry (emulator/activities.h).
#include "emulator/activities.h"
#include "emulator/actions_internal.h"

namespace sfn::emulator::actions {
namespace {

constexpr int64_t kPollWaitMs = 60000;  // GetActivityTask's long poll

Member StrMember(std::string_view name, int64_t min, int64_t max, bool required) {
  Member m;
  m.name = name;
  m.type = FieldType::kString;
  m.required = required;
  m.min = min;
  m.max = max;
  return m;
}

const Shape kTagShape{"Tag", {StrMember("key", 1, 128, false), StrMember("value", 0, 256, false)}};

Member TagsMember() {
  static const Member element = [] {
    Member e;
    e.name = "member";
    e.type = FieldType::kStructure;
    e.shape = &kTagShape;
    return e;
  }();
  Member m;
  m.name = "tags";
  m.type = FieldType::kList;
  m.element = &element;
  return m;
}

Member IntMember(std::string_view name, int64_t min, int64_t max) {
  Member m;
  m.name = name;
  m.type = FieldType::kInteger;
  m.min = min;
  m.max = max;
  return m;
}

ApiError ActivityDoesNotExist(const std::string& arn) {
  return ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
}

std::variant<ParsedArn, ApiError> ActivityArnOf(const Json& req) {
  return ParseArnOf(*GetString(req, "activityArn"), {ArnKind::kActivity});
}

}  // namespace

const Shape kCreateActivityInput{
    "CreateActivityInput", {StrMember("name", 1, 80, true), TagsMember()}};
const Shape kDescribeActivityInput{"DescribeActivityInput",
                                   {StrMember("activityArn", 1, 256, true)}};
const Shape kDeleteActivityInput{"DeleteActivityInput", {StrMember("activityArn", 1, 256, true)}};
const Shape kListActivitiesInput{
    "ListActivitiesInput", {IntMember("maxResults", 0, 1000), StrMember("nextToken", 1, 1024, false)}};
const Shape kGetActivityTaskInput{
    "GetActivityTaskInput",
    {StrMember("activityArn", 1, 256, true), StrMember("workerName", 1, 80, false)}};

ApiResult CreateActivity(const Env& env, const Json& req) {
  const std::string name = *GetString(req, "name");
  if (!IsValidName(name)) return InvalidNameError(name);
  const std::string arn = ActivityArn(env.ctx.region, env.ctx.account, name);
  Activities::Info info = ProcessActivities().Create(arn, name, NowMs());
  return ObjectBuilder()
      .Add("activityArn", Json(info.arn))
      .Add("creationDate", Timestamp(info.creation_ms))
      .Build();
}

ApiResult DescribeActivity(const Env&, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<ParsedArn>(arn).text;
  auto info = ProcessActivities().Describe(text);
  if (!info) return ActivityDoesNotExist(text);
  return ObjectBuilder()
      .Add("activityArn", Json(info->arn))
      .Add("name", Json(info->name))
      .Add("creationDate", Timestamp(info->creation_ms))
      .Build();
}

ApiResult DeleteActivity(const Env&, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  ProcessActivities().Delete(std::get<ParsedArn>(arn).text);
  return Empty();
}

ApiResult ListActivities(const Env& env, const Json& req) {
  const std::string prefix = ActivityArn(env.ctx.region, env.ctx.account, "");
  const std::string list_id = "ListActivities\n" + prefix;
  auto page_req = ReadPageRequest(req, list_id);
  if (auto* err = std::get_if<ApiError>(&page_req)) return *err;
  auto items = ProcessActivities().List(prefix);
  auto page = Page(
      items, std::get<PageRequest>(page_req), list_id,
      [](const Activities::Info& a) { return a.name; }, KeyOrder::kAscending);
  if (auto* err = std::get_if<ApiError>(&page)) return *err;
  auto& [shown, next] = std::get<0>(page);
  Json::Array list;
  for (const Activities::Info& a : shown) {
    list.push_back(ObjectBuilder()
                       .Add("activityArn", Json(a.arn))
                       .Add("name", Json(a.name))
                       .Add("creationDate", Timestamp(a.creation_ms))
                       .Build());
  }
  return ObjectBuilder()
      .Add("activities", Json::MakeArray(std::move(list)))
      .AddNonEmpty("nextToken", next)
      .Build();
}

ApiResult GetActivityTask(const Env& env, const Json& req) {
  auto arn = ActivityArnOf(req);
  if (auto* err = std::get_if<ApiError>(&arn)) return *err;
  const std::string& text = std::get<ParsedArn>(arn).text;
  Activities::Task task;
  switch (ProcessActivities().Poll(text, kPollWaitMs, env.stopping, &task)) {
    case Activities::PollResult::kNoSuchActivity:
      return ActivityDoesNotExist(text);
    case Activities::PollResult::kEmpty:
      return Empty();
    case Activities::PollResult::kTask:
      break;
  }
  return ObjectBuilder()
      .Add("taskToken", Json(task.task_token))
      .Add("input", Json(task.input))
      .Build();
}

}  // namespace sfn::emulator::actions
