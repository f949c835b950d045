// mocks/io_pool.h
//
// A small fixed set of threads for blocking calls (HTTP requests to routes,
// Lambda endpoints and http:invoke targets), so that engine workers never
// wait on the network. Threads start on first use. Tasks run in FIFO order.
// Thread-safe.
#ifndef SFN_MOCKS_IO_POOL_H_
#define SFN_MOCKS_IO_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sfn::mocks {

class IoPool {
 public:
  explicit IoPool(int threads);
  // Waits for running tasks to return; queued tasks are dropped unrun.
  ~IoPool();
  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  void Submit(std::function<void()> task);

 private:
  void Work();

  const int size_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  int idle_ = 0;                             // threads waiting for work; guarded by mutex_
  std::vector<std::thread> threads_;         // guarded by mutex_ (started lazily)
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_IO_POOL_H_
