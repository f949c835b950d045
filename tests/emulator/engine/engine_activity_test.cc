// tests/emulator/engine/engine_activity_test.cc
//
// Task states on activity ARNs, driven deterministically (no worker or
// timer threads, a FakeClock): the task is queued in the registry, a worker
// takes it (ActivityStarted) and answers through SendTask* with its token.
#include <doctest/doctest.h>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "emulator/records/activities.h"
#include "emulator/engine/engine.h"
#include "tests/support/fake_clock.h"
#include "tests/support/test_execution.h"

namespace sfn::emulator {
namespace {

using testing::FakeClock;

const std::string kActivity = "arn:aws:states:us-east-1:123456789012:activity:work";

std::shared_ptr<Execution> MakeExecution(const std::string& definition) {
  return testing::MakeTestExecution(definition, R"({"n":1})");
}


std::string Task(const std::string& fields) {
  return R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":")" + kActivity + "\"" + fields +
         "}}}";
}

std::string Types(const Execution& e) { return testing::HistorySummary(e); }

struct Fixture {
  Fixture() {
    activities.Create(kActivity, "work", 0);
    EngineOptions o;
    o.workers = -1;
    o.timer_thread = false;
    o.clock = &clock;
    o.activities = &activities;
    engine = std::make_unique<Engine>(o);
  }
  void Idle() { engine->RunUntilIdle(); }
  // Takes a queued task as worker `worker`, skipping those no longer
  // wanted as GetActivityTask does; false when none is left.
  bool Take(const std::string& worker, Activities::Task* task) {
    std::atomic<bool> stopping{false};
    while (activities.Poll(kActivity, 0, stopping, task) == Activities::PollResult::kTask) {
      if (!task->on_start || task->on_start(worker)) return true;
    }
    return false;
  }
  FakeClock clock;
  Activities activities;
  std::unique_ptr<Engine> engine;
};

TEST_CASE("Engine: an activity task waits for a worker and its SendTaskSuccess") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"TimeoutSeconds":30,"HeartbeatSeconds":10,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  CHECK(e->running());
  Activities::Task task;
  REQUIRE(f.Take("w1", &task));
  CHECK(task.input == R"({"n":1})");
  CHECK(f.engine->SendTaskSuccess(task.task_token, R"({"ok":true})").ok());
  f.Idle();
  REQUIRE(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(Dump(*e->end().output()) == R"({"ok":true})");
  CHECK(Types(*e) ==
        "ExecutionStarted 1<-0\nTaskStateEntered 2<-0\nActivityScheduled 3<-2\n"
        "ActivityStarted 4<-3\nActivitySucceeded 5<-4\nTaskStateExited 6<-5\n"
        "ExecutionSucceeded 7<-6\n");
  auto events = e->history().All();
  CHECK(Dump(events[2].details) ==
        R"({"resource":")" + kActivity +
            R"(","input":"{\"n\":1}","inputDetails":{"truncated":false},)"
            R"("timeoutInSeconds":30,"heartbeatInSeconds":10})");
  CHECK(Dump(events[3].details) == R"({"workerName":"w1"})");
  CHECK(f.engine->SendTaskSuccess(task.task_token, "{}").code == "TaskDoesNotExist");
}

TEST_CASE("Engine: a worker's SendTaskFailure is an ActivityFailed the Catch takes") {
  Fixture f;
  auto e = MakeExecution(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":")" + kActivity +
                         R"(","Catch":[{"ErrorEquals":["Boom"],"Next":"P"}],"End":true},)"
                         R"("P":{"Type":"Pass","End":true}}})");
  f.engine->Start(e);
  f.Idle();
  Activities::Task task;
  REQUIRE(f.Take("", &task));
  CHECK(f.engine->SendTaskFailure(task.task_token, std::string("Boom"), std::string("c")).ok());
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  auto events = e->history().All();
  CHECK(events[3].type == asl::EventType::kActivityStarted);
  CHECK(Dump(events[3].details) == "{}");  // no workerName given
  CHECK(events[4].type == asl::EventType::kActivityFailed);
  CHECK(Dump(events[4].details) == R"({"error":"Boom","cause":"c"})");
}

TEST_CASE("Engine: HeartbeatSeconds times an activity out; heartbeats reset it") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"HeartbeatSeconds":3,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  Activities::Task task;
  REQUIRE(f.Take("w", &task));
  f.clock.Advance(2000);
  CHECK(f.engine->SendTaskHeartbeat(task.task_token).ok());
  f.clock.Advance(2000);
  f.Idle();
  CHECK(e->running());
  f.clock.Advance(1000);
  f.Idle();
  CHECK(e->end().error == "States.HeartbeatTimeout");
  auto events = e->history().All();
  CHECK(events[4].type == asl::EventType::kActivityTimedOut);
  CHECK(Dump(events[4].details) == R"({"error":"States.HeartbeatTimeout"})");
  CHECK(f.engine->SendTaskSuccess(task.task_token, "{}").code == "TaskTimedOut");
}

TEST_CASE("Engine: TimeoutSeconds covers an activity task no worker took") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"TimeoutSeconds":5,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  f.clock.Advance(5000);
  f.Idle();
  CHECK(e->end().error == "States.Timeout");
  CHECK(Types(*e) ==
        "ExecutionStarted 1<-0\nTaskStateEntered 2<-0\nActivityScheduled 3<-2\n"
        "ActivityTimedOut 4<-3\nExecutionFailed 5<-4\n");
  Activities::Task task;
  CHECK_FALSE(f.Take("late", &task));  // the task left with its state
}

TEST_CASE("Engine: Retry schedules a new activity task; the timed-out one is withdrawn") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"TimeoutSeconds":5,"End":true,"Retry":[)"
                              R"({"ErrorEquals":["States.Timeout"],"IntervalSeconds":1}])"));
  f.engine->Start(e);
  f.Idle();
  f.clock.Advance(5000);  // the first attempt times out, unanswered
  f.Idle();
  f.clock.Advance(1000);  // back-off
  f.Idle();
  Activities::Task task;
  REQUIRE(f.Take("w", &task));  // the stale first task is skipped
  CHECK(f.engine->SendTaskSuccess(task.task_token, "1").ok());
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kSucceeded);
  CHECK(Types(*e) ==
        "ExecutionStarted 1<-0\nTaskStateEntered 2<-0\nActivityScheduled 3<-2\n"
        "ActivityTimedOut 4<-3\nActivityScheduled 5<-4\nActivityStarted 6<-5\n"
        "ActivitySucceeded 7<-6\nTaskStateExited 8<-7\nExecutionSucceeded 9<-8\n");
}

TEST_CASE("Engine: a missing activity records ActivityScheduleFailed (States.Runtime)") {
  Fixture f;
  f.activities.Delete(kActivity);
  auto e = MakeExecution(Task(R"(,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  CHECK(e->end().error == "States.Runtime");
  CHECK(Types(*e) ==
        "ExecutionStarted 1<-0\nTaskStateEntered 2<-0\nActivityScheduleFailed 3<-2\n"
        "ExecutionFailed 4<-3\n");
  CHECK(Dump(e->history().All()[2].details) ==
        R"({"error":"States.Runtime","cause":"Activity Does Not Exist: ')" + kActivity + "'\"}");
}

TEST_CASE("Engine: StopExecution withdraws a queued activity task and its token") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  f.engine->Stop(e, std::nullopt, std::nullopt);
  f.Idle();
  CHECK(e->end().status == ExecutionStatus::kAborted);
  Activities::Task task;
  CHECK_FALSE(f.Take("w", &task));
  CHECK(f.engine->SendTaskSuccess(task.task_token, "{}").code == "TaskDoesNotExist");
}

TEST_CASE("Engine: WaitingTasks lists an activity task until it is answered") {
  Fixture f;
  auto e = MakeExecution(Task(R"(,"End":true)"));
  f.engine->Start(e);
  f.Idle();
  auto waiting = f.engine->WaitingTasks();
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].execution_arn == e->spec().arn);
  CHECK(waiting[0].state_name == "T");
  CHECK(waiting[0].resource == kActivity);
  CHECK(waiting[0].input == R"({"n":1})");
  CHECK(waiting[0].activity);
  CHECK(f.activities.QueuedTokens() == std::vector<std::string>{waiting[0].task_token});
  Activities::Task task;
  REQUIRE(f.Take("w1", &task));
  CHECK(task.task_token == waiting[0].task_token);
  CHECK(f.activities.QueuedTokens().empty());
  CHECK(f.engine->WaitingTasks().size() == 1);  // taken, not yet answered
  CHECK(f.engine->SendTaskSuccess(task.task_token, "{}").ok());
  f.Idle();
  CHECK(f.engine->WaitingTasks().empty());
}

}  // namespace
}  // namespace sfn::emulator
