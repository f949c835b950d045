// tests/emulator/engine/engine_test.cc
//
// The engine driven deterministically: no worker or timer threads, a
// FakeClock moved by hand, and a FakeInvoker answering tasks.
#include "emulator/engine/engine.h"

#include <doctest/doctest.h>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "emulator/engine/deferred_work.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_invoker.h"
#include "tests/support/json_helpers.h"
#include "tests/support/test_execution.h"

namespace sfn::emulator {
namespace {

using testing::FakeClock;
using testing::FakeInvoker;
using testing::ParseOrDie;

std::shared_ptr<Execution> MakeExecution(const std::string& definition,
                                         const std::string& input = "{}") {
  return testing::MakeTestExecution(definition, input);
}

// "Type id<-prev" per event.
std::string Summary(const Execution& e) { return testing::HistorySummary(e); }

struct Fixture {
  explicit Fixture(double wait_scale = 1.0) {
    EngineOptions o;
    o.wait_scale = wait_scale;
    o.workers = -1;
    o.timer_thread = false;
    o.clock = &clock;
    o.invoker = &invoker;
    engine = std::make_unique<Engine>(o);
  }
  void Idle() { engine->RunUntilIdle(); }
  FakeClock clock;
  FakeInvoker invoker;
  std::unique_ptr<Engine> engine;
};

// One worker thread and the real clock, as `serve` runs the engine.
struct Threaded {
  Threaded() {
    EngineOptions o;
    o.workers = 1;
    o.invoker = &invoker;
    engine = std::make_unique<Engine>(o);
  }
  FakeInvoker invoker;
  std::unique_ptr<Engine> engine;
};

TEST_CASE("Engine: a Pass chain succeeds with its history") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Pass","End":true}}})",
                         R"({"x":0})");
  f.engine->Start(e);
  f.Idle();
  ExecutionEnd end = e->end();
  CHECK(end.status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*end.output()) == R"({"x":0,"a":1})");
  CHECK(Summary(*e) ==
        "ExecutionStarted 1<-0\nPassStateEntered 2<-0\nPassStateExited 3<-2\n"
        "PassStateEntered 4<-3\nPassStateExited 5<-4\nExecutionSucceeded 6<-5\n");
  auto events = e->history().All();
  CHECK(Dump(events[0].details) == R"({"input":"{\"x\":0}","inputDetails":{"truncated":false},)"
                                   R"("roleArn":"arn:aws:iam::123456789012:role/R"})");
  CHECK(Dump(events[5].details) ==
        R"({"output":"{\"x\":0,\"a\":1}","outputDetails":{"truncated":false}})");
  CHECK(events[5].timestamp_ms == f.clock.NowMillis());
}

TEST_CASE("Engine: a Wait holds no thread and resumes on its timer") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":10,"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(9999);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(1);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
}

TEST_CASE("Engine: --wait-scale 0 still lets TimeoutSeconds beat a longer Wait") {
  Fixture f(0.0);
  auto e = MakeExecution(R"({"TimeoutSeconds":5,"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":60,"Next":"P"},"P":{"Type":"Pass","End":true}}})");
  f.engine->Start(e);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kTimedOut);
  CHECK(Summary(*e) == "ExecutionStarted 1<-0\nWaitStateEntered 2<-0\nExecutionTimedOut 3<-2\n");
}

TEST_CASE("Engine: --wait-scale 0 makes short Waits instant") {
  Fixture f(0.0);
  auto e = MakeExecution(R"({"TimeoutSeconds":5,"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":2,"Next":"P"},"P":{"Type":"Pass","End":true}}})");
  f.engine->Start(e);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
}

TEST_CASE("Engine: StopExecution during a Wait") {
  Fixture f;
  auto e =
      MakeExecution(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  f.engine->Stop(e, std::string("Err"), std::nullopt);
  f.Idle();
  ExecutionEnd end = e->end();
  CHECK(end.status == ExecutionStatus::kAborted);
  CHECK(end.error == "Err");
  CHECK_FALSE(end.has_cause);
  CHECK(Summary(*e) == "ExecutionStarted 1<-0\nWaitStateEntered 2<-0\nExecutionAborted 3<-2\n");
  f.clock.Advance(200000);
  f.Idle();
  CHECK(e->history().size() == 3);
}

TEST_CASE("Engine: StopAll ends every running execution, each with where it stopped") {
  // StopAll waits for the workers to record the redrive points.
  Threaded threaded;
  Engine& engine = *threaded.engine;
  auto e = MakeExecution(R"({"StartAt":"P","States":{
      "P":{"Type":"Pass","Result":{"a":1},"Next":"W"},
      "W":{"Type":"Wait","Seconds":3600,"End":true}}})");
  engine.Start(e);
  CHECK(engine.StopAll("SfnLocal.Stopped", "stopped", 10000) == 1);
  ExecutionEnd end = e->end();
  CHECK(end.status == ExecutionStatus::kAborted);
  CHECK(end.error == "SfnLocal.Stopped");
  CHECK(end.cause == "stopped");
  auto point = e->redrive_point();
  REQUIRE(point.has_value());
  REQUIRE(point->state != nullptr);
  CHECK(point->state->name == "W");
  CHECK(Dump(point->input) == R"({"a":1})");
  CHECK(engine.StopAll("SfnLocal.Stopped", "stopped", 10000) == 0);
}

TEST_CASE("Engine: tasks go to the invoker; results flow through ResultPath") {
  Fixture f;
  f.invoker.Answer("arn:aws:states:::lambda:invoke", FakeInvoker::Ok(ParseOrDie(R"({"r":1})")));
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultPath":"$.res","End":true}}})",
                         R"({"a":1})");
  f.engine->Start(e);
  f.Idle();
  CHECK(Dump(*e->end().output()) == R"({"a":1,"res":{"r":1}})");
  auto requests = f.invoker.requests();
  REQUIRE(requests.size() == 1);
  CHECK(Dump(requests[0].payload) == R"({"FunctionName":"f","Payload":{"a":1}})");
  CHECK(requests[0].caller.state_name == "T");
  CHECK(requests[0].caller.execution_arn == "arn:aws:states:us-east-1:123456789012:execution:M:E");
}

TEST_CASE("Engine: TimeoutSeconds is real time and fails the task with States.Timeout") {
  Fixture f(0.0);
  f.invoker.Hold("arn:aws:states:::lambda:invoke");
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,
           "End":true}}})");
  f.engine->Start(e);
  f.Idle();
  f.clock.Advance(4999);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(1);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kFailed);
  CHECK(e->end().error == "States.Timeout");
  // The late answer is ignored.
  CHECK(f.invoker.Complete(FakeInvoker::Ok(Json(1))));
  f.Idle();
  CHECK(e->end().error == "States.Timeout");
}

TEST_CASE("Engine: .waitForTaskToken waits for SendTaskSuccess") {
  Fixture f;
  f.invoker.Answer("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   FakeInvoker::Ok(ParseOrDie(R"({"MessageId":"m"})")));
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
           "Parameters":{"token.$":"$$.Task.Token"},"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  CHECK(e->running());
  auto requests = f.invoker.requests();
  REQUIRE(requests.size() == 1);
  const std::string token = requests[0].task_token;
  CHECK_FALSE(token.empty());
  CHECK(requests[0].payload.Find("token")->AsString() == token);
  CHECK(f.engine->SendTaskSuccess("nope", "{}").code == "InvalidToken");
  CHECK(f.engine->SendTaskSuccess(token, "{bad").code == "InvalidOutput");
  CHECK(f.engine->SendTaskHeartbeat(token).ok());
  CHECK(f.engine->SendTaskSuccess(token, R"({"done":true})").ok());
  f.Idle();
  CHECK(Dump(*e->end().output()) == R"({"done":true})");
  CHECK(f.engine->SendTaskSuccess(token, "{}").code == "TaskDoesNotExist");
}

TEST_CASE("Engine: HeartbeatSeconds times a callback out; later callbacks get TaskTimedOut") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
           "HeartbeatSeconds":3,"TimeoutSeconds":100,"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  const std::string token = f.invoker.requests().at(0).task_token;
  f.clock.Advance(2000);
  CHECK(f.engine->SendTaskHeartbeat(token).ok());
  f.clock.Advance(2000);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(1000);
  f.Idle();
  CHECK(e->end().error == "States.HeartbeatTimeout");
  CHECK(f.engine->SendTaskFailure(token, std::string("E"), std::nullopt).code == "TaskTimedOut");
}

TEST_CASE("Engine: Map iterations chain previousEventId as AWS records them") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"P",
           "States":{"P":{"Type":"Pass","End":true}}},"End":true}}})",
                         "[1,2]");
  f.engine->Start(e);
  f.Idle();
  CHECK(Dump(*e->end().output()) == "[1,2]");
  CHECK(Summary(*e) ==
        "ExecutionStarted 1<-0\nMapStateEntered 2<-0\nMapStateStarted 3<-2\n"
        "MapIterationStarted 4<-3\nPassStateEntered 5<-4\nPassStateExited 6<-5\n"
        "MapIterationSucceeded 7<-6\nMapIterationStarted 8<-6\nPassStateEntered 9<-8\n"
        "PassStateExited 10<-9\nMapIterationSucceeded 11<-10\nMapStateSucceeded 12<-11\n"
        "MapStateExited 13<-11\nExecutionSucceeded 14<-13\n");
}

TEST_CASE("Engine: a failing Map iteration fails the Map; a Catcher takes over") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"F",
           "States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}},
           "Catch":[{"ErrorEquals":["E"],"Next":"H"}],"End":true},
      "H":{"Type":"Pass","End":true}}})",
                         "[1,2]");
  f.engine->Start(e);
  f.Idle();
  CHECK(Dump(*e->end().output()) == R"({"Error":"E","Cause":"C"})");
  CHECK(Summary(*e) ==
        "ExecutionStarted 1<-0\nMapStateEntered 2<-0\nMapStateStarted 3<-2\n"
        "MapIterationStarted 4<-3\nFailStateEntered 5<-4\nMapIterationFailed 6<-5\n"
        "MapStateFailed 7<-5\nMapStateExited 8<-7\nPassStateEntered 9<-8\n"
        "PassStateExited 10<-9\nExecutionSucceeded 11<-10\n");
}

TEST_CASE("Engine: a Map's ItemReader is answered by the invoker") {
  Fixture f;
  f.invoker.Answer("arn:aws:states:::s3:getObject",
                   FakeInvoker::Ok(ParseOrDie(R"({"Body":"a,b\n1,2\n3,\"x,y\"\n"})")));
  auto e = MakeExecution(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
             "ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"b","Key.$":"$.key"}},
           "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
             "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})",
                         R"({"key":"k.csv"})");
  f.engine->Start(e);
  f.Idle();
  CHECK(Dump(*e->end().output()) == R"([{"a":"1","b":"2"},{"a":"3","b":"x,y"}])");
  auto requests = f.invoker.requests();
  REQUIRE(requests.size() == 1);
  CHECK(Dump(requests[0].payload) == R"({"Bucket":"b","Key":"k.csv"})");
  CHECK(Summary(*e) ==
        "ExecutionStarted 1<-0\nMapStateEntered 2<-0\nMapStateStarted 3<-2\n"
        "MapRunStarted 4<-3\nMapRunSucceeded 5<-4\nMapStateSucceeded 6<-5\n"
        "MapStateExited 7<-5\nExecutionSucceeded 8<-7\n");
}

TEST_CASE("Engine: Parallel outputs are in branch order; variables are scoped") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"outer":5},"Next":"P"},
      "P":{"Type":"Parallel","Branches":[
        {"StartAt":"B1","States":{"B1":{"Type":"Wait","Seconds":1,"Next":"B1b"},
                                  "B1b":{"Type":"Pass","Result":"one","End":true}}},
        {"StartAt":"B2","States":{"B2":{"Type":"Pass","Parameters":{"o.$":"$outer"},
                                        "Assign":{"inner":1},"End":true}}}],
       "Next":"Z"},
      "Z":{"Type":"Pass","Parameters":{"r.$":"$","o.$":"$outer"},"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  f.clock.Advance(1000);
  f.Idle();
  CHECK(Dump(*e->end().output()) == R"({"r":["one",{"o":5}],"o":5})");
}

TEST_CASE("Engine: a failing branch aborts the open Task of another branch") {
  Fixture f;
  f.invoker.Hold("arn:aws:states:::lambda:invoke");
  auto e = MakeExecution(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                                      "End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"X"}}}]}}})");
  f.engine->Start(e);
  f.Idle();
  ExecutionEnd end = e->end();
  CHECK(end.status == ExecutionStatus::kFailed);
  CHECK(end.error == "X");
  const std::string events = Summary(*e);
  CHECK(events.find("TaskStateAborted") != std::string::npos);
  CHECK(events.find("ParallelStateFailed") != std::string::npos);
  CHECK(f.invoker.cancelled() == 1);
}

TEST_CASE("Engine: Retry back-off is a timer scaled by --wait-scale") {
  Fixture f(0.5);
  f.invoker.AnswerOnce("arn:aws:states:::lambda:invoke", FakeInvoker::Fail("Boom", "c"));
  f.invoker.Answer("arn:aws:states:::lambda:invoke", FakeInvoker::Ok(Json(7)));
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":4}],"End":true}}})");
  f.engine->Start(e);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(2000);
  f.Idle();
  CHECK(Dump(*e->end().output()) == "7");
}

TEST_CASE("Engine: an execution's end keeps its output as the JSON text it recorded") {
  Fixture f(1);
  auto e = MakeExecution(R"({"StartAt":"P","States":{
      "P":{"Type":"Pass","Result":"a \"quoted\" string","End":true}}})");
  f.engine->Start(e);
  f.Idle();
  REQUIRE(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(e->end().output_text == Json(R"("a \"quoted\" string")"));
  CHECK(*e->end().output() == Json("a \"quoted\" string"));
  const std::vector<HistoryEvent> events = e->history().All();
  CHECK(events.back().details.Find("output")->AsString() == e->end().output_text.AsString());
  CHECK(ExecutionEnd().output() == std::nullopt);
}

TEST_CASE("Engine: without an invoker tasks fail naming the resource") {
  EngineOptions o;
  o.workers = -1;
  o.timer_thread = false;
  FakeClock clock;
  o.clock = &clock;
  Engine engine(o);
  auto e = MakeExecution(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}}})");
  engine.Start(e);
  engine.RunUntilIdle();
  CHECK(e->end().error == "States.TaskFailed");
  CHECK(e->end().cause ==
        "No task invoker is configured to answer the resource 'arn:aws:states:::sns:publish'.");
}

TEST_CASE("Engine: threads run many executions concurrently") {
  FakeInvoker invoker;
  EngineOptions o;
  o.workers = 2;
  o.wait_scale = 0;
  o.invoker = &invoker;
  Engine engine(o);
  std::vector<std::shared_ptr<Execution>> executions;
  for (int i = 0; i < 50; ++i) {
    executions.push_back(MakeExecution(R"({"StartAt":"M","States":{
        "M":{"Type":"Map","ItemProcessor":{"StartAt":"W","States":{
             "W":{"Type":"Wait","Seconds":1,"End":true}}},"End":true}}})",
                                       "[1,2,3]"));
    engine.Start(executions.back());
  }
  for (auto& e : executions) {
    REQUIRE(e->WaitUntilDone(10000));
    CHECK(Dump(*e->end().output()) == "[1,2,3]");
  }
}

TEST_CASE("Engine: Start runs a short execution's first slice on the calling thread") {
  Threaded threaded;
  Engine& engine = *threaded.engine;
  auto e = MakeExecution(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":1,"ResultPath":"$.a","End":true}}})");
  engine.Start(e);
  CHECK_FALSE(e->running());  // no hand-off to a worker was needed
  CHECK(Dump(*e->end().output()) == R"({"a":1})");
}

TEST_CASE("Engine: FirstSlice::kAfterAnswer runs the first slice when the thread's scope says") {
  Threaded threaded;
  Engine& engine = *threaded.engine;
  const std::string pass = R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":1,"ResultPath":"$.a","End":true}}})";
  SUBCASE("in a DeferredWork scope: started, not run, until the scope runs its work") {
    auto e = MakeExecution(pass);
    DeferredWork after_answer;
    engine.Start(e, Engine::FirstSlice::kAfterAnswer);
    CHECK(e->running());
    CHECK(Summary(*e) == "ExecutionStarted 1<-0\n");  // recorded before the answer
    after_answer.RunAll();
    CHECK_FALSE(e->running());  // on this thread, no hand-off
    CHECK(Dump(*e->end().output()) == R"({"a":1})");
  }
  SUBCASE("without a scope: at once, as Start") {
    auto e = MakeExecution(pass);
    engine.Start(e, Engine::FirstSlice::kAfterAnswer);
    CHECK_FALSE(e->running());
  }
}

TEST_CASE("Engine: a loop longer than one slice finishes on the workers") {
  FakeInvoker invoker;
  EngineOptions o;
  o.workers = 1;
  o.invoker = &invoker;
  Engine engine(o);
  auto e = MakeExecution(R"js({"StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":400,"Next":"I"}],
           "Default":"D"},
      "I":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"C"},
      "D":{"Type":"Succeed"}}})js",
                         R"({"i":0})");
  engine.Start(e);
  REQUIRE(e->WaitUntilDone(10000));
  CHECK(Dump(*e->end().output()) == R"({"i":400})");
  CHECK(e->history().size() == 1 + 2 * (401 + 400 + 1) + 1);  // Choice, Pass, Succeed
}

TEST_CASE("Engine: EXPRESS executions record no history") {
  Fixture f;
  auto standard = MakeExecution(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
  ExecutionSpec spec = standard->spec();
  spec.type = "EXPRESS";
  auto e = std::make_shared<Execution>(std::move(spec));
  f.engine->Start(e);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(e->history().size() == 0);
}

// No threads: the test drives the engine with RunUntilIdle().
EngineOptions DrivenOptions(const Clock* clock, mocks::TaskInvoker* invoker) {
  EngineOptions o;
  o.workers = -1;
  o.timer_thread = false;
  o.clock = clock;
  o.invoker = invoker;
  return o;
}

TEST_CASE("Engine: NextTimerDue and a VirtualClock drive a day-long Wait") {
  VirtualClock clock(1735689600000);
  FakeInvoker invoker;
  EngineOptions o = DrivenOptions(&clock, &invoker);
  Engine engine(o);
  CHECK(engine.NextTimerDue() == -1);
  auto e = MakeExecution(R"({"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":86400,"End":true}}})");
  engine.Start(e);
  engine.RunUntilIdle();
  REQUIRE(engine.NextTimerDue() == 86400000);
  clock.AdvanceTo(engine.NextTimerDue());
  engine.RunUntilIdle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(e->end().stop_ms == 1735689600000 + 86400000);
}

// $random and States.UUID from a seeded engine, as one string.
std::string SeededValues(uint64_t seed) {
  FakeClock clock;
  FakeInvoker invoker;
  EngineOptions o = DrivenOptions(&clock, &invoker);
  o.seed = seed;
  Engine engine(o);
  auto e = MakeExecution(R"j({"StartAt":"P","States":{"P":{"Type":"Pass",
      "Parameters":{"u.$":"States.UUID()","r.$":"States.MathRandom(0, 1000000)"},"End":true}}})j");
  engine.Start(e);
  engine.RunUntilIdle();
  return Dump(*e->end().output());
}

TEST_CASE("Engine: a seed makes $random and States.UUID repeatable") {
  CHECK(SeededValues(1) == SeededValues(1));
  CHECK(SeededValues(1) != SeededValues(2));
}

TEST_CASE("Engine: express_history keeps an EXPRESS execution's events") {
  for (bool keep : {false, true}) {
    FakeClock clock;
    FakeInvoker invoker;
    EngineOptions o = DrivenOptions(&clock, &invoker);
    o.express_history = keep;
    Engine engine(o);
    asl::ParseResult parsed =
        asl::ParseDefinition(R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
    ExecutionSpec spec;
    spec.arn = "arn:aws:states:us-east-1:123456789012:express:m:e:1";
    spec.type = "EXPRESS";
    spec.machine = parsed.machine;
    spec.input_text = "{}";
    auto e = std::make_shared<Execution>(spec);
    engine.Start(e);
    engine.RunUntilIdle();
    CHECK(e->end().status == ExecutionStatus::kSucceeded);
    CHECK(e->history().size() == (keep ? 4u : 0u));
  }
}

}  // namespace
}  // namespace sfn::emulator
