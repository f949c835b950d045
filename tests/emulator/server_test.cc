// tests/emulator/server_test.cc: the HTTP front end in-process.
#include "emulator/server.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "emulator/json_response.h"

using namespace sfn::emulator;

namespace {

class NoRunner : public ExecutionRunner {
 public:
  void Start(std::shared_ptr<Execution>) override {}
  void Stop(const std::shared_ptr<Execution>&, std::optional<std::string>,
            std::optional<std::string>) override {}
  CallbackResult SendTaskSuccess(const std::string&, const std::string&) override { return {}; }
  CallbackResult SendTaskFailure(const std::string&, std::optional<std::string>,
                                 std::optional<std::string>) override {
    return {};
  }
  CallbackResult SendTaskHeartbeat(const std::string&) override { return {}; }
};

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
                              {"Host", "sync-anything.example"}};
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
