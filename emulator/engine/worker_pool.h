// emulator/engine/worker_pool.h
//
// A fixed set of worker threads draining one FIFO run queue. Work items are
// short (a bounded slice of one Run); none ever blocks waiting for another.
// Thread-safe. With 0 threads nothing runs by itself: tests call
// RunPending() to drain the queue on their own thread, deterministically.
//
// Wake-ups: a submit wakes an idle worker only when every idle worker has
// not already been woken for earlier work (a burst of submits costs at most
// one futex wake per idle worker, not one per item).
#ifndef SFN_EMULATOR_ENGINE_WORKER_POOL_H_
#define SFN_EMULATOR_ENGINE_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sfn::emulator {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  explicit WorkerPool(int threads);
  ~WorkerPool();  // Stop()s; queued work is dropped
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; ignored after Stop().
  void Submit(Task task);
  // Queues every task in order under one lock; ignored after Stop().
  void SubmitAll(std::vector<Task> tasks);
  // Runs queued work on the calling thread until the queue is empty
  // (including work queued meanwhile); returns how many items ran.
  size_t RunPending();
  size_t queued() const;
  // Workers waiting for work that no submit has woken yet: a caller with
  // work to share can hand it over and have it picked up at once.
  size_t idle() const;
  int threads() const { return static_cast<int>(threads_.size()); }
  void Stop();

 private:
  void Loop();
  // Wakes up to `n` idle workers not woken yet. Call with mu_ held.
  void WakeLocked(size_t n);

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;  // guarded by mu_
  bool stopped_ = false;    // guarded by mu_
  size_t idle_ = 0;         // guarded by mu_: workers inside cv_.wait
  size_t woken_ = 0;        // guarded by mu_: of those, already notified
  std::vector<std::thread> threads_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_WORKER_POOL_H_
