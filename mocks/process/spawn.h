// mocks/process/spawn.h
//
// Starts one program for the process runner: posix_spawnp with argv only
// (never a shell), standard input/output/error on fresh non-blocking pipes,
// its own process group (so the whole group can be killed), default signal
// handling and an empty signal mask whatever the emulator uses, and a pidfd
// to poll for its exit where the kernel offers one. Thread-safe. Knows
// nothing of the runner that uses it (mocks/process/process_runner.h).
#ifndef SFN_MOCKS_PROCESS_SPAWN_H_
#define SFN_MOCKS_PROCESS_SPAWN_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace sfn::mocks {

// What to start: the process runner queues these.
struct ProcessSpec {
  std::vector<std::string> argv;                         // argv[0] is looked up in PATH
  std::string cwd;                                       // empty: the emulator's own
  std::vector<std::pair<std::string, std::string>> env;  // set on top of our environment
  std::string stdin_data;
  double timeout_seconds = 0;  // 0: no limit
  std::string log_prefix;      // put before each standard error line in the log
};

struct SpawnedProcess {
  pid_t pid = -1;     // also the process group id
  int stdin_fd = -1;  // ours to write; the caller closes every descriptor
  int stdout_fd = -1;
  int stderr_fd = -1;
  int pidfd = -1;  // -1 where pidfd_open is unavailable: poll waitpid instead
};

// Starts `spec` (argv, cwd, env); false with `error` set when it cannot start.
bool SpawnProcess(const ProcessSpec& spec, SpawnedProcess* process, std::string* error);

// For threads that write into programs' standard input: a write into a pipe
// whose reader is gone raises SIGPIPE, which would end the emulator. Block it
// on the calling thread, and after a write fails with EPIPE take it off the
// thread's pending set.
void BlockSigpipe();
void ConsumePendingSigpipe();

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_SPAWN_H_
