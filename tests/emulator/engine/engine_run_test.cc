// tests/emulator/engine/engine_run_test.cc
//
// Runs made runnable while a thread drives (engine_run.cc): with worker
// threads, the children of a Parallel or Map that only do synchronous work
// run on the thread that forked them, one after the other, and the history
// is the one a single FIFO queue gives (the 0-thread engine, which every
// other engine test drives by hand). Each case runs the same definition
// both ways and compares the histories event by event.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "emulator/engine/engine.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_invoker.h"
#include "tests/support/json_helpers.h"
#include "tests/support/test_execution.h"

namespace sfn::emulator {
namespace {

using testing::FakeInvoker;

constexpr const char* kTask = "arn:aws:lambda:us-east-1:123456789012:function:f";
// Fails its first call, answers every later one.
constexpr const char* kFlaky = "arn:aws:lambda:us-east-1:123456789012:function:flaky";

// Stops the execution from inside Invoke(), on the driving thread, then
// answers: the Runs still queued on that thread must see the stop.
class StoppingInvoker : public mocks::TaskInvoker {
 public:
  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& request, Done done) override {
    engine->Stop(execution, std::string("Halt"), std::string("stopped mid-fork"));
    asl::TaskOutcome o;
    o.ok = true;
    o.result = request.payload;
    done(std::move(o));
    return nullptr;
  }
  Engine* engine = nullptr;
  std::shared_ptr<Execution> execution;
};

// One execution of `definition` on an engine with `workers` threads (-1:
// none, drained by hand with RunUntilIdle), `invoker` answering tasks.
struct Outcome {
  std::shared_ptr<Execution> execution;
  bool ended_in_start = false;  // Start() returned with the execution over
};

// With `redrive`, the ended execution is redriven once and run again.
Outcome RunOn(int workers, const std::string& definition, const std::string& input,
              mocks::TaskInvoker* invoker = nullptr, bool redrive = false) {
  testing::FakeClock clock;
  FakeInvoker fake;
  fake.Answer(kTask, FakeInvoker::Ok(Json("done")));
  fake.AnswerOnce(kFlaky, FakeInvoker::Fail("NotYet", "first call"));
  fake.Answer(kFlaky, FakeInvoker::Ok(Json("flaky")));
  EngineOptions o;
  o.workers = workers;
  o.wait_scale = 0;
  o.invoker = invoker != nullptr ? invoker : &fake;
  if (workers < 0) {
    o.timer_thread = false;
    o.clock = &clock;
  }
  Engine engine(o);
  Outcome out;
  out.execution = testing::MakeTestExecution(definition, input);
  if (auto* stopping = dynamic_cast<StoppingInvoker*>(invoker)) {
    stopping->engine = &engine;
    stopping->execution = out.execution;
  }
  engine.Start(out.execution);
  out.ended_in_start = !out.execution->running();
  if (workers < 0) engine.RunUntilIdle();
  REQUIRE(out.execution->WaitUntilDone(10000));
  if (redrive) {
    REQUIRE(out.execution->BeginRedrive(clock.NowMillis()) == Execution::RedriveStart::kStarted);
    engine.Redrive(out.execution);
    if (workers < 0) engine.RunUntilIdle();
    REQUIRE(out.execution->WaitUntilDone(10000));
  }
  return out;
}

// The history (types and ids) with worker threads, checked against the
// 0-thread engine's; returns the threaded run.
Outcome SameAsQueue(const std::string& definition, const std::string& input = "{}",
                    bool redrive = false) {
  Outcome queued = RunOn(-1, definition, input, nullptr, redrive);
  Outcome threaded = RunOn(1, definition, input, nullptr, redrive);
  CHECK(testing::HistorySummary(*threaded.execution) == testing::HistorySummary(*queued.execution));
  CHECK(threaded.execution->end().status == queued.execution->end().status);
  return threaded;
}

// How many Map iterations were open at most at once.
int MostOpenIterations(const Execution& e) {
  int open = 0, most = 0;
  for (const auto& ev : e.history().All()) {
    const std::string type(asl::EventTypeName(ev.type));
    if (type == "MapIterationStarted") most = std::max(most, ++open);
    if (type == "MapIterationSucceeded" || type == "MapIterationFailed" ||
        type == "MapIterationAborted") {
      --open;
    }
  }
  return most;
}

constexpr const char* kThreeBranches = R"({"StartAt":"P","States":{
    "P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"A1","States":{"A1":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","End":true}}},
      {"StartAt":"B1","States":{"B1":{"Type":"Pass","Result":"b","End":true}}},
      {"StartAt":"C1","States":{"C1":{"Type":"Pass","Next":"C2"},
                                "C2":{"Type":"Pass","Result":"c","End":true}}}]}}})";

TEST_CASE("Inline children: a Parallel of Pass branches ends within Start, events in queue order") {
  Outcome run = SameAsQueue(kThreeBranches, R"({"x":1})");
  CHECK(run.ended_in_start);  // no branch went to a worker
  CHECK(Dump(*run.execution->end().output()) == R"([{"x":1},"b","c"])");
  CHECK(testing::HistorySummary(*run.execution) ==
        "ExecutionStarted 1<-0\nParallelStateEntered 2<-0\nParallelStateStarted 3<-2\n"
        "PassStateEntered 4<-3\nPassStateExited 5<-4\nPassStateEntered 6<-5\n"
        "PassStateExited 7<-6\nPassStateEntered 8<-3\nPassStateExited 9<-8\n"
        "PassStateEntered 10<-3\nPassStateExited 11<-10\nPassStateEntered 12<-11\n"
        "PassStateExited 13<-12\nParallelStateSucceeded 14<-13\nParallelStateExited 15<-13\n"
        "ExecutionSucceeded 16<-15\n");
}

TEST_CASE("Inline children: a Map keeps MaxConcurrency lanes and its event order") {
  Outcome run = SameAsQueue(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":2,"End":true,"ItemProcessor":{"StartAt":"A","States":{
           "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}}}})",
                            "[1,2,3,4,5]");
  CHECK(run.ended_in_start);
  CHECK(Dump(*run.execution->end().output()) == "[1,2,3,4,5]");
  CHECK(MostOpenIterations(*run.execution) == 2);
}

TEST_CASE("Inline children: a failing branch stops the branches still queued") {
  Outcome run = SameAsQueue(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"b"}}},
        {"StartAt":"C","States":{"C":{"Type":"Pass","End":true}}}]}}})");
  const ExecutionEnd end = run.execution->end();
  CHECK(end.status == ExecutionStatus::kFailed);
  CHECK(end.error == "Boom");
  // The third branch was queued behind the failing one and never entered C.
  CHECK(testing::HistorySummary(*run.execution).find("PassStateEntered 7") == std::string::npos);
}

TEST_CASE("Inline children: a Map's tolerated failures count as with the queue") {
  Outcome run = SameAsQueue(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":3,"ToleratedFailureCount":1,"End":true,
           "ItemProcessor":{"StartAt":"C","States":{
             "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],
                  "Default":"OK"},
             "F":{"Type":"Fail","Error":"Two"},"OK":{"Type":"Pass","End":true}}}}}})",
                            "[1,2,3,4]");
  CHECK(run.execution->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*run.execution->end().output()) == "[1,null,3,4]");
}

TEST_CASE("Inline children: a stop while siblings are queued on the thread aborts them all") {
  const std::string definition = std::string(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":")") +
                                 kTask + R"(","End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}})";
  StoppingInvoker queued_invoker, threaded_invoker;
  Outcome queued = RunOn(-1, definition, "{}", &queued_invoker);
  Outcome threaded = RunOn(1, definition, "{}", &threaded_invoker);
  CHECK(threaded.ended_in_start);
  CHECK(threaded.execution->end().status == ExecutionStatus::kAborted);
  CHECK(threaded.execution->end().error == "Halt");
  const std::string summary = testing::HistorySummary(*threaded.execution);
  CHECK(summary == testing::HistorySummary(*queued.execution));
  CHECK(summary.find("PassStateEntered") == std::string::npos);  // B never ran
  CHECK(summary.substr(summary.rfind("Execution")).rfind("ExecutionAborted", 0) == 0);
}

TEST_CASE("Inline children: tasks answered at once keep the fork on the thread") {
  const std::string t = std::string(R"({"Type":"Task","Resource":")") + kTask + R"(","End":true})";
  Outcome run = SameAsQueue(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{"T":)" +
                                t + "}}}}}",
                            "[1,2,3]");
  CHECK(run.ended_in_start);
  CHECK(Dump(*run.execution->end().output()) == R"(["done","done","done"])");
}

TEST_CASE("Inline children: a redriven Parallel reruns only its failed branch, as with the queue") {
  Outcome run = SameAsQueue(std::string(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"G","States":{"G":{"Type":"Task","Resource":")") +
                                kTask + R"(","End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Task","Resource":")" +
                                kFlaky + R"(","End":true}}}]}}})",
                            "{}", true);
  CHECK(run.execution->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*run.execution->end().output()) == R"(["done","flaky"])");
  CHECK(testing::HistorySummary(*run.execution).find("ExecutionRedriven") != std::string::npos);
}

// Parallel inside Parallel, `depth` deep, one Pass at the bottom.
std::string NestedParallels(int depth) {
  std::string program = R"({"StartAt":"L","States":{"L":{"Type":"Pass","End":true}}})";
  for (int i = 0; i < depth; ++i) {
    program = R"({"StartAt":"P)" + std::to_string(i) + R"(","States":{"P)" + std::to_string(i) +
              R"(":{"Type":"Parallel","End":true,"Branches":[)" + program + "]}}}";
  }
  return program;
}

TEST_CASE("Inline children: deep nesting is a queue, not recursion") {
  // About four JSON levels per Parallel: 200 of them fit the definition's
  // 1,000-level bound, and the 200 states also pass one slice (256), so the
  // run crosses from the caller's thread to a worker on the way.
  const int depth = 200;
  Outcome run = SameAsQueue(NestedParallels(depth));
  CHECK(run.execution->end().status == ExecutionStatus::kSucceeded);
  std::string expected = "{}";
  for (int i = 0; i < depth; ++i) expected = "[" + expected + "]";
  CHECK(Dump(*run.execution->end().output()) == expected);
}

}  // namespace
}  // namespace sfn::emulator
