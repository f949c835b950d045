// console/api_reader.cc
#include "console/api_reader.h"

#include <utility>

namespace sfn::console {

ApiAnswer ApiReader::Call(std::string_view action, const Json& request) const {
  emulator::Service::Response r = service_->Call(action, Dump(request), context_);
  ApiAnswer answer;
  answer.http_status = r.http_status;
  answer.body = std::move(r.body);
  if (answer.ok()) {
    JsonParseResult parsed = ParseJson(answer.body);
    answer.value = parsed.ok ? std::move(parsed.value) : Json();
  }
  return answer;
}

ApiAnswer ApiReader::History(const std::string& execution_arn) const {
  Json::Array events;
  std::string token;
  for (;;) {
    Json::Object request;
    request.emplace_back("executionArn", Json(execution_arn));
    request.emplace_back("maxResults", Json(1000));
    if (!token.empty()) request.emplace_back("nextToken", Json(token));
    ApiAnswer page = Call("GetExecutionHistory", Json::MakeObject(std::move(request)));
    if (!page.ok()) return page;
    if (const Json* list = page.value.Find("events"); list != nullptr && list->is_array()) {
      events.insert(events.end(), list->AsArray().begin(), list->AsArray().end());
    }
    const Json* next = page.value.Find("nextToken");
    if (next == nullptr || !next->is_string() || next->AsString().empty()) break;
    token = next->AsString();
  }
  ApiAnswer all;
  all.value = Json::MakeArray(std::move(events));
  return all;
}

}  // namespace sfn::console
