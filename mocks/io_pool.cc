// mocks/io_pool.cc
#include "mocks/io_pool.h"

#include <algorithm>

namespace sfn::mocks {

IoPool::IoPool(int threads) : size_(std::max(1, threads)) {}

IoPool::~IoPool() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    tasks_.clear();
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (std::thread& thread : threads) thread.join();
}

void IoPool::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    tasks_.push_back(std::move(task));
    // A new thread only when none is idle and the pool is not full yet.
    if (idle_ < static_cast<int>(tasks_.size()) && static_cast<int>(threads_.size()) < size_)
      threads_.emplace_back([this] { Work(); });
  }
  ready_.notify_one();
}

void IoPool::Work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (stopping_) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace sfn::mocks
