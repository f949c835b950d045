// emulator/api/api_error.h
//
// ApiError: an error answer of the Step Functions API, as AWS's JSON 1.0
// protocol sends it (HTTP status, `__type` with its namespace, message), and
// ApiResult, the value-or-error every action returns. Plain values: copy
// them freely between threads.
//
// AWS answers from two layers with different namespaces: the service's own
// exceptions (`com.amazonaws.swf.service.v2.model#InvalidArn`) and the
// protocol front end, Coral (`com.amazon.coral.validate#ValidationException`,
// `com.amazon.coral.service#SerializationException`, ...). Coral's
// SerializationException spells its message key "Message" and its
// UnknownOperationException has no message at all; both are kept here so the
// body can be rendered byte for byte.
#ifndef SFN_EMULATOR_API_API_ERROR_H_
#define SFN_EMULATOR_API_API_ERROR_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "asl/core/json.h"

namespace sfn::emulator {

enum class ErrorSource {
  kService,        // com.amazonaws.swf.service.v2.model
  kCoralValidate,  // com.amazon.coral.validate
  kCoralService,   // com.amazon.coral.service
};

struct ApiError {
  int http_status = 400;
  std::string code;     // "InvalidArn", "ValidationException", ...
  std::string message;  // AWS's exact text
  ErrorSource source = ErrorSource::kService;
  bool has_message = true;
  bool capital_message_key = false;  // {"Message": ...} instead of {"message": ...}

  // The `__type` value: "<namespace>#<code>".
  std::string Type() const;
  // The response body: {"__type": ..., "message": ...}.
  std::string Body() const;
};

// A service exception (HTTP 400, service namespace).
inline ApiError ServiceError(std::string code, std::string message) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

// Coral's model-constraint violation; `message` is the whole
// "1 validation error detected: ..." text, or a service-specific sentence.
inline ApiError ValidationError(std::string message) {
  ApiError e;
  e.code = "ValidationException";
  e.message = std::move(message);
  e.source = ErrorSource::kCoralValidate;
  return e;
}

// Coral's deserialization failure. An empty message means AWS sends none
// (a body that is not JSON at all).
ApiError SerializationError(std::string message);

// X-Amz-Target names no operation of the service.
ApiError UnknownOperationError();

// The request body is larger than the 1 MiB the service accepts.
ApiError RequestTooLargeError();

// AWS's quota of tags per resource (state machine, alias, activity), and
// the error for a request that would pass it.
inline constexpr size_t kMaxTagsPerResource = 50;
ApiError TooManyTagsError();

// What an action answers: a JSON object, the text of one (an answer kept
// from an earlier request), or an error.
class ApiResult {
 public:
  using Text = std::shared_ptr<const std::string>;
  ApiResult(Json value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  ApiResult(ApiError error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  ApiResult(Text text) : v_(std::move(text)) {}        // NOLINT: implicit by design

  bool ok() const { return v_.index() != 1; }
  // The answer's text: the value serialized, or the text as given.
  std::string Serialized() const { return v_.index() == 2 ? *std::get<2>(v_) : Dump(value()); }
  const Json& value() const { return std::get<0>(v_); }  // not for a Text
  const ApiError& error() const { return std::get<1>(v_); }

 private:
  std::variant<Json, ApiError, Text> v_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_API_ERROR_H_
