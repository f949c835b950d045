// tests/emulator/server_test.cc: the HTTP front end in-process.
#include "emulator/api/server.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "emulator/engine/clock.h"
#include "tests/support/test_execution.h"

using namespace sfn::emulator;

namespace {

using sfn::testing::NoRunner;

}  // namespace

TEST_CASE("RegionFromAuthorization") {
  CHECK(RegionFromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/states/"
                                "aws4_request, SignedHeaders=host, Signature=0") == "eu-west-1");
  CHECK(RegionFromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-south-2/states/"
                                "aws4_request") == "ap-south-2");
  CHECK(RegionFromAuthorization("") == "");
  CHECK(RegionFromAuthorization("Credential=AKID/20260101") == "");
}

TEST_CASE("Server answers the JSON protocol and stops promptly") {
  Store store(NowMs);
  NoRunner runner;
  Service service(&store, &runner);
  ServerOptions options;
  options.port = 0;
  Server server(&service, options);
  std::string error;
  REQUIRE(server.Bind(&error));
  REQUIRE(server.port() > 0);
  std::thread serving([&server] { server.Run(); });

  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  httplib::Headers headers = {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"},
                              {"Host", "sync-localhost:1234"}};
  auto res = client.Post("/", headers, "{}", "application/x-amz-json-1.0");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == R"({"stateMachines":[]})");
  CHECK(res->get_header_value("Content-Type") == "application/x-amz-json-1.0");
  CHECK(res->get_header_value("x-amzn-RequestId").size() == 36);
  headers = {{"X-Amz-Target", "AWSStepFunctions.Nope"}};
  res = client.Post("/", headers, "{}", "application/x-amz-json-1.0");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->get_header_value("x-amzn-ErrorType") == "UnknownOperationException");

  // The client's keep-alive connection is still open: Stop must not wait for it.
  auto started = std::chrono::steady_clock::now();
  server.Stop();
  serving.join();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("Server::Stop lets a waiting GetActivityTask finish its answer") {
  Store store(NowMs);
  NoRunner runner;
  Activities activities;  // AWS's 60-second long poll
  Service service(&store, &runner, {}, &activities);
  activities.Create("arn:aws:states:us-east-1:123456789012:activity:w", "w", 0);
  ServerOptions options;
  options.port = 0;
  Server server(&service, options);
  std::string error;
  REQUIRE(server.Bind(&error));
  std::thread serving([&server] { server.Run(); });

  int status = 0;
  std::string body;
  std::thread worker([&] {
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(90, 0);
    auto res = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions.GetActivityTask"}},
                           R"({"activityArn":"arn:aws:states:us-east-1:123456789012:activity:w"})",
                           "application/x-amz-json-1.0");
    if (res) {
      status = res->status;
      body = res->body;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the poll is waiting
  auto started = std::chrono::steady_clock::now();
  server.Stop();
  serving.join();
  worker.join();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  CHECK(status == 200);  // 0: the answer was cut off
  CHECK(body == "{}");
}

TEST_CASE("Server hands GET requests to the page handler, or answers 404 without one") {
  Store store(NowMs);
  NoRunner runner;
  Service service(&store, &runner);
  for (bool with_pages : {true, false}) {
    ServerOptions options;
    options.port = 0;
    if (with_pages) {
      options.pages = [](const PageRequest& r) {
        auto it = r.query.find("q");
        return PageAnswer{200, "text/plain",
                          r.path + "|" + (it == r.query.end() ? "" : it->second)};
      };
    }
    Server server(&service, options);
    std::string error;
    REQUIRE(server.Bind(&error));
    std::thread serving([&server] { server.Run(); });
    httplib::Client client("127.0.0.1", server.port());
    auto page = client.Get("/console/x?q=a%20b");
    REQUIRE(page);
    CHECK(page->status == (with_pages ? 200 : 404));
    if (with_pages) CHECK(page->body == "/console/x|a b");
    auto health = client.Get("/health");  // never the page handler's
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(health->body.find("\"status\":\"ok\"") != std::string::npos);
    auto api = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"}}, "{}",
                           "application/x-amz-json-1.0");
    REQUIRE(api);
    CHECK(api->status == 200);
    server.Stop();
    serving.join();
  }
}

TEST_CASE("Server refuses foreign Hosts and Origins, serves /metrics and counts requests") {
  Store store(NowMs);
  NoRunner runner;
  Service service(&store, &runner);
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.metrics = &metrics;
  options.allowed_hosts = {"sfn"};
  options.watch_status = [] { return std::string(R"({"watching":true})"); };
  Server server(&service, options);
  std::string error;
  REQUIRE(server.Bind(&error));
  std::thread serving([&server] { server.Run(); });
  httplib::Client client("127.0.0.1", server.port());
  auto post = [&client](httplib::Headers headers, const char* type) {
    headers.emplace("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
    return client.Post("/", headers, "{}", type);
  };
  auto res = post({{"Host", "rebound.example:80"}}, "application/x-amz-json-1.0");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(res->get_header_value("x-amzn-ErrorType") == "AccessDeniedException");
  CHECK(res->body.find("DNS rebinding") != std::string::npos);
  res = post({{"Host", "sfn:8083"}}, "application/x-amz-json-1.0");
  REQUIRE(res);
  CHECK(res->status == 200);
  res = post({{"Origin", "http://evil.example"}}, "application/x-amz-json-1.0");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(res->body.find("Cross-origin request refused") != std::string::npos);
  res = client.Get("/console/api/watch");
  REQUIRE(res);
  CHECK(res->body == R"({"watching":true})");
  res = client.Get("/metrics");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == Metrics::kContentType);
  CHECK(res->body.find("sfn_api_requests_total{action=\"ListStateMachines\",status=\"200\"} 1\n") !=
        std::string::npos);
  CHECK(res->body.find("sfn_api_requests_total{action=\"ListStateMachines\",status=\"403\"} 2\n") !=
        std::string::npos);
  server.Stop();
  serving.join();
}
