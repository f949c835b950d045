// emulator/records/history.cc
#include "emulator/records/history.h"

#include <algorithm>
#include <limits>

#include "asl/interpreter/state_io.h"

namespace sfn::emulator {

Json DetailsWithInput(Json input, const Json& details) {
  Json::Object d{{"input", std::move(input)}};
  if (details.is_object()) d.insert(d.end(), details.AsObject().begin(), details.AsObject().end());
  return Json::MakeObject(std::move(d));
}

int64_t History::Push(const Stored& s) {
  static_assert(sizeof(Stored) <= 32, "a retained event should stay this small");
  events_.push_back(s);
  if (changes_) changes_->fetch_add(1, std::memory_order_relaxed);
  return static_cast<int64_t>(events_.size());
}

int64_t History::PushDetails(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                             Json details, const std::string* input) {
  uint32_t slot = kNoDetails;
  if (!details.is_null()) {
    slot = static_cast<uint32_t>(details_.size());
    details_.push_back(std::move(details));
  }
  return Push(Stored{timestamp_ms, input, slot, 0, static_cast<int32_t>(previous_event_id), type,
                     input != nullptr ? Kind::kWithInput : Kind::kDetails});
}

int64_t History::AppendWithInput(asl::EventType type, int64_t previous_event_id,
                                 int64_t timestamp_ms, const std::string* input, Json details) {
  std::lock_guard<std::mutex> lock(mu_);
  return PushDetails(type, previous_event_id, timestamp_ms, std::move(details), input);
}

int64_t History::Append(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                        Json details) {
  std::lock_guard<std::mutex> lock(mu_);
  return PushDetails(type, previous_event_id, timestamp_ms, std::move(details));
}

int64_t History::AppendStateIo(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                               const std::string* state_name, std::string_view text) {
  std::lock_guard<std::mutex> lock(mu_);
  // The StateEntered after a StateExited carries the same text: the last
  // compact event's text is the one to compare with.
  if (last_text_ == kNoDetails || last_text_size_ != text.size() ||
      std::string_view(texts_).substr(last_text_, last_text_size_) != text) {
    // Offsets are 32-bit: past 4 GiB of texts (a 25,000-event history of
    // 256 KiB payloads could get there), events keep their details.
    if (texts_.size() + text.size() >= kNoDetails) {
      return PushDetails(type, previous_event_id, timestamp_ms,
                         asl::StateIoDetails(type, state_name, Json(text)));
    }
    last_text_ = static_cast<uint32_t>(texts_.size());
    last_text_size_ = static_cast<uint32_t>(text.size());
    texts_.append(text);
  }
  return Push(Stored{timestamp_ms, state_name, last_text_, last_text_size_,
                     static_cast<int32_t>(previous_event_id), type, Kind::kCompact});
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
  if (details_.capacity() - details_.size() > details_.size() / 4) details_.shrink_to_fit();
  if (texts_.capacity() - texts_.size() > texts_.size() / 4) texts_.shrink_to_fit();
}

HistoryEvent History::Expand(size_t index, ReadCache* cache) const {
  const Stored& s = events_[index];
  HistoryEvent e;
  e.id = static_cast<int64_t>(index) + 1;
  e.previous_event_id = s.previous_event_id;
  e.timestamp_ms = s.timestamp_ms;
  e.type = s.type;
  if (s.kind == Kind::kWithInput) {
    e.details =
        DetailsWithInput(Json(*s.borrowed), s.slot != kNoDetails ? details_[s.slot] : Json());
    return e;
  }
  if (s.kind == Kind::kDetails) {
    if (s.slot != kNoDetails) e.details = details_[s.slot];
    return e;
  }
  // Offset and size: an empty text shares its offset with the next one.
  if (cache->offset != s.slot || cache->size != s.text_size) {
    cache->offset = s.slot;
    cache->size = s.text_size;
    cache->text = Json(texts_.substr(s.slot, s.text_size));
  }
  e.details = asl::StateIoDetails(s.type, s.borrowed, cache->text);
  return e;
}

std::vector<HistoryEvent> History::Slice(size_t from, size_t count) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<HistoryEvent> out;
  if (from >= events_.size()) return out;
  const size_t end = count > events_.size() - from ? events_.size() : from + count;
  out.reserve(end - from);
  ReadCache cache;
  for (size_t i = from; i < end; ++i) out.push_back(Expand(i, &cache));
  return out;
}

std::vector<HistoryEvent> History::All() const {
  return Slice(0, std::numeric_limits<size_t>::max());
}

}  // namespace sfn::emulator
