// tests/mocks/process/exec_invoker_test.cc
#include "mocks/process/exec_invoker.h"

#include <doctest/doctest.h>
#include <signal.h>

#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::mocks::testing::HandlersDir;
using sfn::mocks::testing::Python3;
using sfn::mocks::testing::Waiter;
using sfn::testing::ParseOrDie;

namespace {

ProcessExit Exited(int code, std::string out, std::string err = "") {
  ProcessExit exit;
  exit.code = code;
  exit.out = std::move(out);
  exit.err = std::move(err);
  return exit;
}

CallResult Interpret(const ProcessExit& exit) {
  return InterpretExit(exit, "handler.py", 0, false, "Charge");
}

}  // namespace

TEST_CASE("InterpretExit: success") {
  CallResult ok = Interpret(Exited(0, "  {\"a\": [1, 2.50]}\n"));
  CHECK(ok.status == CallResult::Status::kOk);
  CHECK(sfn::Dump(ok.value) == R"({"a":[1,2.5]})");
  CallResult empty = Interpret(Exited(0, "\n"));
  CHECK(empty.status == CallResult::Status::kOk);
  CHECK(empty.value.is_null());
  CallResult bad = Interpret(Exited(0, "hello world"));
  CHECK(bad.status == CallResult::Status::kFailed);
  CHECK(bad.error == "States.TaskFailed");
  CHECK(
      bad.cause ==
      "'handler.py' wrote output that is not valid JSON (Invalid value. at offset 0): hello world");
}

TEST_CASE("InterpretExit: handler errors") {
  CallResult on_stdout = Interpret(Exited(1, R"({"errorType":"Boom","errorMessage":"bad"})"));
  CHECK(on_stdout.status == CallResult::Status::kHandlerError);
  CHECK(sfn::Dump(on_stdout.error_payload) == R"({"errorType":"Boom","errorMessage":"bad"})");

  CallResult on_stderr =
      Interpret(Exited(1, "", "Traceback:\n  line 1\n{\"error\": \"Custom\", \"cause\": \"c\"}\n"));
  CHECK(on_stderr.status == CallResult::Status::kHandlerError);
  CHECK(sfn::Dump(on_stderr.error_payload) == R"({"error":"Custom","cause":"c"})");

  CallResult text = Interpret(Exited(2, "something broke\n"));
  CHECK(text.status == CallResult::Status::kHandlerError);
  CHECK(text.error == "States.TaskFailed");
  CHECK(text.cause == "something broke");
  CHECK(text.error_payload.AsString() == "something broke");

  CallResult err_text = Interpret(Exited(2, "", "only stderr\n"));
  CHECK(err_text.cause == "only stderr");

  CallResult silent = Interpret(Exited(4, ""));
  CHECK(silent.cause == "'handler.py' exited with status 4 and wrote no output");

  ProcessExit killed;
  killed.how = ProcessExit::How::kSignaled;
  killed.code = SIGSEGV;
  CHECK(Interpret(killed).cause == "'handler.py' was killed by signal 11 (Segmentation fault)");
}

TEST_CASE("InterpretExit: failures of the call itself") {
  ProcessExit exit;
  exit.how = ProcessExit::How::kSpawnFailed;
  exit.spawn_error = "No such file or directory";
  CHECK(Interpret(exit).cause == "Could not start 'handler.py': No such file or directory");
  exit.how = ProcessExit::How::kTimedOut;
  CallResult timed_out = InterpretExit(exit, "handler.py", 1.5, false, "Charge");
  CHECK(timed_out.status == CallResult::Status::kFailed);
  CHECK(timed_out.timed_out);
  CHECK(timed_out.timeout_seconds == 1.5);
  CHECK(timed_out.cause ==
        "'handler.py' did not finish within its route's 1.5 timeoutSeconds and was killed");
  exit.how = ProcessExit::How::kCancelled;
  CHECK(Interpret(exit).cause == "The task was cancelled and 'handler.py' was killed");
  exit.how = ProcessExit::How::kOutputTooLarge;
  CallResult flood = Interpret(exit);
  CHECK(flood.error == "States.DataLimitExceeded");
  CHECK(flood.cause ==
        "The state/task 'Charge' returned a result with a size exceeding the maximum number of "
        "bytes service limit.");
}

TEST_CASE("InterpretExit: a result over 256 KiB (compact JSON) is States.DataLimitExceeded") {
  const std::string fits = "\"" + std::string(256 * 1024 - 2, 'a') + "\"";
  CHECK(Interpret(Exited(0, fits)).status == CallResult::Status::kOk);
  // Whitespace does not count: the result is measured as AWS stores it.
  CHECK(Interpret(Exited(0, "  " + fits + "\n\n")).status == CallResult::Status::kOk);
  CallResult over = Interpret(Exited(0, "\"" + std::string(256 * 1024 - 1, 'a') + "\""));
  CHECK(over.status == CallResult::Status::kFailed);
  CHECK(over.error == "States.DataLimitExceeded");
}

TEST_CASE("InterpretExit: LogType Tail gets the last 4 KiB of standard error") {
  CHECK(InterpretExit(Exited(0, "1", "log"), "h", 0, true, "S").log_text == "log");
  std::string long_log = "x" + std::string(5000, 'a');
  CHECK(InterpretExit(Exited(0, "1", long_log), "h", 0, true, "S").log_text ==
        std::string(4096, 'a'));
  CHECK(InterpretExit(Exited(0, "1", "log"), "h", 0, false, "S").log_text.empty());
}

TEST_CASE("RunExec passes the input on stdin and the task's identity in the environment") {
  ProcessRunner runner;
  Route route;
  route.kind = RouteKind::kExec;
  route.argv = {Python3(), HandlersDir() + "/env.py"};
  route.cwd = "/tmp";
  route.env = {{"TEST_VAR", "from route"}};
  sfn::asl::TaskCall request;
  request.resource = "arn:aws:lambda:us-east-1:1:function:F";
  request.caller.state_name = "Charge";
  request.caller.state_machine_name = "Orders";
  request.caller.execution_arn = "arn:aws:states:us-east-1:1:execution:Orders:e1";
  request.attempt = 2;
  request.task_token = "token-1";
  Waiter<CallResult> waiter;
  ExecCall call{&route, ParseOrDie("{}"), &request, "arn:aws:lambda:us-east-1:1:function:F", false};
  auto handle = RunExec(&runner, call, [&](CallResult result) { waiter.Set(std::move(result)); });
  auto result = waiter.Wait();
  REQUIRE(result);
  REQUIRE(result->status == CallResult::Status::kOk);
  CHECK(
      sfn::Dump(result->value) ==
      R"({"cwd":"/tmp","env":{"SFN_ATTEMPT":"2",)"
      R"("SFN_EXECUTION_ARN":"arn:aws:states:us-east-1:1:execution:Orders:e1",)"
      R"("SFN_FUNCTION_ARN":"arn:aws:lambda:us-east-1:1:function:F",)"
      R"("SFN_RESOURCE":"arn:aws:lambda:us-east-1:1:function:F","SFN_STATE_MACHINE_NAME":"Orders",)"
      R"("SFN_STATE_NAME":"Charge","SFN_TASK_TOKEN":"token-1","TEST_VAR":"from route"}})");
}
