// bench/sfn_client.cc
#include "bench/sfn_client.h"

#include <httplib.h>

#include "bench/process.h"

namespace sfn::bench {

SfnClient::SfnClient(const std::string& host, int port)
    : client_(std::make_unique<httplib::Client>(host, port)) {
  client_->set_keep_alive(true);
  // Without it the request head and body go out in two segments and Nagle
  // plus delayed ACK add ~40 ms to every call.
  client_->set_tcp_nodelay(true);
  client_->set_connection_timeout(5);
  client_->set_read_timeout(60);
  client_->set_write_timeout(60);
}

SfnClient::~SfnClient() = default;

CallResult SfnClient::Call(std::string_view action, const std::string& body) {
  httplib::Headers headers = {{"X-Amz-Target", "AWSStepFunctions." + std::string(action)}};
  CallResult r;
  double t0 = NowSeconds();
  httplib::Result res = client_->Post("/", headers, body, "application/x-amz-json-1.0");
  r.seconds = NowSeconds() - t0;
  if (!res) {
    r.error = std::string(action) + ": " + httplib::to_string(res.error());
    return r;
  }
  r.status = res->status;
  r.body = std::move(res->body);
  if (r.status < 200 || r.status > 299) {
    r.error = std::string(action) + ": HTTP " + std::to_string(r.status) + ": " + r.body;
  }
  return r;
}

CallResult SfnClient::CallJson(std::string_view action, const std::string& body, Json* out) {
  CallResult r = Call(action, body);
  *out = Json();
  if (!r.ok()) return r;
  JsonParseResult parsed = ParseJson(r.body);
  if (!parsed.ok) {
    r.error = std::string(action) + ": answer is not JSON: " + r.body.substr(0, 200);
    return r;
  }
  *out = std::move(parsed.value);
  return r;
}

std::string StringMember(const Json& object, std::string_view key) {
  const Json* v = object.Find(key);
  return v && v->is_string() ? v->AsString() : std::string();
}

}  // namespace sfn::bench
