// emulator/records/history.h
//
// An execution's event history: append-only, ids from 1, each event naming
// the event it follows (previousEventId). Details are immutable Json values,
// serialized only when GetExecutionHistory reads them. Thread-safe: appends
// come from engine workers while API threads read.
//
// Storage is compact because finished executions keep their history: the id
// is the position and the type one byte (its name and details key come from
// the table in asl/interpreter/event_types.h), so an event costs one small
// struct plus its shared details.
#ifndef SFN_EMULATOR_RECORDS_HISTORY_H_
#define SFN_EMULATOR_RECORDS_HISTORY_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "asl/core/json.h"
#include "asl/interpreter/event_types.h"

namespace sfn::emulator {

struct HistoryEvent {
  int64_t id = 0;
  int64_t previous_event_id = 0;
  int64_t timestamp_ms = 0;  // Unix epoch milliseconds
  asl::EventType type = asl::EventType::kExecutionStarted;
  Json details;  // an object, or null when the type has no details key
};

class History {
 public:
  History() = default;
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Appends an event and returns its id.
  int64_t Append(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                 Json details = {});
  size_t size() const;
  // Every later Append() also adds one to `counter` (the state file's saver
  // watches it to know when something changed).
  void SetChangeCounter(std::shared_ptr<std::atomic<uint64_t>> counter);
  // Drops spare capacity; for when the last event has been appended.
  void ShrinkToFit();
  // A copy of events [from, from + count) in ascending order.
  std::vector<HistoryEvent> Slice(size_t from, size_t count) const;
  std::vector<HistoryEvent> All() const;

 private:
  struct Stored {
    int64_t previous_event_id;
    int64_t timestamp_ms;
    asl::EventType type;
    Json details;
  };
  static HistoryEvent Expand(const Stored& s, size_t index);

  mutable std::mutex mu_;
  std::vector<Stored> events_;  // guarded by mu_; event id = index + 1
  std::shared_ptr<std::atomic<uint64_t>> changes_;  // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_HISTORY_H_
