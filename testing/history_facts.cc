// testing/history_facts.cc
#include "testing/history_facts.h"

#include <string_view>
#include <unordered_map>

namespace sfn::testing {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string StringMember(const Json& object, std::string_view key) {
  const Json* value = object.is_object() ? object.Find(key) : nullptr;
  return value != nullptr && value->is_string() ? value->AsString() : std::string();
}

int64_t IntMember(const Json& object, std::string_view key) {
  const Json* value = object.Find(key);
  return value != nullptr && value->is_int() ? value->AsInt() : 0;
}

// The details object of an event: its one member whose key ends "Details".
const Json* DetailsOf(const Json& event) {
  for (const auto& [key, value] : event.AsObject()) {
    if (EndsWith(key, "Details") && value.is_object()) return &value;
  }
  return nullptr;
}

// History data is JSON text; a text that does not parse is kept as a string.
Json DataMember(const Json* details, std::string_view key) {
  if (details == nullptr) return Json();
  const Json* text = details->Find(key);
  if (text == nullptr || !text->is_string()) return Json();
  JsonParseResult parsed = ParseJson(text->AsString());
  return parsed.ok ? parsed.value : *text;
}

bool IsForkStart(std::string_view type) {
  return type == "ParallelStateStarted" || type == "MapStateStarted";
}

bool IsForkEnd(std::string_view type) {
  for (std::string_view end :
       {"ParallelStateSucceeded", "ParallelStateFailed", "ParallelStateAborted",
        "MapStateSucceeded", "MapStateFailed", "MapStateAborted"}) {
    if (type == end) return true;
  }
  return false;
}

// Walks the events once, keeping which state entry each event belongs to.
class Reader {
 public:
  void Read(const Json& event);
  HistoryFacts Take() { return std::move(facts_); }

 private:
  static constexpr long kNone = -1;
  long OwnerOf(const Json& event, std::string_view type) const;
  void Enter(const Json& event, long previous_owner, bool after_choice);

  HistoryFacts facts_;
  std::unordered_map<int64_t, long> owner_of_event_;
  std::unordered_map<int64_t, std::string> type_of_event_;
  std::unordered_map<std::string, long> latest_entry_of_name_;
  std::vector<long> open_forks_;  // the Parallel/Map entries whose branches run
  std::string last_error_;        // the latest error of any entry
};

long Reader::OwnerOf(const Json& event, std::string_view type) const {
  if (EndsWith(type, "StateExited")) {
    auto it = latest_entry_of_name_.find(StringMember(*DetailsOf(event), "name"));
    if (it != latest_entry_of_name_.end()) return it->second;
  }
  auto it = owner_of_event_.find(IntMember(event, "previousEventId"));
  return it == owner_of_event_.end() ? kNone : it->second;
}

void Reader::Enter(const Json& event, long previous_owner, bool after_choice) {
  const Json* details = DetailsOf(event);
  StateVisit visit;
  visit.name = details != nullptr ? StringMember(*details, "name") : std::string();
  visit.top_level = open_forks_.empty();
  visit.input = DataMember(details, "input");
  if (visit.top_level) facts_.path.push_back(visit.name);
  if (previous_owner != kNone) {
    const StateVisit& from = facts_.visits[previous_owner];
    facts_.transitions.push_back(
        {from.name, visit.name, after_choice, from.failing ? from.error : std::string()});
  }
  facts_.last_visit[visit.name] = facts_.visits.size();
  latest_entry_of_name_[visit.name] = static_cast<long>(facts_.visits.size());
  facts_.visits.push_back(std::move(visit));
}

void Reader::Read(const Json& event) {
  if (!event.is_object()) return;
  const std::string type = StringMember(event, "type");
  const int64_t id = IntMember(event, "id");
  type_of_event_[id] = type;
  long owner = OwnerOf(event, type);
  if (EndsWith(type, "StateEntered")) {
    auto prev_type = type_of_event_.find(IntMember(event, "previousEventId"));
    const bool after_choice =
        prev_type != type_of_event_.end() && prev_type->second == "ChoiceStateExited";
    // A branch's or iteration's first state does not follow its fork state.
    const bool follows = prev_type != type_of_event_.end() && !IsForkStart(prev_type->second) &&
                         prev_type->second != "MapIterationStarted" &&
                         prev_type->second != "ExecutionStarted";
    Enter(event, follows ? owner : kNone, after_choice);
    owner = static_cast<long>(facts_.visits.size()) - 1;
  } else if (IsForkStart(type)) {
    open_forks_.push_back(owner);
  } else if (IsForkEnd(type) && !open_forks_.empty()) {
    owner = open_forks_.back();
    open_forks_.pop_back();
  }
  owner_of_event_[id] = owner;
  if (owner == kNone) return;
  StateVisit& visit = facts_.visits[owner];
  const Json* details = DetailsOf(event);
  if (EndsWith(type, "Scheduled")) ++visit.attempts;
  if (EndsWith(type, "Scheduled") || EndsWith(type, "Succeeded")) visit.failing = false;
  if (EndsWith(type, "StateExited")) visit.output = DataMember(details, "output");
  std::string error = details != nullptr ? StringMember(*details, "error") : "";
  // A failed Parallel or Map records no error of its own: it fails with
  // the error of the branch or iteration that failed, the latest one seen.
  if (error.empty() && (type == "ParallelStateFailed" || type == "MapStateFailed")) {
    error = last_error_;
  }
  if (!error.empty()) last_error_ = error;
  if (!error.empty()) {
    visit.error = error;
    visit.errors.push_back(error);
    visit.failing = true;
  }
}

}  // namespace

HistoryFacts ReadHistoryFacts(const Json& events) {
  const Json* list = &events;
  if (events.is_object()) {
    list = events.Find("events");
    if (list == nullptr) return {};
  }
  if (!list->is_array()) return {};
  Reader reader;
  for (const Json& event : list->AsArray()) reader.Read(event);
  return reader.Take();
}

}  // namespace sfn::testing
