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
#include "emulator/api/pipelining_server.h"
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

  Service* service_;
  ServerOptions options_;
  PipeliningServer http_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::atomic<bool> stopped_{false};
  std::atomic<int> in_progress_{0};  // requests being answered
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
  http_.set_payload_max_length(options_.max_body_bytes);
  // A client that asks before sending (Expect: 100-continue) learns that the
  // body is too large without sending it.
  http_.set_expect_100_continue_handler(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value<uint64_t>("Content-Length") <= options_.max_body_bytes) return 100;
        SendError(res, RequestTooLargeError());
        return 413;
      });
  http_.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok","version":")" + options_.version + R"("})",
                    "application/json");
  });
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
  // Cutting the read side also stops httplib from writing (it checks that
  // the socket is alive first), so answers in progress finish first.
  Drain(impl_->in_progress_);
  if (impl_->port_ > 0) ShutdownReadSides(impl_->port_);
}

}  // namespace sfn::emulator
