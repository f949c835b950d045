// emulator/api/server.h
//
// The HTTP front end: AWS's JSON 1.0 protocol over cpp-httplib. Every
// `POST /` (any path, any Host header: SDKs call "sync-<host>" for
// StartSyncExecution) with `X-Amz-Target: AWSStepFunctions.<Action>` goes to
// Service::Call; the region comes from the SigV4 credential scope of the
// Authorization header. Bodies over 1 MiB are refused with 413 before they
// are buffered. `GET /health` answers 200 {"status":"ok","version":...} for
// readiness probes (CI jobs, Docker HEALTHCHECK).
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
#include <memory>
#include <string>
#include <string_view>

#include "emulator/api/actions.h"

namespace sfn::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8083;  // 0: a free port chosen by the system
  std::string default_region = "us-east-1";
  std::string account = "123456789012";
  size_t max_body_bytes = 1024 * 1024;  // AWS's request size limit
  int keep_alive_seconds = 5;
  size_t max_threads = 512;  // connections served at once
  std::string version = "0.0.0";  // reported by GET /health
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
