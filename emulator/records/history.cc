// emulator/records/history.cc
#include "emulator/records/history.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace sfn::emulator {
namespace {

// The one copy of each event type / details key name. Lookups go through a
// per-thread cache first, so appends on different workers do not contend
// for the table's lock.
const std::string* Intern(std::string_view name) {
  thread_local std::unordered_map<std::string_view, const std::string*> cache;
  auto hit = cache.find(name);
  if (hit != cache.end()) return hit->second;
  static std::mutex mu;
  static auto* table = new std::unordered_set<std::string>();
  const std::string* interned;
  {
    std::lock_guard<std::mutex> lock(mu);
    interned = &*table->emplace(name).first;  // node-based: the address stays valid
  }
  cache.emplace(*interned, interned);
  return interned;
}

}  // namespace

int64_t History::Append(std::string_view type, int64_t previous_event_id, int64_t timestamp_ms,
                        std::string_view details_key, Json details) {
  const std::string* type_name = Intern(type);
  const std::string* key_name = Intern(details_key);
  std::lock_guard<std::mutex> lock(mu_);
  events_.push_back(
      Stored{previous_event_id, timestamp_ms, type_name, key_name, std::move(details)});
  return static_cast<int64_t>(events_.size());
}

size_t History::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

void History::ShrinkToFit() {
  std::lock_guard<std::mutex> lock(mu_);
  // Worth a copy only when much of the capacity is spare (short histories,
  // which are the many).
  if (events_.capacity() - events_.size() > events_.size() / 4) events_.shrink_to_fit();
}

HistoryEvent History::Expand(const Stored& s, size_t index) {
  HistoryEvent e;
  e.id = static_cast<int64_t>(index) + 1;
  e.previous_event_id = s.previous_event_id;
  e.timestamp_ms = s.timestamp_ms;
  e.type = *s.type;
  e.details_key = *s.details_key;
  e.details = s.details;
  return e;
}

std::vector<HistoryEvent> History::Slice(size_t from, size_t count) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<HistoryEvent> out;
  if (from >= events_.size()) return out;
  const size_t end = std::min(events_.size(), from + count);
  out.reserve(end - from);
  for (size_t i = from; i < end; ++i) out.push_back(Expand(events_[i], i));
  return out;
}

std::vector<HistoryEvent> History::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<HistoryEvent> out;
  out.reserve(events_.size());
  for (size_t i = 0; i < events_.size(); ++i) out.push_back(Expand(events_[i], i));
  return out;
}

}  // namespace sfn::emulator
