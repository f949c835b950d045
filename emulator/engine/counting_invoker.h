// emulator/engine/counting_invoker.h
//
// A TaskInvoker that counts the task calls it passes on, in Metrics, by
// what answered them (TaskOutcome::answered_by: a route kind, "mock",
// "nested", "http_invoke"; "unrouted" when nothing did) and by outcome
// ("succeeded", "failed", "timed_out"). A call the engine abandons (state
// timeout, StopExecution) before it is answered is not counted.
//
// Threads: as the TaskInvoker it wraps. Borrows the inner invoker and the
// Metrics; both must outlive it.
#ifndef SFN_EMULATOR_ENGINE_COUNTING_INVOKER_H_
#define SFN_EMULATOR_ENGINE_COUNTING_INVOKER_H_

#include <memory>

#include "emulator/records/metrics.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator {

class CountingInvoker : public mocks::TaskInvoker {
 public:
  CountingInvoker(mocks::TaskInvoker* inner, Metrics* metrics) : inner_(inner), metrics_(metrics) {}

  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& call, Done done) override;

 private:
  mocks::TaskInvoker* const inner_;
  Metrics* const metrics_;
};

// The labels a call's outcome is counted under: {kind, outcome}.
std::pair<const char*, const char*> TaskCallLabels(const asl::TaskOutcome& outcome);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_COUNTING_INVOKER_H_
