// mocks/process/exec_invoker.cc
#include "mocks/process/exec_invoker.h"

#include <cstring>

namespace sfn::mocks {
namespace {

constexpr size_t kLogTailBytes = 4096;  // what Lambda returns for LogType Tail
constexpr size_t kShownOutputBytes = 200;
// AWS's quota on a task's result (asl::kMaxPayloadBytes, which mocks cannot
// see): a larger result fails the task with States.DataLimitExceeded.
constexpr size_t kMaxResultBytes = 256 * 1024;

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string Shorten(std::string_view text) {
  if (text.size() <= kShownOutputBytes) return std::string(text);
  return std::string(text.substr(0, kShownOutputBytes)) + "...";
}

bool IsErrorDocument(const Json& doc) {
  if (!doc.is_object()) return false;
  const Json* type = doc.Find("errorType");
  const Json* error = doc.Find("error");
  return (type != nullptr && type->is_string()) || (error != nullptr && error->is_string());
}

// An error document in `text`: all of it, or (for standard error, where a
// traceback may come first) its last non-empty line.
bool FindErrorDocument(std::string_view text, bool try_last_line, Json* doc) {
  text = Trim(text);
  if (text.empty()) return false;
  JsonParseResult whole = ParseJson(text);
  if (whole.ok && IsErrorDocument(whole.value)) return *doc = whole.value, true;
  if (!try_last_line) return false;
  size_t newline = text.rfind('\n');
  if (newline == std::string_view::npos) return false;
  JsonParseResult last = ParseJson(Trim(text.substr(newline + 1)));
  if (last.ok && IsErrorDocument(last.value)) return *doc = last.value, true;
  return false;
}

CallResult HandlerFailure(const ProcessExit& exit, const std::string& program) {
  CallResult result;
  result.status = CallResult::Status::kHandlerError;
  result.error = "States.TaskFailed";
  Json doc;
  if (FindErrorDocument(exit.out, false, &doc) || FindErrorDocument(exit.err, true, &doc)) {
    result.error_payload = doc;
    result.cause = Dump(doc);
    return result;
  }
  std::string_view shown = Trim(exit.out);
  if (shown.empty()) shown = Trim(exit.err);
  if (!shown.empty()) {
    result.error_payload = Json(shown);
    result.cause = std::string(shown);
  } else if (exit.how == ProcessExit::How::kSignaled) {
    result.cause = "'" + program + "' was killed by signal " + std::to_string(exit.code) + " (" +
                   strsignal(exit.code) + ")";
  } else {
    result.cause = "'" + program + "' exited with status " + std::to_string(exit.code) +
                   " and wrote no output";
  }
  if (result.error_payload.is_null()) result.error_payload = Json(result.cause);
  return result;
}

// AWS's words when a task's result is over the payload quota.
CallResult ResultTooLarge(std::string_view state_name) {
  return CallResult::Failed("States.DataLimitExceeded",
                            "The state/task '" + std::string(state_name) +
                                "' returned a result with a size exceeding the maximum number of "
                                "bytes service limit.");
}

CallResult Success(const ProcessExit& exit, const std::string& program,
                   std::string_view state_name) {
  std::string_view text = Trim(exit.out);
  if (text.empty()) return CallResult::Ok(Json());  // like a Lambda function returning None
  JsonParseResult parsed = ParseJson(text);
  if (parsed.ok && Dump(parsed.value).size() > kMaxResultBytes) return ResultTooLarge(state_name);
  if (parsed.ok) return CallResult::Ok(std::move(parsed.value));
  return CallResult::Failed("States.TaskFailed",
                            "'" + program + "' wrote output that is not valid JSON (" +
                                parsed.error.message + " at offset " +
                                std::to_string(parsed.error.offset) + "): " + Shorten(text));
}

std::string FormatSeconds(double seconds) {
  std::string text = std::to_string(seconds);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

CallResult InterpretExit(const ProcessExit& exit, const std::string& program,
                         double timeout_seconds, bool want_log_tail, std::string_view state_name) {
  CallResult result;
  switch (exit.how) {
    case ProcessExit::How::kSpawnFailed:
      return CallResult::Failed("States.TaskFailed",
                                "Could not start '" + program + "': " + exit.spawn_error);
    case ProcessExit::How::kTimedOut:
      result =
          CallResult::Failed("States.TaskFailed",
                             "'" + program + "' did not finish within its route's " +
                                 FormatSeconds(timeout_seconds) + " timeoutSeconds and was killed");
      result.timed_out = true;
      result.timeout_seconds = timeout_seconds;
      return result;
    case ProcessExit::How::kCancelled:
      return CallResult::Failed("States.TaskFailed",
                                "The task was cancelled and '" + program + "' was killed");
    case ProcessExit::How::kOutputTooLarge:  // killed: far more than any result may be
      return ResultTooLarge(state_name);
    case ProcessExit::How::kSignaled:
      result = HandlerFailure(exit, program);
      break;
    case ProcessExit::How::kExited:
      result = exit.code == 0 ? Success(exit, program, state_name) : HandlerFailure(exit, program);
      break;
  }
  if (want_log_tail) {
    std::string_view tail = exit.err;
    if (tail.size() > kLogTailBytes) tail = tail.substr(tail.size() - kLogTailBytes);
    result.log_text = std::string(tail);
  }
  return result;
}

std::unique_ptr<TaskHandle> RunExec(ProcessRunner* runner, const ExecCall& call, CallDone done) {
  const Route& route = *call.route;
  const asl::TaskCall& request = *call.request;
  ProcessSpec spec;
  spec.argv = route.argv;
  spec.cwd = route.cwd;
  spec.env = route.env;
  spec.env.emplace_back("SFN_RESOURCE", request.resource);
  spec.env.emplace_back("SFN_STATE_NAME", request.caller.state_name);
  spec.env.emplace_back("SFN_STATE_MACHINE_NAME", request.caller.state_machine_name);
  spec.env.emplace_back("SFN_EXECUTION_ARN", request.caller.execution_arn);
  spec.env.emplace_back("SFN_ATTEMPT", std::to_string(request.attempt));
  if (!request.task_token.empty()) spec.env.emplace_back("SFN_TASK_TOKEN", request.task_token);
  if (!call.function_arn.empty()) spec.env.emplace_back("SFN_FUNCTION_ARN", call.function_arn);
  spec.stdin_data = Dump(call.input);
  spec.timeout_seconds = route.timeout_seconds;
  spec.log_prefix = "[" + request.caller.state_name + " " + route.argv[0] + "] ";
  return runner->Start(
      std::move(spec),
      [program = route.argv[0], timeout = route.timeout_seconds, want = call.want_log_tail,
       state = request.caller.state_name, done = std::move(done)](ProcessExit exit) {
        done(InterpretExit(exit, program, timeout, want, state));
      });
}

std::string PersistentTaskLine(const ExecCall& call) {
  const asl::TaskCall& request = *call.request;
  Json::Object context = {{"resource", Json(request.resource)},
                          {"stateName", Json(request.caller.state_name)},
                          {"stateMachineName", Json(request.caller.state_machine_name)},
                          {"executionArn", Json(request.caller.execution_arn)},
                          {"attempt", Json(static_cast<int64_t>(request.attempt))}};
  if (!request.task_token.empty()) context.emplace_back("taskToken", Json(request.task_token));
  if (!call.function_arn.empty()) context.emplace_back("functionArn", Json(call.function_arn));
  return Dump(
      Json::MakeObject({{"input", call.input}, {"context", Json::MakeObject(std::move(context))}}));
}

CallResult InterpretAnswer(const PersistentAnswer& answer, const std::string& program,
                           double timeout_seconds, bool want_log_tail,
                           std::string_view state_name) {
  ProcessExit exit = answer.exit;
  if (answer.answered) {
    // Only "errorType" marks an error here: a result may well hold "error".
    JsonParseResult parsed = ParseJson(Trim(exit.out));
    const Json* type =
        parsed.ok && parsed.value.is_object() ? parsed.value.Find("errorType") : nullptr;
    exit.how = ProcessExit::How::kExited;
    exit.code = type != nullptr && type->is_string() ? 1 : 0;
    if (exit.code == 1) exit.err.clear();  // the error document is on standard output
  } else if (exit.how == ProcessExit::How::kExited && exit.code == 0) {
    return CallResult::Failed("States.TaskFailed", "'" + program +
                                                       "' exited with status 0 before answering "
                                                       "its task (a persistent program must "
                                                       "keep running)");
  }
  return InterpretExit(exit, program, timeout_seconds, want_log_tail, state_name);
}

std::unique_ptr<TaskHandle> RunPersistent(PersistentPool* pool, const ExecCall& call,
                                          CallDone done) {
  const Route& route = *call.route;
  const std::string& state = call.request->caller.state_name;
  return pool->Submit(
      PersistentTaskLine(call), route.timeout_seconds, "[" + state + " " + route.argv[0] + "] ",
      [program = route.argv[0], timeout = route.timeout_seconds, want = call.want_log_tail, state,
       done = std::move(done)](PersistentAnswer answer) {
        done(InterpretAnswer(answer, program, timeout, want, state));
      });
}

}  // namespace sfn::mocks
