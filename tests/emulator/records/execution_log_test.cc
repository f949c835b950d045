// tests/emulator/records/execution_log_test.cc
#include "emulator/records/execution_log.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/json_helpers.h"

namespace sfn::emulator {
namespace {

using asl::EventType;
using testing::ParseOrDie;

constexpr const char* kArn = "arn:aws:states:us-east-1:123456789012:execution:M:e1";

HistoryEvent Event(int64_t id, int64_t prev, EventType type, const char* details) {
  HistoryEvent e;
  e.id = id;
  e.previous_event_id = prev;
  e.timestamp_ms = 1717614426154;
  e.type = type;
  if (details != nullptr) e.details = ParseOrDie(details);
  return e;
}

TEST_CASE("ExecutionLog: an event is shaped as AWS writes it to CloudWatch Logs") {
  HistoryEvent e = Event(1, 0, EventType::kExecutionStarted,
                         R"({"input":"{\"a\":1}","inputDetails":{"truncated":false},)"
                         R"("roleArn":"arn:aws:iam::123456789012:role/r"})");
  CHECK(Dump(ShapeExecutionLogEvent(e, kArn, 0, true)) ==
        R"({"id":"1","type":"ExecutionStarted","details":{"input":"{\"a\":1}",)"
        R"("inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/r"},)"
        R"("previous_event_id":"0","event_timestamp":"1717614426154",)"
        R"("execution_arn":"arn:aws:states:us-east-1:123456789012:execution:M:e1",)"
        R"("redrive_count":"0"})");
  // Without includeExecutionData only the role remains, as AWS logs it.
  CHECK(Dump(ShapeExecutionLogEvent(e, kArn, 2, false)) ==
        R"({"id":"1","type":"ExecutionStarted","details":{)"
        R"("roleArn":"arn:aws:iam::123456789012:role/r"},)"
        R"("previous_event_id":"0","event_timestamp":"1717614426154",)"
        R"("execution_arn":"arn:aws:states:us-east-1:123456789012:execution:M:e1",)"
        R"("redrive_count":"2"})");
}

TEST_CASE("ExecutionLog: data fields go without includeExecutionData; errors stay") {
  HistoryEvent scheduled =
      Event(5, 4, EventType::kTaskScheduled,
            R"({"resource":"invoke","resourceType":"lambda","region":"us-east-1",)"
            R"("parameters":"{\"x\":1}"})");
  Json shaped = ShapeExecutionLogEvent(scheduled, kArn, 0, false);
  CHECK(Dump(*shaped.Find("details")) ==
        R"({"resource":"invoke","resourceType":"lambda","region":"us-east-1"})");
  HistoryEvent succeeded = Event(9, 8, EventType::kExecutionSucceeded,
                                 R"({"output":"{}","outputDetails":{"truncated":false}})");
  CHECK(Dump(*ShapeExecutionLogEvent(succeeded, kArn, 0, false).Find("details")) == "{}");
  HistoryEvent failed = Event(3, 2, EventType::kExecutionFailed, R"({"error":"E","cause":"C"})");
  CHECK(Dump(*ShapeExecutionLogEvent(failed, kArn, 0, false).Find("details")) ==
        R"({"error":"E","cause":"C"})");
  // An event without details still carries an empty object.
  HistoryEvent bare = Event(2, 1, EventType::kMapIterationStarted, nullptr);
  CHECK(Dump(*ShapeExecutionLogEvent(bare, kArn, 0, true).Find("details")) == "{}");
}

TEST_CASE("ExecutionLog: which events each level includes") {
  using L = ExecutionLogLevel;
  CHECK(ParseExecutionLogLevel("ALL") == L::kAll);
  CHECK(ParseExecutionLogLevel("ERROR") == L::kError);
  CHECK(ParseExecutionLogLevel("FATAL") == L::kFatal);
  CHECK(ParseExecutionLogLevel("OFF") == L::kOff);
  CHECK(ParseExecutionLogLevel("all") == L::kOff);
  for (size_t i = 0; i < asl::kEventTypeCount; ++i) {
    const auto type = static_cast<EventType>(i);
    CHECK(ExecutionLogIncludes(L::kAll, type));
    CHECK_FALSE(ExecutionLogIncludes(L::kOff, type));
    if (ExecutionLogIncludes(L::kFatal, type)) CHECK(ExecutionLogIncludes(L::kError, type));
  }
  for (EventType t :
       {EventType::kExecutionFailed, EventType::kExecutionAborted, EventType::kExecutionTimedOut}) {
    CHECK(ExecutionLogIncludes(L::kFatal, t));
  }
  for (EventType t :
       {EventType::kFailStateEntered, EventType::kTaskFailed, EventType::kTaskTimedOut,
        EventType::kLambdaFunctionFailed, EventType::kParallelStateFailed,
        EventType::kMapStateFailed, EventType::kMapIterationFailed, EventType::kWaitStateAborted,
        EventType::kTaskStateAborted}) {
    CHECK(ExecutionLogIncludes(L::kError, t));
    CHECK_FALSE(ExecutionLogIncludes(L::kFatal, t));
  }
  for (EventType t :
       {EventType::kExecutionStarted, EventType::kExecutionSucceeded, EventType::kPassStateEntered,
        EventType::kTaskSucceeded, EventType::kTaskScheduled, EventType::kChoiceStateExited}) {
    CHECK_FALSE(ExecutionLogIncludes(L::kError, t));
  }
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A log on a new temporary file, named into `path` (a mkstemp template).
std::unique_ptr<ExecutionLog> OpenTempLog(char* path) {
  const int fd = mkstemp(path);
  if (fd < 0) return nullptr;
  close(fd);
  auto opened = ExecutionLog::Open(path);
  if (!opened.ok()) return nullptr;
  return std::move(opened).value();
}

TEST_CASE("ExecutionLog: writes the events the execution's configuration selects") {
  char path[] = "/tmp/sfn-execution-log-XXXXXX";
  std::unique_ptr<ExecutionLog> log = OpenTempLog(path);
  REQUIRE(log != nullptr);
  ExecutionSpec spec;
  spec.arn = kArn;
  spec.logging_configuration = ParseOrDie(R"({"level":"ERROR","includeExecutionData":false})");
  Execution errors_only(spec);
  spec.logging_configuration = Json();
  Execution unconfigured(spec);
  for (Execution* e : {&errors_only, &unconfigured}) {
    log->OnEvent(*e, Event(1, 0, EventType::kExecutionStarted, R"({"roleArn":"r"})"));
    log->OnEvent(*e, Event(2, 1, EventType::kExecutionFailed, R"({"error":"E"})"));
  }
  log.reset();
  std::vector<std::string> lines = ReadLines(path);
  std::remove(path);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find(R"("type":"ExecutionFailed")") != std::string::npos);
}

TEST_CASE("ExecutionLog::Logs: only executions whose level logs something") {
  char name[] = "/tmp/sfn-execution-log-XXXXXX";
  std::unique_ptr<ExecutionLog> log = OpenTempLog(name);
  REQUIRE(log != nullptr);
  auto logs = [&log](const char* configuration) {
    ExecutionSpec s;
    if (configuration != nullptr) s.logging_configuration = ParseOrDie(configuration);
    return log->Logs(Execution(s));
  };
  CHECK(logs(R"({"level":"ALL"})"));
  CHECK(logs(R"({"level":"FATAL","includeExecutionData":true})"));
  CHECK_FALSE(logs(R"({"level":"OFF"})"));
  CHECK_FALSE(logs(nullptr));
  log.reset();
  std::remove(name);
}

TEST_CASE("ExecutionLog: a file that cannot be opened is a clear error") {
  auto opened = ExecutionLog::Open("/nonexistent-dir/x.log");
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().cause.find("cannot open /nonexistent-dir/x.log") == 0);
}

}  // namespace
}  // namespace sfn::emulator
