// tests/emulator/records/telemetry_test.cc
#include "emulator/records/telemetry.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace sfn::emulator {
namespace {

using asl::EventType;

HistoryEvent Event(int64_t id, EventType type, int64_t ms) {
  HistoryEvent e;
  e.id = id;
  e.previous_event_id = id - 1;
  e.timestamp_ms = ms;
  e.type = type;
  return e;
}

TEST_CASE("Telemetry: final events and state transitions are recognised") {
  CHECK(FinalStatusOf(EventType::kExecutionSucceeded) == ExecutionStatus::kSucceeded);
  CHECK(FinalStatusOf(EventType::kExecutionAborted) == ExecutionStatus::kAborted);
  CHECK(FinalStatusOf(EventType::kTaskFailed) == ExecutionStatus::kRunning);
  CHECK(IsStateEntered(EventType::kPassStateEntered));
  CHECK(IsStateEntered(EventType::kMapStateEntered));
  CHECK_FALSE(IsStateEntered(EventType::kPassStateExited));
  CHECK_FALSE(IsStateEntered(EventType::kExecutionStarted));
}

TEST_CASE("Telemetry: counts an execution and logs its end with its duration") {
  Metrics metrics;
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  ServerLog log(LogLevel::kInfo, LogFormat::kText, f, [] { return int64_t{0}; });
  Telemetry telemetry(&metrics, &log, nullptr);
  ExecutionSpec spec;
  spec.arn = "arn:aws:states:us-east-1:1:execution:M:e";
  spec.state_machine_arn = "arn:aws:states:us-east-1:1:stateMachine:M";
  spec.start_ms = 1000;
  Execution e(spec);
  CHECK_FALSE(telemetry.WantsDetails(e));  // no execution log: events need no details
  telemetry.OnEvent(e, Event(1, EventType::kExecutionStarted, 1000));
  telemetry.OnEvent(e, Event(2, EventType::kPassStateEntered, 1001));
  telemetry.OnEvent(e, Event(3, EventType::kPassStateExited, 1001));
  telemetry.OnEvent(e, Event(4, EventType::kExecutionFailed, 1250));
  const std::string text = metrics.Render();
  CHECK(text.find("sfn_executions_started_total{state_machine=\"" + spec.state_machine_arn +
                  "\"} 1\n") != std::string::npos);
  CHECK(text.find("sfn_executions_failed_total{state_machine=\"" + spec.state_machine_arn +
                  "\"} 1\n") != std::string::npos);
  CHECK(text.find("sfn_state_transitions_total 1\n") != std::string::npos);
  std::rewind(f);
  char buffer[512] = {};
  const size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, f);
  std::fclose(f);
  CHECK(std::string(buffer, n) ==
        "1970-01-01T00:00:00.000Z INFO execution ended "
        "arn=arn:aws:states:us-east-1:1:execution:M:e status=FAILED duration_ms=250\n");
}

}  // namespace
}  // namespace sfn::emulator
