// emulator/records/telemetry.h
//
// The ExecutionObserver of `serve`: turns execution events into metrics
// (started, ended by status, redriven, state transitions), one server log
// line per execution end (arn, status, duration) and, when
// `--execution-log` is given, the AWS-shaped execution log events.
//
// Threads: as ExecutionObserver (called on engine threads, concurrently for
// different executions). Borrows its parts, which must outlive it; any of
// them may be null (not wanted).
#ifndef SFN_EMULATOR_RECORDS_TELEMETRY_H_
#define SFN_EMULATOR_RECORDS_TELEMETRY_H_

#include "emulator/records/execution_log.h"
#include "emulator/records/execution_observer.h"
#include "emulator/records/metrics.h"
#include "emulator/records/server_log.h"

namespace sfn::emulator {

class Telemetry : public ExecutionObserver {
 public:
  Telemetry(Metrics* metrics, ServerLog* log, ExecutionLog* execution_log)
      : metrics_(metrics), log_(log), execution_log_(execution_log) {}

  void OnEvent(const Execution& execution, const HistoryEvent& event) override;
  // Only the execution log reads details, of executions that log.
  bool WantsDetails(const Execution& execution) const override;

 private:
  void Ended(const Execution& execution, const HistoryEvent& event, ExecutionStatus status);

  Metrics* const metrics_;
  ServerLog* const log_;
  ExecutionLog* const execution_log_;
};

// The status an execution ends with when `type` is its final event
// (kRunning for any other event).
ExecutionStatus FinalStatusOf(asl::EventType type);
// Whether `type` is a state entered event (a state transition).
bool IsStateEntered(asl::EventType type);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_TELEMETRY_H_
