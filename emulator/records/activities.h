// emulator/records/activities.h
//
// The activity registry: activities by ARN (name, creation date, tags) and,
// per activity, a queue of scheduled tasks that workers take with
// GetActivityTask. A poll with an empty queue waits (on the caller's
// thread) up to a deadline for a task, on its activity's own condition
// variable (a task wakes one poller of its activity, not every poller), and
// returns promptly when WakeAll() is called for shutdown. Each waiting poll
// holds a server thread, so the registry caps how many may wait: per
// activity (AWS: 1,000) and in all. Thread-safe.
#ifndef SFN_EMULATOR_RECORDS_ACTIVITIES_H_
#define SFN_EMULATOR_RECORDS_ACTIVITIES_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
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
    Tags tags;                      // in the order first set
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
    // server's ServerOptions::max_threads threads; sfn-local serve allows
    // half of them, so that other requests are always served.
    size_t max_waiting_polls = 1024;
    // Polls waiting at once on one activity (AWS's quota).
    size_t max_polls_per_activity = 1000;
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
  // Takes the oldest task of `arn`, waiting up to `wait_ms`; kTooManyPollers
  // when the activity's or the registry's limit of waiting polls is reached.
  PollResult Poll(const std::string& arn, int64_t wait_ms, const std::atomic<bool>& stopping,
                  Task* out);
  // Wakes every waiting poller (they re-check `stopping`).
  void WakeAll();
  // The tokens of the tasks no worker has taken yet, each activity's oldest
  // first (what GetActivityTask would hand out next).
  std::vector<std::string> QueuedTokens() const;
  // Counts changes to the activities (not to their queues), so that the
  // state file is saved only when needed.
  uint64_t changes() const;

 private:
  // The polls waiting on one activity. Shared with them, so that a poll
  // whose activity is deleted meanwhile still holds what it waits on.
  struct Waiters {
    std::condition_variable cv;
    size_t count = 0;  // guarded by mu_
  };
  struct Entry {
    Info info;
    std::deque<Task> queue;
    std::shared_ptr<Waiters> waiters = std::make_shared<Waiters>();
  };
  mutable std::mutex mu_;
  Limits limits_;                         // guarded by mu_
  size_t waiting_polls_ = 0;              // guarded by mu_
  std::map<std::string, Entry> entries_;  // by ARN; guarded by mu_
  uint64_t changes_ = 0;                  // guarded by mu_
};

// The registry Service and Engine use unless given another (one per process).
Activities& ProcessActivities();

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_ACTIVITIES_H_
