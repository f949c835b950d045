// mocks/process/persistent_pool.cc
#include "mocks/process/persistent_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>

#include "mocks/process/stderr_log.h"

namespace sfn::mocks {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kReadChunk = 64 * 1024;
// How long a copy that closed its standard output gets to exit by itself
// (so that its own exit status is reported) before it is killed.
constexpr int kExitGraceMs = 2000;

struct Task {
  std::string line;  // with its newline
  double timeout_seconds = 0;
  std::string log_prefix;
  PersistentPool::Done done;
  std::atomic<bool> cancel{false};
};

void CloseFd(int* fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

}  // namespace

struct PersistentPool::Core {
  explicit Core(PersistentOptions opts) : options(std::move(opts)) {}
  void WakeAll() {
    uint64_t one = 1;
    for (int fd : wake_fds) {
      ssize_t ignored = write(fd, &one, sizeof(one));
      (void)ignored;
    }
  }

  PersistentOptions options;
  std::vector<int> wake_fds;  // one per worker; fixed after construction
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::shared_ptr<Task>> queue;  // guarded by mutex
  bool stopping = false;                    // guarded by mutex
};

namespace {

class PoolHandle : public TaskHandle {
 public:
  PoolHandle(std::shared_ptr<Task> task, std::shared_ptr<PersistentPool::Core> core)
      : task_(std::move(task)), core_(std::move(core)) {}
  void Cancel() override {
    if (task_->cancel.exchange(true)) return;
    core_->ready.notify_all();  // an idle worker drops it from the queue
    core_->WakeAll();           // a busy one kills its copy
  }

 private:
  std::shared_ptr<Task> task_;
  std::shared_ptr<PersistentPool::Core> core_;
};

// One copy of the program and the thread that serves it.
class Worker {
 public:
  Worker(std::shared_ptr<PersistentPool::Core> core, int wake_fd)
      : core_(std::move(core)), wake_fd_(wake_fd) {}
  void Run();

 private:
  enum class Step { kWaiting, kAnswered, kEnded, kDropped };

  std::shared_ptr<Task> Next();
  void Serve(Task* task);
  bool EnsureRunning(const Task& task);
  void CloseAll();
  Step PollOnce(Task* task, size_t* written, Clock::time_point deadline, bool has_deadline);
  Step ReadStdout(Task* task);
  bool ReadStderr(const Task& task);
  bool Stopping();
  void Kill(ProcessExit::How how);
  void WaitForExit(const Task& task);
  void Finish(Task* task, bool answered);

  std::shared_ptr<PersistentPool::Core> core_;
  int wake_fd_;
  SpawnedProcess proc_;
  bool running_ = false;
  std::string out_;  // standard output not yet taken as an answer
  StderrLog err_log_;
  ProcessExit exit_;  // the task in flight's ending
};

void Worker::Run() {
  BlockSigpipe();
  while (std::shared_ptr<Task> task = Next()) Serve(task.get());
  if (running_) Kill(ProcessExit::How::kCancelled);
}

std::shared_ptr<Task> Worker::Next() {
  std::unique_lock<std::mutex> lock(core_->mutex);
  core_->ready.wait(lock, [this] { return core_->stopping || !core_->queue.empty(); });
  if (core_->stopping) return nullptr;
  std::shared_ptr<Task> task = std::move(core_->queue.front());
  core_->queue.pop_front();
  return task;
}

bool Worker::Stopping() {
  std::lock_guard<std::mutex> lock(core_->mutex);
  return core_->stopping;
}

// Starts a copy when none runs (or the last one ended between tasks);
// false, with exit_ saying why, when it cannot start.
bool Worker::EnsureRunning(const Task& task) {
  if (running_ && waitpid(proc_.pid, nullptr, WNOHANG) == proc_.pid) {
    LogLine(core_->options.log, task.log_prefix, "exited between tasks; starting it again");
    kill(-proc_.pid, SIGKILL);  // whatever it started
    CloseAll();
  }
  if (running_) return true;
  out_.clear();
  err_log_ = StderrLog();
  if (!SpawnProcess(core_->options.program, &proc_, &exit_.spawn_error)) {
    exit_.how = ProcessExit::How::kSpawnFailed;
    return false;
  }
  running_ = true;
  return true;
}

void Worker::CloseAll() {
  for (int* fd : {&proc_.stdin_fd, &proc_.stdout_fd, &proc_.stderr_fd, &proc_.pidfd}) CloseFd(fd);
  running_ = false;
}

void Worker::Serve(Task* task) {
  exit_ = ProcessExit();
  if (task->cancel.load()) {
    exit_.how = ProcessExit::How::kCancelled;
    return Finish(task, false);
  }
  if (!EnsureRunning(*task)) return Finish(task, false);
  if (!out_.empty())
    LogLine(core_->options.log, task->log_prefix,
            "ignored output written after its previous answer: " + out_);
  out_.clear();
  bool has_deadline = task->timeout_seconds > 0;
  Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(has_deadline ? task->timeout_seconds : 0));
  size_t written = 0;
  Step step = Step::kWaiting;
  while (step == Step::kWaiting) step = PollOnce(task, &written, deadline, has_deadline);
  if (step != Step::kDropped) Finish(task, step == Step::kAnswered);
}

Worker::Step Worker::PollOnce(Task* task, size_t* written, Clock::time_point deadline,
                              bool has_deadline) {
  if (Stopping()) return Kill(ProcessExit::How::kCancelled), Step::kDropped;
  if (task->cancel.load()) return Kill(ProcessExit::How::kCancelled), Step::kEnded;
  int timeout_ms = -1;
  if (has_deadline) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return Kill(ProcessExit::How::kTimedOut), Step::kEnded;
    timeout_ms = static_cast<int>(std::min<int64_t>(left, 1 << 30));
  }
  bool writing = *written < task->line.size() && proc_.stdin_fd >= 0;
  pollfd fds[] = {{wake_fd_, POLLIN, 0},
                  {proc_.stdout_fd, POLLIN, 0},
                  {proc_.stderr_fd, POLLIN, 0},
                  {writing ? proc_.stdin_fd : -1, POLLOUT, 0}};
  if (poll(fds, 4, timeout_ms) < 0) return Step::kWaiting;  // EINTR: go round again
  if (fds[0].revents != 0) {
    uint64_t count;
    ssize_t ignored = read(wake_fd_, &count, sizeof(count));
    (void)ignored;
  }
  if (fds[3].revents & (POLLERR | POLLHUP)) CloseFd(&proc_.stdin_fd);
  if (fds[3].revents & POLLOUT) {
    size_t chunk = std::min(task->line.size() - *written, kReadChunk);
    ssize_t n = write(proc_.stdin_fd, task->line.data() + *written, chunk);
    if (n > 0) *written += static_cast<size_t>(n);
    if (n < 0 && errno == EPIPE) ConsumePendingSigpipe();
    if (n < 0 && errno != EAGAIN && errno != EINTR) CloseFd(&proc_.stdin_fd);
  }
  if (fds[2].revents != 0) ReadStderr(*task);
  return fds[1].revents != 0 ? ReadStdout(task) : Step::kWaiting;
}

Worker::Step Worker::ReadStdout(Task* task) {
  char buffer[kReadChunk];
  ssize_t n = read(proc_.stdout_fd, buffer, sizeof(buffer));
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return Step::kWaiting;
  if (n <= 0) {  // the copy closed its output: it is ending
    WaitForExit(*task);
    exit_.out = std::move(out_);
    out_.clear();
    return Step::kEnded;
  }
  out_.append(buffer, static_cast<size_t>(n));
  size_t newline = out_.find('\n');
  if (newline != std::string::npos) {
    exit_.out = out_.substr(0, newline);
    out_.erase(0, newline + 1);
    return Step::kAnswered;
  }
  if (out_.size() > core_->options.max_output_bytes)
    return Kill(ProcessExit::How::kOutputTooLarge), Step::kEnded;
  return Step::kWaiting;
}

// Reads what is available; false when nothing more is (now or ever).
bool Worker::ReadStderr(const Task& task) {
  char buffer[kReadChunk];
  ssize_t n = read(proc_.stderr_fd, buffer, sizeof(buffer));
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return false;
  if (n <= 0) return CloseFd(&proc_.stderr_fd), false;
  err_log_.Append(std::string_view(buffer, static_cast<size_t>(n)), core_->options.log,
                  task.log_prefix);
  return true;
}

// Reaps a copy that is ending by itself, killing it after a grace period.
void Worker::WaitForExit(const Task& task) {
  int status = 0;
  pid_t reaped = 0;
  for (int waited = 0; waited < kExitGraceMs; waited += 5) {
    reaped = waitpid(proc_.pid, &status, WNOHANG);
    if (reaped != 0) break;
    usleep(5000);
  }
  if (reaped == 0) return Kill(ProcessExit::How::kSignaled);
  for (int round = 0; round < 64 && ReadStderr(task); ++round) {
  }
  kill(-proc_.pid, SIGKILL);  // whatever it started
  exit_.how = WIFSIGNALED(status) ? ProcessExit::How::kSignaled : ProcessExit::How::kExited;
  exit_.code = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
  CloseAll();
}

void Worker::Kill(ProcessExit::How how) {
  kill(-proc_.pid, SIGKILL);  // the whole group: shells and their children too
  int status = 0;
  waitpid(proc_.pid, &status, 0);
  exit_.how = how;
  exit_.code = SIGKILL;
  CloseAll();
}

void Worker::Finish(Task* task, bool answered) {
  if (!running_) err_log_.Flush(core_->options.log, task->log_prefix);
  exit_.err = err_log_.TakeTail();  // what it wrote during this task
  PersistentAnswer answer;
  answer.answered = answered;
  answer.exit = std::move(exit_);
  PersistentPool::Done done = std::move(task->done);
  done(std::move(answer));
}

}  // namespace

PersistentPool::PersistentPool(PersistentOptions options)
    : core_(std::make_shared<Core>(std::move(options))) {
  int count = std::max(1, core_->options.processes);
  for (int i = 0; i < count; ++i) core_->wake_fds.push_back(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  for (int fd : core_->wake_fds)
    threads_.emplace_back([core = core_, fd] { Worker(core, fd).Run(); });
}

PersistentPool::~PersistentPool() {
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->stopping = true;
  }
  core_->ready.notify_all();
  core_->WakeAll();
  for (std::thread& thread : threads_) thread.join();
  for (int fd : core_->wake_fds) close(fd);
}

std::unique_ptr<TaskHandle> PersistentPool::Submit(std::string line, double timeout_seconds,
                                                   std::string log_prefix, Done done) {
  auto task = std::make_shared<Task>();
  task->line = std::move(line);
  task->line.push_back('\n');
  task->timeout_seconds = timeout_seconds;
  task->log_prefix = std::move(log_prefix);
  task->done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->queue.push_back(task);
  }
  core_->ready.notify_one();
  return std::make_unique<PoolHandle>(std::move(task), core_);
}

}  // namespace sfn::mocks
