// mocks/process/spawn.cc
#include "mocks/process/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

extern char** environ;

namespace sfn::mocks {
namespace {

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

int OpenPidFd(pid_t pid) {
#ifdef SYS_pidfd_open
  int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
#else
  (void)pid;
  return -1;
#endif
}

std::vector<std::string> BuildEnvironment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& item : overrides) replaced = replaced || item.first == name;
    if (!replaced) env.emplace_back(text);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> PointersTo(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Child-side setup: own process group, default signal handling, no blocked signals.
void PrepareAttributes(posix_spawnattr_t* attr) {
  posix_spawnattr_init(attr);
  posix_spawnattr_setflags(attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2})
    sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(attr, &defaults);
}

std::string SpawnError(int code, const ProcessSpec& spec) {
  struct stat info {};
  if (!spec.cwd.empty() && stat(spec.cwd.c_str(), &info) != 0)
    return "cannot enter directory " + spec.cwd + ": " + std::strerror(errno);
  return std::strerror(code);
}

// Creates three close-on-exec pipes; false (nothing left open) on failure.
bool MakePipes(int (*pipes)[2], std::string* error) {
  for (int i = 0; i < 3; ++i) {
    if (pipe2(pipes[i], O_CLOEXEC) == 0) continue;
    *error = std::strerror(errno);
    for (int k = 0; k < i; ++k) close(pipes[k][0]), close(pipes[k][1]);
    return false;
  }
  return true;
}

}  // namespace

bool SpawnProcess(const ProcessSpec& spec, SpawnedProcess* process, std::string* error) {
  int pipes[3][2];  // stdin, stdout, stderr; [0] reads, [1] writes
  if (!MakePipes(pipes, error)) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0);
  posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  posix_spawnattr_t attr;
  PrepareAttributes(&attr);
  std::vector<std::string> argv_strings = spec.argv;
  std::vector<char*> argv = PointersTo(argv_strings);
  std::vector<std::string> env_strings = BuildEnvironment(spec.env);
  std::vector<char*> envp = PointersTo(env_strings);
  int rc = posix_spawnp(&process->pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(pipes[0][0]), close(pipes[1][1]), close(pipes[2][1]);  // the child's ends
  if (rc != 0) {
    *error = SpawnError(rc, spec);
    close(pipes[0][1]), close(pipes[1][0]), close(pipes[2][0]);
    return false;
  }
  process->stdin_fd = pipes[0][1];
  process->stdout_fd = pipes[1][0];
  process->stderr_fd = pipes[2][0];
  for (int fd : {process->stdin_fd, process->stdout_fd, process->stderr_fd}) SetNonBlocking(fd);
  process->pidfd = OpenPidFd(process->pid);
  return true;
}

void BlockSigpipe() {
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &block, nullptr);
}

void ConsumePendingSigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  timespec zero{0, 0};
  while (sigtimedwait(&set, nullptr, &zero) > 0) {
  }
}

}  // namespace sfn::mocks
