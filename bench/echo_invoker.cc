// bench/echo_invoker.cc
#include "bench/echo_invoker.h"

#include <utility>

namespace sfn::bench {
namespace {

// Nothing to cancel: the answer is given before Invoke returns.
class DoneHandle : public mocks::TaskHandle {
 public:
  void Cancel() override {}
};

}  // namespace

std::unique_ptr<mocks::TaskHandle> EchoInvoker::Invoke(const asl::TaskCall& request, Done done) {
  calls_.fetch_add(1, std::memory_order_relaxed);
  asl::TaskOutcome outcome;
  outcome.ok = true;
  outcome.result = request.payload;
  done(std::move(outcome));
  return std::make_unique<DoneHandle>();
}

}  // namespace sfn::bench
