// tests/mocks/process/persistent_pool_test.cc
// The pool through RunPersistent, as the task router uses it.
#include "mocks/process/persistent_pool.h"

#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "mocks/process/exec_invoker.h"
#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::mocks::testing::HandlersDir;
using sfn::mocks::testing::Python3;
using sfn::mocks::testing::Waiter;
using sfn::testing::ParseOrDie;

namespace {

struct Fixture {
  explicit Fixture(int processes = 1, double timeout = 0) {
    route.kind = RouteKind::kExec;
    route.argv = {Python3(), HandlersDir() + "/persistent.py"};
    route.persistent = true;
    route.timeout_seconds = timeout;
    PersistentOptions options;
    options.program.argv = route.argv;
    options.processes = processes;
    options.log = [](const std::string&) {};
    pool = std::make_unique<PersistentPool>(std::move(options));
    request.resource = "arn:aws:lambda:us-east-1:1:function:F";
    request.caller.state_name = "Charge";
    request.caller.state_machine_name = "Orders";
    request.caller.execution_arn = "arn:aws:states:us-east-1:1:execution:Orders:e1";
    request.attempt = 1;
  }
  CallResult Call(const std::string& input) {
    Waiter<CallResult> waiter;
    ExecCall call{&route, ParseOrDie(input), &request, "", false};
    auto handle = RunPersistent(pool.get(), call, [&](CallResult r) { waiter.Set(std::move(r)); });
    auto result = waiter.Wait();
    REQUIRE(result);
    return *result;
  }
  int64_t Pid() {
    CallResult result = Call("{}");
    REQUIRE(result.status == CallResult::Status::kOk);
    return result.value.Find("pid")->AsInt();
  }

  Route route;
  sfn::asl::TaskCall request;
  std::unique_ptr<PersistentPool> pool;
};

}  // namespace

TEST_CASE("persistent: one process answers task after task, with the task's identity") {
  Fixture f;
  CallResult first = f.Call(R"({"n": 1})");
  REQUIRE(first.status == CallResult::Status::kOk);
  CHECK(sfn::Dump(*first.value.Find("context")) ==
        R"({"resource":"arn:aws:lambda:us-east-1:1:function:F","stateName":"Charge",)"
        R"("stateMachineName":"Orders",)"
        R"("executionArn":"arn:aws:states:us-east-1:1:execution:Orders:e1","attempt":1})");
  CHECK(sfn::Dump(*first.value.Find("input")) == R"({"n":1})");
  CHECK(f.Pid() == first.value.Find("pid")->AsInt());
}

TEST_CASE("persistent: an error document fails the task as a one-shot program's does") {
  Fixture f;
  CallResult failed = f.Call(R"({"fail": true})");
  CHECK(failed.status == CallResult::Status::kHandlerError);
  CHECK(sfn::Dump(failed.error_payload) == R"({"errorType":"Boom","errorMessage":"bad"})");
  CHECK(f.Call("{}").status == CallResult::Status::kOk);  // still running
}

TEST_CASE("persistent: a crash fails the task in flight and the next task restarts it") {
  Fixture f;
  int64_t before = f.Pid();
  CallResult crashed = f.Call(R"({"crash": 3})");
  CHECK(crashed.status == CallResult::Status::kHandlerError);
  CHECK(crashed.error == "States.TaskFailed");
  CHECK(crashed.cause == "about to crash");
  CHECK(f.Pid() != before);
  CallResult quit = f.Call(R"({"quit": true})");
  CHECK(quit.status == CallResult::Status::kFailed);
  CHECK(quit.cause.find("exited with status 0 before answering its task") != std::string::npos);
}

TEST_CASE("persistent: a task over its time-out kills the process, which restarts") {
  Fixture f(1, 0.5);
  int64_t before = f.Pid();
  CallResult slow = f.Call(R"({"sleep": 5})");
  CHECK(slow.status == CallResult::Status::kFailed);
  CHECK(slow.timed_out);
  CHECK(slow.cause.find("did not finish within its route's 0.5 timeoutSeconds") !=
        std::string::npos);
  CHECK(f.Pid() != before);
}

TEST_CASE("persistent: tasks queue for the pool's processes") {
  Fixture f(2);
  std::vector<std::unique_ptr<Waiter<CallResult>>> waiters;
  std::vector<std::unique_ptr<TaskHandle>> handles;
  for (int i = 0; i < 6; ++i) {
    waiters.push_back(std::make_unique<Waiter<CallResult>>());
    ExecCall call{&f.route, ParseOrDie("{\"i\": " + std::to_string(i) + "}"), &f.request, "",
                  false};
    Waiter<CallResult>* waiter = waiters.back().get();
    handles.push_back(
        RunPersistent(f.pool.get(), call, [waiter](CallResult r) { waiter->Set(std::move(r)); }));
  }
  std::set<int64_t> pids;
  for (int i = 0; i < 6; ++i) {
    auto result = waiters[i]->Wait();
    REQUIRE(result);
    REQUIRE(result->status == CallResult::Status::kOk);
    CHECK(result->value.Find("input")->Find("i")->AsInt() == i);
    pids.insert(result->value.Find("pid")->AsInt());
  }
  CHECK(pids.size() <= 2);
}

TEST_CASE("persistent: a cancelled task ends, and the pool goes on") {
  Fixture f;
  Waiter<CallResult> waiter;
  ExecCall call{&f.route, ParseOrDie(R"({"sleep": 30})"), &f.request, "", false};
  auto handle = RunPersistent(f.pool.get(), call, [&](CallResult r) { waiter.Set(std::move(r)); });
  handle->Cancel();
  auto result = waiter.Wait();
  REQUIRE(result);
  CHECK(result->cause.find("cancelled") != std::string::npos);
  CHECK(f.Pid() > 0);
}

TEST_CASE("persistent: a program that cannot start fails each task") {
  PersistentOptions options;
  options.program.argv = {"/nonexistent/program"};
  PersistentPool pool(std::move(options));
  Waiter<PersistentAnswer> waiter;
  auto handle = pool.Submit("{}", 0, "", [&](PersistentAnswer a) { waiter.Set(std::move(a)); });
  auto answer = waiter.Wait();
  REQUIRE(answer);
  CHECK_FALSE(answer->answered);
  CHECK(answer->exit.how == ProcessExit::How::kSpawnFailed);
}
