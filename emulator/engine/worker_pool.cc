// emulator/engine/worker_pool.cc
#include "emulator/engine/worker_pool.h"

#include <algorithm>

namespace sfn::emulator {

WorkerPool::WorkerPool(int threads) {
  threads_.reserve(threads > 0 ? threads : 0);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Stop(); }

void WorkerPool::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

// Notifies with mu_ held, so that `woken_` and the notifications it counts
// change in one order with the workers' `idle_`.
void WorkerPool::WakeLocked(size_t n) {
  const size_t wake = std::min(n, idle_ - woken_);
  for (size_t i = 0; i < wake; ++i) {
    ++woken_;
    cv_.notify_one();
  }
}

void WorkerPool::Submit(Task task) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  queue_.push_back(std::move(task));
  WakeLocked(1);
}

void WorkerPool::SubmitAll(std::vector<Task> tasks) {
  if (tasks.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  for (Task& t : tasks) queue_.push_back(std::move(t));
  WakeLocked(tasks.size());
}

size_t WorkerPool::RunPending() {
  size_t ran = 0;
  for (;;) {
    Task task;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.empty()) return ran;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
    ++ran;
  }
}

size_t WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

size_t WorkerPool::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_ - woken_;
}

void WorkerPool::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    while (!stopped_ && queue_.empty()) {
      ++idle_;
      cv_.wait(lock);
      --idle_;
      // A spurious wake-up may take another's count: at worst one more
      // notify later, never a queued item with every worker asleep.
      if (woken_ > 0) --woken_;
    }
    if (stopped_) return;
    Task task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace sfn::emulator
