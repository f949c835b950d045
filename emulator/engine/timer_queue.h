// emulator/engine/timer_queue.h
//
// One thread and a min-heap of deadlines (on Clock::MonotonicMillis). Wait
// states, retry back-off, task timeouts, heartbeats and execution timeouts
// are all timers here; a timer's callback only re-queues work, so callbacks
// must be short. Timers can be cancelled. Thread-safe.
//
// With `start_thread` false no thread runs: tests advance a FakeClock and
// call RunDue() themselves, which keeps them deterministic.
#ifndef SFN_EMULATOR_ENGINE_TIMER_QUEUE_H_
#define SFN_EMULATOR_ENGINE_TIMER_QUEUE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "emulator/engine/clock.h"

namespace sfn::emulator {

class TimerQueue {
 public:
  using Callback = std::function<void()>;

  // `clock` is borrowed and must outlive the queue.
  TimerQueue(const Clock* clock, bool start_thread);
  ~TimerQueue();  // Stop()s; pending timers never fire
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  // Runs `callback` once the monotonic clock reaches `deadline_ms`. Returns
  // an id (never 0) for Cancel().
  uint64_t Schedule(int64_t deadline_ms, Callback callback);
  // True when the timer was pending and now never fires.
  bool Cancel(uint64_t id);
  // Fires every timer that is due now, on the calling thread; returns how
  // many fired. (The thread does this by itself; tests call it directly.)
  size_t RunDue();
  // The earliest pending deadline, or -1 (cancelled timers are dropped
  // here, so a cancelled one never shows as the next).
  int64_t NextDeadline();
  size_t pending() const;
  // Stops the thread; later Schedule() calls are ignored.
  void Stop();

 private:
  struct Entry {
    int64_t deadline;
    uint64_t id;
    bool operator>(const Entry& o) const {
      return deadline != o.deadline ? deadline > o.deadline : id > o.id;
    }
  };
  void Loop();
  // Pops one due timer's callback under mu_; false when none is due.
  bool PopDue(int64_t now, Callback* out);

  const Clock* clock_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;  // guarded by mu_
  std::unordered_map<uint64_t, Callback> callbacks_;  // guarded by mu_; absent = cancelled
  uint64_t next_id_ = 1;                              // guarded by mu_
  bool stopped_ = false;                              // guarded by mu_
  std::thread thread_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_TIMER_QUEUE_H_
