// testing/history_text.cc
#include "testing/history_text.h"

#include <cmath>
#include <unordered_map>
#include <vector>

#include "asl/interpreter/context_object.h"

namespace sfn::testing {
namespace {

constexpr size_t kDetailWidth = 100;

std::string StringField(const Json* object, const char* key) {
  const Json* v = object != nullptr && object->is_object() ? object->Find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->AsString() : "";
}

// The event's details object, whatever its member is called.
const Json* DetailsOf(const Json& event) {
  for (const auto& [key, value] : event.AsObject()) {
    if (key.size() > 12 && key.compare(key.size() - 12, 12, "EventDetails") == 0) return &value;
  }
  return nullptr;
}

std::string Shorten(std::string text) {
  if (text.size() <= kDetailWidth) return text;
  return text.substr(0, kDetailWidth - 3) + "...";
}

// What is worth a glance: an error first, then the data that moved.
std::string Detail(const std::string& type, const Json* details) {
  const std::string error = StringField(details, "error");
  const std::string cause = StringField(details, "cause");
  if (!error.empty() || !cause.empty()) {
    return Shorten(cause.empty() ? error : error.empty() ? cause : error + ": " + cause);
  }
  // The execution's output in full: with --history it is the only place.
  if (type == "ExecutionSucceeded") return StringField(details, "output");
  if (type == "ExecutionStarted") return Shorten(StringField(details, "input"));
  if (type == "TaskScheduled") {
    return StringField(details, "resourceType") + ":" + StringField(details, "resource");
  }
  if (type == "LambdaFunctionScheduled") return Shorten(StringField(details, "resource"));
  return "";
}

int64_t EpochMs(const Json& event) {
  const Json* t = event.Find("timestamp");
  return t != nullptr && t->is_number() ? std::llround(t->AsDouble() * 1000) : 0;
}

int64_t IntField(const Json& event, const char* key) {
  const Json* v = event.Find(key);
  return v != nullptr && v->is_int() ? v->AsInt() : 0;
}

// `text` and at least one space, padded to `width`.
std::string Cell(const std::string& text, size_t width) {
  return text + std::string(text.size() < width ? width - text.size() : 1, ' ');
}

std::string Row(const std::string& id, const std::string& prev, const std::string& time,
                const std::string& type, const std::string& state, const std::string& detail) {
  std::string out =
      Cell(id, 6) + Cell(prev, 6) + Cell(time, 25) + Cell(type, 33) + Cell(state, 25) + detail;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

// A Parallel or Map state's own events (ParallelStateSucceeded, ...) follow
// their last branch's event: they belong to the innermost open fork.
std::string StateOf(const std::string& type, const std::string& named, const std::string& previous,
                    std::vector<std::string>* open) {
  const bool fork = type.rfind("Parallel", 0) == 0 || type.rfind("Map", 0) == 0;
  if (fork && type.size() > 12 && type.compare(type.size() - 12, 12, "StateEntered") == 0) {
    open->push_back(named);
  }
  if (fork && type.size() > 11 && type.compare(type.size() - 11, 11, "StateExited") == 0 &&
      !open->empty()) {
    open->pop_back();
  }
  if (!named.empty()) return named;
  if (type.rfind("Execution", 0) == 0) return "";
  if (fork && type.rfind("MapIteration", 0) != 0 && !open->empty()) return open->back();
  return previous;
}

}  // namespace

std::string HistoryText(const Json& history) {
  std::string out = Row("ID", "PREV", "TIMESTAMP", "TYPE", "STATE", "DETAIL");
  const Json* events = history.is_object() ? history.Find("events") : nullptr;
  if (events == nullptr || !events->is_array()) return out;
  // An event belongs to the state its own details name, else to the state
  // of the event it follows (Task*, Lambda*, Map iterations ...).
  std::unordered_map<int64_t, std::string> state_of;
  std::vector<std::string> open;  // Parallel and Map states entered, not exited
  for (const Json& event : events->AsArray()) {
    const std::string type = StringField(&event, "type");
    const Json* details = DetailsOf(event);
    const int64_t id = IntField(event, "id");
    const int64_t prev = IntField(event, "previousEventId");
    std::string state = StateOf(type, StringField(details, "name"), state_of[prev], &open);
    state_of[id] = state;
    out += Row(std::to_string(id), std::to_string(prev), asl::FormatIsoMillis(EpochMs(event)), type, state,
               Detail(type, details));
  }
  return out;
}

}  // namespace sfn::testing
