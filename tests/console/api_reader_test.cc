// tests/console/api_reader_test.cc: the console's reads through Service::Call.
#include "console/api_reader.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"
#include "emulator/records/store.h"

namespace sfn::console {
namespace {

struct World {
  emulator::Engine engine{emulator::EngineOptions{}};
  emulator::Store store{emulator::NowMs};
  emulator::EngineRunner runner{&engine};
  emulator::Service service{&store, &runner};
  ApiReader api{&service, emulator::CallContext{}};
};

Json Request(const std::string& text) { return ParseJson(text).value; }

TEST_CASE("ApiReader: answers are parsed; errors keep the API's status and body") {
  World w;
  ApiAnswer listed = w.api.Call("ListStateMachines", Request("{}"));
  CHECK(listed.ok());
  CHECK(listed.value.Find("stateMachines")->size() == 0);
  ApiAnswer missing = w.api.Call(
      "DescribeExecution",
      Request(R"({"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:x"})"));
  CHECK_FALSE(missing.ok());
  CHECK(missing.http_status == 400);
  CHECK(missing.body.find("ExecutionDoesNotExist") != std::string::npos);
}

TEST_CASE("ApiReader: History follows nextToken past one page of 1000 events") {
  World w;
  ApiAnswer created = w.api.Call(
      "CreateStateMachine",
      Request(R"({"name":"m","roleArn":"arn:aws:iam::123456789012:role/r","definition":)"
              R"("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"End\":true,)"
              R"(\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",)"
              R"(\"End\":true}}}}}}"})"));
  REQUIRE(created.ok());
  std::string items = "[0";
  for (int i = 1; i < 300; ++i) items += "," + std::to_string(i);
  items += "]";
  Json::Object start;
  start.emplace_back("stateMachineArn", *created.value.Find("stateMachineArn"));
  start.emplace_back("input", Json(items));
  ApiAnswer started = w.api.Call("StartExecution", Json::MakeObject(std::move(start)));
  REQUIRE(started.ok());
  const std::string arn = started.value.Find("executionArn")->AsString();
  Json::Object describe;
  describe.emplace_back("executionArn", Json(arn));
  const Json describe_request = Json::MakeObject(std::move(describe));
  for (int i = 0; i < 2000; ++i) {  // until it ends (a few ms)
    if (*w.api.Call("DescribeExecution", describe_request).value.Find("status") !=
        Json("RUNNING")) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ApiAnswer history = w.api.History(arn);
  REQUIRE(history.ok());
  // 300 iterations of 4 events, and 6 more: more than one page.
  REQUIRE(history.value.size() == 1206);
  const Json::Array& events = history.value.AsArray();
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(*events[i].Find("id") == Json(static_cast<int64_t>(i + 1)));
  }
}

TEST_CASE("ApiReader: History of an unknown execution is the API's error") {
  World w;
  ApiAnswer history = w.api.History("arn:aws:states:us-east-1:123456789012:execution:m:none");
  CHECK(history.http_status == 400);
  CHECK(history.body.find("ExecutionDoesNotExist") != std::string::npos);
}

}  // namespace
}  // namespace sfn::console
