// tests/mocks/io_pool_test.cc
#include "mocks/io_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "tests/support/mocks_test_util.h"

using sfn::mocks::IoPool;
using sfn::mocks::testing::Waiter;

TEST_CASE("IoPool: one thread runs tasks in the order submitted") {
  std::mutex mu;
  std::vector<int> order;
  Waiter<bool> done;
  IoPool pool(1);  // declared last: its threads are joined before the rest goes
  for (int i = 0; i < 5; ++i) {
    pool.Submit([&, i] {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(i);
      if (i == 4) done.Set(true);
    });
  }
  REQUIRE(done.Wait().has_value());
  std::lock_guard<std::mutex> lock(mu);
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("IoPool: blocking calls run side by side up to the pool's size") {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> running{0};
  Waiter<bool> both_running;
  Waiter<bool> third_ran;
  IoPool pool(2);  // declared last: its threads are joined before the rest goes
  for (int i = 0; i < 2; ++i) {
    pool.Submit([&] {
      if (++running == 2) both_running.Set(true);
      released.wait();
    });
  }
  pool.Submit([&] { third_ran.Set(true); });
  REQUIRE(both_running.Wait().has_value());       // two threads: neither waits for the other
  CHECK_FALSE(third_ran.Wait(0.05).has_value());  // the third waits for a free thread
  release.set_value();
  CHECK(third_ran.Wait().has_value());
}
