// emulator/api/response_shapes.cc
#include "emulator/api/response_shapes.h"

#include <chrono>

#include "emulator/api/api_error.h"

namespace sfn::emulator {

std::string ApiError::Type() const {
  switch (source) {
    case ErrorSource::kService:
      return "com.amazonaws.swf.service.v2.model#" + code;
    case ErrorSource::kCoralValidate:
      return "com.amazon.coral.validate#" + code;
    case ErrorSource::kCoralService:
      return "com.amazon.coral.service#" + code;
  }
  return code;
}

std::string ApiError::Body() const {
  std::string body = "{\"__type\":";
  DumpStringTo(Type(), &body);
  if (has_message) {
    body += capital_message_key ? ",\"Message\":" : ",\"message\":";
    DumpStringTo(message, &body);
  }
  return body + "}";
}

ApiError SerializationError(std::string message) {
  ApiError e;
  e.code = "SerializationException";
  e.source = ErrorSource::kCoralService;
  e.has_message = !message.empty();
  e.capital_message_key = true;
  e.message = std::move(message);
  return e;
}

ApiError UnknownOperationError() {
  ApiError e;
  e.code = "UnknownOperationException";
  e.source = ErrorSource::kCoralService;
  e.has_message = false;
  return e;
}

ApiError RequestTooLargeError() {
  ApiError e;
  e.http_status = 413;
  e.code = "RequestEntityTooLargeException";
  e.source = ErrorSource::kCoralService;
  e.message = "Request size exceeds the limit of 1048576 bytes";
  return e;
}

Json Timestamp(int64_t epoch_ms) { return Json(static_cast<double>(epoch_ms) / 1000.0); }

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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
