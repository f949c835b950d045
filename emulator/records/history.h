// emulator/records/history.h
//
// An execution's event history: append-only, ids from 1, each event naming
// the event it follows (previousEventId). Details are immutable Json values,
// serialized only when GetExecutionHistory reads them. Thread-safe: appends
// come from engine workers while API threads read.
//
// Storage is compact because finished executions keep their history: the id
// is the position and the type one byte (its name and details key come from
// the table in asl/interpreter/event_types.h). The frequent events, those
// carrying only a state's name and its input or output text (every
// *StateEntered, most *StateExited, ExecutionSucceeded;
// asl/interpreter/state_io.h), keep no details object: the name is borrowed
// from the definition and the text sits in one buffer per history, stored
// once for the StateExited and the StateEntered after it. Their details are
// shaped when the events are read. ExecutionStarted borrows its input text
// from the execution's spec, which keeps it anyway. Other events keep their
// shared details.
#ifndef SFN_EMULATOR_RECORDS_HISTORY_H_
#define SFN_EMULATOR_RECORDS_HISTORY_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "asl/interpreter/event_types.h"

namespace sfn::emulator {

// `details` (an object, or null for none) with an "input" member holding
// `input` first: ExecutionStarted's details.
Json DetailsWithInput(Json input, const Json& details);

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
  // Appends an event whose details are asl::StateIoDetails(type,
  // state_name, text) and returns its id. `state_name` (null: none) is
  // borrowed and must outlive this History, as the execution's definition
  // does; `text` (JSON text) is copied, once for consecutive events that
  // carry the same text.
  int64_t AppendStateIo(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                        const std::string* state_name, std::string_view text);
  // Appends an event whose details are `details` (an object) with an
  // "input" member holding *input (JSON text) first, and returns its id.
  // `input` is borrowed and must outlive this History, as the execution's
  // spec does.
  int64_t AppendWithInput(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                          const std::string* input, Json details);
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
  enum class Kind : uint8_t {
    kDetails,    // details_[slot]
    kCompact,    // StateIoDetails of `borrowed` (the state's name) and a text
    kWithInput,  // details_[slot] after "input": *borrowed
  };
  struct Stored {  // 32 bytes
    int64_t timestamp_ms;
    // kCompact: the state's name, null for none; kWithInput: the input text.
    const std::string* borrowed;
    // kCompact: where its text starts in texts_; else its index in details_
    // (kNoDetails: null details).
    uint32_t slot;
    uint32_t text_size;  // kCompact
    int32_t previous_event_id;
    asl::EventType type;
    Kind kind;
  };
  static constexpr uint32_t kNoDetails = ~uint32_t{0};
  // The texts of the last compact event expanded by one read, so that two
  // events carrying the same text share one copy.
  struct ReadCache {
    uint32_t offset = kNoDetails;
    uint32_t size = 0;
    Json text;
  };
  HistoryEvent Expand(size_t index, ReadCache* cache) const;  // mu_ held
  int64_t Push(const Stored& s);                              // mu_ held
  int64_t PushDetails(asl::EventType type, int64_t previous_event_id, int64_t timestamp_ms,
                      Json details, const std::string* input = nullptr);  // mu_ held

  mutable std::mutex mu_;
  // Guarded by mu_: event id = index + 1.
  std::vector<Stored> events_;
  std::vector<Json> details_;        // of the events that are not compact
  std::string texts_;                // of the compact ones
  uint32_t last_text_ = kNoDetails;  // where the last compact event's text starts
  uint32_t last_text_size_ = 0;
  std::shared_ptr<std::atomic<uint64_t>> changes_;  // guarded by mu_
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_HISTORY_H_
