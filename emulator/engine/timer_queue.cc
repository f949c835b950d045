// emulator/engine/timer_queue.cc
#include "emulator/engine/timer_queue.h"

#include <chrono>

namespace sfn::emulator {

TimerQueue::TimerQueue(const Clock* clock, bool start_thread) : clock_(clock) {
  if (start_thread) thread_ = std::thread([this] { Loop(); });
}

TimerQueue::~TimerQueue() { Stop(); }

void TimerQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    callbacks_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t TimerQueue::Schedule(int64_t deadline_ms, Callback callback) {
  uint64_t id;
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return 0;
    id = next_id_++;
    wake = heap_.empty() || deadline_ms < heap_.top().deadline;
    heap_.push(Entry{deadline_ms, id});
    callbacks_.emplace(id, std::move(callback));
  }
  if (wake) cv_.notify_one();
  return id;
}

bool TimerQueue::Cancel(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  // The heap entry stays; it is skipped when it surfaces.
  return callbacks_.erase(id) > 0;
}

int64_t TimerQueue::NextDeadline() {
  std::lock_guard<std::mutex> lock(mu_);
  while (!heap_.empty() && callbacks_.count(heap_.top().id) == 0) heap_.pop();
  return heap_.empty() ? -1 : heap_.top().deadline;
}

size_t TimerQueue::pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return callbacks_.size();
}

bool TimerQueue::PopDue(int64_t now, Callback* out) {
  while (!heap_.empty()) {
    Entry top = heap_.top();
    auto it = callbacks_.find(top.id);
    if (it == callbacks_.end()) {  // cancelled
      heap_.pop();
      continue;
    }
    if (top.deadline > now) return false;
    heap_.pop();
    *out = std::move(it->second);
    callbacks_.erase(it);
    return true;
  }
  return false;
}

size_t TimerQueue::RunDue() {
  size_t fired = 0;
  for (;;) {
    Callback cb;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!PopDue(clock_->MonotonicMillis(), &cb)) break;
    }
    cb();
    ++fired;
  }
  return fired;
}

void TimerQueue::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopped_) {
    Callback cb;
    if (PopDue(clock_->MonotonicMillis(), &cb)) {
      lock.unlock();
      cb();
      lock.lock();
      continue;
    }
    if (heap_.empty()) {
      cv_.wait(lock);
    } else {
      const int64_t wait = heap_.top().deadline - clock_->MonotonicMillis();
      cv_.wait_for(lock, std::chrono::milliseconds(wait > 0 ? wait : 0));
    }
  }
}

}  // namespace sfn::emulator
