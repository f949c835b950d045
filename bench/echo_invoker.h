// bench/echo_invoker.h
//
// An in-process identity TaskInvoker for W5: answers every Task with its own
// payload, synchronously on the calling worker thread (no child process, no
// socket), so W5 measures the engine's task dispatch and nothing else.
// Stateless apart from a call counter; thread-safe.
#ifndef SFN_BENCH_ECHO_INVOKER_H_
#define SFN_BENCH_ECHO_INVOKER_H_

#include <atomic>
#include <cstdint>
#include <memory>

#include "mocks/task_invoker.h"

namespace sfn::bench {

class EchoInvoker : public mocks::TaskInvoker {
 public:
  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& request, Done done) override;
  int64_t calls() const { return calls_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> calls_{0};
};

}  // namespace sfn::bench

#endif  // SFN_BENCH_ECHO_INVOKER_H_
