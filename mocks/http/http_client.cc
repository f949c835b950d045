// mocks/http/http_client.cc
#include "mocks/http/http_client.h"

#include <strings.h>

#include <vector>

namespace sfn::mocks {
namespace {

constexpr size_t kMaxCauseBytes = 32768;  // SendTaskFailure's cause limit

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string Cut(std::string_view text) {
  return std::string(text.substr(0, std::min(text.size(), kMaxCauseBytes)));
}

bool Is2xx(int status) { return status >= 200 && status < 300; }

CallResult Cancelled() { return CallResult::Failed("States.TaskFailed", "The task was cancelled"); }

// The body as JSON; a string holding the text when it is not JSON.
Json BodyValue(const std::string& body) {
  std::string_view text = Trim(body);
  if (text.empty()) return Json();
  JsonParseResult parsed = ParseJson(text);
  return parsed.ok ? parsed.value : Json(body);
}

const std::string* StringMember(const Json& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const Json* value = object.Find(key);
    if (value != nullptr && value->is_string()) return &value->AsString();
  }
  return nullptr;
}

}  // namespace

HttpCall MakeRoutePost(const Route& route, const Json& input, const asl::TaskCall& request) {
  HttpCall call;
  call.url = *ParseUrl(route.url);  // validated when the routes were loaded
  call.body = Dump(input);
  call.content_type = "application/json";
  call.timeout_seconds = route.timeout_seconds;
  call.headers = {{"X-Sfn-Resource", request.resource},
                  {"X-Sfn-State-Name", request.caller.state_name},
                  {"X-Sfn-Execution-Arn", request.caller.execution_arn},
                  {"X-Sfn-Attempt", std::to_string(request.attempt)}};
  if (!request.task_token.empty())
    call.headers.emplace_back("X-Sfn-Task-Token", request.task_token);
  return call;
}

CallResult InterpretRouteReply(const HttpReply& reply, const std::string& url) {
  if (reply.cancelled) return Cancelled();
  if (!reply.received)
    return CallResult::Failed("States.TaskFailed", "Could not reach " + url + ": " + reply.failure);
  if (Is2xx(reply.status)) {
    std::string_view text = Trim(reply.body);
    if (text.empty()) return CallResult::Ok(Json());
    JsonParseResult parsed = ParseJson(text);
    if (parsed.ok) return CallResult::Ok(std::move(parsed.value));
    return CallResult::Failed("States.TaskFailed",
                              url + " answered with a body that is not valid JSON (" +
                                  parsed.error.message + " at offset " +
                                  std::to_string(parsed.error.offset) + "): " + Cut(text));
  }
  CallResult result;
  result.status = CallResult::Status::kHandlerError;
  result.error = "States.TaskFailed";
  result.cause = url + " answered HTTP " + std::to_string(reply.status) + " " + reply.reason;
  if (!Trim(reply.body).empty()) result.cause += ": " + Cut(Trim(reply.body));
  result.error_payload = BodyValue(reply.body);
  if (result.error_payload.is_null()) result.error_payload = Json(result.cause);
  return result;
}

HttpCall MakeLambdaInvoke(const Route& route, const FunctionArn& function, const Json& event,
                          bool log_tail) {
  HttpCall call;
  call.url = *ParseUrl(route.url);
  std::string base = call.url.target;
  size_t query = base.find('?');
  if (query != std::string::npos) base.resize(query);
  while (!base.empty() && base.back() == '/') base.pop_back();
  call.url.target = base + "/2015-03-31/functions/" + PercentEncode(function.name) + "/invocations";
  if (!function.qualifier.empty())
    call.url.target += "?Qualifier=" + PercentEncode(function.qualifier);
  call.body = Dump(event);
  call.content_type = "application/json";
  call.timeout_seconds = route.timeout_seconds;
  call.headers = {{"X-Amz-Invocation-Type", "RequestResponse"}};
  if (log_tail) call.headers.emplace_back("X-Amz-Log-Type", "Tail");
  return call;
}

CallResult InterpretLambdaReply(const HttpReply& reply, const Url& endpoint) {
  if (reply.cancelled) return Cancelled();
  if (!reply.received) {
    AslError error = LambdaUnreachable(endpoint.HostPort(), reply.failure);
    return CallResult::Failed(error.error, error.cause);
  }
  if (!Is2xx(reply.status)) {
    Json body = BodyValue(reply.body);
    const std::string* code = reply.Header("x-amzn-ErrorType");
    if (code == nullptr) code = StringMember(body, {"__type", "Type"});
    const std::string* message = StringMember(body, {"message", "Message", "errorMessage"});
    const std::string* request_id = reply.Header("x-amzn-RequestId");
    AslError error = LambdaServiceError(reply.status, code ? *code : "",
                                        message ? *message : Cut(Trim(reply.body)),
                                        request_id ? *request_id : "");
    return CallResult::Failed(error.error, error.cause);
  }
  CallResult result;
  if (reply.Header("X-Amz-Function-Error") != nullptr) {
    result.status = CallResult::Status::kHandlerError;
    result.error_payload = BodyValue(reply.body);
  } else {
    result = CallResult::Ok(BodyValue(reply.body));
  }
  if (const std::string* log = reply.Header("X-Amz-Log-Result")) result.log_result = *log;
  return result;
}

}  // namespace sfn::mocks
