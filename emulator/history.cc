// emulator/history.cc
#include "emulator/history.h"

#include <algorithm>

namespace sfn::emulator {

int64_t History::Append(std::string type, int64_t previous_event_id, int64_t timestamp_ms,
                        std::string details_key, Json details) {
  std::lock_guard<std::mutex> lock(mu_);
  HistoryEvent e;
  e.id = static_cast<int64_t>(events_.size()) + 1;
  e.previous_event_id = previous_event_id;
  e.timestamp_ms = timestamp_ms;
  e.type = std::move(type);
  e.details_key = std::move(details_key);
  e.details = std::move(details);
  events_.push_back(std::move(e));
  return events_.back().id;
}

size_t History::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

std::vector<HistoryEvent> History::Slice(size_t from, size_t count) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (from >= events_.size()) return {};
  size_t end = std::min(events_.size(), from + count);
  return std::vector<HistoryEvent>(events_.begin() + static_cast<ptrdiff_t>(from),
                                   events_.begin() + static_cast<ptrdiff_t>(end));
}

std::vector<HistoryEvent> History::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

}  // namespace sfn::emulator
