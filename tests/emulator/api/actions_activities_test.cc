// tests/emulator/actions_activities_test.cc: the activity actions through
// Service::Call, over a registry of the test's own.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "emulator/api/actions.h"
#include "emulator/engine/clock.h"
#include "emulator/records/activities.h"
#include "tests/support/test_execution.h"

using namespace sfn::emulator;
using sfn::Json;

namespace {

const std::string kPrefix = "arn:aws:states:us-east-1:123456789012:";

using sfn::testing::NoRunner;

struct Api {
  Activities activities{Activities::Limits{200, 2}};  // 200 ms polls, 2 waiting at most
  Store store{NowMs};
  NoRunner runner;
  Service service{&store, &runner, {}, &activities};
  CallContext ctx;

  Json Ok(const std::string& action, const std::string& body) {
    Service::Response r = service.Call(action, body, ctx);
    INFO(action << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return sfn::ParseJson(r.body).value;
  }
  std::string Fail(const std::string& action, const std::string& body) {
    Service::Response r = service.Call(action, body, ctx);
    INFO(action << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 400);
    Json parsed = sfn::ParseJson(r.body).value;
    return r.error_code + ": " + parsed.Find("message")->AsString();
  }
  std::string Arn(const std::string& name) { return kPrefix + "activity:" + name; }
};

}  // namespace

TEST_CASE("An activity's encryptionConfiguration") {
  Api api;
  api.Ok("CreateActivity", R"({"name":"plain"})");
  Json d = api.Ok("DescribeActivity", R"({"activityArn":")" + api.Arn("plain") + "\"}");
  CHECK(Dump(*d.Find("encryptionConfiguration")) == R"({"type":"AWS_OWNED_KEY"})");
  api.Ok(
      "CreateActivity",
      R"({"name":"cmk","encryptionConfiguration":)"
      R"({"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"k","kmsDataKeyReusePeriodSeconds":900}})");
  d = api.Ok("DescribeActivity", R"({"activityArn":")" + api.Arn("cmk") + "\"}");
  CHECK(Dump(*d.Find("encryptionConfiguration")) ==
        R"({"kmsKeyId":"k","kmsDataKeyReusePeriodSeconds":900,"type":"CUSTOMER_MANAGED_KMS_KEY"})");
  CHECK(
      api.Fail("CreateActivity",
               R"({"name":"bad","encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY"}})") ==
      "InvalidEncryptionConfiguration: Invalid Encryption Configuration: 'kmsKeyId' is "
      "required when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  Json list = api.Ok("ListActivities", "{}");
  CHECK(list.Find("activities")->AsArray()[0].Find("encryptionConfiguration") == nullptr);
}

TEST_CASE("CreateActivity is idempotent; DescribeActivity and DeleteActivity") {
  Api api;
  Json created = api.Ok("CreateActivity", R"({"name":"a","tags":[{"key":"k","value":"v"}]})");
  CHECK(created.Find("activityArn")->AsString() == api.Arn("a"));
  Json again = api.Ok("CreateActivity", R"({"name":"a"})");
  CHECK(Dump(again) == Dump(created));
  Json described = api.Ok("DescribeActivity", R"({"activityArn":")" + api.Arn("a") + "\"}");
  CHECK(described.Find("name")->AsString() == "a");
  CHECK(Dump(*described.Find("creationDate")) == Dump(*created.Find("creationDate")));
  api.Ok("DeleteActivity", R"({"activityArn":")" + api.Arn("a") + "\"}");
  api.Ok("DeleteActivity", R"({"activityArn":")" + api.Arn("a") + "\"}");
  CHECK(api.Fail("DescribeActivity", R"({"activityArn":")" + api.Arn("a") + "\"}") ==
        "ActivityDoesNotExist: Activity Does Not Exist: '" + api.Arn("a") + "'");
}

TEST_CASE("Activity actions refuse bad names and ARNs as AWS does") {
  Api api;
  CHECK(api.Fail("CreateActivity", R"({"name":"a/b"})") == "InvalidName: Invalid Name: 'a/b'");
  CHECK(api.Fail("CreateActivity", "{}").rfind("ValidationException: ", 0) == 0);
  CHECK(api.Fail("DescribeActivity", R"({"activityArn":"no_an_activity_arn"})") ==
        "InvalidArn: Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
  CHECK(api.Fail("GetActivityTask", R"({"activityArn":")" + kPrefix + "stateMachine:m\"}") ==
        "InvalidArn: Invalid Arn: 'Resource type not valid in this context: statemachine'");
  CHECK(api.Fail("GetActivityTask", R"({"activityArn":")" + api.Arn("none") + "\"}") ==
        "ActivityDoesNotExist: Activity Does Not Exist: '" + api.Arn("none") + "'");
}

TEST_CASE("ListActivities pages by name") {
  Api api;
  for (const char* name : {"c", "a", "b"})
    api.Ok("CreateActivity", R"({"name":")" + std::string(name) + "\"}");
  Json first = api.Ok("ListActivities", R"({"maxResults":2})");
  REQUIRE(first.Find("activities")->size() == 2);
  CHECK(first.Find("activities")->AsArray()[0].Find("name")->AsString() == "a");
  const std::string token = first.Find("nextToken")->AsString();
  Json second = api.Ok("ListActivities", R"({"maxResults":2,"nextToken":")" + token + "\"}");
  REQUIRE(second.Find("activities")->size() == 1);
  CHECK(second.Find("activities")->AsArray()[0].Find("name")->AsString() == "c");
  CHECK(second.Find("nextToken") == nullptr);
  CHECK(api.Fail("ListActivities", R"({"nextToken":"bogus"})").rfind("InvalidToken: ", 0) == 0);
}

TEST_CASE("GetActivityTask: a task, an idle poll ({}), and tasks no longer wanted") {
  Api api;
  api.Ok("CreateActivity", R"({"name":"w"})");
  const std::string poll = R"({"activityArn":")" + api.Arn("w") + R"(","workerName":"me"})";
  std::string started_by;
  Activities::Task gone{"t0", "0", [](const std::string&) { return false; }};
  Activities::Task wanted{"t1", R"({"x":1})", [&](const std::string& worker) {
                            started_by = worker;
                            return true;
                          }};
  api.activities.Schedule(api.Arn("w"), gone);
  api.activities.Schedule(api.Arn("w"), wanted);
  CHECK(Dump(api.Ok("GetActivityTask", poll)) == R"({"taskToken":"t1","input":"{\"x\":1}"})");
  CHECK(started_by == "me");
  const auto start = std::chrono::steady_clock::now();
  CHECK(Dump(api.Ok("GetActivityTask", poll)) == "{}");
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
}

TEST_CASE("Service::Shutdown wakes a waiting GetActivityTask at once") {
  Api api;
  api.activities.SetLimits({60000, 2});
  api.Ok("CreateActivity", R"({"name":"w"})");
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    api.service.Shutdown();
  });
  const auto start = std::chrono::steady_clock::now();
  CHECK(Dump(api.Ok("GetActivityTask", R"({"activityArn":")" + api.Arn("w") + "\"}")) == "{}");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  stopper.join();
}

TEST_CASE("Tags on activities: CreateActivity, TagResource, UntagResource, ListTagsForResource") {
  Api api;
  api.Ok("CreateActivity", R"({"name":"t","tags":[{"key":"a","value":"1"}]})");
  const std::string arn = R"({"resourceArn":")" + api.Arn("t") + "\"";
  api.Ok("TagResource", arn + R"(,"tags":[{"key":"a","value":"2"},{"key":"b","value":"3"}]})");
  CHECK(Dump(api.Ok("ListTagsForResource", arn + "}")) ==
        R"({"tags":[{"key":"a","value":"2"},{"key":"b","value":"3"}]})");
  api.Ok("UntagResource", arn + R"(,"tagKeys":["a"]})");
  CHECK(Dump(api.Ok("ListTagsForResource", arn + "}")) == R"({"tags":[{"key":"b","value":"3"}]})");
  CHECK(api.Fail("ListTagsForResource", R"({"resourceArn":")" + api.Arn("none") + "\"}") ==
        "ResourceNotFound: Resource not found: '" + api.Arn("none") + "'");
}

TEST_CASE("CreateActivity refuses more than 50 tags with TooManyTags") {
  Api api;
  std::string tags;
  for (int i = 0; i < 51; ++i) {
    tags += std::string(i ? "," : "") + R"({"key":"k)" + std::to_string(i) + R"(","value":"v"})";
  }
  CHECK(api.Fail("CreateActivity", R"({"name":"crowded","tags":[)" + tags + "]}") ==
        "TooManyTags: Too many tags: a resource can have at most 50 tags.");
  CHECK(api.Fail("DescribeActivity", R"({"activityArn":")" + api.Arn("crowded") + "\"}")
            .rfind("ActivityDoesNotExist: ", 0) == 0);
}
