// emulator/api/server.cc
#include "emulator/api/server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "asl/core/uuid.h"
#include "emulator/api/api_call_log.h"
#include "emulator/api/pipelining_server.h"
#include "emulator/api/request_guard.h"
#include "emulator/api/response_shapes.h"

namespace sfn::emulator {
namespace {

constexpr std::string_view kTargetPrefix = "AWSStepFunctions.";
// How long Stop() lets requests in progress (pollers just woken, sync
// executions) finish their answers before it cuts the connections.
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr const char* kContentType = "application/x-amz-json-1.0";

// httplib's ThreadPool has a fixed size, and a keep-alive connection holds
// its thread while idle. This pool starts a thread whenever a connection
// arrives and no thread is free (up to max_threads), so idle clients never
// delay new ones. Threads stay for reuse until shutdown.
class GrowingTaskQueue : public httplib::TaskQueue {
 public:
  explicit GrowingTaskQueue(size_t max_threads) : max_threads_(max_threads) {}
  ~GrowingTaskQueue() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { Work(); });
    } else {
      cv_.notify_one();
    }
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      ++idle_;
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left to run
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const size_t max_threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  std::vector<std::thread> threads_;        // guarded by mu_ (grown in enqueue only)
  size_t idle_ = 0;                         // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
};

int LocalPort(int fd, bool* connected) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  sockaddr_storage peer{};
  socklen_t peer_len = sizeof(peer);
  *connected = getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) == 0;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return -1;
}

// httplib offers no way to reach the sockets of open connections, and an
// idle keep-alive connection waits up to its timeout before it notices the
// server stopped. Closing the read side of every socket accepted on our port
// ends those waits at once while answers still in progress can be written.
void ShutdownReadSides(int port) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return;
  std::vector<int> fds;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') fds.push_back(std::atoi(entry->d_name));
  }
  closedir(dir);
  for (int fd : fds) {
    bool connected = false;
    if (LocalPort(fd, &connected) == port && connected) shutdown(fd, SHUT_RD);
  }
}

void Send(httplib::Response& res, int status, const std::string& body,
          const std::string& error_code) {
  res.status = status;
  res.set_header("x-amzn-RequestId", RandomUuid());
  if (!error_code.empty()) res.set_header("x-amzn-ErrorType", error_code);
  res.set_content(body, kContentType);
}

void SendError(httplib::Response& res, const ApiError& e) {
  Send(res, e.http_status, e.Body(), e.code);
}

}  // namespace

std::string RegionFromAuthorization(std::string_view authorization) {
  size_t at = authorization.find("Credential=");
  if (at == std::string_view::npos) return "";
  std::string_view scope = authorization.substr(at + 11);
  scope = scope.substr(0, scope.find_first_of(", "));
  // AKID/DATE/REGION/SERVICE/aws4_request
  size_t first = scope.find('/');
  size_t second = first == std::string_view::npos ? first : scope.find('/', first + 1);
  size_t third = second == std::string_view::npos ? second : scope.find('/', second + 1);
  if (third == std::string_view::npos) return "";
  return std::string(scope.substr(second + 1, third - second - 1));
}

class Server::Impl {
 public:
  Impl(Service* service, ServerOptions options) : service_(service), options_(std::move(options)) {}

  bool Bind(std::string* error);
  void HandlePost(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader);
  void Configure();
  void InstallErrorHandler();
  void InstallObservability();
  // Refuses (403) what request_guard.h refuses; true when it did.
  bool Refuse(const httplib::Request& req, httplib::Response& res);
  void RecordCall(const httplib::Request& req, int status,
                  std::chrono::steady_clock::time_point started, std::string_view refusal);

  Service* service_;
  ServerOptions options_;
  PipeliningServer http_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::atomic<bool> stopped_{false};
  std::atomic<int> in_progress_{0};  // requests being answered
  GuardConfig guard_;
};

namespace {

// A request counts as in progress from the start of its handler until
// httplib has written its answer: httplib calls the logger after the write,
// on the connection's thread, so the handler marks the thread and the
// logger ends the count.
thread_local bool counted_on_this_thread = false;

void BeginRequest(std::atomic<int>* in_progress) {
  ++*in_progress;
  counted_on_this_thread = true;
}

void EndRequest(std::atomic<int>* in_progress) {
  if (!counted_on_this_thread) return;  // a request our handler never saw
  counted_on_this_thread = false;
  --*in_progress;
}

// Waits (bounded) until no request is being answered.
void Drain(const std::atomic<int>& in_progress) {
  const auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
  while (in_progress.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Why binding `host`:`port` fails ("Address already in use", "Cannot assign
// requested address", an unknown host name). httplib reports only that it
// failed, so the bind is tried again here to learn the system's reason.
std::string BindFailureReason(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return gai_strerror(rc);
  }
  std::string reason = "unknown error";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int sock = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (sock < 0) {
      reason = std::strerror(errno);
      continue;
    }
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    const bool bound = ::bind(sock, a->ai_addr, a->ai_addrlen) == 0;
    if (!bound) reason = std::strerror(errno);
    ::close(sock);
    if (bound) break;
  }
  freeaddrinfo(found);
  return reason;
}

}  // namespace

void Server::Impl::Configure() {
  const size_t max_threads = options_.max_threads;
  http_.new_task_queue = [max_threads] { return new GrowingTaskQueue(max_threads); };
  http_.set_tcp_nodelay(true);  // accepted sockets inherit it (Linux)
  http_.set_logger(
      [this](const httplib::Request&, const httplib::Response&) { EndRequest(&in_progress_); });
  http_.set_keep_alive_max_count(100000);
  http_.set_keep_alive_timeout(options_.keep_alive_seconds);
  // A Content-Length over this (or not a number) is refused before the body
  // is read, Expect: 100-continue or not; the error handler words it.
  http_.set_payload_max_length(options_.max_body_bytes);
  http_.set_request_timeouts(options_.header_timeout_ms, options_.body_timeout_ms);
  http_.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok","version":")" + options_.version + R"("})",
                    "application/json");
  });
  // Before the pages' catch-all: httplib takes the first route that matches.
  InstallObservability();
  if (options_.pages) {
    http_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      PageRequest page{req.path, {}};
      for (const auto& [name, value] : req.params) page.query.emplace(name, value);
      PageAnswer answer = options_.pages(page);
      res.status = answer.status;
      res.set_header("Cache-Control", "no-store");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(std::move(answer.body), answer.content_type);
    });
  }
  http_.Post(".*", [this](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) { HandlePost(req, res, reader); });
  // httplib's defaults would set SO_REUSEPORT, which lets a second server
  // share an occupied port silently; keep only SO_REUSEADDR, and remember
  // the socket to widen its listen backlog after bind.
  http_.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_ = sock;
  });
  InstallErrorHandler();
}

void Server::Impl::InstallObservability() {
  guard_.check_host = IsLoopbackBindAddress(options_.host);
  guard_.allowed_hosts = options_.allowed_hosts;
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return Refuse(req, res) ? httplib::Server::HandlerResponse::Handled
                            : httplib::Server::HandlerResponse::Unhandled;
  });
  if (options_.metrics != nullptr) {
    http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(options_.metrics->Render(), Metrics::kContentType);
    });
  }
  if (options_.watch_status) {
    http_.Get("/console/api/watch", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(options_.watch_status(), "application/json");
    });
  }
}

bool Server::Impl::Refuse(const httplib::Request& req, httplib::Response& res) {
  const auto started = std::chrono::steady_clock::now();
  GuardRequest g;
  g.method = req.method;
  const std::string host = req.get_header_value("Host");
  const std::string origin = req.get_header_value("Origin");
  const std::string content_type = req.get_header_value("Content-Type");
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  g.host = host;
  g.origin = origin;
  g.has_origin = req.has_header("Origin");
  g.content_type = content_type;
  g.sec_fetch_site = site;
  g.has_sec_fetch = req.has_header("Sec-Fetch-Site") || req.has_header("Sec-Fetch-Mode") ||
                    req.has_header("Sec-Fetch-Dest");
  std::optional<std::string> reason = RefusalReason(guard_, g);
  if (!reason) return false;
  ApiError e = ServiceError("AccessDeniedException", *reason);
  Send(res, 403, e.Body(), e.code);
  res.set_header("Connection", "close");  // its body, if any, is not read
  RecordCall(req, 403, started, *reason);
  return true;
}

void Server::Impl::RecordCall(const httplib::Request& req, int status,
                              std::chrono::steady_clock::time_point started,
                              std::string_view refusal) {
  if (options_.metrics == nullptr && options_.log == nullptr) return;
  const std::string target = req.get_header_value("X-Amz-Target");
  const std::string_view action = ActionLabel(target);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  RecordApiCall(options_.metrics, options_.log, ApiCall{action, status, micros, refusal});
}

void Server::Impl::InstallErrorHandler() {
  // Answers httplib produced itself (bad request line, unknown method or
  // path) get an AWS-shaped body too. Returning Handled for every error also
  // makes httplib send Content-Length on the paths that skip the usual
  // response preparation (the Expect: 100-continue refusal).
  http_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Handled;
        if (res.status == 413) {
          SendError(res, RequestTooLargeError());
        } else if (res.status == 404) {
          ApiError e = UnknownOperationError();
          Send(res, 404, e.Body(), e.code);
        } else {
          ApiError e = SerializationError("");
          Send(res, res.status, e.Body(), e.code);
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void Server::Impl::HandlePost(const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader) {
  BeginRequest(&in_progress_);
  // Records the request with the status it was answered with, whichever
  // way the handler returns.
  struct Recorder {
    Server::Impl* impl;
    const httplib::Request& req;
    const httplib::Response& res;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    ~Recorder() { impl->RecordCall(req, res.status, started, ""); }
  } recorder{this, req, res};
  std::string body;
  const size_t max = options_.max_body_bytes;
  bool too_large = false;
  bool ok = reader([&](const char* data, size_t len) {
    too_large = body.size() + len > max;  // bounds chunked bodies too
    if (!too_large) body.append(data, len);
    return !too_large;
  });
  if (!ok) {
    if (res.status == 413 || too_large) {
      SendError(res, RequestTooLargeError());
      res.set_header("Connection", "close");
    } else {
      SendError(res, SerializationError(""));
    }
    return;
  }
  std::string target = req.get_header_value("X-Amz-Target");
  if (target.compare(0, kTargetPrefix.size(), kTargetPrefix) != 0) {
    SendError(res, UnknownOperationError());
    return;
  }
  CallContext ctx;
  ctx.region = RegionFromAuthorization(req.get_header_value("Authorization"));
  if (ctx.region.empty()) ctx.region = options_.default_region;
  ctx.account = options_.account;
  Service::Response out =
      service_->Call(std::string_view(target).substr(kTargetPrefix.size()), body, ctx);
  Send(res, out.http_status, out.body, out.error_code);
}

bool Server::Impl::Bind(std::string* error) {
  Configure();
  if (options_.port == 0) {
    port_ = http_.bind_to_any_port(options_.host);
  } else {
    port_ = http_.bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    *error = "cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
             BindFailureReason(options_.host, options_.port);
    return false;
  }
  // httplib listens with a backlog of 5: a burst of new connections would
  // overflow it and wait for SYN retransmits (1 s and more). Linux lets a
  // second listen() raise it.
  if (listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return true;
}

Server::Server(Service* service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

Server::~Server() { Stop(); }

bool Server::Bind(std::string* error) { return impl_->Bind(error); }

int Server::port() const { return impl_->port_; }

bool Server::Run() { return impl_->http_.listen_after_bind(); }

bool Server::running() const { return impl_->http_.is_running(); }

void Server::Stop() {
  if (impl_->stopped_.exchange(true)) return;
  impl_->service_->Shutdown();
  impl_->http_.stop();
  // Cutting the read side ends each connection at its next read, so
  // answers in progress finish first.
  Drain(impl_->in_progress_);
  if (impl_->port_ > 0) ShutdownReadSides(impl_->port_);
}

}  // namespace sfn::emulator
