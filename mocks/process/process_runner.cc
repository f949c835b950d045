// mocks/process/process_runner.cc
#include "mocks/process/process_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>

#include "mocks/process/spawn.h"
#include "mocks/process/stderr_log.h"

namespace sfn::mocks {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kReadChunk = 64 * 1024;

struct Job {
  ProcessSpec spec;
  ProcessRunner::Done done;
  std::atomic<bool> cancel{false};
  // Everything below belongs to the reactor thread.
  pid_t pid = -1;
  int pidfd = -1;
  int in = -1;
  int out = -1;
  int err = -1;
  size_t written = 0;
  std::string out_data;
  std::string spawn_error;
  StderrLog err_log;
  bool has_deadline = false;
  Clock::time_point deadline;
  bool killed = false;
  ProcessExit::How how = ProcessExit::How::kExited;
  bool reaped = false;
  int status = 0;
};

void CloseFd(int* fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

}  // namespace

struct ProcessRunner::Core {
  explicit Core(ProcessRunnerOptions opts) : options(std::move(opts)) {
    wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  }
  ~Core() { close(wake_fd); }
  void Wake() const {
    uint64_t one = 1;
    ssize_t ignored = write(wake_fd, &one, sizeof(one));
    (void)ignored;
  }

  ProcessRunnerOptions options;
  int wake_fd = -1;
  std::mutex mutex;
  std::deque<std::shared_ptr<Job>> incoming;  // guarded by mutex
  bool stopping = false;                      // guarded by mutex
};

namespace {

class ProcessHandle : public TaskHandle {
 public:
  ProcessHandle(std::shared_ptr<Job> job, std::shared_ptr<const ProcessRunner::Core> core)
      : job_(std::move(job)), core_(std::move(core)) {}
  void Cancel() override {
    if (!job_->cancel.exchange(true)) core_->Wake();
  }

 private:
  std::shared_ptr<Job> job_;
  std::shared_ptr<const ProcessRunner::Core> core_;
};

// The loop that owns every running program; lives on the reactor thread.
class Reactor {
 public:
  explicit Reactor(std::shared_ptr<ProcessRunner::Core> core) : core_(std::move(core)) {}
  void Run();

 private:
  bool TakeIncoming();
  void StartQueued();
  void Launch(const std::shared_ptr<Job>& job);
  void Supervise();
  int PollTimeoutMs() const;
  void PollOnce();
  void Dispatch(Job* job, int which, short revents);
  void WriteInput(Job* job);
  void ReadStdout(Job* job, bool drain);
  void ReadStderr(Job* job, bool drain);
  void TryReap(Job* job);
  void Kill(Job* job, ProcessExit::How how);
  void Finish(const std::shared_ptr<Job>& job);
  void FinishReaped();
  void Shutdown();

  std::shared_ptr<ProcessRunner::Core> core_;
  std::deque<std::shared_ptr<Job>> queued_;
  std::vector<std::shared_ptr<Job>> running_;
};

void Reactor::Run() {
  BlockSigpipe();
  while (TakeIncoming()) {
    StartQueued();
    Supervise();
    PollOnce();
    FinishReaped();
  }
  Shutdown();
}

bool Reactor::TakeIncoming() {
  std::lock_guard<std::mutex> lock(core_->mutex);
  while (!core_->incoming.empty()) {
    queued_.push_back(std::move(core_->incoming.front()));
    core_->incoming.pop_front();
  }
  return !core_->stopping;
}

void Reactor::StartQueued() {
  // A cancelled job leaves the queue at once, wherever it waits.
  for (auto it = queued_.begin(); it != queued_.end();) {
    if (!(*it)->cancel.load()) {
      ++it;
      continue;
    }
    std::shared_ptr<Job> job = std::move(*it);
    it = queued_.erase(it);
    job->how = ProcessExit::How::kCancelled;
    Finish(job);
  }
  while (!queued_.empty() &&
         static_cast<int>(running_.size()) < std::max(1, core_->options.max_running)) {
    std::shared_ptr<Job> job = std::move(queued_.front());
    queued_.pop_front();
    Launch(job);
  }
}

void Reactor::Launch(const std::shared_ptr<Job>& job) {
  std::string error;
  SpawnedProcess spawned;
  if (!SpawnProcess(job->spec, &spawned, &error)) {
    job->how = ProcessExit::How::kSpawnFailed;
    job->spawn_error = error;
    return Finish(job);
  }
  job->pid = spawned.pid;
  job->pidfd = spawned.pidfd;
  job->in = spawned.stdin_fd;
  job->out = spawned.stdout_fd;
  job->err = spawned.stderr_fd;
  if (job->spec.stdin_data.empty()) CloseFd(&job->in);
  if (job->spec.timeout_seconds > 0) {
    job->has_deadline = true;
    job->deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(job->spec.timeout_seconds));
  }
  running_.push_back(job);
}

void Reactor::Supervise() {
  Clock::time_point now = Clock::now();
  for (const auto& job : running_) {
    if (job->cancel.load()) Kill(job.get(), ProcessExit::How::kCancelled);
    if (job->has_deadline && now >= job->deadline) Kill(job.get(), ProcessExit::How::kTimedOut);
  }
}

int Reactor::PollTimeoutMs() const {
  int timeout = -1;
  Clock::time_point now = Clock::now();
  for (const auto& job : running_) {
    if (job->pidfd < 0 && !job->reaped) timeout = timeout < 0 ? 10 : std::min(timeout, 10);
    if (!job->has_deadline || job->killed) continue;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(job->deadline - now).count();
    int ms = static_cast<int>(std::clamp<int64_t>(left, 0, 1 << 30));
    timeout = timeout < 0 ? ms : std::min(timeout, ms);
  }
  return timeout;
}

void Reactor::PollOnce() {
  std::vector<pollfd> fds = {{core_->wake_fd, POLLIN, 0}};
  std::vector<std::pair<Job*, int>> owners = {{nullptr, 0}};
  for (const auto& job : running_) {
    const int which_fd[] = {job->in, job->out, job->err, job->reaped ? -1 : job->pidfd};
    for (int which = 0; which < 4; ++which) {
      if (which_fd[which] < 0) continue;
      fds.push_back({which_fd[which], static_cast<short>(which == 0 ? POLLOUT : POLLIN), 0});
      owners.emplace_back(job.get(), which);
    }
  }
  if (poll(fds.data(), fds.size(), PollTimeoutMs()) < 0) return;  // EINTR: go round again
  if (fds[0].revents != 0) {
    uint64_t count;
    ssize_t ignored = read(core_->wake_fd, &count, sizeof(count));
    (void)ignored;
  }
  for (size_t i = 1; i < fds.size(); ++i)
    if (fds[i].revents != 0) Dispatch(owners[i].first, owners[i].second, fds[i].revents);
  for (const auto& job : running_)
    if (job->pidfd < 0) TryReap(job.get());
}

void Reactor::Dispatch(Job* job, int which, short revents) {
  switch (which) {
    case 0:
      if (revents & (POLLERR | POLLHUP)) {
        CloseFd(&job->in);
      } else {
        WriteInput(job);
      }
      break;
    case 1:
      ReadStdout(job, false);
      break;
    case 2:
      ReadStderr(job, false);
      break;
    case 3:
      TryReap(job);
      break;
  }
}

void Reactor::WriteInput(Job* job) {
  const std::string& data = job->spec.stdin_data;
  size_t chunk = std::min(data.size() - job->written, kReadChunk);
  ssize_t n = write(job->in, data.data() + job->written, chunk);
  if (n > 0) job->written += static_cast<size_t>(n);
  if (n < 0 && errno == EPIPE) ConsumePendingSigpipe();
  bool failed = n < 0 && errno != EAGAIN && errno != EINTR;
  if (failed || job->written == data.size()) CloseFd(&job->in);
}

// Reads what is available (everything, when `drain`); closes at end of file.
void Reactor::ReadStdout(Job* job, bool drain) {
  char buffer[kReadChunk];
  for (int round = 0; job->out >= 0 && (drain ? round < 64 : round < 1); ++round) {
    ssize_t n = read(job->out, buffer, sizeof(buffer));
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) return CloseFd(&job->out);
    job->out_data.append(buffer, static_cast<size_t>(n));
    if (job->out_data.size() > core_->options.max_output_bytes) {
      Kill(job, ProcessExit::How::kOutputTooLarge);
      CloseFd(&job->out);
    }
  }
}

void Reactor::ReadStderr(Job* job, bool drain) {
  char buffer[kReadChunk];
  for (int round = 0; job->err >= 0 && (drain ? round < 64 : round < 1); ++round) {
    ssize_t n = read(job->err, buffer, sizeof(buffer));
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) return CloseFd(&job->err);
    std::string_view chunk(buffer, static_cast<size_t>(n));
    job->err_log.Append(chunk, core_->options.log, job->spec.log_prefix);
  }
}

void Reactor::TryReap(Job* job) {
  if (job->reaped) return;
  pid_t pid = waitpid(job->pid, &job->status, WNOHANG);
  if (pid == job->pid || (pid < 0 && errno == ECHILD)) job->reaped = true;
}

void Reactor::Kill(Job* job, ProcessExit::How how) {
  if (job->killed || job->reaped) return;
  job->killed = true;
  job->how = how;
  kill(-job->pid, SIGKILL);  // the whole group: shells and their children too
  CloseFd(&job->in);
}

void Reactor::FinishReaped() {
  for (size_t i = 0; i < running_.size();) {
    if (!running_[i]->reaped) {
      ++i;
      continue;
    }
    std::shared_ptr<Job> job = std::move(running_[i]);
    running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
    // Whatever the program wrote before exiting is still in the pipes.
    ReadStdout(job.get(), true);
    ReadStderr(job.get(), true);
    Finish(job);
  }
}

void Reactor::Finish(const std::shared_ptr<Job>& job) {
  for (int* fd : {&job->in, &job->out, &job->err, &job->pidfd}) CloseFd(fd);
  job->err_log.Flush(core_->options.log, job->spec.log_prefix);
  ProcessExit exit;
  exit.how = job->how;
  if (exit.how == ProcessExit::How::kSpawnFailed) {
    exit.spawn_error = std::move(job->spawn_error);
  } else {
    exit.err = job->err_log.TakeTail();
  }
  exit.out = std::move(job->out_data);
  if (exit.how == ProcessExit::How::kExited && job->reaped) {
    if (WIFSIGNALED(job->status)) {
      exit.how = ProcessExit::How::kSignaled;
      exit.code = WTERMSIG(job->status);
    } else if (WIFEXITED(job->status)) {
      exit.code = WEXITSTATUS(job->status);
    }
  }
  ProcessRunner::Done done = std::move(job->done);
  done(std::move(exit));
}

void Reactor::Shutdown() {
  for (const auto& job : running_) {
    if (!job->reaped) {
      kill(-job->pid, SIGKILL);
      waitpid(job->pid, &job->status, 0);
    }
    for (int* fd : {&job->in, &job->out, &job->err, &job->pidfd}) CloseFd(fd);
  }
  running_.clear();
  queued_.clear();
}

}  // namespace

ProcessRunner::ProcessRunner(ProcessRunnerOptions options)
    : core_(std::make_shared<Core>(std::move(options))) {
  thread_ = std::thread([core = core_] { Reactor(core).Run(); });
}

ProcessRunner::~ProcessRunner() {
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->stopping = true;
  }
  core_->Wake();
  thread_.join();
}

std::unique_ptr<TaskHandle> ProcessRunner::Start(ProcessSpec spec, Done done) {
  auto job = std::make_shared<Job>();
  job->spec = std::move(spec);
  job->done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->incoming.push_back(job);
  }
  core_->Wake();
  return std::make_unique<ProcessHandle>(std::move(job), core_);
}

}  // namespace sfn::mocks
