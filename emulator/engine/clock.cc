// emulator/engine/clock.cc
#include "emulator/engine/clock.h"

#include <chrono>
#include <cmath>

namespace sfn::emulator {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t SystemClock::NowMillis() const { return NowMs(); }

int64_t SystemClock::MonotonicMillis() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

SystemClock* SystemClock::Default() {
  static SystemClock* clock = new SystemClock();
  return clock;
}

void VirtualClock::AdvanceTo(int64_t mono_ms) {
  int64_t now = elapsed_ms_.load();
  while (mono_ms > now && !elapsed_ms_.compare_exchange_weak(now, mono_ms)) {
  }
}

int64_t ScaleDuration(int64_t ms, double wait_scale) {
  if (ms <= 0 || !(wait_scale > 0)) return 0;
  double scaled = std::ceil(static_cast<double>(ms) * wait_scale);
  return scaled > 9.0e15 ? static_cast<int64_t>(9.0e15) : static_cast<int64_t>(scaled);
}

}  // namespace sfn::emulator
