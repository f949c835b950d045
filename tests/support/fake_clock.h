// tests/support/fake_clock.h
//
// A Clock whose time only moves when a test says so. Thread-safe (atomics),
// so an engine may read it from its threads while the test advances it.
#ifndef SFN_TESTS_SUPPORT_FAKE_CLOCK_H_
#define SFN_TESTS_SUPPORT_FAKE_CLOCK_H_

#include <atomic>
#include <cstdint>

#include "emulator/engine/clock.h"

namespace sfn::testing {

class FakeClock : public emulator::Clock {
 public:
  // 2024-01-02T03:04:05.678Z by default: a fixed, recognizable instant.
  explicit FakeClock(int64_t now_ms = 1704164645678) : now_ms_(now_ms), mono_ms_(1000) {}
  int64_t NowMillis() const override { return now_ms_.load(); }
  int64_t MonotonicMillis() const override { return mono_ms_.load(); }
  // Moves both clocks forward.
  void Advance(int64_t ms) {
    now_ms_ += ms;
    mono_ms_ += ms;
  }

 private:
  std::atomic<int64_t> now_ms_;
  std::atomic<int64_t> mono_ms_;
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_FAKE_CLOCK_H_
