// emulator/records/snapshot_internal.h
//
// Helpers shared by the state file's codec files (snapshot.cc,
// store_snapshot.cc, execution_snapshot.cc): FieldReader reads the members
// of one object of a state file and remembers the first thing wrong, with
// where it is ("executions[3].history[7]: \"timestamp\" must be an
// integer"), so that a damaged file is refused with a message that says
// what to look at. Not thread-safe; one per restore.
#ifndef SFN_EMULATOR_RECORDS_SNAPSHOT_INTERNAL_H_
#define SFN_EMULATOR_RECORDS_SNAPSHOT_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "emulator/records/execution.h"
#include "emulator/records/store.h"

namespace sfn::emulator::snapshot_internal {

class FieldReader {
 public:
  // `error` is shared by every reader of one restore; the first error stays.
  FieldReader(const Json& object, std::string where, std::string* error);

  bool ok() const { return error_->empty(); }
  const std::string& where() const { return where_; }
  void Fail(const std::string& message);

  std::string Str(std::string_view key);
  std::optional<std::string> OptStr(std::string_view key);
  int64_t Int(std::string_view key);
  double Num(std::string_view key);
  bool Bool(std::string_view key);
  // A member of any type (null when absent).
  Json Any(std::string_view key);
  // An array member; an empty one when absent and `required` is false.
  const Json::Array& Arr(std::string_view key, bool required = true);
  // JSON text kept as a string member, parsed.
  Json Text(std::string_view key);
  // A reader for element `i` of array member `key` (for the error's "where").
  FieldReader Item(const Json& element, std::string_view key, size_t i);
  // A reader for `element`, found under `name`.
  FieldReader Sub(const Json& element, const std::string& name);
  // Calls `each` with a reader of every element of array member `key`,
  // while nothing is wrong.
  template <typename F>
  void ForEach(std::string_view key, F each) {
    const Json::Array& items = Arr(key);
    for (size_t i = 0; i < items.size() && ok(); ++i) {
      FieldReader r = Item(items[i], key, i);
      each(r);
    }
  }
  // Array member `key` of [string, string] pairs (tags, routing ARNs are
  // strings; see StringPairs' callers).
  std::vector<std::pair<std::string, std::string>> StringPairs(std::string_view key);

 private:
  const Json* Member(std::string_view key, bool required);

  Json object_;
  std::string where_;
  std::string* error_;
};

// An execution's record as the file keeps it, without its history.
Json ExecutionToJson(const Execution& e, size_t revision_index);
// The history as [[previousEventId, timestamp, "Type", details|null], ...].
Json HistoryToJson(const History& history);

// Rebuilds an execution saved by ExecutionToJson on `machine` (parsed from
// its revision). One found RUNNING is ended ABORTED at `now_ms`: its final
// event is appended and its redrive point read from its history.
std::shared_ptr<Execution> ExecutionFromJson(FieldReader& r,
                                             std::shared_ptr<const asl::StateMachine> machine,
                                             int64_t now_ms, bool* was_running);

}  // namespace sfn::emulator::snapshot_internal

namespace sfn::emulator {

// The Store's part of the file (a friend of Store).
class StoreSnapshot {
 public:
  // Appends `"revisions":[...],"stateMachines":[...],"executions":[...]`.
  static void Write(const Store& store, std::string* out);
  // Reads those members of `doc` into the empty `store`; false (with
  // `error` set) and no change when anything is wrong. `aborted` receives
  // the ARNs of the executions found running.
  static bool Read(const Json& doc, int64_t now_ms, Store* store, std::string* error,
                   std::vector<std::string>* aborted);
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_SNAPSHOT_INTERNAL_H_
