// emulator/api/api_error.cc
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

ApiError TooManyTagsError() {
  return ServiceError("TooManyTags", "Too many tags: a resource can have at most " +
                                         std::to_string(kMaxTagsPerResource) + " tags.");
}

ApiError RequestTooLargeError() {
  ApiError e;
  e.http_status = 413;
  e.code = "RequestEntityTooLargeException";
  e.source = ErrorSource::kCoralService;
  e.message = "Request size exceeds the limit of 1048576 bytes";
  return e;
}

}  // namespace sfn::emulator
