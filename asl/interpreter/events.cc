// asl/interpreter/events.cc
//
// The state-level history events and their detail objects, shaped as AWS
// returns them (input/output are JSON text in a string, with
// {"truncated": false} beside).
#include "asl/interpreter/internal.h"
#include "asl/interpreter/state_io.h"

namespace sfn::asl {

bool CarriesInput(EventType type) {
  return kEventTypes[static_cast<size_t>(type)].details_key == "stateEnteredEventDetails";
}

Json StateIoDetails(EventType type, const std::string* state_name, Json text) {
  const bool input = CarriesInput(type);
  Json::Object details;
  details.reserve(3);
  if (state_name != nullptr) details.emplace_back("name", Json(*state_name));
  details.emplace_back(input ? "input" : "output", std::move(text));
  details.emplace_back(input ? "inputDetails" : "outputDetails", internal::NotTruncated());
  return Json::MakeObject(std::move(details));
}

int64_t EventSink::EmitStateIo(EventType type, const std::string& state_name, const Json& text,
                               int64_t previous_id) {
  return Emit(type, StateIoDetails(type, &state_name, text), previous_id);
}

}  // namespace sfn::asl

namespace sfn::asl::internal {

const Json& NotTruncated() {
  static const Json* value = new Json(Json::MakeObject({{"truncated", Json(false)}}));
  return *value;
}

void EmitEntered(RunState* run, EventSink* sink) {
  if (!run->input_text.is_string() && sink->WantsTexts()) run->input_text = Json(Dump(run->input));
  run->entering_cursor = run->cursor;
  run->entered_id = sink->EmitStateIo(StateEventType(run->state->type, StateEvent::kEntered),
                                      run->state->name, run->input_text, run->cursor);
  run->cursor = run->entered_id;
  run->in_state = true;
}

int64_t EmitBare(RunState* run, EventSink* sink, EventType type, bool advance) {
  int64_t id = sink->Emit(type, Json(), run->cursor);
  if (advance) run->cursor = id;
  return id;
}

int64_t EmitEvaluationFailed(RunState* run, EventSink* sink, const StateFailure& failure,
                             const std::string& cause) {
  Json::Object details;
  details.emplace_back("error", Json(failure.error.error));
  details.emplace_back("cause", Json(cause));
  if (!failure.location.empty()) details.emplace_back("location", Json(failure.location));
  details.emplace_back("state", Json(run->state->name));
  const int64_t previous = failure.after_entry ? run->cursor : run->entering_cursor;
  run->cursor =
      sink->Emit(EventType::kEvaluationFailed, Json::MakeObject(std::move(details)), previous);
  return run->cursor;
}

}  // namespace sfn::asl::internal
