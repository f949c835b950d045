// emulator/api/pipelining_server.cc
#include "emulator/api/pipelining_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string_view>

#include "emulator/engine/deferred_work.h"

namespace sfn::emulator {

namespace {

constexpr size_t kReadAhead = 4096;
// How long a closing connection's unread bytes are drained.
constexpr int kLingerMs = 2000;

// What the refusal and routing hooks (installed once, server-wide) learn
// about the connection being served on their thread.
struct ConnectionState {
  int refused_status = 0;  // set before routing: answer with this, unread
  bool close = false;      // the answer says "Connection: close"
};
thread_local ConnectionState* current_connection = nullptr;

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Poll(int sock, short events, int timeout_ms) {
  pollfd p{sock, events, 0};
  int n;
  do {
    n = ::poll(&p, 1, timeout_ms);
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

// Alive unless the peer closed (or the read side was shut down) with
// nothing left to read: a pending byte or an empty queue both mean alive.
bool PeerAlive(int sock) {
  if (!Poll(sock, POLLIN, 0)) return true;
  char byte;
  return ::recv(sock, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

void IpAndPort(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
    port = ntohs(in6->sin6_port);
  }
  ip = text;
}

int Millis(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

// Stops writing, then reads and drops what the client still sends (for a
// bounded time) before the caller closes, so that the client reads our last
// answer instead of a reset caused by unread bytes.
void DrainBeforeClose(int sock) {
  ::shutdown(sock, SHUT_WR);
  const int64_t deadline = SteadyMs() + kLingerMs;
  char buffer[16384];
  for (int64_t left = kLingerMs; left > 0; left = deadline - SteadyMs()) {
    if (!Poll(sock, POLLIN, static_cast<int>(left))) return;
    if (::recv(sock, buffer, sizeof(buffer), 0) <= 0) return;
  }
}

}  // namespace

bool ConnectionStream::WaitReadable(int timeout_ms) {
  if (offset_ < buffer_.size() || at_end_) return true;
  if (!Flush()) return true;  // at_end_ now: the next read reports the error
  return Fill(timeout_ms);
}

// httplib's interface is const; waiting also sends held writes (a client
// waits for them before it sends more), which changes what the stream holds.
bool ConnectionStream::is_readable() const {
  return const_cast<ConnectionStream*>(this)->WaitReadable(read_timeout_ms_);
}

bool ConnectionStream::is_writable() const {
  return Poll(sock_, POLLOUT, write_timeout_ms_) && PeerAlive(sock_);
}

bool ConnectionStream::Fill(int timeout_ms) {
  if (!Poll(sock_, POLLIN, timeout_ms)) return false;
  buffer_.resize(kReadAhead);
  ssize_t n;
  do {
    n = ::recv(sock_, buffer_.data(), kReadAhead, 0);
  } while (n < 0 && errno == EINTR);
  buffer_.resize(n > 0 ? static_cast<size_t>(n) : 0);
  offset_ = 0;
  if (n <= 0) {
    at_end_ = true;
    end_result_ = n < 0 ? -1 : 0;
  }
  return true;
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (offset_ == buffer_.size() && !at_end_) {
    int timeout_ms = read_timeout_ms_;
    if (deadline_ms_ > 0) {
      const int64_t left = deadline_ms_ - SteadyMs();
      timeout_ms = static_cast<int>(std::clamp<int64_t>(left, 0, timeout_ms));
    }
    if (Flush() && !Fill(timeout_ms)) {
      deadline_expired_ = deadline_ms_ > 0 && SteadyMs() >= deadline_ms_;
      return -1;
    }
  }
  if (offset_ == buffer_.size()) return end_result_;
  const size_t n = std::min(size, buffer_.size() - offset_);
  std::memcpy(ptr, buffer_.data() + offset_, n);
  offset_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (at_end_ && end_result_ < 0) return -1;
  if (held_.empty() && size <= kHoldBytes) {
    held_.assign(ptr, size);
    return static_cast<ssize_t>(size);
  }
  return SendAll(ptr, size) ? static_cast<ssize_t>(size) : -1;
}

bool ConnectionStream::Flush() { return held_.empty() || SendAll(nullptr, 0); }

bool ConnectionStream::SendAll(const char* ptr, size_t size) {
  iovec iov[2] = {{held_.data(), held_.size()}, {const_cast<char*>(ptr), size}};
  iovec* next = iov;
  int count = 2;
  while (count > 0 && next->iov_len == 0) ++next, --count;
  while (count > 0) {
    msghdr msg{};
    msg.msg_iov = next;
    msg.msg_iovlen = static_cast<size_t>(count);
    // Blocking: httplib gives the socket a send timeout (SO_SNDTIMEO).
    const ssize_t n = ::sendmsg(sock_, &msg, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      held_.clear();
      at_end_ = true;
      end_result_ = -1;
      return false;
    }
    for (size_t sent = static_cast<size_t>(n); sent > 0;) {
      const size_t step = std::min(sent, next->iov_len);
      next->iov_base = static_cast<char*>(next->iov_base) + step;
      next->iov_len -= step;
      sent -= step;
      if (next->iov_len == 0) ++next, --count;
    }
    while (count > 0 && next->iov_len == 0) ++next, --count;
  }
  held_.clear();
  return true;
}

// httplib asks for both addresses on every request; they are the
// connection's, so each is looked up once (two system calls saved a request).
void ConnectionStream::Address::Fill(int sock, int (*lookup)(int, sockaddr*, socklen_t*),
                                     std::string& ip_out, int& port_out) {
  if (!known) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (lookup(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) IpAndPort(addr, ip, port);
    known = true;
  }
  ip_out = ip;
  port_out = port;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  remote_.Fill(sock_, &getpeername, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  local_.Fill(sock_, &getsockname, ip, port);
}

int ContentLengthVerdict(const httplib::Headers& headers, size_t max_bytes) {
  auto [begin, end] = headers.equal_range("Content-Length");
  if (begin == end) return 0;
  const std::string& first = begin->second;
  for (auto it = begin; it != end; ++it) {
    const std::string& value = it->second;
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) return 400;
    if (value != first) return 400;  // two lengths: which one frames the body?
  }
  const size_t significant = first.find_first_not_of('0');
  if (significant == std::string::npos) return 0;
  const std::string_view digits = std::string_view(first).substr(significant);
  if (digits.size() > 19) return 413;  // beyond any size_t limit
  return std::stoull(std::string(digits)) > max_bytes ? 413 : 0;
}

PipeliningServer::PipeliningServer() {
  httplib::Server::set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (current_connection != nullptr && current_connection->refused_status != 0) {
          res.status = current_connection->refused_status;
          return HandlerResponse::Handled;  // the error handler words the answer
        }
        return pre_routing_ ? pre_routing_(req, res) : HandlerResponse::Unhandled;
      });
  set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (current_connection == nullptr || res.get_header_value("Connection") != "close") return;
    current_connection->close = true;
    res.headers.erase("Keep-Alive");  // httplib adds it unless the request said close
  });
}

bool PipeliningServer::process_and_close_socket(int sock) {
  ConnectionStream stream(sock, Millis(read_timeout_sec_, read_timeout_usec_),
                          Millis(write_timeout_sec_, write_timeout_usec_));
  ConnectionState state;
  current_connection = &state;
  DeferredWork after_answer;  // runs what a request put off once it is answered
  // Runs once a request's headers are read, before its body is.
  auto check_headers = [&](httplib::Request& req) {
    stream.SetDeadline(SteadyMs() + body_timeout_ms_);
    state.refused_status = ContentLengthVerdict(req.headers, payload_max_length_);
    if (state.refused_status == 0) return;
    req.headers.erase("Expect");  // no "100 Continue": the body is not wanted
    req.headers.erase("Connection");
    req.set_header("Connection", "close");
  };
  const int keep_alive_ms = static_cast<int>(keep_alive_timeout_sec_ * 1000);
  bool ok = false;
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (svr_sock_ == INVALID_SOCKET || !stream.WaitReadable(keep_alive_ms)) break;
    stream.SetDeadline(SteadyMs() + header_timeout_ms_);
    bool connection_closed = false;
    ok = process_request(stream, /*close_connection=*/left == 1, connection_closed, check_headers);
    ok = stream.Flush() && ok;
    after_answer.RunAll();
    stream.SetDeadline(0);
    if (!ok || connection_closed || state.close || stream.deadline_expired()) break;
  }
  current_connection = nullptr;
  if (state.close) DrainBeforeClose(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace sfn::emulator
