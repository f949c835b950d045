// mocks/process/persistent_pool.h
//
// The warm mode of an exec route ("persistent": true): a small pool of
// long-lived copies of one program, each fed one task per line on standard
// input and answering one line on standard output. Each copy has a worker
// thread that waits for a task, writes its line, and reads until the answer
// line arrives, echoing standard error lines to the log (prefixed) meanwhile.
// A copy is started at its first task and started again at the next task
// after it dies; a task whose copy dies, times out, answers too much or is
// cancelled ends with the copy killed (with its process group). Tasks wait
// in one queue for a free copy. Knows nothing of JSON or call results: the
// exec invoker (mocks/process/exec_invoker.h) shapes the lines.
//
// Thread-safe: Submit() and TaskHandle::Cancel() may be called from any
// thread; `done` runs on a worker thread and must not block. Destroying the
// pool kills every copy; queued tasks and tasks in flight are dropped
// without their `done`.
#ifndef SFN_MOCKS_PROCESS_PERSISTENT_POOL_H_
#define SFN_MOCKS_PROCESS_PERSISTENT_POOL_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mocks/process/process_runner.h"
#include "mocks/process/spawn.h"
#include "mocks/task_invoker.h"

namespace sfn::mocks {

struct PersistentOptions {
  ProcessSpec program;  // argv, cwd and env of each copy (stdin_data, timeout unused)
  int processes = 1;    // copies running at once
  // An answer line longer than this kills the copy (as ProcessRunnerOptions).
  size_t max_output_bytes = 1u << 20;
  // Receives standard error lines, already prefixed (default: our stderr).
  std::function<void(const std::string& line)> log;
};

// How a task ended. `answered` with the line in exit.out (without its
// newline); otherwise `exit` says why the copy ended (kExited/kSignaled when
// it died by itself, with what it wrote of the answer in `out`) and exit.err
// holds the standard error the copy wrote during the task.
struct PersistentAnswer {
  bool answered = false;
  ProcessExit exit;
};

class PersistentPool {
 public:
  using Done = std::function<void(PersistentAnswer)>;

  explicit PersistentPool(PersistentOptions options);
  ~PersistentPool();
  PersistentPool(const PersistentPool&) = delete;
  PersistentPool& operator=(const PersistentPool&) = delete;

  // Queues one task: `line` (without newline) goes to a copy's standard
  // input; `timeout_seconds` (0: none) counts from when a copy takes it.
  std::unique_ptr<TaskHandle> Submit(std::string line, double timeout_seconds,
                                     std::string log_prefix, Done done);

  struct Core;  // shared with workers and handles; defined in persistent_pool.cc

 private:
  std::shared_ptr<Core> core_;
  std::vector<std::thread> threads_;
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_PERSISTENT_POOL_H_
