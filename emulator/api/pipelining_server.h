// emulator/api/pipelining_server.h
//
// An httplib::Server that answers HTTP/1.1 pipelined requests: a client may
// send several requests on a keep-alive connection before it reads any
// answer, and each one is answered, in order.
//
// Why: httplib 0.11 serves each request of a connection with a new
// SocketStream, and that stream reads ahead up to 4 KiB from the socket
// into a buffer of its own. Bytes of the following requests read ahead with
// the current one are lost when the stream is destroyed, and the connection
// then waits for data the client has already sent. Here one
// ConnectionStream, whose read-ahead buffer lives as long as the connection,
// serves every request of the connection.
//
// It also guards the connection against clients that would hold it without
// finishing a request: a request whose Content-Length is not a number, or is
// over the payload limit, is answered at once (400 or 413, the body unread)
// and its connection closed; the request line and headers must arrive
// within the header timeout and the body within the body timeout (a
// slowloris client trickling bytes is cut off); a handler that answers with
// "Connection: close" closes the connection. A closed connection's unread
// bytes are drained (briefly) first, so that the client reads its answer
// rather than a reset.
//
// Each answer leaves in one send: httplib writes a response's headers and
// its body separately, and two sends cost a second pass through the TCP
// stack and, with TCP_NODELAY, a second segment. ConnectionStream holds a
// small write back and sends it together with the next one (sendmsg of
// both), or when the request has been answered, or before a read that has
// to wait for the socket (so a "100 Continue" is not held back).
//
// Work put off until the answer is out (DeferredWork, see
// emulator/engine/deferred_work.h: a started execution's first run of
// states) runs on the connection's thread right after each answer is sent,
// before the connection's next request is read.
//
// Threads: as httplib::Server; each connection's stream is used only by the
// pool thread that serves the connection.
#ifndef SFN_EMULATOR_API_PIPELINING_SERVER_H_
#define SFN_EMULATOR_API_PIPELINING_SERVER_H_

#include <httplib.h>

#include <cstdint>
#include <string>

namespace sfn::emulator {

// A connected socket as an httplib::Stream, with a read-ahead buffer that
// keeps what was read past the current request for the next one. Borrows
// `sock` (the caller closes it) for the stream's lifetime.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(int sock, int read_timeout_ms, int write_timeout_ms)
      : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {}

  // True once bytes are buffered or arrive within `timeout_ms` (also at end
  // of stream, which the next read reports).
  // Sends held writes before it waits.
  bool WaitReadable(int timeout_ms);
  // Reads fail once `deadline_ms` (steady clock, ms) passes; 0: no deadline.
  void SetDeadline(int64_t deadline_ms) { deadline_ms_ = deadline_ms; }
  // Whether a read failed because the deadline had passed.
  bool deadline_expired() const { return deadline_expired_; }
  // Bytes read from the socket but not yet consumed.
  size_t BufferedForTest() const { return buffer_.size() - offset_; }

  // Sends what write() holds back; false when the socket refused it.
  bool Flush();
  // Bytes written but not yet sent.
  size_t HeldForTest() const { return held_.size(); }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  // Holds a small write back (up to kHoldBytes) to send with the next one;
  // sends anything larger at once, together with what is held.
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return sock_; }

 private:
  static constexpr size_t kHoldBytes = 16384;

  // Waits for the socket (for at most timeout_ms), then receives into the
  // empty buffer: false on timeout; true at end of stream (buffer empty).
  bool Fill(int timeout_ms);
  // Sends held_ followed by [ptr, ptr + size) in one sendmsg where the
  // socket takes it all; false on error.
  bool SendAll(const char* ptr, size_t size);

  const int sock_;
  const int read_timeout_ms_;
  const int write_timeout_ms_;
  std::string buffer_;  // bytes read ahead; buffer_[offset_..] not yet consumed
  size_t offset_ = 0;
  bool at_end_ = false;     // the socket reported end of stream (or an error)
  ssize_t end_result_ = 0;  // what reads return once at_end_: 0, or -1 after an error
  std::string held_;        // written, not yet sent
  struct Address {
    // Sets ip_out and port_out, looking them up with `lookup` the first time.
    void Fill(int sock, int (*lookup)(int, sockaddr*, socklen_t*), std::string& ip_out,
              int& port_out);
    bool known = false;
    std::string ip;
    int port = 0;
  };
  mutable Address remote_, local_;  // looked up on first use
  int64_t deadline_ms_ = 0;
  bool deadline_expired_ = false;
};

// The verdict on a request's Content-Length headers given the payload limit:
// 0 (acceptable or absent), 400 (not a number, negative, or two that differ)
// or 413 (over `max_bytes`).
int ContentLengthVerdict(const httplib::Headers& headers, size_t max_bytes);

class PipeliningServer : public httplib::Server {
 public:
  PipeliningServer();
  // Time allowed for a request line and its headers, counted from the
  // request's first byte, and then for its body.
  void set_request_timeouts(int header_ms, int body_ms) {
    header_timeout_ms_ = header_ms;
    body_timeout_ms_ = body_ms;
  }
  // Runs before routing for requests the server has not already refused
  // (httplib's own setter would replace the refusal handler; this hides it).
  PipeliningServer& set_pre_routing_handler(HandlerWithResponse handler) {
    pre_routing_ = std::move(handler);
    return *this;
  }

 private:
  // Serves the requests of one accepted connection, then closes it.
  bool process_and_close_socket(int sock) override;

  int header_timeout_ms_ = 10000;
  int body_timeout_ms_ = 30000;
  HandlerWithResponse pre_routing_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_PIPELINING_SERVER_H_
