// bench/sfn_client.h
//
// The load client: one keep-alive HTTP/1.1 connection to an sfn-local
// server, speaking AWS JSON 1.0 (POST /, X-Amz-Target:
// AWSStepFunctions.<Action>, Content-Type application/x-amz-json-1.0) as the
// AWS SDKs do. Each call is timed. One SfnClient per thread; it is not
// thread-safe.
#ifndef SFN_BENCH_SFN_CLIENT_H_
#define SFN_BENCH_SFN_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>

#include "asl/core/json.h"

namespace httplib {
class Client;
}

namespace sfn::bench {

struct CallResult {
  int status = 0;        // HTTP status; 0 on a transport error
  std::string body;
  std::string error;     // transport error, or "HTTP <status>: <body>" for non-2xx
  double seconds = 0;    // round trip
  bool ok() const { return error.empty(); }
};

class SfnClient {
 public:
  SfnClient(const std::string& host, int port);
  ~SfnClient();
  SfnClient(const SfnClient&) = delete;
  SfnClient& operator=(const SfnClient&) = delete;

  // Sends `body` (a JSON object's text) as `action` ("StartExecution").
  CallResult Call(std::string_view action, const std::string& body);
  // Same, and parses a successful answer into *out (null on failure).
  CallResult CallJson(std::string_view action, const std::string& body, Json* out);

 private:
  std::unique_ptr<httplib::Client> client_;
};

// The string member `key` of `object`, or "" when absent.
std::string StringMember(const Json& object, std::string_view key);

}  // namespace sfn::bench

#endif  // SFN_BENCH_SFN_CLIENT_H_
