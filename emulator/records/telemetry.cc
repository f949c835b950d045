// emulator/records/telemetry.cc
#include "emulator/records/telemetry.h"

#include <array>

namespace sfn::emulator {
namespace {

// Per event type, whether its name ends in "StateEntered"; built once from
// the event table so that the per-event check is one load.
std::array<bool, asl::kEventTypeCount> BuildStateEntered() {
  std::array<bool, asl::kEventTypeCount> table{};
  constexpr std::string_view kSuffix = "StateEntered";
  for (const asl::EventTypeInfo& info : asl::kEventTypes) {
    const std::string_view name = info.name;
    table[static_cast<size_t>(info.type)] =
        name.size() > kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix;
  }
  return table;
}

}  // namespace

ExecutionStatus FinalStatusOf(asl::EventType type) {
  switch (type) {
    case asl::EventType::kExecutionSucceeded:
      return ExecutionStatus::kSucceeded;
    case asl::EventType::kExecutionFailed:
      return ExecutionStatus::kFailed;
    case asl::EventType::kExecutionTimedOut:
      return ExecutionStatus::kTimedOut;
    case asl::EventType::kExecutionAborted:
      return ExecutionStatus::kAborted;
    default:
      return ExecutionStatus::kRunning;
  }
}

bool IsStateEntered(asl::EventType type) {
  static const std::array<bool, asl::kEventTypeCount> kTable = BuildStateEntered();
  return kTable[static_cast<size_t>(type)];
}

void Telemetry::OnEvent(const Execution& execution, const HistoryEvent& event) {
  if (execution_log_ != nullptr) execution_log_->OnEvent(execution, event);
  if (metrics_ != nullptr) {
    if (IsStateEntered(event.type)) {
      metrics_->StateTransition();
    } else if (event.type == asl::EventType::kExecutionStarted) {
      metrics_->ExecutionStarted(execution.spec().state_machine_arn);
    } else if (event.type == asl::EventType::kExecutionRedriven) {
      metrics_->ExecutionRedriven(execution.spec().state_machine_arn);
    }
  }
  const ExecutionStatus status = FinalStatusOf(event.type);
  if (status != ExecutionStatus::kRunning) Ended(execution, event, status);
}

bool Telemetry::WantsDetails(const Execution& execution) const {
  return execution_log_ != nullptr && execution_log_->Logs(execution);
}

void Telemetry::Ended(const Execution& execution, const HistoryEvent& event,
                      ExecutionStatus status) {
  const ExecutionSpec& spec = execution.spec();
  if (metrics_ != nullptr) metrics_->ExecutionEnded(spec.state_machine_arn, status);
  if (log_ == nullptr || !log_->Enabled(LogLevel::kInfo)) return;
  log_->Write(LogLevel::kInfo, "execution ended",
              {{"arn", Json(spec.arn)},
               {"status", Json(ExecutionStatusName(status))},
               {"duration_ms", Json(event.timestamp_ms - spec.start_ms)}});
}

}  // namespace sfn::emulator
