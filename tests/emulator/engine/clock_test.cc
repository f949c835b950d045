// tests/emulator/engine/clock_test.cc
#include "emulator/engine/clock.h"

#include <doctest/doctest.h>

namespace sfn::emulator {
namespace {

TEST_CASE("NowMs and SystemClock read the same wall clock") {
  const int64_t before = NowMs();
  const int64_t read = SystemClock::Default()->NowMillis();
  const int64_t after = NowMs();
  CHECK(before <= read);
  CHECK(read <= after);
  CHECK(before > 1700000000000);  // epoch milliseconds, not seconds
  CHECK(SystemClock::Default() == SystemClock::Default());
  const int64_t mono = SystemClock::Default()->MonotonicMillis();
  CHECK(SystemClock::Default()->MonotonicMillis() >= mono);
}

TEST_CASE("ScaleDuration") {
  CHECK(ScaleDuration(1000, 1.0) == 1000);
  CHECK(ScaleDuration(1000, 0.5) == 500);
  CHECK(ScaleDuration(3, 0.5) == 2);  // rounded up: a scaled Wait never becomes 0 early
  CHECK(ScaleDuration(1000, 0) == 0);
  CHECK(ScaleDuration(0, 2.0) == 0);
  CHECK(ScaleDuration(-5, 2.0) == 0);
  CHECK(ScaleDuration(int64_t{1} << 60, 100.0) == static_cast<int64_t>(9.0e15));
}

TEST_CASE("VirtualClock: moves only forward, both readings together") {
  VirtualClock clock(1735689600000);
  CHECK(clock.NowMillis() == 1735689600000);
  CHECK(clock.MonotonicMillis() == 0);
  clock.AdvanceTo(86400000);
  CHECK(clock.NowMillis() == 1735689600000 + 86400000);
  CHECK(clock.MonotonicMillis() == 86400000);
  clock.AdvanceTo(5);  // never backwards
  CHECK(clock.MonotonicMillis() == 86400000);
}

}  // namespace
}  // namespace sfn::emulator
