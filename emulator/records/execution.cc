// emulator/records/execution.cc
#include "emulator/records/execution.h"

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

std::optional<Json> ExecutionEnd::output() const {
  if (!output_text.is_string()) return std::nullopt;
  return ParseJson(output_text.AsString()).value;  // printed by Dump: valid
}

Json Execution::input() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (input_) return *input_;
  // The text was checked when the execution started (or was saved).
  Json value = spec_.input_text.empty() ? Json::MakeObject({}) : ParseJson(spec_.input_text).value;
  if (end_.status == ExecutionStatus::kRunning) input_ = value;
  return value;
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
  std::function<void(const Execution&)> listener;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (end_.status != ExecutionStatus::kRunning) return false;
    end_ = std::move(end);
    input_.reset();  // parsed again if a redrive needs it
    callbacks.swap(on_finish_);
    listener = end_listener_;
  }
  done_cv_.notify_all();
  if (listener) listener(*this);
  for (auto& callback : callbacks) callback();
  return true;
}

void Execution::SetEndListener(std::function<void(const Execution&)> listener) {
  std::lock_guard<std::mutex> lock(mu_);
  end_listener_ = std::move(listener);
}

void Execution::Restore(ExecutionEnd end, int64_t redrive_count, int64_t redrive_ms,
                        std::optional<RedrivePoint> point) {
  std::lock_guard<std::mutex> lock(mu_);
  end_ = std::move(end);
  if (end_.status != ExecutionStatus::kRunning) input_.reset();
  redrive_count_ = redrive_count;
  redrive_ms_ = redrive_ms;
  redrive_point_ = std::move(point);
}

std::optional<RedrivePoint> Execution::redrive_point() const {
  std::lock_guard<std::mutex> lock(mu_);
  return redrive_point_;
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

void Execution::SetRedrivePoint(RedrivePoint point) {
  std::lock_guard<std::mutex> lock(mu_);
  redrive_point_ = std::move(point);
}

std::optional<RedrivePoint> Execution::TakeRedrivePoint() {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<RedrivePoint> point = std::move(redrive_point_);
  redrive_point_.reset();
  return point;
}

Execution::RedriveStart Execution::BeginRedrive(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  const ExecutionStatus s = end_.status;
  if (s == ExecutionStatus::kRunning || s == ExecutionStatus::kSucceeded) {
    return RedriveStart::kNotRedrivable;
  }
  if (!redrive_point_ || redrive_point_->state == nullptr) return RedriveStart::kNotReady;
  end_ = ExecutionEnd();
  kept_answer_.reset();
  answer_asked_ = false;
  ++redrive_count_;
  redrive_ms_ = now_ms;
  stop_requested.store(false);
  return RedriveStart::kStarted;
}

Execution::KeptAnswer Execution::FindAnswer() const {
  std::lock_guard<std::mutex> lock(mu_);
  KeptAnswer found;
  if (end_.status == ExecutionStatus::kRunning) return found;
  found.text = kept_answer_;
  found.keep = !kept_answer_ && answer_asked_;
  found.generation = redrive_count_;
  answer_asked_ = true;
  return found;
}

void Execution::KeepAnswer(int64_t generation, std::shared_ptr<const std::string> text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (end_.status != ExecutionStatus::kRunning && generation == redrive_count_) {
    kept_answer_ = std::move(text);
  }
}

int64_t Execution::redrive_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return redrive_count_;
}

int64_t Execution::redrive_ms() const {
  std::lock_guard<std::mutex> lock(mu_);
  return redrive_ms_;
}

bool Execution::WaitUntilDone(int64_t timeout_ms) const {
  std::unique_lock<std::mutex> lock(mu_);
  return done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [this] { return end_.status != ExecutionStatus::kRunning; });
}

}  // namespace sfn::emulator
