// tests/mocks/task_router_test.cc
#include "mocks/task_router.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "tests/support/test_server.h"
#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::Json;
using sfn::mocks::testing::Base64Decode;
using sfn::mocks::testing::HandlersDir;
using sfn::mocks::testing::Python3;
using sfn::mocks::testing::TestServer;
using sfn::mocks::testing::Waiter;
using sfn::testing::ParseOrDie;

namespace {

const char kFn[] = "arn:aws:lambda:us-east-1:123456789012:function:";

RoutesConfig Routes(const std::string& text) {
  auto config = ParseRoutesConfig(ParseOrDie(text), HandlersDir(), "routes");
  REQUIRE_MESSAGE(config.ok(), config.error().cause);
  return std::move(config).value();
}

sfn::asl::TaskCall Request(const std::string& resource, const std::string& payload = "{}") {
  sfn::asl::TaskCall request;
  request.resource = resource;
  request.payload = ParseOrDie(payload);
  request.caller.state_name = "S";
  request.caller.state_machine_name = "M";
  request.caller.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:M:e";
  request.caller.region = "us-east-1";
  request.caller.account = "123456789012";
  return request;
}

// Invokes and waits for the outcome.
sfn::asl::TaskOutcome Call(TaskRouter& router, const sfn::asl::TaskCall& request) {
  Waiter<sfn::asl::TaskOutcome> waiter;
  auto handle = router.Invoke(
      request, [&](sfn::asl::TaskOutcome outcome) { waiter.Set(std::move(outcome)); });
  auto outcome = waiter.Wait();
  REQUIRE(outcome);
  CHECK(waiter.calls() == 1);
  return *outcome;
}

std::string Py(const std::string& script) {
  return R"([")" + Python3() + R"(", ")" + HandlersDir() + "/" + script + R"("])";
}

}  // namespace

TEST_CASE("Static routes answer synchronously") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:states:::sqs:sendMessage", "return": {"MessageId": "m-1"}},
      {"resource": "arn:aws:states:::dynamodb:putItem", "echo": true},
      {"resource": "arn:aws:states:::sns:publish", "throw": {"error": "SNS.Down", "cause": "no"}}]})"));
  bool called = false;
  sfn::asl::TaskOutcome got;
  auto handle =
      router.Invoke(Request("arn:aws:states:::sqs:sendMessage"), [&](sfn::asl::TaskOutcome o) {
        called = true;
        got = std::move(o);
      });
  CHECK(called);  // before Invoke returned
  CHECK(got.ok);
  CHECK(sfn::Dump(got.result) == R"({"MessageId":"m-1"})");
  handle->Cancel();  // harmless after completion
  sfn::asl::TaskOutcome echoed =
      Call(router, Request("arn:aws:states:::dynamodb:putItem", R"({"Item":{"id":1}})"));
  CHECK(sfn::Dump(echoed.result) == R"({"Item":{"id":1}})");
  sfn::asl::TaskOutcome thrown = Call(router, Request("arn:aws:states:::sns:publish"));
  CHECK_FALSE(thrown.ok);
  CHECK(thrown.error.error == "SNS.Down");
  CHECK(thrown.error.cause == "no");
}

TEST_CASE("Integration suffixes and patterns") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:states:::sqs:sendMessage", "return": 1},
      {"resource": "arn:aws:states:::glue:*", "return": 2}]})"));
  CHECK(Call(router, Request("arn:aws:states:::sqs:sendMessage.waitForTaskToken")).result.AsInt() ==
        1);
  CHECK(Call(router, Request("arn:aws:states:::glue:startJobRun.sync")).result.AsInt() == 2);
}

TEST_CASE("An unrouted resource fails and says how to route it") {
  std::vector<std::string> log;
  TaskRouterOptions options;
  options.log = [&](const std::string& line) { log.push_back(line); };
  TaskRouter router(Routes(R"({"routes": []})"), nullptr, options);
  sfn::asl::TaskOutcome outcome = Call(router, Request("arn:aws:states:::sqs:sendMessage"));
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.unrouted);
  CHECK(outcome.error.error == "States.TaskFailed");
  CHECK(outcome.error.cause ==
        "sfn-local has no route for the resource 'arn:aws:states:::sqs:sendMessage'. Add one to "
        "the routes file (serve --config FILE), for example {\"resource\": "
        "\"arn:aws:states:::sqs:sendMessage\", \"return\": {}}, or an \"exec\", \"http\" or "
        "\"throw\" route.");
  Call(router, Request("arn:aws:states:::sqs:sendMessage"));
  CHECK(log == std::vector<std::string>{
                   "sfn-local: no route for arn:aws:states:::sqs:sendMessage; route it with "
                   "{\"resource\": \"arn:aws:states:::sqs:sendMessage\", \"return\": {}}"});
  CHECK_FALSE(router.IsRouted("arn:aws:states:::sqs:sendMessage"));
  CHECK(router.IsRouted("arn:aws:states:::http:invoke"));
}

TEST_CASE("A direct Lambda ARN gets the function's output as is") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": ")" + std::string(kFn) +
                           R"(identity", "exec": )" + Py("identity.py") + R"(},
      {"resource": "Greeter", "return": "hello"}]})"));
  sfn::asl::TaskOutcome outcome =
      Call(router, Request(std::string(kFn) + "identity", R"({"a":[1,"x"]})"));
  REQUIRE(outcome.ok);
  CHECK(sfn::Dump(outcome.result) == R"({"a":[1,"x"]})");
  CHECK(Call(router, Request(std::string(kFn) + "Greeter")).result.AsString() == "hello");
  CHECK(router.IsRouted(std::string(kFn) + "Greeter"));
}

TEST_CASE("lambda:invoke routes by FunctionName and wraps the result") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:lambda:us-east-1:000000000000:function:identity", "exec": )" +
                           Py("identity.py") + R"(},
      {"resource": "ByName", "echo": true}]})"));
  sfn::asl::TaskOutcome outcome = Call(
      router,
      Request(
          "arn:aws:states:::lambda:invoke",
          R"({"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:identity", "Payload": "0.0"})"));
  REQUIRE(outcome.ok);
  CHECK(sfn::Dump(*outcome.result.Find("Payload")) == "0.0");
  CHECK(outcome.result.Find("ExecutedVersion")->AsString() == "$LATEST");
  CHECK(outcome.result.Find("StatusCode")->AsInt() == 200);
  CHECK(outcome.result.Find("SdkHttpMetadata")
            ->Find("HttpHeaders")
            ->Find("Content-Length")
            ->AsString() == "3");

  for (const char* name : {"ByName", "ByName:live", "123456789012:function:ByName",
                           "arn:aws:lambda:us-east-1:123456789012:function:ByName"}) {
    sfn::asl::TaskOutcome by_name =
        Call(router,
             Request("arn:aws:states:::lambda:invoke.waitForTaskToken",
                     R"({"FunctionName": ")" + std::string(name) + R"(", "Payload": {"k": "v"}})"));
    REQUIRE(by_name.ok);
    CHECK(sfn::Dump(*by_name.result.Find("Payload")) == R"({"k":"v"})");
  }
  // No Payload: the function receives {} (recorded from AWS).
  sfn::asl::TaskOutcome empty =
      Call(router, Request("arn:aws:states:::lambda:invoke", R"({"FunctionName": "ByName"})"));
  CHECK(sfn::Dump(*empty.result.Find("Payload")) == "{}");
}

TEST_CASE("lambda:invoke with LogType Tail returns the handler's log") {
  TaskRouter router(
      Routes(R"({"routes": [{"resource": "Logger", "exec": )" + Py("stderr_lines.py") + R"(}]})"));
  sfn::asl::TaskOutcome outcome =
      Call(router, Request("arn:aws:states:::lambda:invoke",
                           R"({"FunctionName": "Logger", "LogType": "Tail"})"));
  REQUIRE(outcome.ok);
  std::string log = Base64Decode(outcome.result.Find("LogResult")->AsString());
  std::string id = outcome.result.Find("SdkResponseMetadata")->Find("RequestId")->AsString();
  CHECK(log == "START RequestId: " + id +
                   " Version: $LATEST\nfirst line\nsecond line\nEND RequestId: " + id + "\n");
}

TEST_CASE("lambda:invoke with InvocationType Event or DryRun answers without the result") {
  const std::string marker =
      (std::filesystem::temp_directory_path() /
       ("sfn-router-event-" +
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())))
          .string();
  const std::string script = "import sys; open(sys.argv[1], 'w').write(sys.stdin.read())";
  TaskRouter router(Routes(R"({"routes": [{"resource": "Touch", "exec": [")" + Python3() +
                           R"(", "-c", ")" + script + R"(", ")" + marker + R"("]}]})"));
  sfn::asl::TaskOutcome event =
      Call(router, Request("arn:aws:states:::lambda:invoke",
                           R"({"FunctionName": "Touch", "InvocationType": "Event",
                               "Payload": {"k": 1}})"));
  REQUIRE(event.ok);
  CHECK(event.result.Find("StatusCode")->AsInt() == 202);
  CHECK(event.result.Find("Payload")->AsString() == "");
  // The function still runs, in the background.
  std::string written;
  for (int i = 0; i < 500 && written.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::ifstream in(marker);
    std::getline(in, written);
  }
  CHECK(written == R"({"k":1})");
  std::remove(marker.c_str());

  sfn::asl::TaskOutcome dry_run =
      Call(router, Request("arn:aws:states:::lambda:invoke",
                           R"({"FunctionName": "Touch", "InvocationType": "DryRun"})"));
  REQUIRE(dry_run.ok);
  CHECK(dry_run.result.Find("StatusCode")->AsInt() == 204);

  sfn::asl::TaskOutcome missing =
      Call(router, Request("arn:aws:states:::lambda:invoke",
                           R"({"FunctionName": "Nowhere", "InvocationType": "Event"})"));
  CHECK(missing.error.error == "Lambda.ResourceNotFoundException");
}

TEST_CASE("Failing functions report errorType and the error document") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "Fails", "exec": [")" +
                           Python3() + R"(", ")" + HandlersDir() +
                           R"(/fail.py", "Exception", "Some exception was raised."]},
      {"resource": "Crashes", "exec": [")" +
                           Python3() + R"(", ")" + HandlersDir() +
                           R"(/exit_with.py", "1", "core dumped"]}]})"));
  for (const sfn::asl::TaskCall& request :
       {Request(std::string(kFn) + "Fails"),
        Request("arn:aws:states:::lambda:invoke",
                R"({"FunctionName": "Fails", "Payload": null})")}) {
    sfn::asl::TaskOutcome outcome = Call(router, request);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.error == "Exception");
    Json cause = ParseOrDie(outcome.error.cause);
    CHECK(cause.Find("errorMessage")->AsString() == "Some exception was raised.");
    CHECK(cause.Find("errorType")->AsString() == "Exception");
    CHECK(cause.Find("requestId")->is_string());
    CHECK(cause.Find("stackTrace")->is_array());
  }
  sfn::asl::TaskOutcome crash = Call(router, Request(std::string(kFn) + "Crashes"));
  CHECK(crash.error.error == "Lambda.Unknown");
  CHECK(crash.error.cause ==
        "The cause could not be determined because Lambda did not return an error type. Returned "
        "payload: core dumped");
}

TEST_CASE("A missing function fails as AWS reports it") {
  TaskRouter router(Routes(R"({"routes": []})"), nullptr,
                    TaskRouterOptions{8, 4, [](const std::string&) {}});
  std::regex cause(
      "Function not found: arn:aws:lambda:us-east-1:123456789012:function:no_such_fn:\\$LATEST "
      "\\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
      "[0-9a-f-]{36}; Proxy: null\\)");
  for (const sfn::asl::TaskCall& request :
       {Request(std::string(kFn) + "no_such_fn"),
        Request("arn:aws:states:::lambda:invoke",
                R"({"FunctionName": "no_such_fn", "Payload": null})")}) {
    sfn::asl::TaskOutcome outcome = Call(router, request);
    CHECK(outcome.error.error == "Lambda.ResourceNotFoundException");
    CHECK(std::regex_match(outcome.error.cause, cause));
    CHECK(outcome.unrouted);
  }
  sfn::asl::TaskOutcome invalid =
      Call(router, Request("arn:aws:states:::lambda:invoke", R"({"Payload": 1})"));
  CHECK(invalid.error.error == "Lambda.AWSLambdaException");
}

TEST_CASE("A route on lambda:invoke itself answers the whole call when no function route does") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:states:::lambda:invoke", "return": {"StatusCode": 200, "Payload": "mock"}}]})"));
  sfn::asl::TaskOutcome outcome =
      Call(router, Request("arn:aws:states:::lambda:invoke", R"({"FunctionName": "Any"})"));
  CHECK(sfn::Dump(outcome.result) == R"({"StatusCode":200,"Payload":"mock"})");
}

TEST_CASE("Other resources take errorType/errorMessage, else States.TaskFailed with the output") {
  TaskRouter router(Routes(
      R"({"routes": [
      {"resource": "arn:aws:states:::sqs:sendMessage", "exec": [")" +
      Python3() + R"(", ")" + HandlersDir() + R"(/fail.py", "Queue.Full", "no room", "stderr"]},
      {"resource": "arn:aws:states:::sns:publish", "exec": [")" +
      Python3() + R"(", ")" + HandlersDir() + R"(/exit_with.py", "2", "plain failure"]},
      {"resource": "arn:aws:states:::events:putEvents", "exec": [")" +
      Python3() + R"(", ")" + HandlersDir() + R"(/exit_with.py", "0", "not json"]}]})"));
  sfn::asl::TaskOutcome typed = Call(router, Request("arn:aws:states:::sqs:sendMessage"));
  CHECK(typed.error.error == "Queue.Full");
  CHECK(typed.error.cause == "no room");
  sfn::asl::TaskOutcome plain = Call(router, Request("arn:aws:states:::sns:publish"));
  CHECK(plain.error.error == "States.TaskFailed");
  CHECK(plain.error.cause == "plain failure");
  sfn::asl::TaskOutcome bad = Call(router, Request("arn:aws:states:::events:putEvents"));
  CHECK(bad.error.error == "States.TaskFailed");
  CHECK(bad.error.cause.rfind("'" + Python3() + "' wrote output that is not valid JSON (", 0) == 0);
}

TEST_CASE("A route's timeoutSeconds stops the program") {
  TaskRouter router(
      Routes(R"({"routes": [
      {"resource": "Slow", "exec": ["sh", ")" +
             HandlersDir() + R"(/spawn_and_wait.sh", "/dev/null"], "timeoutSeconds": 0.3},
      {"resource": "arn:aws:states:::batch:submitJob", "exec": ["sh", ")" +
             HandlersDir() + R"(/spawn_and_wait.sh", "/dev/null"], "timeoutSeconds": 0.3}]})"));
  sfn::asl::TaskOutcome lambda = Call(router, Request(std::string(kFn) + "Slow"));
  CHECK(lambda.error.error == "Sandbox.Timedout");
  CHECK(ParseOrDie(lambda.error.cause)
            .Find("errorMessage")
            ->AsString()
            .find("Task timed out after 0.30 seconds") != std::string::npos);
  sfn::asl::TaskOutcome batch = Call(router, Request("arn:aws:states:::batch:submitJob"));
  CHECK(batch.error.error == "States.TaskFailed");
  CHECK(batch.error.cause ==
        "'sh' did not finish within its route's 0.3 timeoutSeconds and was killed");
}

TEST_CASE("Cancel stops a running program; done still runs once") {
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "Slow", "exec": ["sh", ")" +
                           HandlersDir() + R"(/spawn_and_wait.sh", "/dev/null"]}]})"));
  Waiter<sfn::asl::TaskOutcome> waiter;
  auto handle =
      router.Invoke(Request(std::string(kFn) + "Slow"),
                    [&](sfn::asl::TaskOutcome outcome) { waiter.Set(std::move(outcome)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  handle->Cancel();
  auto outcome = waiter.Wait(5);
  REQUIRE(outcome);
  CHECK(outcome->error.cause == "The task was cancelled and 'sh' was killed");
}

TEST_CASE("Mocked responses come first for a test case; other states use the routes") {
  auto mocks = MockConfig::FromJson(ParseOrDie(R"({
    "StateMachines": {"M": {"TestCases": {"T": {"S": "Retry", "Callback": "Token"}}}},
    "MockedResponses": {
      "Retry": {"0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                "1-2": {"Return": {"StatusCode": 200, "Payload": "ok"}}},
      "Token": {"0": {"Return": {"approved": true}}}}})"));
  REQUIRE(mocks.ok());
  TaskRouter router(
      Routes(
          R"({"routes": [{"resource": "arn:aws:states:::sqs:sendMessage", "return": "routed"}]})"),
      std::move(mocks).value());
  CHECK(router.HasMockConfig());
  CHECK(router.HasTestCase("M", "T"));
  CHECK_FALSE(router.HasTestCase("M", "Nope"));
  sfn::asl::TaskCall request =
      Request("arn:aws:states:::lambda:invoke", R"({"FunctionName": "Unrouted"})");
  request.caller.test_case = "T";
  sfn::asl::TaskOutcome first = Call(router, request);
  CHECK(first.error.error == "Lambda.TooManyRequestsException");
  CHECK(first.error.cause == "slow down");
  request.attempt = 2;
  sfn::asl::TaskOutcome third = Call(router, request);
  CHECK(third.ok);
  CHECK(sfn::Dump(third.result) == R"({"StatusCode":200,"Payload":"ok"})");  // not wrapped again
  CHECK(third.callback_answered);
  request.attempt = 3;
  sfn::asl::TaskOutcome fourth = Call(router, request);
  CHECK(fourth.error.error == "States.Runtime");
  sfn::asl::TaskCall callback = Request("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
  callback.caller.state_name = "Callback";
  callback.caller.test_case = "T";
  sfn::asl::TaskOutcome answered = Call(router, callback);
  CHECK(sfn::Dump(answered.result) == R"({"approved":true})");
  CHECK(answered.callback_answered);
  callback.caller.state_name = "NotMocked";
  sfn::asl::TaskOutcome routed = Call(router, callback);
  CHECK(routed.result.AsString() == "routed");
  CHECK_FALSE(routed.callback_answered);
  callback.caller.test_case = "";
  callback.caller.state_name = "Callback";
  CHECK(Call(router, callback).result.AsString() == "routed");
}

TEST_CASE("lambdaEndpoint and http routes through the router") {
  TestServer server([](httplib::Server& s) {
    s.Post(R"(/2015-03-31/functions/([^/]+)/invocations)", [](const httplib::Request& req,
                                                              httplib::Response& res) {
      res.set_content(R"({"fn": ")" + std::string(req.matches[1]) + R"(", "in": )" + req.body + "}",
                      "application/json");
    });
    s.Post("/svc", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "application/json");
    });
    s.Get("/api", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"pong": true})", "application/json");
    });
  });
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:lambda:*", "lambdaEndpoint": ")" +
                           server.Url() + R"("},
      {"resource": "arn:aws:states:::events:putEvents", "http": ")" +
                           server.Url("/svc") + R"("}]})"));
  sfn::asl::TaskOutcome invoked = Call(
      router,
      Request("arn:aws:states:::lambda:invoke", R"({"FunctionName": "Sam", "Payload": {"x": 1}})"));
  REQUIRE(invoked.ok);
  CHECK(sfn::Dump(*invoked.result.Find("Payload")) == R"({"fn":"Sam","in":{"x":1}})");
  sfn::asl::TaskOutcome direct = Call(router, Request(std::string(kFn) + "Direct", R"([1])"));
  CHECK(sfn::Dump(direct.result) == R"({"fn":"Direct","in":[1]})");
  sfn::asl::TaskOutcome posted =
      Call(router, Request("arn:aws:states:::events:putEvents", R"({"Entries":[]})"));
  CHECK(sfn::Dump(posted.result) == R"({"Entries":[]})");
  sfn::asl::TaskOutcome http =
      Call(router, Request("arn:aws:states:::http:invoke",
                           R"({"ApiEndpoint": ")" + server.Url("/api") + R"(", "Method": "GET"})"));
  REQUIRE(http.ok);
  CHECK(sfn::Dump(*http.result.Find("ResponseBody")) == R"({"pong":true})");
}

TEST_CASE("The routes of a file answer the recorded conformance shapes") {
  // services/lambda_task_service__invoke_json_values__json_value5: Payload "{}" -> Payload {}.
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:lambda:us-east-1:000000000000:function:identity", "exec": )" +
                           Py("identity.py") + R"(}]})"));
  for (const auto& [payload, expected] :
       std::vector<std::pair<std::string, std::string>>{{R"("{}")", "{}"},
                                                        {R"("[]")", "[]"},
                                                        {R"("true")", "true"},
                                                        {R"("\"HelloWorld\"")", "\"HelloWorld\""},
                                                        {"null", "{}"}}) {
    sfn::asl::TaskOutcome outcome = Call(
        router,
        Request(
            "arn:aws:states:::lambda:invoke",
            R"({"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:identity", "Payload": )" +
                payload + "}"));
    REQUIRE(outcome.ok);
    CHECK(sfn::Dump(*outcome.result.Find("Payload")) == expected);
  }
}

TEST_CASE("With s3_dir the S3 resources are answered from the folder; a route still wins") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / "sfn-router-s3";
  fs::remove_all(root);
  fs::create_directories(root / "bucket");
  std::ofstream(root / "bucket" / "k.txt") << "text";
  TaskRouterOptions options;
  options.s3_dir = root.string();
  TaskRouter router(Routes(R"({"routes": [
      {"resource": "arn:aws:states:::aws-sdk:s3:putObject", "return": {"ETag": "routed"}}]})"),
                    nullptr, options);
  CHECK(router.IsRouted("arn:aws:states:::s3:getObject"));
  auto got = Call(router, Request("arn:aws:states:::aws-sdk:s3:getObject",
                                  R"({"Bucket":"bucket","Key":"k.txt"})"));
  REQUIRE(got.ok);
  CHECK(got.result.Find("Body")->AsString() == "text");
  auto put = Call(router, Request("arn:aws:states:::aws-sdk:s3:putObject",
                                  R"({"Bucket":"bucket","Key":"new.txt","Body":"b"})"));
  CHECK(put.result.Find("ETag")->AsString() == "routed");
  CHECK_FALSE(fs::exists(root / "bucket" / "new.txt"));
}

TEST_CASE("Without s3_dir an S3 resource is unrouted and the hint names --s3-dir") {
  TaskRouterOptions options;
  options.log = [](const std::string&) {};
  TaskRouter router(RoutesConfig{}, nullptr, options);
  CHECK_FALSE(router.IsRouted("arn:aws:states:::s3:getObject"));
  auto got = Call(router, Request("arn:aws:states:::s3:getObject", R"({"Bucket":"b","Key":"k"})"));
  CHECK(got.unrouted);
  CHECK(got.error.cause.find("--s3-dir DIR") != std::string::npos);
}
