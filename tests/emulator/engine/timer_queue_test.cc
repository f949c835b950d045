// tests/emulator/engine/timer_queue_test.cc
#include "emulator/engine/timer_queue.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "tests/support/fake_clock.h"

namespace sfn::emulator {
namespace {

TEST_CASE("TimerQueue: fires due timers in deadline order, skips cancelled ones") {
  testing::FakeClock clock;
  TimerQueue timers(&clock, /*start_thread=*/false);
  std::string fired;
  const int64_t now = clock.MonotonicMillis();
  timers.Schedule(now + 30, [&] { fired += "c"; });
  timers.Schedule(now + 10, [&] { fired += "a"; });
  uint64_t b = timers.Schedule(now + 20, [&] { fired += "b"; });
  timers.Schedule(now + 10, [&] { fired += "a2"; });
  CHECK(timers.NextDeadline() == now + 10);
  CHECK(timers.RunDue() == 0);
  CHECK(timers.Cancel(b));
  CHECK_FALSE(timers.Cancel(b));
  clock.Advance(25);
  CHECK(timers.RunDue() == 2);
  CHECK(fired == "aa2");
  clock.Advance(5);
  CHECK(timers.RunDue() == 1);
  CHECK(fired == "aa2c");
  CHECK(timers.pending() == 0);
}

TEST_CASE("TimerQueue: the thread fires timers on the system clock; Stop drops the rest") {
  TimerQueue timers(SystemClock::Default(), /*start_thread=*/true);
  std::atomic<int> fired{0};
  const int64_t now = SystemClock::Default()->MonotonicMillis();
  timers.Schedule(now + 5, [&] { ++fired; });
  timers.Schedule(now + 60000, [&] { ++fired; });
  for (int i = 0; i < 200 && fired.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(fired.load() == 1);
  timers.Stop();
  CHECK(timers.Schedule(now, [&] { ++fired; }) == 0);
  CHECK(fired.load() == 1);
}

TEST_CASE("TimerQueue: NextDeadline skips cancelled timers") {
  testing::FakeClock clock;
  TimerQueue timers(&clock, false);
  CHECK(timers.NextDeadline() == -1);
  const uint64_t early = timers.Schedule(clock.MonotonicMillis() + 10, [] {});
  timers.Schedule(clock.MonotonicMillis() + 50, [] {});
  CHECK(timers.NextDeadline() == clock.MonotonicMillis() + 10);
  timers.Cancel(early);
  CHECK(timers.NextDeadline() == clock.MonotonicMillis() + 50);
}

}  // namespace
}  // namespace sfn::emulator
