// emulator/activities.h
//
// The activity registry: activities by ARN (name, creation date) and, per
// activity, a queue of scheduled tasks that workers take with
// GetActivityTask. A poll with an empty queue waits (on the caller's
// thread) up to a deadline for a task, checking `stopping` every slice so
// server shutdown wakes it promptly. Thread-safe.
#ifndef SFN_EMULATOR_ACTIVITIES_H_
#define SFN_EMULATOR_ACTIVITIES_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sfn::emulator {

class Activities {
 public:
  struct Info {
    std::string arn;
    std::string name;
    int64_t creation_ms = 0;
  };
  struct Task {
    std::string task_token;
    std::string input;  // JSON text
  };
  enum class PollResult { kTask, kEmpty, kNoSuchActivity };

  // Creates the activity, or returns the existing one (idempotent on name).
  Info Create(const std::string& arn, const std::string& name, int64_t now_ms);
  std::optional<Info> Describe(const std::string& arn) const;
  // All activities whose ARN starts with `prefix`, sorted by name.
  std::vector<Info> List(const std::string& prefix) const;
  // Removes the activity and its queued tasks (no error when absent).
  void Delete(const std::string& arn);
  // Queues a task; false when the activity does not exist.
  bool Schedule(const std::string& arn, Task task);
  // Takes the oldest task of `arn`, waiting up to `wait_ms`.
  PollResult Poll(const std::string& arn, int64_t wait_ms, const std::atomic<bool>& stopping,
                  Task* out);
  // Wakes every waiting poller (they re-check `stopping`).
  void WakeAll();

 private:
  struct Entry {
    Info info;
    std::deque<Task> queue;
  };
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Entry> entries_;  // by ARN; guarded by mu_
};

// The registry the API actions use (one per process).
Activities& ProcessActivities();

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ACTIVITIES_H_
