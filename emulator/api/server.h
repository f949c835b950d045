// emulator/api/server.h
//
// The HTTP front end: AWS's JSON 1.0 protocol over cpp-httplib. Every
// `POST /` (any path, any Host header: SDKs call "sync-<host>" for
// StartSyncExecution) with `X-Amz-Target: AWSStepFunctions.<Action>` goes to
// Service::Call; the region comes from the SigV4 credential scope of the
// Authorization header. A Content-Length over 1 MiB is refused with 413, one
// that is not a number with 400, at once and without reading the body.
// `GET /health` answers 200 {"status":"ok","version":...} for readiness
// probes (CI jobs, Docker HEALTHCHECK). Other GET requests go to
// ServerOptions::pages when set (the web console, cli wires it), else 404.
// `GET /metrics` serves the Prometheus exposition when ServerOptions::metrics
// is set. Every request first passes the guard of emulator/api/request_guard.h
// (DNS rebinding, cross-site and form posts are refused with 403 and a JSON
// reason).
//
// Threads: Run() blocks in the accept loop; each connection is served on a
// pool thread, and the pool grows (up to a bound) whenever every thread is
// busy, so idle keep-alive connections cannot starve new requests. Stop() may
// be called from any thread; it stops accepting, wakes idle keep-alive
// connections and makes Run() return promptly. The Server borrows its
// Service, which must outlive it.
#ifndef SFN_EMULATOR_API_SERVER_H_
#define SFN_EMULATOR_API_SERVER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/actions.h"
#include "emulator/records/metrics.h"
#include "emulator/records/server_log.h"

namespace sfn::emulator {

// A GET request for a page, without HTTP library types: the path and the
// decoded query parameters (the first value of each name).
struct PageRequest {
  std::string path;
  std::map<std::string, std::string> query;
};
struct PageAnswer {
  int status = 404;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};
// Called on server threads, concurrently.
using PageHandler = std::function<PageAnswer(const PageRequest&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8083;  // 0: a free port chosen by the system
  std::string default_region = "us-east-1";
  std::string account = "123456789012";
  size_t max_body_bytes = 1024 * 1024;  // AWS's request size limit
  int keep_alive_seconds = 5;
  // Connections served at once. Each holds a thread (GetActivityTask long
  // polls included: up to 1,000 may wait), so the bound is well above
  // AWS's 1,000 pollers plus a few hundred idle or slow clients.
  size_t max_threads = 2048;
  // A request line and headers must arrive within header_timeout_ms of the
  // request's first byte, then its body within body_timeout_ms (slowloris).
  int header_timeout_ms = 10000;
  int body_timeout_ms = 30000;
  std::string version = "0.0.0";  // reported by GET /health
  PageHandler pages;  // unset: GET answers 404 (except /health)
  // Observability and safety; all optional (borrowed, must outlive the
  // Server). `metrics`: served at GET /metrics and told every API request;
  // `log`: one line per API request (debug; refusals warn, 5xx error).
  Metrics* metrics = nullptr;
  ServerLog* log = nullptr;
  // Host names answered besides loopback ones while bound to a loopback
  // address (--allow-host); see emulator/api/request_guard.h.
  std::vector<std::string> allowed_hosts;
  // Set: GET /console/api/watch answers its JSON (serve --watch).
  std::function<std::string()> watch_status;
};

class Server {
 public:
  Server(Service* service, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. False (with `error` set) when it cannot.
  bool Bind(std::string* error);
  // The bound port (after Bind), the real one when the options said 0.
  int port() const;
  // Serves until Stop() is called. Returns false if the accept loop failed.
  bool Run();
  // True once Run() accepts connections (a Stop() before that point would
  // not end it: wait for this before relying on Stop()).
  bool running() const;
  // Stops serving; safe from any thread and more than once.
  void Stop();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The region of a SigV4 Authorization header's credential scope
// ("Credential=AKID/20260101/eu-west-1/states/aws4_request"), or "".
std::string RegionFromAuthorization(std::string_view authorization);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_SERVER_H_
