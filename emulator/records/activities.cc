// emulator/activities.cc: the activity registry and its task queues.
#include "emulator/records/activities.h"

#include <algorithm>
#include <chrono>

namespace sfn::emulator {
namespace {
constexpr int64_t kSliceMs = 100;  // how often a waiting poll checks `stopping`
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
  ++changes_;
  entries_.erase(arn);
}

bool Activities::Schedule(const std::string& arn, Task task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(arn);
    if (it == entries_.end()) return false;
    it->second.queue.push_back(std::move(task));
  }
  cv_.notify_all();
  return true;
}

Activities::PollResult Activities::Poll(const std::string& arn, int64_t wait_ms,
                                        const std::atomic<bool>& stopping, Task* out) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  std::unique_lock<std::mutex> lock(mu_);
  bool counted = false;  // whether this poll is one of waiting_polls_
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
    } else if (!counted && waiting_polls_ >= limits_.max_waiting_polls) {
      result = PollResult::kTooManyPollers;
    } else {
      done = stopping || now >= deadline;
    }
    if (done) {
      if (counted) --waiting_polls_;
      return result;
    }
    if (!counted) ++waiting_polls_;
    counted = true;
    cv_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(kSliceMs)));
  }
}

uint64_t Activities::changes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return changes_;
}

void Activities::WakeAll() { cv_.notify_all(); }

Activities& ProcessActivities() {
  static Activities* registry = new Activities();  // never destroyed: pollers may outlive main
  return *registry;
}

}  // namespace sfn::emulator
