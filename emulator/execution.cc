// emulator/execution.cc
#include "emulator/execution.h"

#include <chrono>

namespace sfn::emulator {

const char* ExecutionStatusName(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning: return "RUNNING";
    case ExecutionStatus::kSucceeded: return "SUCCEEDED";
    case ExecutionStatus::kFailed: return "FAILED";
    case ExecutionStatus::kTimedOut: return "TIMED_OUT";
    case ExecutionStatus::kAborted: return "ABORTED";
  }
  return "UNKNOWN";
}

ExecutionEnd Execution::end() const {
  std::lock_guard<std::mutex> lock(mu_);
  return end_;
}

bool Execution::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return end_.status == ExecutionStatus::kRunning;
}

bool Execution::Finish(ExecutionEnd end) {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (end_.status != ExecutionStatus::kRunning) return false;
    end_ = std::move(end);
    callbacks.swap(on_finish_);
  }
  done_cv_.notify_all();
  for (auto& callback : callbacks) callback();
  return true;
}

void Execution::OnFinish(std::function<void()> callback) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (end_.status == ExecutionStatus::kRunning) {
      on_finish_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

bool Execution::WaitUntilDone(int64_t timeout_ms) const {
  std::unique_lock<std::mutex> lock(mu_);
  return done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [this] { return end_.status != ExecutionStatus::kRunning; });
}

}  // namespace sfn::emulator
