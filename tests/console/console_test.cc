// tests/console/console_test.cc: the console's pages and read endpoints over
// a real Service, Engine and Store (no HTTP).
#include "console/console.h"

#include <doctest/doctest.h>

#include <string>

#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"
#include "emulator/records/store.h"

namespace sfn::console {
namespace {

using emulator::PageAnswer;
using emulator::PageRequest;

// A Pass, then a Choice whose rule is false for {} (C is never reached).
const char* kDefinition =
    R"({"name":"m","roleArn":"arn:aws:iam::123456789012:role/r","definition":)"
    R"("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},)"
    R"(\"B\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.go\",\"IsPresent\":true,)"
    R"(\"Next\":\"C\"}],\"Default\":\"D\"},\"C\":{\"Type\":\"Fail\"},\"D\":{\"Type\":\"Succeed\"}}}"})";

struct World {
  emulator::Engine engine{emulator::EngineOptions{}};
  emulator::Store store{emulator::NowMs};
  emulator::EngineRunner runner{&engine};
  emulator::Service service{&store, &runner};
  Console console{Options()};

  ConsoleOptions Options() {
    ConsoleOptions o;
    o.service = &service;
    o.waiting_tasks = [] {
      emulator::WaitingTask t;
      t.task_token = "tok";
      t.execution_arn = "arn:x";
      t.state_name = "Approve";
      t.resource = "arn:aws:states:us-east-1:123456789012:activity:a";
      t.input = "{\"n\":1}";
      t.activity = true;
      t.since_ms = 1500;
      return std::vector<emulator::WaitingTask>{t};
    };
    o.queued_activity_tokens = [] { return std::vector<std::string>{"tok"}; };
    return o;
  }

  std::string Call(const std::string& action, const std::string& body) {
    emulator::Service::Response r = service.Call(action, body, emulator::CallContext{});
    REQUIRE_MESSAGE(r.http_status == 200, r.body);
    return r.body;
  }
  PageAnswer Get(const std::string& path, std::map<std::string, std::string> query = {}) {
    return console.Handle(PageRequest{path, std::move(query)});
  }
};

std::string Field(const std::string& json, const std::string& key) {
  return ParseJson(json).value.Find(key)->AsString();
}

TEST_CASE("Console: the page and its assets are served from the binary") {
  World w;
  for (const char* path : {"/", "/console", "/console/"}) {
    PageAnswer page = w.Get(path);
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.find("/console/app.js") != std::string::npos);
  }
  CHECK(w.Get("/console/app.js").content_type == "text/javascript; charset=utf-8");
  CHECK(w.Get("/console/app.css").status == 200);
  CHECK(w.Get("/console/nothing.js").status == 404);
  CHECK(w.Get("/elsewhere").status == 404);
}

TEST_CASE("Console: without serve --watch, the watch status says nothing is watched") {
  World w;
  PageAnswer watch = w.Get("/console/api/watch");
  CHECK(watch.status == 200);
  CHECK(watch.body == R"({"watching":false,"stateMachines":[]})");
}

TEST_CASE("Console: graph.svg draws a state machine without outcomes") {
  World w;
  const std::string machine = Field(w.Call("CreateStateMachine", kDefinition), "stateMachineArn");
  PageAnswer plain = w.Get("/console/graph.svg", {{"stateMachineArn", machine}});
  CHECK(plain.status == 200);
  CHECK(plain.content_type == "image/svg+xml");
  CHECK(plain.body.find("id=\"state:A\" class=\"node state type&#45;Pass\"") != std::string::npos);
}

TEST_CASE("Console: an execution's graph and outline carry each state's outcome") {
  World w;
  const std::string machine = Field(w.Call("CreateStateMachine", kDefinition), "stateMachineArn");
  const std::string execution =
      Field(w.Call("StartExecution", "{\"stateMachineArn\":\"" + machine + "\"}"), "executionArn");
  // Pass states end in the first slice, on the calling thread.
  PageAnswer svg = w.Get("/console/graph.svg", {{"executionArn", execution}});
  REQUIRE(svg.status == 200);
  CHECK(svg.body.find("id=\"state:A\" class=\"node state type&#45;Pass st&#45;succeeded\"") !=
        std::string::npos);
  CHECK(svg.body.find("id=\"state:C\" class=\"node state type&#45;Fail st&#45;not&#45;reached\"") !=
        std::string::npos);
  PageAnswer outline = w.Get("/console/api/outline", {{"executionArn", execution}});
  REQUIRE(outline.status == 200);
  Json states = *ParseJson(outline.body).value.Find("states");
  CHECK(*states.Find("D")->Find("outcome") == Json("succeeded"));
  CHECK(states.Find("C") == nullptr);
}

TEST_CASE("Console: bad or unknown ARNs get the API's error or a clear message") {
  World w;
  CHECK(w.Get("/console/graph.svg").status == 400);
  CHECK(w.Get("/console/graph.svg", {{"stateMachineArn", "a"}, {"executionArn", "b"}}).status ==
        400);
  CHECK(w.Get("/console/api/outline").status == 400);
  PageAnswer missing =
      w.Get("/console/graph.svg",
            {{"executionArn", "arn:aws:states:us-east-1:123456789012:execution:none:none"}});
  CHECK(missing.status == 400);
  CHECK(missing.body.find("ExecutionDoesNotExist") != std::string::npos);
  PageAnswer bad = w.Get("/console/graph.svg", {{"stateMachineArn", "not-an-arn"}});
  CHECK(bad.status == 400);
  CHECK(bad.body.find("InvalidArn") != std::string::npos);
}

TEST_CASE("Console: waiting-tasks lists the engine's waiting tasks, queued activities marked") {
  World w;
  PageAnswer tasks = w.Get("/console/api/waiting-tasks");
  REQUIRE(tasks.status == 200);
  Json list = *ParseJson(tasks.body).value.Find("tasks");
  REQUIRE(list.size() == 1);
  const Json& t = list.AsArray()[0];
  CHECK(*t.Find("taskToken") == Json("tok"));
  CHECK(*t.Find("stateName") == Json("Approve"));
  CHECK(*t.Find("kind") == Json("activity"));
  CHECK(*t.Find("queued") == Json(true));
  CHECK(*t.Find("input") == Json("{\"n\":1}"));
  CHECK(*t.Find("since") == Json(1.5));
}

}  // namespace
}  // namespace sfn::console
