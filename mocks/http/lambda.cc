// mocks/http/lambda.cc
#include "mocks/http/lambda.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "asl/core/encoding.h"
#include "asl/core/uuid.h"
#include "mocks/http/aws_headers.h"

namespace sfn::mocks {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 140) return false;
  for (char c : name)
    if (!IsNameChar(c)) return false;
  return true;
}

bool ValidQualifier(std::string_view qualifier) {
  if (qualifier == "$LATEST") return true;
  if (qualifier.empty() || qualifier.size() > 128) return false;
  for (char c : qualifier)
    if (!IsNameChar(c) || c == '.') return false;
  return true;
}

// Fills name and qualifier from the trailing parts of a name or ARN.
bool SetNameAndQualifier(std::string_view name, const std::string_view* qualifier,
                         FunctionArn* function) {
  if (!ValidName(name) || (qualifier != nullptr && !ValidQualifier(*qualifier))) return false;
  function->name = std::string(name);
  if (qualifier != nullptr && *qualifier != "$LATEST")
    function->qualifier = std::string(*qualifier);
  return true;
}

// The text the AWS SDK for Java appends to a service error's message.
std::string SdkSuffix(int status, const std::string& code, const std::string& request_id) {
  return " (Service: AWSLambda; Status Code: " + std::to_string(status) + "; Error Code: " + code +
         "; Request ID: " + request_id + "; Proxy: null)";
}

AslError InvalidFunctionName(const std::string& shown_value) {
  std::string cause =
      "1 validation error detected: Value " + shown_value +
      " at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
      "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
  return AslError{"Lambda.AWSLambdaException",
                  cause + SdkSuffix(400, "ValidationException", RandomUuid())};
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string FunctionArn::Unqualified() const {
  return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + name;
}

std::string FunctionArn::Full() const {
  return qualifier.empty() ? Unqualified() : Unqualified() + ":" + qualifier;
}

std::optional<FunctionArn> ParseFunctionArn(std::string_view arn) {
  std::vector<std::string_view> parts = Split(arn, ':');
  if (parts.size() != 7 && parts.size() != 8) return std::nullopt;
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "lambda" || parts[5] != "function")
    return std::nullopt;
  FunctionArn function;
  function.partition = std::string(parts[1]);
  function.region = std::string(parts[3]);
  function.account = std::string(parts[4]);
  const std::string_view* qualifier = parts.size() == 8 ? &parts[7] : nullptr;
  if (!SetNameAndQualifier(parts[6], qualifier, &function)) return std::nullopt;
  return function;
}

Result<FunctionArn> ResolveFunctionName(const Json* function_name, std::string_view region,
                                        std::string_view account) {
  if (function_name == nullptr || !function_name->is_string()) return InvalidFunctionName("null");
  const std::string& text = function_name->AsString();
  std::string shown = "'" + text + "'";
  if (text.rfind("arn:", 0) == 0) {
    std::optional<FunctionArn> parsed = ParseFunctionArn(text);
    if (!parsed) return InvalidFunctionName(shown);
    return *parsed;
  }
  FunctionArn function;
  function.region = std::string(region);
  function.account = std::string(account);
  std::vector<std::string_view> parts = Split(text, ':');
  bool ok = false;
  if (parts.size() <= 2) {
    ok = SetNameAndQualifier(parts[0], parts.size() == 2 ? &parts[1] : nullptr, &function);
  } else if ((parts.size() == 3 || parts.size() == 4) && parts[1] == "function" &&
             IsDigits(parts[0])) {
    function.account = std::string(parts[0]);
    ok = SetNameAndQualifier(parts[2], parts.size() == 4 ? &parts[3] : nullptr, &function);
  }
  if (!ok) return InvalidFunctionName(shown);
  return function;
}

bool IsLambdaInvokeResource(std::string_view resource) {
  if (resource.rfind("arn:", 0) != 0) return false;
  size_t partition_end = resource.find(':', 4);
  if (partition_end == std::string_view::npos) return false;
  std::string_view rest = resource.substr(partition_end);
  return rest == ":states:::lambda:invoke" || rest == ":states:::lambda:invoke.waitForTaskToken";
}

Result<Json> InvokeEvent(const Json* payload) {
  if (payload == nullptr || payload->is_null()) return Json::MakeObject({});
  if (!payload->is_string()) return *payload;
  const std::string& text = payload->AsString();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Json::MakeObject({});
  JsonParseResult parsed = ParseJson(text);
  if (parsed.ok) return parsed.value;
  std::string cause =
      "Could not parse request body into json: Could not parse payload into json: " +
      parsed.error.message + " at offset " + std::to_string(parsed.error.offset);
  return AslError{"Lambda.InvalidRequestContentException",
                  cause + SdkSuffix(400, "InvalidRequestContentException", RandomUuid())};
}

std::string ExecutedVersion(const FunctionArn& function) {
  return IsDigits(function.qualifier) ? function.qualifier : "$LATEST";
}

namespace {

Json ListOf(const Json& value) { return Json::MakeArray({value}); }

// Header values that never change, built once and shared (Json is immutable).
struct InvokeConstants {
  Json keep_alive = "keep-alive";
  Json json_type = "application/json";
  Json zero = "0";
  Json latest = "$LATEST";
  Json keep_alive_list = ListOf(keep_alive);
  Json json_type_list = ListOf(json_type);
  Json zero_list = ListOf(zero);
  Json latest_list = ListOf(latest);
};

const InvokeConstants& Constants() {
  static const InvokeConstants constants;
  return constants;
}

// The Date header changes once a second: format it once a second per thread.
const Json& CurrentDate() {
  thread_local std::time_t second = -1;
  thread_local Json date;
  auto now = std::chrono::system_clock::now();
  std::time_t current = std::chrono::system_clock::to_time_t(now);
  if (current != second) {
    second = current;
    date = Json(HttpDate(now));
  }
  return date;
}

// The extra bytes of \uXXXX escapes for each non-ASCII code point of `s`
// (6 or 12 bytes in place of its 2-4 UTF-8 bytes).
size_t StringExtra(const std::string& s) {
  size_t extra = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1) extra += (n == 4 ? 12 : 6) - n;
    i += n;
  }
  return extra;
}

// Extra bytes Python's json.dumps adds over compact JSON: a space after
// every ',' and ':' between members, and the escapes of non-ASCII text.
// Through WalkJson: a result may nest deeper than the stack could recurse.
struct PythonJsonExtraCounter {
  size_t extra = 0;
  void Leaf(const Json& v, size_t) {
    if (v.is_string()) extra += StringExtra(v.AsString());
  }
  void Open(const Json&, size_t) {}
  void Item(const Json& c, size_t i, size_t) {
    if (i > 0) ++extra;                                    // ", " for ","
    if (c.is_object()) extra += 1 + StringExtra(c.AsObject()[i].first);  // ": " for ":"
  }
  void Close(const Json&, size_t) {}
};

size_t PythonJsonExtra(const Json& value) {
  PythonJsonExtraCounter counter;
  WalkJson(value, counter);
  return counter.extra;
}

// The byte length of the result as the Lambda Python runtime sends it
// (json.dumps with its default separators), as AWS's recorded responses show.
size_t JsonLength(const Json& value) {
  thread_local std::string buffer;
  buffer.clear();
  DumpTo(value, &buffer);
  return buffer.size() + PythonJsonExtra(value);
}

}  // namespace

namespace {

// The values of one invocation's response headers.
struct InvokeHeaders {
  Json request_id;
  Json length;
  Json date;
  Json trace;
  Json version;
  Json log;  // null unless LogType Tail
  bool latest = false;
};

// LogResult: base64 of the end of the function's log, as Lambda frames it.
std::string LogResult(const InvokeLog& log, const InvokeHeaders& h) {
  if (!log.base64.empty()) return log.base64;
  const std::string& id = h.request_id.AsString();
  std::string text =
      "START RequestId: " + id + " Version: " + h.version.AsString() + "\n" + log.text;
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  text += "END RequestId: " + id + "\n";
  constexpr size_t kTailBytes = 4096;
  if (text.size() > kTailBytes) text.erase(0, text.size() - kTailBytes);
  return Base64Encode(text);
}

// SdkHttpMetadata.AllHttpHeaders: every header as a list, in AWS's order.
// (Initializer lists, not emplace_back into an empty vector: GCC 12 warns
// falsely about the latter with -Warray-bounds.)
Json AllHeaders(const InvokeHeaders& h) {
  const InvokeConstants& k = Constants();
  Json::Object all = {{"X-Amz-Executed-Version", h.latest ? k.latest_list : ListOf(h.version)},
                      {"x-amzn-Remapped-Content-Length", k.zero_list},
                      {"Connection", k.keep_alive_list},
                      {"x-amzn-RequestId", ListOf(h.request_id)},
                      {"Content-Length", ListOf(h.length)},
                      {"Date", ListOf(h.date)},
                      {"X-Amzn-Trace-Id", ListOf(h.trace)},
                      {"Content-Type", k.json_type_list}};
  if (!h.log.is_null()) all.insert(all.begin(), {"X-Amz-Log-Result", ListOf(h.log)});
  return Json::MakeObject(std::move(all));
}

// SdkHttpMetadata.HttpHeaders: single values, sorted by name as AWS prints them.
Json SingleHeaders(const InvokeHeaders& h) {
  const InvokeConstants& k = Constants();
  Json::Object headers = {
      {"Connection", k.keep_alive},          {"Content-Length", h.length},
      {"Content-Type", k.json_type},         {"Date", h.date},
      {"X-Amz-Executed-Version", h.version}, {"x-amzn-Remapped-Content-Length", k.zero},
      {"x-amzn-RequestId", h.request_id},    {"X-Amzn-Trace-Id", h.trace}};
  if (!h.log.is_null()) headers.insert(headers.begin() + 5, {"X-Amz-Log-Result", h.log});
  return Json::MakeObject(std::move(headers));
}

}  // namespace

Json WrapInvokeResult(const Json& result, const std::string& executed_version,
                      const InvokeLog& log) {
  InvokeHeaders h;
  h.request_id = RandomUuid();
  h.length = std::to_string(JsonLength(result));
  h.date = CurrentDate();
  h.trace = RandomTraceId();
  h.latest = executed_version == "$LATEST";
  h.version = h.latest ? Constants().latest : Json(executed_version);
  if (log.requested) h.log = Json(LogResult(log, h));
  Json metadata = Json::MakeObject({{"AllHttpHeaders", AllHeaders(h)},
                                    {"HttpHeaders", SingleHeaders(h)},
                                    {"HttpStatusCode", 200}});
  Json::Object out = {{"ExecutedVersion", h.version}};
  if (!h.log.is_null()) out.emplace_back("LogResult", h.log);
  out.emplace_back("Payload", result);
  out.emplace_back("SdkHttpMetadata", std::move(metadata));
  out.emplace_back("SdkResponseMetadata", Json::MakeObject({{"RequestId", h.request_id}}));
  out.emplace_back("StatusCode", 200);
  return Json::MakeObject(std::move(out));
}

InvocationType ParseInvocationType(const Json* invocation_type) {
  if (invocation_type == nullptr || !invocation_type->is_string())
    return InvocationType::kRequestResponse;
  const std::string& text = invocation_type->AsString();
  if (text == "Event") return InvocationType::kEvent;
  if (text == "DryRun") return InvocationType::kDryRun;
  return InvocationType::kRequestResponse;
}

Json WrapAcceptedInvokeResult(InvocationType type) {
  const int status = type == InvocationType::kDryRun ? 204 : 202;
  const InvokeConstants& k = Constants();
  Json request_id = RandomUuid();
  Json date = CurrentDate();
  Json trace = RandomTraceId();
  Json all = Json::MakeObject({{"x-amzn-Remapped-Content-Length", k.zero_list},
                               {"Connection", k.keep_alive_list},
                               {"x-amzn-RequestId", ListOf(request_id)},
                               {"Content-Length", k.zero_list},
                               {"Date", ListOf(date)},
                               {"X-Amzn-Trace-Id", ListOf(trace)}});
  Json single = Json::MakeObject({{"Connection", k.keep_alive},
                                  {"Content-Length", k.zero},
                                  {"Date", date},
                                  {"x-amzn-Remapped-Content-Length", k.zero},
                                  {"x-amzn-RequestId", request_id},
                                  {"X-Amzn-Trace-Id", trace}});
  Json metadata = Json::MakeObject(
      {{"AllHttpHeaders", all}, {"HttpHeaders", single}, {"HttpStatusCode", status}});
  return Json::MakeObject({{"Payload", ""},
                           {"SdkHttpMetadata", metadata},
                           {"SdkResponseMetadata", Json::MakeObject({{"RequestId", request_id}})},
                           {"StatusCode", status}});
}

AslError FunctionNotFound(const FunctionArn& function) {
  std::string arn = function.Unqualified() + ":" +
                    (function.qualifier.empty() ? std::string("$LATEST") : function.qualifier);
  return AslError{
      "Lambda.ResourceNotFoundException",
      "Function not found: " + arn + SdkSuffix(404, "ResourceNotFoundException", RandomUuid())};
}

AslError FunctionError(const Json& payload) {
  const Json* type = payload.Find("errorType");
  if (type == nullptr || !type->is_string() || type->AsString().empty()) {
    std::string text = payload.is_string() ? payload.AsString() : Dump(payload);
    return AslError{"Lambda.Unknown",
                    "The cause could not be determined because Lambda did not return an error "
                    "type. Returned payload: " +
                        text};
  }
  // A handler that printed only {"errorType", "errorMessage"} gets the fields
  // a Lambda runtime adds, so that causes look like AWS's.
  if (payload.Find("requestId") != nullptr || payload.Find("stackTrace") != nullptr)
    return AslError{type->AsString(), Dump(payload)};
  Json::Object filled;
  if (const Json* message = payload.Find("errorMessage"))
    filled.emplace_back("errorMessage", *message);
  filled.emplace_back("errorType", *type);
  filled.emplace_back("requestId", RandomUuid());
  filled.emplace_back("stackTrace", Json::MakeArray({}));
  for (const auto& member : payload.AsObject())
    if (member.first != "errorMessage" && member.first != "errorType") filled.push_back(member);
  return AslError{type->AsString(), Dump(Json::MakeObject(std::move(filled)))};
}

Json FunctionTimeoutPayload(double seconds) {
  char formatted[64];
  std::snprintf(formatted, sizeof(formatted), "%.2f", seconds);
  return Json::MakeObject(
      {{"errorType", "Sandbox.Timedout"},
       {"errorMessage",
        "RequestId: " + RandomUuid() + " Error: Task timed out after " + formatted + " seconds"}});
}

AslError LambdaUnreachable(const std::string& host_port, const std::string& reason) {
  return AslError{"Lambda.SdkClientException",
                  "Unable to execute HTTP request: Connect to " + host_port + " failed: " + reason};
}

AslError LambdaServiceError(int status, std::string error_code, const std::string& message,
                            const std::string& request_id) {
  size_t colon = error_code.find(':');
  if (colon != std::string::npos) error_code.resize(colon);
  if (error_code.empty()) error_code = "ServiceException";
  const std::string suffix = "Exception";
  bool has_suffix =
      error_code.size() >= suffix.size() &&
      error_code.compare(error_code.size() - suffix.size(), suffix.size(), suffix) == 0;
  if (!has_suffix) error_code += suffix;
  return AslError{
      "Lambda." + error_code,
      message + SdkSuffix(status, error_code, request_id.empty() ? RandomUuid() : request_id)};
}

}  // namespace sfn::mocks
