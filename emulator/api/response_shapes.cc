// emulator/api/response_shapes.cc
#include "emulator/api/response_shapes.h"

namespace sfn::emulator {

Json Timestamp(int64_t epoch_ms) { return Json(static_cast<double>(epoch_ms) / 1000.0); }

Json RenderHistoryEvent(const HistoryEvent& event, bool include_execution_data) {
  ObjectBuilder b;
  b.Add("timestamp", Timestamp(event.timestamp_ms))
      .Add("type", Json(asl::EventTypeName(event.type)))
      .Add("id", Json(event.id))
      .Add("previousEventId", Json(event.previous_event_id));
  const std::string_view details_key = asl::EventDetailsKey(event.type);
  if (!details_key.empty()) {
    Json details = event.details;
    if (!include_execution_data && details.is_object()) {
      Json::Object kept;
      for (const auto& [key, value] : details.AsObject())
        if (key != "input" && key != "output") kept.emplace_back(key, value);
      details = Json::MakeObject(std::move(kept));
    }
    b.Add(details_key, details.is_null() ? Json::MakeObject({}) : details);
  }
  return b.Build();
}

}  // namespace sfn::emulator
