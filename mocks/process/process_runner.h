// mocks/process/process_runner.h
//
// Runs local programs for exec routes without a thread per process: one
// reactor thread starts each program with posix_spawn (argv only, never a
// shell, in its own process group), feeds its standard input, collects its
// standard output and the tail of its standard error with poll(), and notices
// its exit through a pidfd. Standard error lines are echoed to the log as
// they arrive, prefixed. Programs beyond `max_running` wait in a queue.
// A program is killed, with its whole process group, when its handle is
// cancelled, when its timeout expires, or when its output grows too large.
//
// Thread-safe: Start() and TaskHandle::Cancel() may be called from any
// thread; `done` callbacks run on the reactor thread and must not block.
#ifndef SFN_MOCKS_PROCESS_PROCESS_RUNNER_H_
#define SFN_MOCKS_PROCESS_PROCESS_RUNNER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "mocks/process/spawn.h"
#include "mocks/task_invoker.h"

namespace sfn::mocks {

struct ProcessExit {
  enum class How { kExited, kSignaled, kTimedOut, kCancelled, kOutputTooLarge, kSpawnFailed };
  How how = How::kExited;
  int code = 0;             // exit status (kExited) or signal number (kSignaled)
  std::string spawn_error;  // kSpawnFailed: why the program could not be started
  std::string out;          // all of standard output
  std::string err;          // the last 64 KiB of standard error
};

struct ProcessRunnerOptions {
  int max_running = 32;  // programs running at once; the rest queue
  // Standard output beyond this kills the program: four times AWS's 256 KiB
  // result quota, room for a pretty-printed result, and bounded memory.
  size_t max_output_bytes = 1u << 20;
  // Receives standard error lines, already prefixed (default: our stderr).
  std::function<void(const std::string& line)> log;
};

class ProcessRunner {
 public:
  using Done = std::function<void(ProcessExit)>;

  explicit ProcessRunner(ProcessRunnerOptions options = {});
  // Kills every program still running or queued; their `done` does not run.
  ~ProcessRunner();
  ProcessRunner(const ProcessRunner&) = delete;
  ProcessRunner& operator=(const ProcessRunner&) = delete;

  // Queues `spec`. `done` runs exactly once, on the reactor thread — after a
  // Cancel() too (with How::kCancelled, once the program is gone).
  std::unique_ptr<TaskHandle> Start(ProcessSpec spec, Done done);

  struct Core;  // shared with handles; defined in process_runner.cc

 private:
  std::shared_ptr<Core> core_;
  std::thread thread_;
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_PROCESS_RUNNER_H_
