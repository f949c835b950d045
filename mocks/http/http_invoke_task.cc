// mocks/http/http_invoke_task.cc
//
// arn:aws:states:::http:invoke: the request builder and reply interpreter
// declared in http_calls.h.
#include <strings.h>

#include <algorithm>
#include <vector>

#include "mocks/http/http_client.h"

namespace sfn::mocks {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

const char kInvalid[] = "States.Runtime";

std::string Stringify(const Json& value) {
  return value.is_string() ? value.AsString() : Dump(value);
}

// Flattens `value` into form/query pairs ("a[b]=1"), arrays as
// `array_format` says, in document order. The parts still to flatten wait on
// the heap: a body taken from the input may nest deeper than the stack
// could recurse.
void Flatten(const Json& value, const std::string& array_format, Pairs* out) {
  std::vector<std::pair<std::string, const Json*>> pending;
  pending.emplace_back("", &value);
  while (!pending.empty()) {
    auto [key, next] = std::move(pending.back());
    pending.pop_back();
    if (next->is_object()) {
      const Json::Object& members = next->AsObject();
      for (auto it = members.rbegin(); it != members.rend(); ++it)
        pending.emplace_back(key.empty() ? it->first : key + "[" + it->first + "]", &it->second);
    } else if (!next->is_array()) {
      out->emplace_back(key, Stringify(*next));
    } else if (array_format == "COMMAS") {
      std::string joined;
      for (const Json& item : next->AsArray())
        joined += (joined.empty() ? "" : ",") + Stringify(item);
      out->emplace_back(key, joined);
    } else {
      for (size_t i = next->size(); i-- > 0;) {
        std::string name = key;
        if (array_format == "BRACKETS") name += "[]";
        if (array_format == "INDICES") name += "[" + std::to_string(i) + "]";
        pending.emplace_back(std::move(name), &next->AsArray()[i]);
      }
    }
  }
}

std::string Encode(const Pairs& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += PercentEncode(name) + "=" + PercentEncode(value);
  }
  return out;
}

std::string ArrayFormat(const Json& parameters) {
  const Json* transform = parameters.Find("Transform");
  const Json* options = transform != nullptr ? transform->Find("RequestEncodingOptions") : nullptr;
  const Json* format = options != nullptr ? options->Find("ArrayFormat") : nullptr;
  return format != nullptr && format->is_string() ? format->AsString() : "INDICES";
}

bool UrlEncodedBody(const Json& parameters) {
  const Json* transform = parameters.Find("Transform");
  const Json* encoding = transform != nullptr ? transform->Find("RequestBodyEncoding") : nullptr;
  return encoding != nullptr && encoding->is_string() && encoding->AsString() == "URL_ENCODED";
}

bool HasHeader(const HttpCall& call, const char* name) {
  for (const auto& header : call.headers)
    if (strcasecmp(header.first.c_str(), name) == 0) return true;
  return false;
}

void SetBody(const Json& parameters, HttpCall* call) {
  const Json* body = parameters.Find("RequestBody");
  if (body == nullptr) return;
  if (UrlEncodedBody(parameters) && body->is_object()) {
    Pairs pairs;
    Flatten(*body, ArrayFormat(parameters), &pairs);
    call->body = Encode(pairs);
    call->content_type = "application/x-www-form-urlencoded";
  } else {
    call->body = body->is_string() ? body->AsString() : Dump(*body);
    call->content_type = body->is_string() ? "text/plain" : "application/json";
  }
  if (HasHeader(*call, "Content-Type")) call->content_type.clear();
}

Json ResponseHeaders(const HttpReply& reply) {
  Json::Object headers;
  for (const auto& [name, value] : reply.headers) {
    // `key`, not `name`: clang before 16 cannot capture a structured binding.
    const std::string& key = name;
    auto it = std::find_if(headers.begin(), headers.end(),
                           [&key](const Json::Member& m) { return m.first == key; });
    if (it == headers.end()) {
      headers.emplace_back(name, Json::MakeArray({Json(value)}));
    } else {
      Json::Array values = it->second.AsArray();
      values.emplace_back(value);
      it->second = Json::MakeArray(std::move(values));
    }
  }
  return Json::MakeObject(std::move(headers));
}

Json ResponseBody(const HttpReply& reply) {
  const std::string* type = reply.Header("Content-Type");
  if (type != nullptr && type->find("json") != std::string::npos) {
    JsonParseResult parsed = ParseJson(reply.body);
    if (parsed.ok) return parsed.value;
  }
  return Json(reply.body);
}

}  // namespace

Result<HttpCall> MakeHttpTaskCall(const Json& parameters, double timeout_seconds) {
  const Json* endpoint = parameters.Find("ApiEndpoint");
  const Json* method = parameters.Find("Method");
  if (endpoint == nullptr || !endpoint->is_string() || !ParseUrl(endpoint->AsString()))
    return AslError{kInvalid,
                    "The http:invoke parameter 'ApiEndpoint' must be an http:// or "
                    "https:// URL"};
  if (method == nullptr || !method->is_string() || method->AsString().empty())
    return AslError{kInvalid, "The http:invoke parameter 'Method' must be a string"};
  HttpCall call;
  call.url = *ParseUrl(endpoint->AsString());
  call.method = method->AsString();
  std::transform(call.method.begin(), call.method.end(), call.method.begin(), ::toupper);
  call.timeout_seconds = timeout_seconds;
  if (const Json* headers = parameters.Find("Headers"); headers != nullptr && headers->is_object())
    for (const auto& [name, value] : headers->AsObject())
      call.headers.emplace_back(name, Stringify(value));
  if (const Json* query = parameters.Find("QueryParameters");
      query != nullptr && query->is_object()) {
    Pairs pairs;
    Flatten(*query, "REPEAT", &pairs);
    if (!pairs.empty())
      call.url.target +=
          (call.url.target.find('?') == std::string::npos ? "?" : "&") + Encode(pairs);
  }
  SetBody(parameters, &call);
  return call;
}

CallResult InterpretHttpTaskReply(const HttpReply& reply, const std::string& url) {
  if (reply.cancelled) return CallResult::Failed("States.TaskFailed", "The task was cancelled");
  if (!reply.received)
    return CallResult::Failed("States.Http.Socket",
                              "Could not reach " + url + ": " + reply.failure);
  Json shape = Json::MakeObject({{"Headers", ResponseHeaders(reply)},
                                 {"ResponseBody", ResponseBody(reply)},
                                 {"StatusCode", reply.status},
                                 {"StatusText", reply.reason}});
  if (reply.status >= 200 && reply.status < 300) return CallResult::Ok(std::move(shape));
  return CallResult::Failed("States.Http.StatusCode." + std::to_string(reply.status), Dump(shape));
}

}  // namespace sfn::mocks
