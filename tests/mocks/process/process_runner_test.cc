// tests/mocks/process/process_runner_test.cc
#include "mocks/process/process_runner.h"

#include <doctest/doctest.h>
#include <signal.h>

#include <fstream>
#include <mutex>
#include <thread>

#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::mocks::testing::HandlersDir;
using sfn::mocks::testing::Python3;
using sfn::mocks::testing::Waiter;

namespace {

ProcessSpec Python(const std::string& script, std::vector<std::string> args = {}) {
  ProcessSpec spec;
  spec.argv = {Python3(), HandlersDir() + "/" + script};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  return spec;
}

// Running, and not a zombie waiting for a parent that will never reap it.
bool IsAlive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return false;
  size_t paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

bool EventuallyGone(pid_t pid) {
  for (int i = 0; i < 200 && IsAlive(pid); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return !IsAlive(pid);
}

// The PIDs spawn_and_wait.sh records: {background child, script}.
std::vector<pid_t> WaitForPids(const std::string& file) {
  for (int i = 0; i < 500; ++i) {
    std::ifstream in(file);
    pid_t child = 0, parent = 0;
    if (in >> child >> parent) return {child, parent};
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL("no pid file " << file);
  return {};
}

std::string TempFile(const std::string& name) {
  return "/tmp/sfn_mocks_" + name + "_" + std::to_string(getpid());
}

}  // namespace

TEST_CASE("ProcessRunner feeds standard input and collects standard output") {
  ProcessRunner runner;
  Waiter<ProcessExit> waiter;
  ProcessSpec spec = Python("identity.py");
  spec.stdin_data = std::string(1 << 20, 'x');  // far beyond a pipe's buffer
  auto handle = runner.Start(spec, [&](ProcessExit exit) { waiter.Set(std::move(exit)); });
  auto exit = waiter.Wait();
  REQUIRE(exit);
  CHECK(exit->how == ProcessExit::How::kExited);
  CHECK(exit->code == 0);
  CHECK(exit->out == spec.stdin_data);
}

TEST_CASE("ProcessRunner reports exit status and standard error") {
  std::mutex log_mutex;
  std::vector<std::string> log;
  ProcessRunnerOptions options;
  options.log = [&](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mutex);
    log.push_back(line);
  };
  ProcessRunner runner(options);
  Waiter<ProcessExit> failed, logged;
  auto h1 = runner.Start(Python("exit_with.py", {"3", "oops"}),
                         [&](ProcessExit exit) { failed.Set(std::move(exit)); });
  ProcessSpec spec = Python("stderr_lines.py");
  spec.log_prefix = "[S] ";
  auto h2 = runner.Start(spec, [&](ProcessExit exit) { logged.Set(std::move(exit)); });
  REQUIRE(failed.Wait());
  CHECK(failed.Wait()->code == 3);
  CHECK(failed.Wait()->out == "oops");
  REQUIRE(logged.Wait());
  CHECK(logged.Wait()->err == "first line\nsecond line\n");
  std::lock_guard<std::mutex> lock(log_mutex);
  CHECK(log == std::vector<std::string>{"[S] first line", "[S] second line"});
}

TEST_CASE("ProcessRunner reports programs it cannot start") {
  ProcessRunner runner;
  Waiter<ProcessExit> missing, bad_dir;
  ProcessSpec spec;
  spec.argv = {"no-such-program-sfn-local"};
  auto h1 = runner.Start(spec, [&](ProcessExit exit) { missing.Set(std::move(exit)); });
  spec = Python("identity.py");
  spec.cwd = "/no/such/dir";
  auto h2 = runner.Start(spec, [&](ProcessExit exit) { bad_dir.Set(std::move(exit)); });
  REQUIRE(missing.Wait());
  CHECK(missing.Wait()->how == ProcessExit::How::kSpawnFailed);
  CHECK(missing.Wait()->spawn_error == "No such file or directory");
  REQUIRE(bad_dir.Wait());
  CHECK(bad_dir.Wait()->how == ProcessExit::How::kSpawnFailed);
  CHECK(bad_dir.Wait()->spawn_error ==
        "cannot enter directory /no/such/dir: No such file or directory");
}

TEST_CASE("Cancel kills the whole process group") {
  ProcessRunner runner;
  Waiter<ProcessExit> waiter;
  std::string pid_file = TempFile("cancel");
  std::remove(pid_file.c_str());
  ProcessSpec spec;
  spec.argv = {"sh", HandlersDir() + "/spawn_and_wait.sh", pid_file};
  spec.stdin_data = "{}";
  auto handle = runner.Start(spec, [&](ProcessExit exit) { waiter.Set(std::move(exit)); });
  std::vector<pid_t> pids = WaitForPids(pid_file);
  CHECK(IsAlive(pids[0]));
  handle->Cancel();
  handle->Cancel();  // idempotent
  auto exit = waiter.Wait(5);
  REQUIRE(exit);
  CHECK(exit->how == ProcessExit::How::kCancelled);
  CHECK(EventuallyGone(pids[0]));
  CHECK(EventuallyGone(pids[1]));
  CHECK(waiter.calls() == 1);
  std::remove(pid_file.c_str());
}

TEST_CASE("A program's timeout kills the whole process group") {
  ProcessRunner runner;
  Waiter<ProcessExit> waiter;
  std::string pid_file = TempFile("timeout");
  std::remove(pid_file.c_str());
  ProcessSpec spec;
  spec.argv = {"sh", HandlersDir() + "/spawn_and_wait.sh", pid_file};
  spec.timeout_seconds = 0.5;
  auto started = std::chrono::steady_clock::now();
  auto handle = runner.Start(spec, [&](ProcessExit exit) { waiter.Set(std::move(exit)); });
  std::vector<pid_t> pids = WaitForPids(pid_file);
  auto exit = waiter.Wait(10);
  REQUIRE(exit);
  CHECK(exit->how == ProcessExit::How::kTimedOut);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(EventuallyGone(pids[0]));
  CHECK(EventuallyGone(pids[1]));
  std::remove(pid_file.c_str());
}

TEST_CASE("Programs beyond max_running wait; a queued cancel never starts") {
  ProcessRunnerOptions options;
  options.max_running = 2;
  ProcessRunner runner(options);
  std::vector<std::unique_ptr<Waiter<ProcessExit>>> waiters;
  std::vector<std::unique_ptr<sfn::mocks::TaskHandle>> handles;
  for (int i = 0; i < 8; ++i) {
    waiters.push_back(std::make_unique<Waiter<ProcessExit>>());
    ProcessSpec spec = Python("identity.py");
    spec.stdin_data = std::to_string(i);
    auto* waiter = waiters.back().get();
    handles.push_back(
        runner.Start(spec, [waiter](ProcessExit exit) { waiter->Set(std::move(exit)); }));
  }
  handles[7]->Cancel();
  for (int i = 0; i < 7; ++i) {
    auto exit = waiters[i]->Wait();
    REQUIRE(exit);
    CHECK(exit->out == std::to_string(i));
  }
  REQUIRE(waiters[7]->Wait());
  CHECK(waiters[7]->Wait()->how == ProcessExit::How::kCancelled);
  CHECK(waiters[7]->Wait()->out == "");
}

TEST_CASE("Destroying the runner kills running programs without calling done") {
  std::string pid_file = TempFile("destroy");
  std::remove(pid_file.c_str());
  std::vector<pid_t> pids;
  int calls = 0;
  {
    ProcessRunner runner;
    ProcessSpec spec;
    spec.argv = {"sh", HandlersDir() + "/spawn_and_wait.sh", pid_file};
    auto handle = runner.Start(spec, [&](ProcessExit) { ++calls; });
    pids = WaitForPids(pid_file);
  }
  CHECK(calls == 0);
  CHECK(EventuallyGone(pids[0]));
  CHECK(EventuallyGone(pids[1]));
  std::remove(pid_file.c_str());
}

TEST_CASE("A cancelled job leaves the queue at once, even behind a running one") {
  ProcessRunnerOptions options;
  options.max_running = 1;
  ProcessRunner runner(options);
  std::string pid_file = TempFile("queue");
  std::remove(pid_file.c_str());
  ProcessSpec long_spec;
  long_spec.argv = {"sh", HandlersDir() + "/spawn_and_wait.sh", pid_file};
  Waiter<ProcessExit> running, queued;
  auto first = runner.Start(long_spec, [&](ProcessExit exit) { running.Set(std::move(exit)); });
  std::vector<pid_t> pids = WaitForPids(pid_file);
  auto second =
      runner.Start(Python("identity.py"), [&](ProcessExit exit) { queued.Set(std::move(exit)); });
  second->Cancel();
  auto exit = queued.Wait(5);
  REQUIRE(exit);
  CHECK(exit->how == ProcessExit::How::kCancelled);
  CHECK(IsAlive(pids[1]));  // the running job is untouched
  first->Cancel();
  REQUIRE(running.Wait(5));
  CHECK(running.Wait()->how == ProcessExit::How::kCancelled);
  std::remove(pid_file.c_str());
}
