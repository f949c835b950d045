// emulator/engine/task_tokens.h
//
// The callback tokens of .waitForTaskToken tasks: which blocked Run a token
// wakes, and whether its task already ended (so SendTask* can answer
// TaskTimedOut / TaskDoesNotExist as AWS does). Thread-safe: API threads
// look tokens up while workers register and complete them.
#ifndef SFN_EMULATOR_ENGINE_TASK_TOKENS_H_
#define SFN_EMULATOR_ENGINE_TASK_TOKENS_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sfn::emulator {

namespace engine_internal {
struct RunControl;
}

class TaskTokens {
 public:
  enum class State { kWaiting, kCompleted, kTimedOut };
  struct Entry {
    std::shared_ptr<engine_internal::RunControl> control;
    uint64_t wake_token = 0;
    State state = State::kWaiting;
  };

  void Register(const std::string& token, std::shared_ptr<engine_internal::RunControl> control,
                uint64_t wake_token);
  // The entry for `token`, or false when it was never issued.
  bool Find(const std::string& token, Entry* out) const;
  // Records how the task ended; later callbacks get the matching error.
  void Complete(const std::string& token, State state);
  // Drops an entry (its execution ended long ago).
  void Erase(const std::string& token);
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_TASK_TOKENS_H_
