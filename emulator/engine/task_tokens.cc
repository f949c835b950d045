// emulator/engine/task_tokens.cc
#include "emulator/engine/task_tokens.h"

#include "emulator/engine/engine_impl.h"

namespace sfn::emulator {

void TaskTokens::Register(const std::string& token,
                          std::shared_ptr<engine_internal::RunControl> control,
                          uint64_t wake_token) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[token];
  e.control = std::move(control);
  e.wake_token = wake_token;
  e.state = State::kWaiting;
}

bool TaskTokens::Find(const std::string& token, Entry* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(token);
  if (it == entries_.end()) return false;
  *out = it->second;
  return true;
}

void TaskTokens::Complete(const std::string& token, State state) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(token);
  if (it == entries_.end()) return;
  // A finished task no longer needs its Run; keep only the outcome.
  it->second.control.reset();
  if (it->second.state == State::kWaiting) it->second.state = state;
}

void TaskTokens::Erase(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(token);
}

size_t TaskTokens::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace sfn::emulator
