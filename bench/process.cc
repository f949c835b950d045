// bench/process.cc
#include "bench/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string_view>

extern char** environ;

namespace sfn::bench {
namespace {

// argv/envp arrays for posix_spawn; the strings stay owned by the caller.
std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  for (const std::string& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    bool replaced = false;
    for (const std::string& x : extra) {
      size_t eq = x.find('=');
      if (kv.substr(0, eq + 1) == std::string_view(x).substr(0, eq + 1)) replaced = true;
    }
    if (!replaced) env.emplace_back(kv);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// Spawns with standard output on a new pipe (returned in *out_fd) and
// standard error on `err_path` ("" to inherit).
std::string Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                  const std::string& err_path, pid_t* pid, int* out_fd) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  if (!err_path.empty()) {
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  std::vector<std::string> env = Environment(extra_env);
  std::vector<char*> cargv = CStrings(argv);
  std::vector<char*> cenv = CStrings(env);
  int rc = posix_spawnp(pid, cargv[0], &fa, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return "cannot start " + argv[0] + ": " + std::strerror(rc);
  }
  *out_fd = fds[0];
  return "";
}

int64_t StatusField(pid_t pid, std::string_view field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, field.size(), field) == 0 && line.size() > field.size() &&
        line[field.size()] == ':') {
      return std::atoll(line.c_str() + field.size() + 1);
    }
  }
  return 0;
}

}  // namespace

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string SelfPath() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

bool IsExecutable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

int64_t ProcessRssKib(pid_t pid) { return StatusField(pid, "VmRSS"); }
int64_t ProcessHwmKib(pid_t pid) { return StatusField(pid, "VmHWM"); }

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env) {
  ProcessResult r;
  double t0 = NowSeconds();
  pid_t pid;
  int fd;
  r.error = Spawn(argv, extra_env, "", &pid, &fd);
  if (!r.error.empty()) return r;
  // The peak resident set is sampled from the child's own VmHWM while it
  // runs: wait4's ru_maxrss would also count the harness's resident set,
  // which the kernel carries into a child's maximum when it execs (after
  // the api section, 26 MiB for every later child).
  int64_t hwm_kib = 0;
  char buf[65536];
  for (;;) {
    struct pollfd p {fd, POLLIN, 0};
    int ready = poll(&p, 1, 5);
    hwm_kib = std::max(hwm_kib, ProcessHwmKib(pid));
    if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    if (ready < 0) break;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) r.out.append(buf, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(fd);
  int status = 0;
  struct rusage ru {};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  r.wall_seconds = NowSeconds() - t0;
  r.max_rss_kib = hwm_kib > 0 ? hwm_kib : ru.ru_maxrss;
  if (WIFSIGNALED(status)) {
    r.error = argv[0] + " killed by signal " + std::to_string(WTERMSIG(status));
  } else {
    r.exit_code = WEXITSTATUS(status);
    if (r.exit_code != 0) r.error = argv[0] + " exited with " + std::to_string(r.exit_code);
  }
  return r;
}

ServerProcess::~ServerProcess() { Stop(); }

std::string ServerProcess::Start(const std::string& binary, const std::string& log_path,
                                 int timeout_ms) {
  // --max-executions 0: every execution the bench starts stays retained, so
  // DescribeExecution on the first ARNs still finds them and the RSS per 10k
  // retained counts all of them (the default retention evicts past 10,000).
  std::vector<std::string> argv = {binary, "serve",        "--host", "127.0.0.1",        "--port",
                                   "0",    "--wait-scale", "0",      "--max-executions", "0"};
  spawn_time_ = NowSeconds();
  std::string err = Spawn(argv, {}, log_path, &pid_, &out_fd_);
  if (!err.empty()) return err;
  static constexpr std::string_view kReady = "sfn-local listening on http://";
  std::string seen;
  auto ready_line_end = [&seen] {
    size_t at = seen.find(kReady);
    return at == std::string::npos ? at : seen.find('\n', at);
  };
  double deadline = spawn_time_ + timeout_ms / 1000.0;
  size_t line_end;
  while ((line_end = ready_line_end()) == std::string::npos) {
    double left = deadline - NowSeconds();
    struct pollfd p = {out_fd_, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left * 1000) + 1) <= 0) {
      return "no listening line within " + std::to_string(timeout_ms) + " ms (see " + log_path +
             ")";
    }
    char buf[4096];
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return "server exited before listening (see " + log_path + ")";
    seen.append(buf, static_cast<size_t>(n));
  }
  listening_ms_ = (NowSeconds() - spawn_time_) * 1000;
  size_t colon = seen.rfind(':', line_end);
  port_ = std::atoi(seen.c_str() + colon + 1);
  if (port_ <= 0) return "cannot read the port from: " + seen.substr(0, line_end);
  int fd = out_fd_;
  drain_ = std::thread([fd] {
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0) {
    }
  });
  return "";
}

double ServerProcess::Stop(int timeout_ms) {
  if (pid_ <= 0) return -1;
  double t0 = NowSeconds();
  kill(pid_, SIGTERM);
  double took = -1;
  int status = 0;
  while (true) {
    pid_t w = waitpid(pid_, &status, WNOHANG);
    if (w == pid_) {
      took = (NowSeconds() - t0) * 1000;
      break;
    }
    if ((NowSeconds() - t0) * 1000 > timeout_ms) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    usleep(500);
  }
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  return took;
}

}  // namespace sfn::bench
