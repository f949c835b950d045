// emulator/api/response_shapes.h
//
// Helpers that shape API answers the way AWS's JSON 1.0 protocol writes
// them: an object builder that keeps member order and skips absent optional
// members, timestamps as epoch seconds (AWS's Java service prints them as
// doubles, e.g. 1.700000000123E9), and history events as GetExecutionHistory
// lists them. Stateless and thread-safe.
#ifndef SFN_EMULATOR_API_RESPONSE_SHAPES_H_
#define SFN_EMULATOR_API_RESPONSE_SHAPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "asl/core/json.h"
#include "emulator/records/history.h"

namespace sfn::emulator {

// Builds a JSON object member by member, in the order added.
class ObjectBuilder {
 public:
  ObjectBuilder& Add(std::string_view key, Json value) {
    members_.emplace_back(std::string(key), std::move(value));
    return *this;
  }
  // Adds the member only when `value` holds one.
  template <typename T>
  ObjectBuilder& AddOptional(std::string_view key, const std::optional<T>& value) {
    if (value) Add(key, Json(*value));
    return *this;
  }
  // Adds a string member only when it is not empty.
  ObjectBuilder& AddNonEmpty(std::string_view key, const std::string& value) {
    if (!value.empty()) Add(key, Json(value));
    return *this;
  }
  Json Build() { return Json::MakeObject(std::move(members_)); }

 private:
  Json::Object members_;
};

// A timestamp member value: Unix epoch milliseconds as epoch seconds.
Json Timestamp(int64_t epoch_ms);

// One GetExecutionHistory event: {"timestamp", "type", "id",
// "previousEventId", "<details key>": details}. Without execution data the
// details lose their "input" and "output" members.
Json RenderHistoryEvent(const HistoryEvent& event, bool include_execution_data);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_RESPONSE_SHAPES_H_
