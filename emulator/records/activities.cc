// emulator/activities.cc: the activity registry and its task queues.
#include "emulator/records/activities.h"

#include <algorithm>
#include <chrono>

namespace sfn::emulator {
namespace {
// A waiting poll also re-checks on its own this often (WakeAll, Schedule
// and Delete wake it at once).
constexpr int64_t kSliceMs = 1000;
}  // namespace

void Activities::SetLimits(Limits limits) {
  std::lock_guard<std::mutex> lock(mu_);
  limits_ = limits;
}

Activities::Limits Activities::limits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return limits_;
}

Activities::Info Activities::Create(const std::string& arn, const std::string& name, int64_t now_ms,
                                    Tags tags, Json encryption_configuration) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto [it, inserted] = entries_.try_emplace(arn);
  if (inserted) {
    it->second.info = Info{arn, name, now_ms, std::move(tags), std::move(encryption_configuration)};
  }
  return it->second.info;
}

Activities::TagResult Activities::AddTags(const std::string& arn, const Tags& tags,
                                          size_t max_tags) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = entries_.find(arn);
  if (it == entries_.end()) return TagResult::kNoSuchActivity;
  Tags merged = it->second.info.tags;
  for (const auto& tag : tags) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const auto& t) { return t.first == tag.first; });
    if (same != merged.end()) {
      same->second = tag.second;
    } else {
      merged.push_back(tag);
    }
  }
  if (merged.size() > max_tags) return TagResult::kTooManyTags;
  it->second.info.tags = std::move(merged);
  return TagResult::kOk;
}

bool Activities::RemoveTags(const std::string& arn, const std::vector<std::string>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = entries_.find(arn);
  if (it == entries_.end()) return false;
  Tags& tags = it->second.info.tags;
  tags.erase(std::remove_if(tags.begin(), tags.end(),
                            [&](const auto& t) {
                              return std::find(keys.begin(), keys.end(), t.first) != keys.end();
                            }),
             tags.end());
  return true;
}

std::optional<Activities::Info> Activities::Describe(const std::string& arn) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(arn);
  if (it == entries_.end()) return std::nullopt;
  return it->second.info;
}

std::vector<Activities::Info> Activities::List(const std::string& prefix) const {
  std::vector<Info> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [arn, e] : entries_)
      if (arn.compare(0, prefix.size(), prefix) == 0) out.push_back(e.info);
  }
  std::sort(out.begin(), out.end(), [](const Info& a, const Info& b) { return a.name < b.name; });
  return out;
}

void Activities::Delete(const std::string& arn) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(arn);
  if (it == entries_.end()) return;
  ++changes_;
  it->second.waiters->cv.notify_all();  // its polls answer ActivityDoesNotExist
  entries_.erase(it);
}

bool Activities::Schedule(const std::string& arn, Task task) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(arn);
  if (it == entries_.end()) return false;
  it->second.queue.push_back(std::move(task));
  it->second.waiters->cv.notify_one();  // whoever wakes takes the task first
  return true;
}

Activities::PollResult Activities::Poll(const std::string& arn, int64_t wait_ms,
                                        const std::atomic<bool>& stopping, Task* out) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  std::unique_lock<std::mutex> lock(mu_);
  std::shared_ptr<Waiters> waiters;  // set while this poll counts as waiting
  for (;;) {
    auto it = entries_.find(arn);
    PollResult result = PollResult::kEmpty;
    bool done = true;
    const auto now = std::chrono::steady_clock::now();
    if (it == entries_.end()) {
      result = PollResult::kNoSuchActivity;
    } else if (!it->second.queue.empty()) {
      *out = std::move(it->second.queue.front());
      it->second.queue.pop_front();
      result = PollResult::kTask;
    } else if (!waiters && (waiting_polls_ >= limits_.max_waiting_polls ||
                            it->second.waiters->count >= limits_.max_polls_per_activity)) {
      result = PollResult::kTooManyPollers;
    } else {
      done = stopping || now >= deadline;
    }
    if (done) {
      if (waiters) --waiting_polls_, --waiters->count;
      return result;
    }
    if (!waiters) {
      waiters = it->second.waiters;
      ++waiting_polls_, ++waiters->count;
    }
    waiters->cv.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(kSliceMs)));
  }
}

void Activities::WakeAll() {
  // Under the lock, so that a poll between its check of `stopping` and its
  // wait cannot miss the wake-up.
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [arn, entry] : entries_) entry.waiters->cv.notify_all();
}

std::vector<std::string> Activities::QueuedTokens() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& [arn, entry] : entries_) {
    for (const Task& task : entry.queue) out.push_back(task.task_token);
  }
  return out;
}

uint64_t Activities::changes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return changes_;
}

Activities& ProcessActivities() {
  static Activities* registry = new Activities();  // never destroyed: pollers may outlive main
  return *registry;
}

}  // namespace sfn::emulator
