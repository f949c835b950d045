// tests/emulator/engine/engine_redrive_test.cc
//
// Redrive and Distributed Map children, driven deterministically (no
// threads, a FakeClock, a FakeInvoker) with the Map Runs kept per test.
#include <doctest/doctest.h>

#include "emulator/engine/engine.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_invoker.h"
#include "tests/support/json_helpers.h"
#include "tests/support/test_execution.h"

namespace sfn::emulator {
namespace {

using testing::FakeInvoker;

struct Driven {
  Driven() {
    EngineOptions o;
    o.workers = -1;
    o.timer_thread = false;
    o.clock = &clock;
    o.invoker = &invoker;
    o.map_runs = &map_runs;
    engine = std::make_unique<Engine>(o);
  }
  size_t Calls(const std::string& resource) const {
    size_t n = 0;
    for (const auto& r : invoker.requests()) n += r.resource == resource;
    return n;
  }
  void Redrive(const std::shared_ptr<Execution>& e) {
    REQUIRE(e->BeginRedrive(clock.NowMillis()) == Execution::RedriveStart::kStarted);
    engine->Redrive(e);
    engine->RunUntilIdle();
  }
  testing::FakeClock clock;
  FakeInvoker invoker;
  MapRuns map_runs;
  std::unique_ptr<Engine> engine;
};

constexpr const char* kGood = "arn:aws:lambda:us-east-1:123456789012:function:good";
constexpr const char* kFlaky = "arn:aws:lambda:us-east-1:123456789012:function:flaky";

TEST_CASE("Redrive: a Parallel reruns only its failed branch and keeps the other's output") {
  Driven d;
  d.invoker.Answer(kGood, FakeInvoker::Ok(Json("good")));
  d.invoker.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "c"));
  d.invoker.Answer(kFlaky, FakeInvoker::Ok(Json("flaky")));
  auto e = testing::MakeTestExecution(std::string(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"G","States":{"G":{"Type":"Task","Resource":")") +
                                      kGood +
                                      R"(","End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Task","Resource":")" +
                                      kFlaky + R"(","End":true}}}]}}})");
  d.engine->Start(e);
  d.engine->RunUntilIdle();
  REQUIRE(e->end().status == ExecutionStatus::kFailed);
  d.Redrive(e);
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*e->end().output()) == R"(["good","flaky"])");
  CHECK(d.Calls(kGood) == 1);
  CHECK(d.Calls(kFlaky) == 2);
}

TEST_CASE("Redrive: $$.Execution.Input after the execution closed is its input, parsed again") {
  Driven d;
  d.invoker.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "c"));
  d.invoker.Answer(kFlaky, FakeInvoker::Ok(Json("ok")));
  auto e = testing::MakeTestExecution(std::string(R"({"StartAt":"F","States":{
      "F":{"Type":"Task","Resource":")") + kFlaky + R"(","ResultPath":null,"Next":"In"},
      "In":{"Type":"Pass","Parameters":{"in.$":"$$.Execution.Input"},"End":true}}})",
                                      R"({"k" : [1, 2.50]})");
  d.engine->Start(e);
  d.engine->RunUntilIdle();
  REQUIRE(e->end().status == ExecutionStatus::kFailed);
  d.Redrive(e);
  REQUIRE(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*e->end().output()) == R"({"in":{"k":[1,2.5]}})");
}

TEST_CASE("Redrive: a Map that failed in a later state is not rerun") {
  Driven d;
  d.invoker.Answer(kGood, FakeInvoker::Ok(Json(1)));
  d.invoker.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "c"));
  d.invoker.Answer(kFlaky, FakeInvoker::Ok(Json(2)));
  auto e = testing::MakeTestExecution(std::string(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","ItemProcessor":{"StartAt":"G","States":{
             "G":{"Type":"Task","Resource":")") +
                                          kGood + R"(","End":true}}},"Next":"F"},
      "F":{"Type":"Task","Resource":")" + kFlaky +
                                          R"(","End":true}}})",
                                      "[1,2,3]");
  d.engine->Start(e);
  d.engine->RunUntilIdle();
  REQUIRE(e->end().status == ExecutionStatus::kFailed);
  d.Redrive(e);
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(d.Calls(kGood) == 3);  // the redrive went on from F
}

// A Map of [1,2,3] whose child for 2 calls the flaky task.
std::string FlakyDistributedMap(const std::string& execution_type) {
  return std::string(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":1,"Label":"L","ItemProcessor":{
             "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":")") +
         execution_type + R"("},
             "StartAt":"C","States":{
               "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],
                    "Default":"P"},
               "P":{"Type":"Pass","End":true},
               "F":{"Type":"Task","Resource":")" +
         kFlaky + R"(","End":true}}},
           "End":true}}})";
}

TEST_CASE("Distributed Map: a redrive starts a failed EXPRESS child anew") {
  Driven d;
  d.invoker.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "c"));
  d.invoker.Answer(kFlaky, FakeInvoker::Ok(Json("late")));
  auto e = testing::MakeTestExecution(FlakyDistributedMap("EXPRESS"), "[1,2,3]");
  d.engine->Start(e);
  d.engine->RunUntilIdle();
  REQUIRE(e->end().status == ExecutionStatus::kFailed);
  const std::string run_arn = d.map_runs.List(e->spec().arn)[0].arn;
  d.Redrive(e);
  CHECK(Dump(*e->end().output()) == R"([1,"late",3])");
  auto run = d.map_runs.Describe(run_arn);
  REQUIRE(run->children.size() == 4);  // the failed one and its replacement
  CHECK(run->children[1].superseded);
  CHECK(run->children[1].execution->end().status == ExecutionStatus::kFailed);
  MapRuns::Counts c = CountChildren(*run, false);
  CHECK((c.succeeded == 3 && c.failed == 0 && c.pending == 0 && c.pending_redrive == 0));
}

TEST_CASE("Distributed Map: children are executions; a redrive reruns the failed one in place") {
  Driven d;
  d.invoker.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "c"));
  d.invoker.Answer(kFlaky, FakeInvoker::Ok(Json("late")));
  auto e = testing::MakeTestExecution(FlakyDistributedMap("STANDARD"), "[1,2,3]");
  d.engine->Start(e);
  d.engine->RunUntilIdle();
  REQUIRE(e->end().status == ExecutionStatus::kFailed);
  CHECK(e->end().error == "States.ExceedToleratedFailureThreshold");
  auto runs = d.map_runs.List(e->spec().arn);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].arn.find(":mapRun:M/L:") != std::string::npos);
  MapRuns::Counts c = CountChildren(runs[0], false);
  CHECK((c.succeeded == 1 && c.failed == 1 && c.pending == 1 && c.total == 3));
  const MapRuns::Child failed = runs[0].children[1];
  CHECK(failed.execution->spec().arn.find(":execution:M/L:") != std::string::npos);
  CHECK(failed.execution->spec().map_run_arn == runs[0].arn);

  d.Redrive(e);
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*e->end().output()) == R"([1,"late",3])");
  auto after = d.map_runs.Describe(runs[0].arn);
  CHECK(after->status == MapRuns::Status::kSucceeded);
  CHECK(after->redrive_count == 1);
  CHECK(after->children.size() == 3);  // the failed child was redriven, not replaced
  CHECK(failed.execution->redrive_count() == 1);
  CHECK(testing::HistorySummary(*e).find("MapRunRedriven") != std::string::npos);
  CHECK(testing::HistorySummary(*failed.execution).find("ExecutionRedriven") != std::string::npos);
}

}  // namespace
}  // namespace sfn::emulator
