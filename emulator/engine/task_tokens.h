// emulator/engine/task_tokens.h
//
// The callback tokens of .waitForTaskToken and activity tasks: which waiter
// a token wakes (with the wake token it must present), and whether its task
// already ended, so that SendTask* can answer TaskTimedOut /
// TaskDoesNotExist as AWS does. The waiter type is a parameter: the table
// never looks inside it, only keeps it alive while the task waits, so it
// knows nothing of the engine's Runs. Each token also keeps a description
// of its task (execution, state, input) so that tools can list what waits
// for an answer (AWS has no such action; the console shows it). Thread-safe:
// API threads look tokens up while workers register and complete them.
#ifndef SFN_EMULATOR_ENGINE_TASK_TOKENS_H_
#define SFN_EMULATOR_ENGINE_TASK_TOKENS_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sfn::emulator {

enum class TokenState { kWaiting, kCompleted, kTimedOut };

// What a waiting token's task is, as registered.
struct WaitingTask {
  std::string task_token;
  std::string execution_arn;
  std::string state_name;
  std::string resource;  // the Task's Resource (an activity ARN for activities)
  std::string input;     // the payload sent, as JSON text
  bool activity = false;
  int64_t since_ms = 0;  // when the task began waiting (epoch ms)
};

template <typename Waiter>
class TaskTokens {
 public:
  using State = TokenState;
  struct Entry {
    std::shared_ptr<Waiter> waiter;  // null once the task ended
    uint64_t wake_token = 0;
    State state = State::kWaiting;
    WaitingTask task;  // task_token left empty: the map's key says it
  };

  void Register(const std::string& token, std::shared_ptr<Waiter> waiter, uint64_t wake_token,
                WaitingTask task = {}) {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entries_[token];
    e.waiter = std::move(waiter);
    e.wake_token = wake_token;
    e.state = State::kWaiting;
    e.task = std::move(task);
  }

  // The tasks whose tokens still wait for an answer, oldest first.
  std::vector<WaitingTask> Waiting() const {
    std::vector<WaitingTask> out;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [token, e] : entries_) {
        if (e.state != State::kWaiting) continue;
        out.push_back(e.task);
        out.back().task_token = token;
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const WaitingTask& a, const WaitingTask& b) {
      return a.since_ms < b.since_ms;
    });
    return out;
  }

  // The entry for `token`, or false when it was never issued.
  bool Find(const std::string& token, Entry* out) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(token);
    if (it == entries_.end()) return false;
    *out = it->second;
    return true;
  }

  // Records how the task ended; later callbacks get the matching error.
  void Complete(const std::string& token, State state) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(token);
    if (it == entries_.end()) return;
    // A finished task no longer needs its waiter; keep only the outcome.
    it->second.waiter.reset();
    it->second.task = WaitingTask{};
    if (it->second.state == State::kWaiting) it->second.state = state;
  }

  // Drops an entry (its execution ended long ago).
  void Erase(const std::string& token) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(token);
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.size();
  }

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_TASK_TOKENS_H_
