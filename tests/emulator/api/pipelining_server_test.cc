// tests/emulator/api/pipelining_server_test.cc
#include "emulator/api/pipelining_server.h"

#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

using namespace sfn::emulator;

namespace {

// Both ends of a connected stream socket pair, closed on destruction.
struct SocketPair {
  SocketPair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0); }
  ~SocketPair() {
    close(fds[0]);
    close(fds[1]);
  }
  int fds[2];
};

bool PeerReadable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 0) == 1;
}

// What the peer can read now (blocking for the first bytes).
std::string ReadAvailable(int fd) {
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof(buf));
  std::string out(buf, n > 0 ? static_cast<size_t>(n) : 0);
  while (PeerReadable(fd) && (n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, n);
  return out;
}

std::string ReadLine(ConnectionStream& s) {
  std::string line;
  char c;
  while (s.read(&c, 1) == 1 && c != '\n') line += c;
  return line;
}

}  // namespace

TEST_CASE("ConnectionStream keeps what it read ahead for the next request") {
  SocketPair pair;
  const std::string wire = "first\nsecond\nthird\n";
  REQUIRE(write(pair.fds[1], wire.data(), wire.size()) == static_cast<ssize_t>(wire.size()));
  ConnectionStream stream(pair.fds[0], 1000, 1000);
  CHECK(ReadLine(stream) == "first");
  CHECK(stream.BufferedForTest() == 13);  // read ahead in one recv
  CHECK(stream.WaitReadable(0));          // without touching the socket
  CHECK(ReadLine(stream) == "second");
  CHECK(ReadLine(stream) == "third");
  CHECK(stream.BufferedForTest() == 0);
  CHECK_FALSE(stream.WaitReadable(0));
}

TEST_CASE("ConnectionStream reads and writes through the socket") {
  SocketPair pair;
  ConnectionStream stream(pair.fds[0], 50, 1000);
  char buf[8];
  SUBCASE("a read times out when nothing comes") { CHECK(stream.read(buf, sizeof(buf)) == -1); }
  SUBCASE("a read larger than what is there returns what is there") {
    REQUIRE(write(pair.fds[1], "abc", 3) == 3);
    CHECK(stream.read(buf, sizeof(buf)) == 3);
    CHECK(std::string(buf, 3) == "abc");
  }
  SUBCASE("end of stream reads as 0 and the peer is no longer writable") {
    shutdown(pair.fds[1], SHUT_WR);
    CHECK(stream.read(buf, sizeof(buf)) == 0);
    CHECK_FALSE(stream.is_writable());
  }
  SUBCASE("writes reach the peer once flushed") {
    CHECK(stream.is_writable());
    CHECK(stream.write("hello", 5) == 5);
    CHECK_FALSE(PeerReadable(pair.fds[1]));
    CHECK(stream.Flush());
    CHECK(read(pair.fds[1], buf, sizeof(buf)) == 5);
    CHECK(std::string(buf, 5) == "hello");
  }
}

TEST_CASE("ConnectionStream sends an answer's headers and body in one piece") {
  SocketPair pair;
  ConnectionStream stream(pair.fds[0], 1000, 1000);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
  SUBCASE("a small write waits for the next, which sends both") {
    CHECK(stream.write(head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    CHECK(stream.HeldForTest() == head.size());
    CHECK_FALSE(PeerReadable(pair.fds[1]));  // nothing sent yet
    CHECK(stream.write("{}", 2) == 2);
    CHECK(stream.HeldForTest() == 0);
    CHECK(ReadAvailable(pair.fds[1]) == head + "{}");
    CHECK(stream.Flush());  // nothing left: no send
    CHECK_FALSE(PeerReadable(pair.fds[1]));
  }
  SUBCASE("a large body goes out at once, after what is held") {
    const std::string body(200000, 'x');  // more than the socket buffer takes in one go
    std::string received;
    std::thread reader([&] {
      char chunk[65536];
      while (received.size() < head.size() + body.size()) {
        ssize_t n = read(pair.fds[1], chunk, sizeof(chunk));
        if (n <= 0) break;
        received.append(chunk, static_cast<size_t>(n));
      }
    });
    CHECK(stream.write(head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    CHECK(stream.write(body.data(), body.size()) == static_cast<ssize_t>(body.size()));
    reader.join();
    CHECK(stream.HeldForTest() == 0);
    CHECK(received == head + body);
  }
  SUBCASE("a read that has to wait sends what is held first (a 100 Continue)") {
    const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
    CHECK(stream.write(interim.data(), interim.size()) == static_cast<ssize_t>(interim.size()));
    std::thread client([&] {
      std::string got;
      while (got.size() < interim.size()) got += ReadAvailable(pair.fds[1]);
      CHECK(got == interim);
      REQUIRE(write(pair.fds[1], "body", 4) == 4);  // sent only once the 100 arrived
    });
    char buf[8];
    CHECK(stream.read(buf, sizeof(buf)) == 4);
    client.join();
    CHECK(std::string(buf, 4) == "body");
  }
  SUBCASE("a peer that has gone makes the flush fail, and later writes") {
    close(pair.fds[1]);
    pair.fds[1] = socket(AF_UNIX, SOCK_STREAM, 0);  // something for the destructor to close
    CHECK(stream.write("abc", 3) == 3);             // held
    CHECK_FALSE(stream.Flush());
    CHECK(stream.write("abc", 3) == -1);
  }
}

TEST_CASE("ConnectionStream: a read fails once the request's deadline has passed") {
  SocketPair pair;
  ConnectionStream stream(pair.fds[0], 5000, 1000);
  char buf[8];
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
  SUBCASE("bytes that arrive in time are read") {
    stream.SetDeadline(now_ms + 5000);
    REQUIRE(write(pair.fds[1], "a", 1) == 1);
    CHECK(stream.read(buf, sizeof(buf)) == 1);
    CHECK_FALSE(stream.deadline_expired());
  }
  SUBCASE("a trickling client is cut off at the deadline, not the (longer) read timeout") {
    stream.SetDeadline(now_ms + 50);
    const auto start = std::chrono::steady_clock::now();
    CHECK(stream.read(buf, sizeof(buf)) == -1);
    CHECK(stream.deadline_expired());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
  }
  SUBCASE("a deadline already past fails at once") {
    stream.SetDeadline(now_ms - 1);
    CHECK(stream.read(buf, sizeof(buf)) == -1);
    CHECK(stream.deadline_expired());
  }
}

TEST_CASE("ContentLengthVerdict: refused from the headers alone") {
  auto verdict = [](std::initializer_list<const char*> values) {
    httplib::Headers headers;
    for (const char* v : values) headers.emplace("Content-Length", v);
    return ContentLengthVerdict(headers, 1024);
  };
  CHECK(verdict({}) == 0);
  CHECK(verdict({"0"}) == 0);
  CHECK(verdict({"1024"}) == 0);
  CHECK(verdict({"0001024"}) == 0);
  CHECK(verdict({"12", "12"}) == 0);
  CHECK(verdict({"1025"}) == 413);
  CHECK(verdict({"99999999999999999999999999"}) == 413);  // beyond 64 bits
  CHECK(verdict({"-5"}) == 400);
  CHECK(verdict({"abc"}) == 400);
  CHECK(verdict({"12abc"}) == 400);
  CHECK(verdict({""}) == 400);
  CHECK(verdict({"+5"}) == 400);
  CHECK(verdict({"12", "13"}) == 400);
}

TEST_CASE("ConnectionStream reports the connection's addresses, looked up once") {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(listen(listener, 1) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  int client = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  int served = accept(listener, nullptr, nullptr);
  REQUIRE(served >= 0);
  sockaddr_in client_addr{};
  len = sizeof(client_addr);
  REQUIRE(getsockname(client, reinterpret_cast<sockaddr*>(&client_addr), &len) == 0);
  {
    ConnectionStream stream(served, 1000, 1000);
    std::string ip;
    int port = 0;
    for (int i = 0; i < 2; ++i) {  // the second answer comes from what the first looked up
      stream.get_remote_ip_and_port(ip, port);
      CHECK(ip == "127.0.0.1");
      CHECK(port == ntohs(client_addr.sin_port));
      stream.get_local_ip_and_port(ip, port);
      CHECK(ip == "127.0.0.1");
      CHECK(port == ntohs(addr.sin_port));
    }
  }
  close(served);
  close(client);
  close(listener);
}
