// tests/emulator/engine/worker_pool_test.cc
#include "emulator/engine/worker_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sfn::emulator {
namespace {

TEST_CASE("WorkerPool: with no threads, RunPending drains the queue in order") {
  WorkerPool pool(0);
  std::string order;
  pool.Submit([&] {
    order += "a";
    pool.Submit([&] { order += "c"; });
  });
  pool.Submit([&] { order += "b"; });
  CHECK(pool.queued() == 2);
  CHECK(pool.RunPending() == 3);
  CHECK(order == "abc");
}

TEST_CASE("WorkerPool: threads run every submitted task") {
  WorkerPool pool(2);
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  for (int i = 0; i < 1000; ++i) {
    pool.Submit([&] {
      std::lock_guard<std::mutex> lock(mu);
      if (++done == 1000) cv.notify_one();
    });
  }
  std::unique_lock<std::mutex> lock(mu);
  CHECK(cv.wait_for(lock, std::chrono::seconds(10), [&] { return done == 1000; }));
}

TEST_CASE("WorkerPool: SubmitAll queues its tasks in order after earlier ones") {
  WorkerPool pool(0);
  std::string order;
  pool.Submit([&] { order += "a"; });
  std::vector<WorkerPool::Task> tasks;
  tasks.emplace_back([&] { order += "b"; });
  tasks.emplace_back([&] { order += "c"; });
  pool.SubmitAll(std::move(tasks));
  CHECK(pool.queued() == 3);
  CHECK(pool.RunPending() == 3);
  CHECK(order == "abc");
}

TEST_CASE("WorkerPool: a submit wakes one idle worker, never more than are idle") {
  WorkerPool pool(2);
  for (int i = 0; i < 10000 && pool.idle() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(pool.idle() == 2);
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int done = 0;
  auto task = [&] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return open; });
    if (++done == 4) cv.notify_all();
  };
  // (Bounds, not exact counts: a worker may also wake up spuriously.)
  pool.Submit(task);
  CHECK(pool.idle() <= 1);  // one worker woken for one task
  std::vector<WorkerPool::Task> more(3, task);
  pool.SubmitAll(std::move(more));
  CHECK(pool.idle() == 0);  // more tasks than workers: every idle one woken
  {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
  }
  cv.notify_all();
  std::unique_lock<std::mutex> lock(mu);
  CHECK(cv.wait_for(lock, std::chrono::seconds(10), [&] { return done == 4; }));
}

TEST_CASE("WorkerPool: Submit after Stop is ignored") {
  WorkerPool pool(1);
  pool.Stop();
  std::atomic<int> ran{0};
  pool.Submit([&] { ++ran; });
  CHECK(pool.RunPending() == 0);
  CHECK(ran.load() == 0);
}

}  // namespace
}  // namespace sfn::emulator
