// tests/emulator/api/nested_execution_test.cc
//
// The nested-execution integration through the real Service, Store and
// Engine (no worker threads: the test drives the engine).
#include "emulator/api/nested_execution.h"

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

#include "emulator/api/response_shapes.h"
#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"

using namespace sfn::emulator;
using sfn::Json;

namespace {

const std::string kMachines = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const std::string kExecutions = "arn:aws:states:us-east-1:123456789012:execution:";

std::string Parent(const std::string& resource, const std::string& child) {
  return R"({"StartAt":"Nest","States":{"Nest":{"Type":"Task","Resource":")" + resource +
         R"(","Parameters":{"StateMachineArn":")" + kMachines + child +
         R"(","Name":"kid","Input":{"n":1}},"End":true}}})";
}

struct Fixture {
  Fixture() {
    sfn::mocks::TaskRouterOptions router_options;
    router_options.log = [](const std::string&) {};
    router = std::make_unique<sfn::mocks::TaskRouter>(sfn::mocks::RoutesConfig{}, nullptr,
                                                      router_options);
    invoker = std::make_unique<NestedExecutionInvoker>(router.get());
    EngineOptions o;
    o.workers = -1;
    o.timer_thread = false;
    o.invoker = invoker.get();
    engine = std::make_unique<Engine>(o);
    runner = std::make_unique<EngineRunner>(engine.get());
    service = std::make_unique<Service>(&store, runner.get());
    invoker->Bind(service.get(), runner.get());
  }

  Json Call(const std::string& action, const Json& request) {
    Service::Response r = service->Call(action, sfn::Dump(request), CallContext{});
    INFO(action << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return sfn::ParseJson(r.body).value;
  }
  void Create(const std::string& name, const std::string& definition,
              const std::string& type = "STANDARD") {
    Call("CreateStateMachine", ObjectBuilder()
                                   .Add("name", Json(name))
                                   .Add("definition", Json(definition))
                                   .Add("roleArn", Json("arn:aws:iam::123456789012:role/r"))
                                   .Add("type", Json(type))
                                   .Build());
  }
  std::string Start(const std::string& machine) {
    Json r = Call("StartExecution", ObjectBuilder()
                                        .Add("stateMachineArn", Json(kMachines + machine))
                                        .Add("name", Json("run"))
                                        .Build());
    engine->RunUntilIdle();
    return r.Find("executionArn")->AsString();
  }
  Json Describe(const std::string& arn) {
    return Call("DescribeExecution", ObjectBuilder().Add("executionArn", Json(arn)).Build());
  }
  std::string Types(const std::string& arn) {
    std::string out;
    for (const auto& e : store.FindExecution(arn)->execution->history().All()) {
      out += std::string(sfn::asl::EventTypeName(e.type)) + " ";
    }
    return out;
  }

  // Each event after the first state's entry follows the one before it.
  bool Chained(const std::string& arn) {
    const auto events = store.FindExecution(arn)->execution->history().All();
    for (size_t i = 2; i < events.size(); ++i) {
      if (events[i].previous_event_id != events[i - 1].id) {
        MESSAGE(events[i].id << " follows " << events[i].previous_event_id);
        return false;
      }
    }
    return true;
  }
  // A copy: History::All() returns a snapshot, which a pointer into it
  // would outlive.
  std::optional<sfn::emulator::HistoryEvent> Event(const std::string& arn,
                                                   sfn::asl::EventType type) {
    for (const auto& e : store.FindExecution(arn)->execution->history().All()) {
      if (e.type == type) return e;
    }
    return std::nullopt;
  }

  Store store{NowMs};
  std::unique_ptr<sfn::mocks::TaskRouter> router;
  std::unique_ptr<NestedExecutionInvoker> invoker;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<EngineRunner> runner;
  std::unique_ptr<Service> service;
};

}  // namespace

TEST_CASE("startExecution starts the child and answers with its ARN") {
  Fixture f;
  f.Create("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution", "child"));
  Json parent = f.Describe(f.Start("parent"));
  REQUIRE(parent.Find("status")->AsString() == "SUCCEEDED");
  Json output = sfn::ParseJson(parent.Find("output")->AsString()).value;
  CHECK(output.Find("ExecutionArn")->AsString() == kExecutions + "child:kid");
  CHECK(f.Describe(kExecutions + "child:kid").Find("input")->AsString() == R"({"n":1})");
}

TEST_CASE("startExecution.sync:2 waits for the child and records TaskSubmitted") {
  Fixture f;
  f.Create("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":7,"End":true}}})");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync:2", "child"));
  const std::string arn = f.Start("parent");
  Json parent = f.Describe(arn);
  REQUIRE(parent.Find("status")->AsString() == "SUCCEEDED");
  Json output = sfn::ParseJson(parent.Find("output")->AsString()).value;
  CHECK(output.Find("Output")->AsInt() == 7);
  CHECK(f.Types(arn) ==
        "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted "
        "TaskSucceeded TaskStateExited ExecutionSucceeded ");
}

TEST_CASE("stopping the parent aborts its .sync child") {
  Fixture f;
  f.Create("child", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}})");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync", "child"));
  const std::string arn = f.Start("parent");
  CHECK(f.Describe(kExecutions + "child:kid").Find("status")->AsString() == "RUNNING");
  f.Call("StopExecution", ObjectBuilder().Add("executionArn", Json(arn)).Build());
  f.engine->RunUntilIdle();
  Json child = f.Describe(kExecutions + "child:kid");
  CHECK(child.Find("status")->AsString() == "ABORTED");
  CHECK(child.Find("cause")->AsString() == "The Task state in AWS Step Functions execution [" +
                                               arn +
                                               "] which was managing this resource was aborted");
}

TEST_CASE("an unknown child state machine fails the task with the API's error") {
  Fixture f;
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync", "missing"));
  Json parent = f.Describe(f.Start("parent"));
  CHECK(parent.Find("status")->AsString() == "FAILED");
  CHECK(parent.Find("error")->AsString() == "StepFunctions.StateMachineDoesNotExistException");
}

TEST_CASE("TaskSubmitted is recorded when the .sync child starts, and kept if the parent stops") {
  Fixture f;
  f.Create("child", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}})");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync", "child"));
  const std::string arn = f.Start("parent");
  CHECK(f.Types(arn) == "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted ");
  CHECK(f.Chained(arn));
  const auto submitted = f.Event(arn, sfn::asl::EventType::kTaskSubmitted);
  REQUIRE(submitted.has_value());
  CHECK(submitted->details.Find("resourceType")->AsString() == "states");
  CHECK(submitted->details.Find("resource")->AsString() == "startExecution.sync");
  Json output = sfn::ParseJson(submitted->details.Find("output")->AsString()).value;
  CHECK(output.Find("ExecutionArn")->AsString() == kExecutions + "child:kid");
  CHECK(output.Find("StartDate") != nullptr);
  f.Call("StopExecution", ObjectBuilder().Add("executionArn", Json(arn)).Build());
  f.engine->RunUntilIdle();
  CHECK(f.Types(arn) ==
        "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted "
        "ExecutionAborted ");
}

TEST_CASE("the .sync task's end follows TaskSubmitted") {
  Fixture f;
  f.Create("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync", "child"));
  const std::string arn = f.Start("parent");
  CHECK(f.Types(arn) ==
        "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted "
        "TaskSucceeded TaskStateExited ExecutionSucceeded ");
  CHECK(f.Chained(arn));
}

TEST_CASE("startExecution.sync:2 waits for an EXPRESS child and gets its result") {
  Fixture f;
  f.Create("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":7},"End":true}}})",
           "EXPRESS");
  f.Create("parent", Parent("arn:aws:states:::states:startExecution.sync:2", "child"));
  const std::string arn = f.Start("parent");
  Json parent = f.Describe(arn);
  REQUIRE(parent.Find("status")->AsString() == "SUCCEEDED");
  Json output = sfn::ParseJson(parent.Find("output")->AsString()).value;
  CHECK(output.Find("Status")->AsString() == "SUCCEEDED");
  CHECK(output.Find("Output")->Find("x")->AsInt() == 7);
  CHECK(output.Find("Input")->Find("n")->AsInt() == 1);
  CHECK(output.Find("ExecutionArn")->AsString().find(":express:child:kid:") != std::string::npos);
  CHECK(output.Find("StopDate") != nullptr);
  CHECK(f.Types(arn) ==
        "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted "
        "TaskSucceeded TaskStateExited ExecutionSucceeded ");
}

TEST_CASE("startExecution.sync on an EXPRESS child: its output as text, its failure fails the task") {
  Fixture f;
  f.Create("ok", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":7},"End":true}}})",
           "EXPRESS");
  f.Create("bad", R"({"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"why"}}})",
           "EXPRESS");
  f.Create("good", Parent("arn:aws:states:::states:startExecution.sync", "ok"));
  f.Create("failing", Parent("arn:aws:states:::states:startExecution.sync", "bad"));
  Json good = f.Describe(f.Start("good"));
  REQUIRE(good.Find("status")->AsString() == "SUCCEEDED");
  Json output = sfn::ParseJson(good.Find("output")->AsString()).value;
  CHECK(output.Find("Output")->AsString() == R"({"x":7})");
  const std::string failing = f.Start("failing");
  Json parent = f.Describe(failing);
  REQUIRE(parent.Find("status")->AsString() == "FAILED");
  CHECK(parent.Find("error")->AsString() == "States.TaskFailed");
  Json cause = sfn::ParseJson(parent.Find("cause")->AsString()).value;
  CHECK(cause.Find("Status")->AsString() == "FAILED");
  CHECK(cause.Find("Error")->AsString() == "Boom");
  CHECK(cause.Find("Cause")->AsString() == "why");
  CHECK(f.Types(failing) ==
        "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted "
        "TaskFailed ExecutionFailed ");
}
