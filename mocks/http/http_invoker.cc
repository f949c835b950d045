// mocks/http/http_invoker.cc
#include "mocks/http/http_invoker.h"

#include <httplib.h>
#include <strings.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace sfn::mocks {
namespace {

constexpr double kDefaultTimeoutSeconds = 3600;
constexpr double kConnectTimeoutSeconds = 10;

// Lets Cancel() reach the client of a request in flight.
struct CallState {
  std::mutex mutex;
  bool cancelled = false;             // guarded by mutex
  httplib::Client* client = nullptr;  // guarded by mutex; set while sending
};

class HttpHandle : public TaskHandle {
 public:
  explicit HttpHandle(std::shared_ptr<CallState> state) : state_(std::move(state)) {}
  void Cancel() override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->cancelled = true;
    if (state_->client != nullptr) state_->client->stop();
  }

 private:
  std::shared_ptr<CallState> state_;
};

std::string DescribeError(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect";
    case httplib::Error::ConnectionTimeout:
      return "connection timed out";
    case httplib::Error::Read:
      return "no complete response (connection closed or timed out)";
    case httplib::Error::Write:
      return "could not send the request";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
      return "TLS handshake failed";
    default:
      return httplib::to_string(error);
  }
}

// For servers that send a status line without a reason phrase.
std::string ReasonPhrase(int status) {
  static const std::pair<int, const char*> kPhrases[] = {{200, "OK"},
                                                         {201, "Created"},
                                                         {202, "Accepted"},
                                                         {204, "No Content"},
                                                         {301, "Moved Permanently"},
                                                         {302, "Found"},
                                                         {304, "Not Modified"},
                                                         {400, "Bad Request"},
                                                         {401, "Unauthorized"},
                                                         {403, "Forbidden"},
                                                         {404, "Not Found"},
                                                         {405, "Method Not Allowed"},
                                                         {409, "Conflict"},
                                                         {422, "Unprocessable Entity"},
                                                         {429, "Too Many Requests"},
                                                         {500, "Internal Server Error"},
                                                         {502, "Bad Gateway"},
                                                         {503, "Service Unavailable"},
                                                         {504, "Gateway Timeout"}};
  for (const auto& [code, phrase] : kPhrases)
    if (code == status) return phrase;
  return "";
}

void SetTimeouts(httplib::Client* client, double timeout_seconds) {
  double total = timeout_seconds > 0 ? timeout_seconds : kDefaultTimeoutSeconds;
  double connect = std::min(total, kConnectTimeoutSeconds);
  auto split = [](double seconds, auto setter) {
    double whole = std::floor(seconds);
    setter(static_cast<time_t>(whole), static_cast<time_t>((seconds - whole) * 1e6));
  };
  split(connect, [&](time_t s, time_t us) { client->set_connection_timeout(s, us); });
  split(total, [&](time_t s, time_t us) { client->set_read_timeout(s, us); });
  split(total, [&](time_t s, time_t us) { client->set_write_timeout(s, us); });
}

HttpReply Send(const HttpCall& call, CallState* state) {
  HttpReply reply;
  httplib::Client client(call.url.Origin());
  client.set_keep_alive(false);
  SetTimeouts(&client, call.timeout_seconds);
  httplib::Request request;
  request.method = call.method;
  request.path = call.url.target;
  for (const auto& [name, value] : call.headers) request.headers.emplace(name, value);
  if (!call.content_type.empty()) request.headers.emplace("Content-Type", call.content_type);
  request.body = call.body;
  {
    std::lock_guard<std::mutex> lock(state->mutex);
    if (state->cancelled) return reply.cancelled = true, reply.failure = "cancelled", reply;
    state->client = &client;
  }
  httplib::Result result = client.send(request);
  {
    std::lock_guard<std::mutex> lock(state->mutex);
    state->client = nullptr;
    reply.cancelled = state->cancelled;
  }
  if (reply.cancelled) return reply.failure = "cancelled", reply;
  if (!result) return reply.failure = DescribeError(result.error()), reply;
  reply.received = true;
  reply.status = result->status;
  reply.reason = result->reason.empty() ? ReasonPhrase(result->status) : result->reason;
  for (const auto& [name, value] : result->headers) reply.headers.emplace_back(name, value);
  reply.body = std::move(result->body);
  return reply;
}

}  // namespace

const std::string* HttpReply::Header(std::string_view name) const {
  for (const auto& header : headers)
    if (header.first.size() == name.size() &&
        strncasecmp(header.first.data(), name.data(), name.size()) == 0)
      return &header.second;
  return nullptr;
}

std::unique_ptr<TaskHandle> SendHttp(IoPool* pool, HttpCall call, HttpDone done) {
  auto state = std::make_shared<CallState>();
  pool->Submit(
      [state, call = std::move(call), done = std::move(done)] { done(Send(call, state.get())); });
  return std::make_unique<HttpHandle>(std::move(state));
}

}  // namespace sfn::mocks
