// emulator/history.h
//
// An execution's event history: append-only, ids from 1, each event naming
// the event it follows (previousEventId). Details are immutable Json values,
// serialized only when GetExecutionHistory reads them. Thread-safe: appends
// come from engine workers while API threads read.
#ifndef SFN_EMULATOR_HISTORY_H_
#define SFN_EMULATOR_HISTORY_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "asl/json.h"

namespace sfn::emulator {

struct HistoryEvent {
  int64_t id = 0;
  int64_t previous_event_id = 0;
  int64_t timestamp_ms = 0;   // Unix epoch milliseconds
  std::string type;           // "PassStateEntered", "TaskScheduled", ...
  std::string details_key;    // "stateEnteredEventDetails", ... ("" when none)
  Json details;               // an object, or null when details_key is empty
};

class History {
 public:
  History() = default;
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Appends an event and returns its id.
  int64_t Append(std::string type, int64_t previous_event_id, int64_t timestamp_ms,
                 std::string details_key = {}, Json details = {});
  size_t size() const;
  // A copy of events [from, from + count) in ascending order.
  std::vector<HistoryEvent> Slice(size_t from, size_t count) const;
  std::vector<HistoryEvent> All() const;

 private:
  mutable std::mutex mu_;
  std::vector<HistoryEvent> events_;  // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_HISTORY_H_
