// bench/api_bench.cc
#include "bench/api_bench.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <utility>

#include "bench/loopback_floor.h"
#include "bench/process.h"
#include "bench/sfn_client.h"

namespace sfn::bench {
namespace {

constexpr char kHost[] = "127.0.0.1";
constexpr double kExecutionTimeoutSeconds = 120;

struct Api {
  const ApiBenchOptions& options;
  int port = 0;
  pid_t pid = -1;
  std::string start_w1;  // StartExecution body for W1
  std::string start_ws;
};

// {"<key>":"<value>"}
std::string OneField(const char* key, const std::string& value) {
  std::string body = "{";
  DumpStringTo(key, &body);
  body += ':';
  DumpStringTo(value, &body);
  return body + "}";
}

std::string StartBody(const std::string& machine_arn, const Workload& w) {
  return Dump(
      Json::MakeObject({{"stateMachineArn", Json(machine_arn)}, {"input", Json(w.input_text)}}));
}

// CreateStateMachine; the machine's ARN, or "" with *error set.
std::string CreateMachine(SfnClient& c, const Workload& w, std::string* error) {
  std::string body =
      Dump(Json::MakeObject({{"name", Json("bench-" + w.name)},
                             {"definition", Json(w.definition_text)},
                             {"roleArn", Json("arn:aws:iam::000000000000:role/bench")},
                             {"type", Json(w.type)}}));
  Json answer;
  CallResult r = c.CallJson("CreateStateMachine", body, &answer);
  std::string arn = StringMember(answer, "stateMachineArn");
  if (r.ok() && arn.empty()) r.error = "CreateStateMachine: no stateMachineArn in " + r.body;
  *error = r.error;
  return r.ok() ? arn : "";
}

struct Awaited {
  std::string error;
  std::string arn;
  int64_t polls = 0;
  double check_seconds = 0;
};

// The execution's output checked; for a DescribeExecution answer.
std::string CheckDescribed(const Workload& w, const Json& d) {
  std::string status = StringMember(d, "status");
  if (status != "SUCCEEDED") {
    return w.name + ": execution ended " + status + " " + StringMember(d, "error") + ": " +
           StringMember(d, "cause");
  }
  JsonParseResult out = ParseJson(StringMember(d, "output"));
  if (!out.ok) return w.name + ": output is not JSON";
  return CheckOutput(w, out.value);
}

// StartExecution, then DescribeExecution until it is no longer RUNNING
// (backing off from 25 us to 1 ms so the poller leaves the CPU to the server).
Awaited StartAndAwait(SfnClient& c, const std::string& start_body, const Workload& w,
                      std::vector<double>* start_lat, std::vector<double>* describe_lat) {
  Awaited a;
  Json answer;
  CallResult r = c.CallJson("StartExecution", start_body, &answer);
  if (start_lat) start_lat->push_back(r.seconds);
  a.arn = StringMember(answer, "executionArn");
  if (!r.ok() || a.arn.empty()) {
    a.error = r.ok() ? "StartExecution: no executionArn in " + r.body : r.error;
    return a;
  }
  const std::string describe = OneField("executionArn", a.arn);
  double deadline = NowSeconds() + kExecutionTimeoutSeconds;
  while (true) {
    r = c.CallJson("DescribeExecution", describe, &answer);
    if (describe_lat) describe_lat->push_back(r.seconds);
    ++a.polls;
    if (!r.ok()) {
      a.error = r.error;
      return a;
    }
    if (StringMember(answer, "status") != "RUNNING") break;
    if (NowSeconds() > deadline) {
      a.error = w.name + ": " + a.arn + " still RUNNING after 120 s";
      return a;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(std::min<int64_t>(1000, 25 << a.polls)));
  }
  double c0 = NowSeconds();
  a.error = CheckDescribed(w, answer);
  a.check_seconds = NowSeconds() - c0;
  return a;
}

Sample ApiSample(const char* workload) {
  Sample s;
  s.workload = workload;
  s.mode = "api";
  return s;
}

Sample Failed(const char* workload, std::string error) {
  Sample s = ApiSample(workload);
  s.ok = false;
  s.error = std::move(error);
  return s;
}

Sample SequentialW1(const Api& api, SfnClient& c, const Workload& w1,
                    std::vector<std::string>* arns) {
  Sample s = ApiSample("W1");
  std::vector<double> start_lat, describe_lat;
  int64_t n = api.options.executions, polls = 0;
  double checks = 0, t0 = NowSeconds();
  for (int64_t i = 0; i < n; ++i) {
    Awaited a = StartAndAwait(c, api.start_w1, w1, &start_lat, &describe_lat);
    if (!a.error.empty()) return Failed("W1", a.error);
    arns->push_back(a.arn);
    polls += a.polls;
    checks += a.check_seconds;
  }
  double secs = NowSeconds() - t0 - checks;
  s.Set("executions_per_s", n / secs);
  s.Set("transitions_per_s", n * w1.transitions_per_exec / secs);
  s.Set("start_p50_us", Percentile(start_lat, 50) * 1e6);
  s.Set("start_p99_us", Percentile(start_lat, 99) * 1e6);
  s.Set("describe_p50_us", Percentile(describe_lat, 50) * 1e6);
  s.Set("describe_p99_us", Percentile(describe_lat, 99) * 1e6);
  s.Set("describes_per_exec", static_cast<double>(polls) / n);
  return s;
}

// GetExecutionHistory of one retained W1 execution: 22 events, 10 of them
// *StateExited, ExecutionStarted first and ExecutionSucceeded last.
std::string CheckHistory(SfnClient& c, const std::string& arn, const Workload& w1, double* ms) {
  Json h;
  std::string body = Dump(Json::MakeObject({{"executionArn", Json(arn)}, {"maxResults", 1000}}));
  CallResult r = c.CallJson("GetExecutionHistory", body, &h);
  *ms = r.seconds * 1000;
  if (!r.ok()) return r.error;
  const Json* events = h.Find("events");
  if (!events || !events->is_array()) return "GetExecutionHistory: no events array";
  std::vector<std::string> types;
  for (const Json& e : events->AsArray()) types.push_back(StringMember(e, "type"));
  int64_t exits = CountTransitions(types);
  if (types.size() != 22 || exits != w1.transitions_per_exec ||
      types.front() != "ExecutionStarted" || types.back() != "ExecutionSucceeded") {
    return "GetExecutionHistory of " + arn + ": " + std::to_string(types.size()) + " events, " +
           std::to_string(exits) + " exits (want 22 and 10, Started..Succeeded)";
  }
  return "";
}

Sample Retained(const Api& api, SfnClient& c, const Workload& w1, int64_t rss_before,
                const std::vector<std::string>& arns) {
  Sample s = ApiSample("retained-10k");
  int64_t rss_after = ProcessRssKib(api.pid);
  s.Set("executions", static_cast<double>(arns.size()));
  s.Set("rss_before_kib", static_cast<double>(rss_before));
  s.Set("rss_after_kib", static_cast<double>(rss_after));
  s.Set("rss_per_10k_kib", (rss_after - rss_before) * 10000.0 / arns.size());
  double first_ms = 0, last_ms = 0;
  std::string err = CheckHistory(c, arns.front(), w1, &first_ms);
  if (err.empty()) err = CheckHistory(c, arns.back(), w1, &last_ms);
  if (!err.empty()) {
    s.ok = false;
    s.error = err;
  }
  s.Set("history_ms", std::max(first_ms, last_ms));
  return s;
}

// Runs body(thread_index) on `n` threads and joins them.
template <typename F>
void OnThreads(int n, F body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) threads.emplace_back(body, t);
  for (std::thread& t : threads) t.join();
}

Sample ConcurrentW1(const Api& api, const Workload& w1) {
  int conns = api.options.connections;
  int64_t total = api.options.concurrent_executions;
  std::mutex mu;
  std::string first_error;
  double t0 = NowSeconds();
  OnThreads(conns, [&](int t) {
    SfnClient c(kHost, api.port);
    int64_t mine = total / conns + (t < total % conns ? 1 : 0);
    for (int64_t i = 0; i < mine; ++i) {
      Awaited a = StartAndAwait(c, api.start_w1, w1, nullptr, nullptr);
      if (a.error.empty()) continue;
      std::lock_guard<std::mutex> lock(mu);
      if (first_error.empty()) first_error = a.error;
      return;
    }
  });
  double secs = NowSeconds() - t0;
  if (!first_error.empty()) return Failed("W1-32conn", first_error);
  Sample s = ApiSample("W1-32conn");
  s.Set("executions_per_s", total / secs);
  s.Set("transitions_per_s", total * w1.transitions_per_exec / secs);
  s.Set("connections", conns);
  return s;
}

// DescribeExecution on `connections` connections for describe_seconds,
// spread over the retained executions; every answer must say SUCCEEDED.
Sample DescribeLoad(const Api& api, const std::vector<std::string>& arns) {
  int conns = api.options.connections;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<int64_t> bad{0};
  std::vector<std::vector<double>> lat(conns);
  double t0 = 0, t1 = 0;
  OnThreads(conns + 1, [&](int t) {
    if (t == conns) {  // the starter
      while (ready.load() < conns) std::this_thread::yield();
      t0 = NowSeconds();
      go = true;
      return;
    }
    SfnClient c(kHost, api.port);
    std::string body = OneField("executionArn", arns[t * 7919 % arns.size()]);
    bad += !c.Call("DescribeExecution", body).ok();  // connects before the clock starts
    ++ready;
    while (!go.load()) std::this_thread::yield();
    double end = t0 + api.options.describe_seconds;
    for (size_t k = 0; NowSeconds() < end; ++k) {
      CallResult r = c.Call("DescribeExecution", body);
      lat[t].push_back(r.seconds);
      bad += !r.ok() || r.body.find("\"SUCCEEDED\"") == std::string::npos;
    }
  });
  t1 = NowSeconds();
  std::vector<double> all;
  for (const auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  if (bad > 0)
    return Failed("DescribeExecution-32conn", std::to_string(bad.load()) + " bad answers");
  Sample s = ApiSample("DescribeExecution-32conn");
  s.Set("requests_per_s", all.size() / (t1 - t0));
  s.Set("p50_us", Percentile(all, 50) * 1e6);
  s.Set("p99_us", Percentile(all, 99) * 1e6);
  s.Set("connections", conns);
  return s;
}

// WS under --wait-scale 0: its Waits and back-offs (14 s unscaled) must not
// sleep; the history must show all 6 Wait states entered (4 from retries).
Sample WaitScale(const Api& api, SfnClient& c, const Workload& ws) {
  double t0 = NowSeconds();
  Awaited a = StartAndAwait(c, api.start_ws, ws, nullptr, nullptr);
  double wall_ms = (NowSeconds() - t0) * 1000;
  if (!a.error.empty()) return Failed("WS", a.error);
  Json h;
  std::string body = Dump(Json::MakeObject({{"executionArn", Json(a.arn)}, {"maxResults", 1000}}));
  CallResult r = c.CallJson("GetExecutionHistory", body, &h);
  if (!r.ok()) return Failed("WS", r.error);
  int waits = 0;
  if (const Json* events = h.Find("events"); events && events->is_array()) {
    for (const Json& e : events->AsArray()) waits += StringMember(e, "type") == "WaitStateEntered";
  }
  Sample s = ApiSample("WS");
  s.ok = waits == 6;
  if (!s.ok) s.error = "WS: " + std::to_string(waits) + " WaitStateEntered events, want 6";
  s.Set("wall_ms", wall_ms);
  s.Set("unscaled_ms", ws.unscaled_seconds * 1000);
  return s;
}

// Starts `server` and times the first answered request (ListStateMachines).
Sample StartServer(ServerProcess& server, const ApiBenchOptions& options) {
  std::string err = server.Start(options.server_binary, options.log_path);
  if (!err.empty()) return Failed("startup", err);
  SfnClient c(kHost, server.port());
  CallResult r = c.Call("ListStateMachines", "{}");
  double startup_ms = (NowSeconds() - server.spawn_time()) * 1000;
  if (!r.ok()) return Failed("startup", r.error);
  Sample s = ApiSample("startup");
  s.Set("startup_ms", startup_ms);
  s.Set("listening_ms", server.listening_ms());
  s.Set("idle_rss_kib", static_cast<double>(ProcessRssKib(server.pid())));
  return s;
}

// The floor's Samples, and our figures as fractions of the floor measured
// in the same round: exec/s and requests/s (Start + Describes) on one
// connection, DescribeExecution and W1 on many.
void AddFloor(std::vector<Sample> floor, std::vector<Sample>* out) {
  auto find = [](std::vector<Sample>& all, const char* name) -> Sample* {
    for (Sample& s : all)
      if (s.workload == name && s.ok) return &s;
    return nullptr;
  };
  Sample* one = find(floor, "floor-1conn");
  Sample* many = find(floor, "floor-32conn");
  if (Sample* w1 = find(*out, "W1"); w1 && one) {
    double rps = one->Get("requests_per_s");
    double execs = w1->Get("executions_per_s");
    w1->Set("floor_fraction_exec", execs / rps);
    w1->Set("floor_fraction_requests", execs * (1 + w1->Get("describes_per_exec")) / rps);
  }
  if (Sample* d = find(*out, "DescribeExecution-32conn"); d && many)
    d->Set("floor_fraction", d->Get("requests_per_s") / many->Get("requests_per_s"));
  for (Sample& s : floor) out->push_back(std::move(s));
}

}  // namespace

Sample MeasureStartup(const ApiBenchOptions& options) {
  ServerProcess server;
  Sample s = StartServer(server, options);
  double shutdown_ms = server.Stop();
  if (s.ok) s.Set("shutdown_ms", shutdown_ms);
  if (s.ok && shutdown_ms < 0) {
    s.ok = false;
    s.error = "the server did not exit within 5 s of SIGTERM";
  }
  return s;
}

std::vector<Sample> RunApiRound(const Workload& w1, const Workload& ws,
                                const ApiBenchOptions& options) {
  ServerProcess server;
  std::vector<Sample> out = {StartServer(server, options)};
  if (!out[0].ok) return out;
  Api api{options, server.port(), server.pid(), "", ""};
  SfnClient c(kHost, api.port);
  std::string err;
  api.start_w1 = StartBody(CreateMachine(c, w1, &err), w1);
  if (err.empty()) api.start_ws = StartBody(CreateMachine(c, ws, &err), ws);
  if (!err.empty()) return {out[0], Failed("W1", err)};
  int64_t rss_before = ProcessRssKib(api.pid);
  std::vector<std::string> arns;
  Sample seq = SequentialW1(api, c, w1, &arns);
  if (seq.ok) out.push_back(Retained(api, c, w1, rss_before, arns));
  out.push_back(ConcurrentW1(api, w1));
  if (seq.ok) out.push_back(DescribeLoad(api, arns));
  out.push_back(WaitScale(api, c, ws));
  seq.Set("peak_rss_kib", static_cast<double>(ProcessHwmKib(api.pid)));
  out.push_back(std::move(seq));
  // Stopped with c's keep-alive connection still open, as a real client would leave it.
  out[0].Set("shutdown_keepalive_ms", server.Stop());
  AddFloor(MeasureLoopbackFloor(options.connections, options.describe_seconds), &out);
  return out;
}

}  // namespace sfn::bench
