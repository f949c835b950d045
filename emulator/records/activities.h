// emulator/records/activities.h
//
// The activity registry: activities by ARN (name, creation date, tags) and,
// per activity, a queue of scheduled tasks that workers take with
// GetActivityTask. A poll with an empty queue waits (on the caller's
// thread) up to a deadline for a task, checking `stopping` every slice so
// server shutdown wakes it promptly. Each waiting poll holds a server
// thread, so the registry caps how many may wait at once. Thread-safe.
#ifndef SFN_EMULATOR_RECORDS_ACTIVITIES_H_
#define SFN_EMULATOR_RECORDS_ACTIVITIES_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asl/core/json.h"

namespace sfn::emulator {

class Activities {
 public:
  using Tags = std::vector<std::pair<std::string, std::string>>;  // key, value
  struct Info {
    std::string arn;
    std::string name;
    int64_t creation_ms = 0;
    Tags tags;  // in the order first set
    Json encryption_configuration;  // as DescribeActivity shows it
  };
  enum class TagResult { kOk, kNoSuchActivity, kTooManyTags };
  struct Task {
    std::string task_token;
    std::string input;  // JSON text
    // Called with the worker's name when a worker takes the task; false
    // when the task is no longer wanted (its execution ended), so the
    // poller skips it. Empty: always wanted.
    std::function<bool(const std::string& worker_name)> on_start;
  };
  enum class PollResult { kTask, kEmpty, kNoSuchActivity, kTooManyPollers };
  struct Limits {
    int64_t poll_wait_ms = 60000;  // GetActivityTask's long poll (AWS: 60 s)
    // Polls waiting at once, across all activities. Each holds one of the
    // server's ServerOptions::max_threads (512) threads; sfn-local serve
    // allows half of them, so that other requests are always served.
    size_t max_waiting_polls = 256;
  };

  Activities() = default;
  explicit Activities(Limits limits) : limits_(limits) {}
  // Set before serving (sfn-local serve reads them from the command line).
  void SetLimits(Limits limits);
  Limits limits() const;

  // Creates the activity, or returns the existing one unchanged
  // (idempotent on name; AWS ignores the tags of a repeated create).
  Info Create(const std::string& arn, const std::string& name, int64_t now_ms, Tags tags = {},
              Json encryption_configuration = Json());
  // Adds tags or replaces their values; kTooManyTags (and no change) when
  // the activity would have more than `max_tags`.
  TagResult AddTags(const std::string& arn, const Tags& tags, size_t max_tags);
  // Removes the tags with these keys; false when the activity does not exist.
  bool RemoveTags(const std::string& arn, const std::vector<std::string>& keys);
  std::optional<Info> Describe(const std::string& arn) const;
  // All activities whose ARN starts with `prefix`, sorted by name.
  std::vector<Info> List(const std::string& prefix) const;
  // Removes the activity and its queued tasks (no error when absent).
  void Delete(const std::string& arn);
  // Queues a task; false when the activity does not exist.
  bool Schedule(const std::string& arn, Task task);
  // Takes the oldest task of `arn`, waiting up to `wait_ms`;
  // kTooManyPollers when Limits::max_waiting_polls polls already wait.
  PollResult Poll(const std::string& arn, int64_t wait_ms, const std::atomic<bool>& stopping,
                  Task* out);
  // Wakes every waiting poller (they re-check `stopping`).
  void WakeAll();
  // Counts changes to the activities (not to their queues), so that the
  // state file is saved only when needed.
  uint64_t changes() const;

 private:
  struct Entry {
    Info info;
    std::deque<Task> queue;
  };
  mutable std::mutex mu_;
  std::condition_variable cv_;
  Limits limits_;                         // guarded by mu_
  size_t waiting_polls_ = 0;              // guarded by mu_
  std::map<std::string, Entry> entries_;  // by ARN; guarded by mu_
  uint64_t changes_ = 0;                  // guarded by mu_
};

// The registry Service and Engine use unless given another (one per process).
Activities& ProcessActivities();

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_ACTIVITIES_H_
