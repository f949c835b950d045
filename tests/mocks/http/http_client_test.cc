// tests/mocks/http/http_client_test.cc
#include "mocks/http/http_client.h"

#include <doctest/doctest.h>

#include <thread>

#include "tests/support/test_server.h"
#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::mocks::testing::ClosedPort;
using sfn::mocks::testing::TestServer;
using sfn::mocks::testing::Waiter;
using sfn::testing::ParseOrDie;

namespace {

HttpReply Send(IoPool* pool, HttpCall call) {
  Waiter<HttpReply> waiter;
  auto handle =
      SendHttp(pool, std::move(call), [&](HttpReply reply) { waiter.Set(std::move(reply)); });
  auto reply = waiter.Wait();
  REQUIRE(reply);
  return *reply;
}

Route UrlRoute(RouteKind kind, const std::string& url) {
  Route route;
  route.kind = kind;
  route.url = url;
  return route;
}

}  // namespace

TEST_CASE("http route: POST the input, 2xx body is the result") {
  std::string seen_body, seen_state, seen_type;
  TestServer server([&](httplib::Server& s) {
    s.Post("/ok", [&](const httplib::Request& req, httplib::Response& res) {
      seen_body = req.body;
      seen_state = req.get_header_value("X-Sfn-State-Name");
      seen_type = req.get_header_value("Content-Type");
      res.set_content(R"({"answer": 42})", "application/json");
    });
    s.Post("/empty", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    s.Post("/text", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("plain words", "text/plain");
    });
  });
  IoPool pool(2);
  sfn::asl::TaskCall request;
  request.caller.state_name = "Notify";
  std::string url = server.Url("/ok");
  CallResult ok = InterpretRouteReply(Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url),
                                                                ParseOrDie(R"({"q":1})"), request)),
                                      url);
  CHECK(ok.status == CallResult::Status::kOk);
  CHECK(sfn::Dump(ok.value) == R"({"answer":42})");
  CHECK(seen_body == R"({"q":1})");
  CHECK(seen_state == "Notify");
  CHECK(seen_type == "application/json");
  url = server.Url("/empty");
  CallResult empty = InterpretRouteReply(
      Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url), sfn::Json(), request)), url);
  CHECK(empty.status == CallResult::Status::kOk);
  CHECK(empty.value.is_null());
  url = server.Url("/text");
  CallResult text = InterpretRouteReply(
      Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url), sfn::Json(), request)), url);
  CHECK(text.status == CallResult::Status::kFailed);
  CHECK(
      text.cause ==
      url +
          " answered with a body that is not valid JSON (Invalid value. at offset 0): plain words");
}

TEST_CASE("http route: other statuses are handler errors") {
  TestServer server([](httplib::Server& s) {
    s.Post("/typed", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content(R"({"errorType": "Overloaded", "errorMessage": "try later"})",
                      "application/json");
    });
    s.Post("/plain", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_content("down", "text/plain");
    });
  });
  IoPool pool(2);
  sfn::asl::TaskCall request;
  std::string url = server.Url("/typed");
  CallResult typed = InterpretRouteReply(
      Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url), sfn::Json(), request)), url);
  CHECK(typed.status == CallResult::Status::kHandlerError);
  CHECK(sfn::Dump(typed.error_payload) ==
        R"({"errorType":"Overloaded","errorMessage":"try later"})");
  url = server.Url("/plain");
  CallResult plain = InterpretRouteReply(
      Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url), sfn::Json(), request)), url);
  CHECK(plain.status == CallResult::Status::kHandlerError);
  CHECK(plain.error == "States.TaskFailed");
  CHECK(plain.cause == url + " answered HTTP 503 Service Unavailable: down");
}

TEST_CASE("http route: connection refused") {
  IoPool pool(1);
  sfn::asl::TaskCall request;
  std::string url = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/x";
  CallResult result = InterpretRouteReply(
      Send(&pool, MakeRoutePost(UrlRoute(RouteKind::kHttp, url), sfn::Json(), request)), url);
  CHECK(result.status == CallResult::Status::kFailed);
  CHECK(result.error == "States.TaskFailed");
  CHECK(result.cause == "Could not reach " + url + ": could not connect");
}

TEST_CASE("Cancel aborts a request in flight") {
  TestServer server([](httplib::Server& s) {
    s.Post("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::seconds(3));
      res.set_content("{}", "application/json");
    });
  });
  IoPool pool(1);
  HttpCall call;
  call.url = *ParseUrl(server.Url("/slow"));
  Waiter<HttpReply> waiter;
  auto started = std::chrono::steady_clock::now();
  auto handle = SendHttp(&pool, call, [&](HttpReply reply) { waiter.Set(std::move(reply)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  handle->Cancel();
  auto reply = waiter.Wait();
  REQUIRE(reply);
  CHECK(reply->cancelled);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2500));
  CHECK(InterpretRouteReply(*reply, "u").cause == "The task was cancelled");
}

TEST_CASE("lambdaEndpoint route: the Lambda Invoke API") {
  std::string seen_path, seen_query, seen_body, seen_log_type;
  TestServer server([&](httplib::Server& s) {
    s.Post(R"(/base/2015-03-31/functions/([^/]+)/invocations)", [&](const httplib::Request& req,
                                                                    httplib::Response& res) {
      seen_path = req.matches[1];
      seen_query = req.get_param_value("Qualifier");
      seen_body = req.body;
      seen_log_type = req.get_header_value("X-Amz-Log-Type");
      if (seen_path == "Fails") {
        res.set_header("X-Amz-Function-Error", "Unhandled");
        res.set_content(
            R"({"errorMessage":"m","errorType":"ValueError","requestId":"r","stackTrace":[]})",
            "application/json");
      } else if (seen_path == "Missing") {
        res.status = 404;
        res.set_header("x-amzn-ErrorType", "ResourceNotFound");
        res.set_content(
            R"({"Type":"User","Message":"Function not found: arn:aws:lambda:us-west-2:012345678901:function:Missing"})",
            "application/json");
      } else {
        res.set_header("X-Amz-Log-Result", "bG9n");
        res.set_content(R"("hi")", "application/json");
      }
    });
  });
  IoPool pool(2);
  Route route = UrlRoute(RouteKind::kLambdaEndpoint, server.Url("/base/"));
  Url endpoint = *ParseUrl(route.url);
  FunctionArn function = *ParseFunctionArn("arn:aws:lambda:us-east-1:1:function:Greet:live");
  CallResult ok = InterpretLambdaReply(
      Send(&pool, MakeLambdaInvoke(route, function, ParseOrDie(R"({"x":1})"), true)), endpoint);
  CHECK(seen_path == "Greet");
  CHECK(seen_query == "live");
  CHECK(seen_body == R"({"x":1})");
  CHECK(seen_log_type == "Tail");
  CHECK(ok.status == CallResult::Status::kOk);
  CHECK(ok.value.AsString() == "hi");
  CHECK(ok.log_result == "bG9n");

  function = *ParseFunctionArn("arn:aws:lambda:us-east-1:1:function:Fails");
  CallResult fails = InterpretLambdaReply(
      Send(&pool, MakeLambdaInvoke(route, function, sfn::Json(), false)), endpoint);
  CHECK(fails.status == CallResult::Status::kHandlerError);
  CHECK(fails.error_payload.Find("errorType")->AsString() == "ValueError");

  function = *ParseFunctionArn("arn:aws:lambda:us-east-1:1:function:Missing");
  CallResult missing = InterpretLambdaReply(
      Send(&pool, MakeLambdaInvoke(route, function, sfn::Json(), false)), endpoint);
  CHECK(missing.status == CallResult::Status::kFailed);
  CHECK(missing.error == "Lambda.ResourceNotFoundException");
  CHECK(missing.cause.rfind(
            "Function not found: arn:aws:lambda:us-west-2:012345678901:function:Missing (Service: "
            "AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ",
            0) == 0);

  Route closed =
      UrlRoute(RouteKind::kLambdaEndpoint, "http://127.0.0.1:" + std::to_string(ClosedPort()));
  CallResult unreachable = InterpretLambdaReply(
      Send(&pool, MakeLambdaInvoke(closed, function, sfn::Json(), false)), *ParseUrl(closed.url));
  CHECK(unreachable.error == "Lambda.SdkClientException");
  CHECK(unreachable.cause == "Unable to execute HTTP request: Connect to " +
                                 ParseUrl(closed.url)->HostPort() + " failed: could not connect");
}

TEST_CASE("http:invoke performs the described request") {
  std::string seen_method, seen_query, seen_header, seen_body, seen_type;
  TestServer server([&](httplib::Server& s) {
    auto handler = [&](const httplib::Request& req, httplib::Response& res) {
      seen_method = req.method;
      seen_query = req.target.substr(req.target.find('?') + 1);
      seen_header = req.get_header_value("X-Api-Key");
      seen_body = req.body;
      seen_type = req.get_header_value("Content-Type");
      if (req.path == "/missing") {
        res.status = 404;
        res.set_content("nothing here", "text/plain");
        return;
      }
      res.set_header("X-Extra", "1");
      res.set_content(R"({"id": 7})", "application/json");
    };
    s.Get("/items", handler);
    s.Post("/items", handler);
    s.Get("/missing", handler);
  });
  IoPool pool(2);
  auto call = MakeHttpTaskCall(ParseOrDie(R"({"ApiEndpoint": ")" + server.Url("/items") + R"(",
      "Method": "get", "Headers": {"X-Api-Key": "k"},
      "QueryParameters": {"q": "a b", "tags": ["x", "y"]}})"),
                               0);
  REQUIRE(call.ok());
  CallResult got = InterpretHttpTaskReply(Send(&pool, call.value()), server.Url("/items"));
  CHECK(seen_method == "GET");
  CHECK(seen_query == "q=a%20b&tags=x&tags=y");
  CHECK(seen_header == "k");
  REQUIRE(got.status == CallResult::Status::kOk);
  CHECK(sfn::Dump(*got.value.Find("ResponseBody")) == R"({"id":7})");
  CHECK(got.value.Find("StatusCode")->AsInt() == 200);
  CHECK(got.value.Find("StatusText")->AsString() == "OK");
  CHECK(sfn::Dump(*got.value.Find("Headers")->Find("X-Extra")) == R"(["1"])");

  auto form = MakeHttpTaskCall(ParseOrDie(R"({"ApiEndpoint": ")" + server.Url("/items") + R"(",
      "Method": "POST", "RequestBody": {"a": 1, "list": ["p", "q"]},
      "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                    "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}})"),
                               0);
  REQUIRE(form.ok());
  Send(&pool, form.value());
  CHECK(seen_body == "a=1&list%5B%5D=p&list%5B%5D=q");
  CHECK(seen_type == "application/x-www-form-urlencoded");

  auto json = MakeHttpTaskCall(ParseOrDie(R"({"ApiEndpoint": ")" + server.Url("/items") + R"(",
      "Method": "POST", "RequestBody": {"a": 1}})"),
                               0);
  Send(&pool, json.value());
  CHECK(seen_body == R"({"a":1})");
  CHECK(seen_type == "application/json");

  auto missing = MakeHttpTaskCall(
      ParseOrDie(R"({"ApiEndpoint": ")" + server.Url("/missing") + R"(", "Method": "GET"})"), 0);
  CallResult not_found =
      InterpretHttpTaskReply(Send(&pool, missing.value()), server.Url("/missing"));
  CHECK(not_found.status == CallResult::Status::kFailed);
  CHECK(not_found.error == "States.Http.StatusCode.404");
  sfn::Json cause = ParseOrDie(not_found.cause);
  CHECK(cause.Find("ResponseBody")->AsString() == "nothing here");
  CHECK(cause.Find("StatusText")->AsString() == "Not Found");

  auto no_method = MakeHttpTaskCall(ParseOrDie(R"({"ApiEndpoint": "http://x"})"), 0);
  REQUIRE_FALSE(no_method.ok());
  CHECK(no_method.error().cause == "The http:invoke parameter 'Method' must be a string");
  auto no_endpoint = MakeHttpTaskCall(ParseOrDie(R"({"Method": "GET"})"), 0);
  REQUIRE_FALSE(no_endpoint.ok());
  CHECK(no_endpoint.error().cause ==
        "The http:invoke parameter 'ApiEndpoint' must be an http:// or https:// URL");
}
