// bench/loopback_floor.cc
#include "bench/loopback_floor.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "bench/process.h"
#include "bench/sfn_client.h"

namespace sfn::bench {
namespace {

constexpr char kHost[] = "127.0.0.1";

// What StartExecution answers for a W1 execution, byte for byte in size.
const char kAnswer[] =
    "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:bench-W1:"
    "0f7c1a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"startDate\":1767225600.123}";

// `connections` clients, each on its own keep-alive connection, for
// `seconds`; connected before the clock starts.
Sample TimeClients(int port, int connections, double seconds, const std::string& name) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<int64_t> bad{0};
  std::mutex mutex;
  std::string first_error;  // guarded by mutex
  std::vector<std::vector<double>> lat(connections);
  double t0 = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] {
      SfnClient c(kHost, port);
      auto count = [&](const CallResult& r) {
        if (r.ok()) return;
        ++bad;
        std::lock_guard<std::mutex> lock(mutex);
        if (first_error.empty()) first_error = r.error;
      };
      count(c.Call("StartExecution", "{}"));
      ++ready;
      while (!go.load()) std::this_thread::yield();
      for (double end = t0 + seconds; NowSeconds() < end;) {
        CallResult r = c.Call("StartExecution", "{}");
        lat[t].push_back(r.seconds);
        count(r);
      }
    });
  }
  while (ready.load() < connections) std::this_thread::yield();
  t0 = NowSeconds();
  go = true;
  for (std::thread& t : threads) t.join();
  double elapsed = NowSeconds() - t0;
  Sample s;
  s.workload = name;
  s.mode = "api";
  std::vector<double> all;
  for (const auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  if (bad > 0) {
    s.ok = false;
    s.error = name + ": " + std::to_string(bad.load()) + " failed calls, the first: " + first_error;
  }
  s.Set("requests_per_s", all.size() / elapsed);
  s.Set("p50_us", Percentile(all, 50) * 1e6);
  s.Set("p99_us", Percentile(all, 99) * 1e6);
  s.Set("connections", connections);
  return s;
}

}  // namespace

std::vector<Sample> MeasureLoopbackFloor(int connections, double seconds) {
  httplib::Server server;
  // A thread per connection, as the product's server gives each one.
  server.new_task_queue = [connections] { return new httplib::ThreadPool(connections + 4); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  // Clients connect, then wait for the others: on a loaded machine that can
  // take longer than httplib's 5 s default idle time-out.
  server.set_keep_alive_timeout(60);
  server.set_read_timeout(60);
  // httplib listens with a backlog of 5; 32 clients connecting at once would
  // overflow it (dropped handshakes, failed first calls). The product's
  // server widens it after bind; so does the floor.
  int listen_fd = -1;
  server.set_socket_options([&listen_fd](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd = sock;
  });
  server.Post("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kAnswer, sizeof(kAnswer) - 1, "application/x-amz-json-1.0");
  });
  int port = server.bind_to_any_port(kHost);
  if (port <= 0) {
    Sample s;
    s.workload = "floor-1conn";
    s.mode = "api";
    s.ok = false;
    s.error = "the loopback floor server could not bind 127.0.0.1";
    return {s};
  }
  if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
  std::thread listener([&server] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::vector<Sample> out = {TimeClients(port, 1, seconds, "floor-1conn"),
                             TimeClients(port, connections, seconds, "floor-32conn")};
  server.stop();
  listener.join();
  return out;
}

}  // namespace sfn::bench
