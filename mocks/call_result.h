// mocks/call_result.h
//
// What one backend call (a program, an HTTP endpoint, a Lambda endpoint or a
// static answer) produced, before the router shapes it for the resource that
// was invoked: a Lambda function reports errors differently from an SQS or a
// DynamoDB call. A plain value: move it between threads freely.
#ifndef SFN_MOCKS_CALL_RESULT_H_
#define SFN_MOCKS_CALL_RESULT_H_

#include <functional>
#include <string>

#include "asl/core/json.h"

namespace sfn::mocks {

struct CallResult {
  enum class Status {
    kOk,            // `value` is the result
    kHandlerError,  // the handler reported an error document: `error_payload`
    kFailed,        // the call itself failed: error/cause are final
  };
  Status status = Status::kFailed;
  Json value;
  // kHandlerError: the handler's error document ({"errorType", "errorMessage"}
  // or {"error", "cause"}), or the raw text as a string when it was not JSON.
  Json error_payload;
  // kFailed: the error and cause. kHandlerError: the error and cause to use
  // when the payload names none.
  std::string error;
  std::string cause;
  // LogType Tail: the log a Lambda endpoint returned (base64), or the last
  // standard error output of a program (plain text), when asked for.
  std::string log_result;
  std::string log_text;
  bool timed_out = false;  // stopped by the route's own timeoutSeconds
  double timeout_seconds = 0;

  static CallResult Ok(Json value) {
    CallResult r;
    r.status = Status::kOk;
    r.value = std::move(value);
    return r;
  }
  static CallResult Failed(std::string error, std::string cause) {
    CallResult r;
    r.error = std::move(error);
    r.cause = std::move(cause);
    return r;
  }
};

using CallDone = std::function<void(CallResult)>;

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_CALL_RESULT_H_
