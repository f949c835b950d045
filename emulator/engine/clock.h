// emulator/engine/clock.h
//
// Time as the engine sees it: wall-clock milliseconds for history
// timestamps and the Context object, and a monotonic clock for timers. A
// seam (leveldb's Env): tests pass a FakeClock (tests/support/fake_clock.h)
// and move time by hand. Implementations must be thread-safe.
#ifndef SFN_EMULATOR_ENGINE_CLOCK_H_
#define SFN_EMULATOR_ENGINE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace sfn::emulator {

class Clock {
 public:
  virtual ~Clock() = default;
  // Unix epoch milliseconds.
  virtual int64_t NowMillis() const = 0;
  // Milliseconds on a clock that never goes backwards (timer deadlines).
  virtual int64_t MonotonicMillis() const = 0;
};

// The real clocks (system_clock / steady_clock).
class SystemClock : public Clock {
 public:
  int64_t NowMillis() const override;
  int64_t MonotonicMillis() const override;
  // A process-wide instance.
  static SystemClock* Default();
};

// A clock that moves only when its owner says so: `sfn-local run` and the
// test runner jump it to the next timer's deadline when nothing else can
// happen (virtual time). Both readings move together. Thread-safe.
class VirtualClock : public Clock {
 public:
  // Starts at `epoch_ms` (Unix epoch milliseconds) and monotonic 0.
  explicit VirtualClock(int64_t epoch_ms) : epoch_ms_(epoch_ms) {}
  int64_t NowMillis() const override { return epoch_ms_ + elapsed_ms_.load(); }
  int64_t MonotonicMillis() const override { return elapsed_ms_.load(); }
  // Moves time forward to monotonic `mono_ms`; never backwards.
  void AdvanceTo(int64_t mono_ms);

 private:
  const int64_t epoch_ms_;
  std::atomic<int64_t> elapsed_ms_{0};
};

// The system clock's Unix epoch milliseconds, for code with no Clock to hand
// (API actions, the Store's creation dates); SystemClock reads the same.
int64_t NowMs();

// Scales an unscaled duration by --wait-scale (0: no waiting at all).
int64_t ScaleDuration(int64_t ms, double wait_scale);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_CLOCK_H_
