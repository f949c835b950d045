// bench/process.h
//
// Child processes for the harness: one-shot runs whose standard output and
// peak RSS are collected (engine workload children, peer interpreters), and
// a long-running `sfn-local serve` whose startup, RSS and shutdown are
// measured. Linux only (/proc, wait4). Not thread-safe: use from the
// harness's main thread.
#ifndef SFN_BENCH_PROCESS_H_
#define SFN_BENCH_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace sfn::bench {

struct ProcessResult {
  std::string error;       // could not start / killed by a signal / nonzero exit
  int exit_code = -1;
  std::string out;         // everything the child wrote to standard output
  int64_t max_rss_kib = 0; // the child's peak resident set (its VmHWM, sampled every 5 ms)
  double wall_seconds = 0;
};

// Runs argv[0] (looked up in PATH) to completion with `extra_env`
// ("NAME=value") added to the environment; standard error is inherited.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env = {});

// This executable's own path (/proc/self/exe).
std::string SelfPath();
// Whether `path` is an executable file.
bool IsExecutable(const std::string& path);
// VmRSS / VmHWM of a live process in KiB, 0 if unreadable.
int64_t ProcessRssKib(pid_t pid);
int64_t ProcessHwmKib(pid_t pid);

// `sfn-local serve --host 127.0.0.1 --port 0 --wait-scale 0`, started on
// construction of a Start() call and stopped (SIGTERM) by Stop() or the
// destructor. Its standard error goes to `log_path`.
class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Spawns the server and waits (at most `timeout_ms`) for its
  // "sfn-local listening on http://HOST:PORT" line. Empty string on success.
  std::string Start(const std::string& binary, const std::string& log_path,
                    int timeout_ms = 30000);
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Milliseconds from just before spawn to the listening line.
  double listening_ms() const { return listening_ms_; }
  // Monotonic seconds at spawn, for "time to first answered request".
  double spawn_time() const { return spawn_time_; }
  // SIGTERM, then wait (SIGKILL after `timeout_ms`); returns milliseconds
  // until exit, or -1 if it had to be killed or was not running.
  double Stop(int timeout_ms = 5000);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  double listening_ms_ = 0;
  double spawn_time_ = 0;
  std::thread drain_;  // keeps reading standard output so the server never blocks on it
};

// Monotonic clock in seconds.
double NowSeconds();

}  // namespace sfn::bench

#endif  // SFN_BENCH_PROCESS_H_
