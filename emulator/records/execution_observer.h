// emulator/records/execution_observer.h
//
// The seam through which the engine reports what executions do, for
// metrics and logs (emulator/records/telemetry.h) without the engine
// knowing about either: every event of every execution, EXPRESS ones
// included (whose events the History does not keep), in the order of the
// execution's event ids.
//
// Threads: OnEvent is called on engine threads while the execution's event
// order is held (one event of an execution at a time), so it must be quick,
// must not block on I/O that may stall, and must not call back into the
// engine. Different executions report concurrently.
#ifndef SFN_EMULATOR_RECORDS_EXECUTION_OBSERVER_H_
#define SFN_EMULATOR_RECORDS_EXECUTION_OBSERVER_H_

#include "emulator/records/execution.h"
#include "emulator/records/history.h"

namespace sfn::emulator {

class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  virtual void OnEvent(const Execution& execution, const HistoryEvent& event) = 0;
  // Whether OnEvent reads the details of `execution`'s events. When not,
  // the events a History keeps compactly (History::AppendStateIo) are
  // reported with null details: they are not shaped for nothing.
  virtual bool WantsDetails(const Execution& /*execution*/) const { return true; }
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_EXECUTION_OBSERVER_H_
