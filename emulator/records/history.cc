// emulator/records/history.cc
#include "emulator/records/history.h"

#include <algorithm>

namespace sfn::emulator {

int64_t History::Append(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                        Json details) {
  std::lock_guard<std::mutex> lock(mu_);
  events_.push_back(Stored{previous_event_id, timestamp_ms, type, std::move(details)});
  if (changes_) changes_->fetch_add(1, std::memory_order_relaxed);
  return static_cast<int64_t>(events_.size());
}

size_t History::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

void History::SetChangeCounter(std::shared_ptr<std::atomic<uint64_t>> counter) {
  std::lock_guard<std::mutex> lock(mu_);
  changes_ = std::move(counter);
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
  e.type = s.type;
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
