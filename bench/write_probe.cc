// bench/write_probe.cc
//
// What answering with two writes (headers, then body: cpp-httplib 0.11's
// way, two sendto calls per answer) costs against one write, on loopback
// with TCP_NODELAY as the server sets it. One client on one keep-alive
// connection sends a small request and reads a 292-byte answer (172 bytes
// of headers, 120 of body: a StartExecution answer's size); the two ways
// alternate round by round. Raw sockets, bench only:
//
//   build/sfn-local-write-probe [rounds=6] [seconds per round=1]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
const std::string kHeaders(172, 'h');
const std::string kBody(120, 'b');
const std::string kRequest(200, 'r');

void NoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

bool ReadExactly(int fd, size_t n, char* buffer) {
  for (size_t got = 0; got < n;) {
    ssize_t r = read(fd, buffer + got, n - got);
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

// Answers every request on `fd` until it closes; `split`: two writes.
void Serve(int fd, bool split) {
  std::vector<char> buffer(kRequest.size());
  std::string joined = kHeaders + kBody;
  while (ReadExactly(fd, kRequest.size(), buffer.data())) {
    if (split) {
      send(fd, kHeaders.data(), kHeaders.size(), MSG_NOSIGNAL);
      send(fd, kBody.data(), kBody.size(), MSG_NOSIGNAL);
    } else {
      send(fd, joined.data(), joined.size(), MSG_NOSIGNAL);
    }
  }
  close(fd);
}

// One round: round trips per second on a fresh connection.
double Round(bool split, double seconds) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(listener, 1) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("listen");
    std::exit(1);
  }
  std::thread server([listener, split] {
    int fd = accept(listener, nullptr, nullptr);
    NoDelay(fd);
    Serve(fd, split);
  });
  int client = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  NoDelay(client);
  std::vector<char> answer(kHeaders.size() + kBody.size());
  int64_t trips = 0;
  Clock::time_point start = Clock::now(), end = start + std::chrono::duration_cast<Clock::duration>(
                                                            std::chrono::duration<double>(seconds));
  while (Clock::now() < end) {
    send(client, kRequest.data(), kRequest.size(), MSG_NOSIGNAL);
    if (!ReadExactly(client, answer.size(), answer.data())) break;
    ++trips;
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  close(client);
  server.join();
  close(listener);
  return trips / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 6;
  double seconds = argc > 2 ? std::atof(argv[2]) : 1;
  std::vector<double> one, two;
  for (int r = 0; r < rounds; ++r) {
    bool split_first = r % 2 == 1;  // alternate which goes first
    double a = Round(split_first, seconds), b = Round(!split_first, seconds);
    (split_first ? two : one).push_back(split_first ? a : b);
    (split_first ? one : two).push_back(split_first ? b : a);
  }
  for (auto* v : {&one, &two}) std::sort(v->begin(), v->end());
  auto median = [](const std::vector<double>& v) { return v[v.size() / 2]; };
  std::printf("one write : %.0f round trips/s (min %.0f, max %.0f), %.1f us each\n", median(one),
              one.front(), one.back(), 1e6 / median(one));
  std::printf("two writes: %.0f round trips/s (min %.0f, max %.0f), %.1f us each\n", median(two),
              two.front(), two.back(), 1e6 / median(two));
  std::printf("two writes cost %.1f us per answer (%.1f%%)\n",
              1e6 / median(two) - 1e6 / median(one), 100 * (1 - median(two) / median(one)));
  return 0;
}
