// emulator/engine/counting_invoker.cc
#include "emulator/engine/counting_invoker.h"

namespace sfn::emulator {

std::pair<const char*, const char*> TaskCallLabels(const asl::TaskOutcome& outcome) {
  const char* kind = outcome.unrouted      ? "unrouted"
                     : outcome.answered_by ? outcome.answered_by
                                           : "other";
  const char* result = outcome.ok ? "succeeded" : outcome.timed_out ? "timed_out" : "failed";
  return {kind, result};
}

std::unique_ptr<mocks::TaskHandle> CountingInvoker::Invoke(const asl::TaskCall& call, Done done) {
  return inner_->Invoke(call, [metrics = metrics_, done = std::move(done)](asl::TaskOutcome o) {
    auto [kind, result] = TaskCallLabels(o);
    metrics->TaskCall(kind, result);
    done(std::move(o));
  });
}

}  // namespace sfn::emulator
