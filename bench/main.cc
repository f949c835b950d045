// bench/main.cc
//
// sfn-local-bench: the whole benchmark in one command (`make bench`).
// Rounds interleave our engine-mode children, the peers and the API server so
// every ratio comes from one run on one machine; medians across rounds are
// printed as a table, or with --json as one JSON object per line per figure.
// See bench/README.md.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "bench/api_bench.h"
#include "bench/engine_bench.h"
#include "bench/peers.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/testrunner_bench.h"
#include "bench/workload.h"

namespace sfn::bench {
namespace {

constexpr char kUsage[] =
    "usage: sfn-local-bench [--json] [--rounds N]\n"
    "         [--only engine,api,startup,waitscale,testrunner,peers]\n"
    "         [--no-peers] [--peers DIR] [--peer-script FILE] [--workloads DIR]\n"
    "         [--sfn-local FILE] [--workers N] [--api-executions N] [--connections N]\n"
    "         [--describe-seconds S] [--startup-runs N] [--test-cases N] [--json-file FILE]\n";

struct Options {
  int rounds = 3;
  bool json = false;
  std::string json_file;  // also write the JSON lines here
  std::set<std::string> sections = {"engine", "api", "startup", "waitscale", "testrunner",
                                     "peers"};
  std::string workloads = SFN_BENCH_DIR "/workloads";
  std::string peers_dir;
  std::string peer_script = SFN_BENCH_DIR "/peers/bench.cjs";
  std::string sfn_local;
  int workers = 0;
  int startup_runs = 5;
  int test_cases = 1000;  // cases in the generated test file (testrunner)
  ApiBenchOptions api;
  std::string child;  // --child-engine W: run one workload in this process
  double wait_scale = 0;
};

std::set<std::string> SplitCommas(const std::string& s) {
  std::set<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    if (comma > at) out.insert(s.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

// Flags that take a value, as a table.
using Setter = std::function<void(Options&, const std::string&)>;
const std::vector<std::pair<std::string, Setter>>& ValueFlags() {
  static const std::vector<std::pair<std::string, Setter>> kFlags = {
      {"--rounds", [](Options& o, const std::string& v) { o.rounds = std::stoi(v); }},
      {"--only", [](Options& o, const std::string& v) { o.sections = SplitCommas(v); }},
      {"--peers", [](Options& o, const std::string& v) { o.peers_dir = v; }},
      {"--peer-script", [](Options& o, const std::string& v) { o.peer_script = v; }},
      {"--workloads", [](Options& o, const std::string& v) { o.workloads = v; }},
      {"--sfn-local", [](Options& o, const std::string& v) { o.sfn_local = v; }},
      {"--workers", [](Options& o, const std::string& v) { o.workers = std::stoi(v); }},
      {"--api-executions",
       [](Options& o, const std::string& v) {
         o.api.executions = o.api.concurrent_executions = std::stoll(v);
       }},
      {"--connections", [](Options& o, const std::string& v) { o.api.connections = std::stoi(v); }},
      {"--describe-seconds",
       [](Options& o, const std::string& v) { o.api.describe_seconds = std::stod(v); }},
      {"--startup-runs", [](Options& o, const std::string& v) { o.startup_runs = std::stoi(v); }},
      {"--test-cases", [](Options& o, const std::string& v) { o.test_cases = std::stoi(v); }},
      {"--child-engine", [](Options& o, const std::string& v) { o.child = v; }},
      {"--wait-scale", [](Options& o, const std::string& v) { o.wait_scale = std::stod(v); }},
      {"--json-file", [](Options& o, const std::string& v) { o.json_file = v; }},
  };
  return kFlags;
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json") {
      o->json = true;
      continue;
    }
    if (a == "--no-peers") {
      o->sections.erase("peers");
      continue;
    }
    bool known = false;
    for (const auto& [flag, set] : ValueFlags()) {
      if (a != flag) continue;
      if (i + 1 >= argc) return false;
      try {
        set(*o, argv[++i]);
      } catch (const std::exception&) {
        return false;
      }
      known = true;
    }
    if (!known) return false;
  }
  return o->rounds > 0 && o->api.connections > 0 && o->api.executions > 0 && o->test_cases > 0;
}

double Load1() {
  std::ifstream in("/proc/loadavg");
  double l = -1;
  in >> l;
  return l;
}

// The child side of engine mode: one workload, one JSON line on stdout.
int RunChild(const Options& o) {
  Workload w;
  std::string err = LoadWorkload(o.workloads, o.child, &w);
  if (!err.empty()) {
    std::fprintf(stderr, "sfn-local-bench: %s\n", err.c_str());
    return 2;
  }
  EngineBenchOptions eo;
  eo.wait_scale = o.wait_scale;
  eo.workers = o.workers;
  EngineBenchResult r = RunEngineBench(w, eo);
  std::printf("%s\n", EngineBenchResultJson(w, r).c_str());
  return r.ok ? 0 : 1;
}

double Field(const Json& o, std::string_view key) {
  const Json* v = o.Find(key);
  return v && v->is_number() ? v->AsDouble() : 0;
}

// Runs one engine-mode child and turns its answer into a Sample.
Sample EngineChild(const Options& o, const std::string& workload) {
  Sample s;
  s.workload = workload;
  s.mode = "engine";
  ProcessResult r = RunProcess({SelfPath(), "--child-engine", workload, "--workloads",
                                o.workloads, "--workers", std::to_string(o.workers),
                                "--wait-scale", "0"});
  std::string last = r.out.substr(0, r.out.find('\n'));
  JsonParseResult j = ParseJson(last);
  const Json* ok = j.ok ? j.value.Find("ok") : nullptr;
  if (!ok || !ok->is_bool() || !ok->AsBool()) {
    s.ok = false;
    const Json* e = j.ok ? j.value.Find("error") : nullptr;
    s.error = e && e->is_string() ? e->AsString() : r.error.empty() ? "no answer" : r.error;
    return s;
  }
  double secs = Field(j.value, "seconds"), cpu = Field(j.value, "cpu_seconds");
  double trans = Field(j.value, "transitions");
  s.Set("executions_per_s", Field(j.value, "executions") / secs);
  s.Set("transitions_per_s", trans / secs);
  s.Set("peak_rss_kib", static_cast<double>(r.max_rss_kib));
  s.Set("transitions_per_cpu_s", cpu > 0 ? trans / cpu : 0);
  s.Set("setup_ms", Field(j.value, "setup_ms"));
  s.Set("first_exec_ms", Field(j.value, "first_exec_ms"));
  if (workload == "WS") {
    s.Set("wall_ms", secs * 1000);
    if (Field(j.value, "waits_entered") != 6) {
      s.ok = false;
      s.error = "WS: " + std::to_string(Field(j.value, "waits_entered")) +
                " WaitStateEntered events, want 6";
    }
  }
  return s;
}

void Progress(int round, int rounds, const Sample& s) {
  std::string what;
  for (const char* key : {"cases_per_s", "wall_ms", "transitions_per_s", "executions_per_s",
                          "requests_per_s", "startup_ms", "rss_per_10k_kib", "idle_rss_kib"}) {
    double v = s.Get(key);
    if (v >= 0) {
      what = std::string(key) + " " + std::to_string(static_cast<int64_t>(v));
      break;
    }
  }
  std::fprintf(stderr, "[%d/%d] %-26s %-6s %-9s %s\n", round, rounds, s.workload.c_str(),
               s.mode.c_str(), s.impl.c_str(), s.ok ? what.c_str() : ("FAILED: " + s.error).c_str());
}

// Runs the rounds and keeps every Sample.
class Harness {
 public:
  explicit Harness(Options o) : o_(std::move(o)) {}

  // Loads W1/WS and finds sfn-local and the peers; "" or what is missing.
  std::string Prepare() {
    std::string err = LoadWorkload(o_.workloads, "W1", &w1_);
    if (err.empty()) err = LoadWorkload(o_.workloads, "WS", &ws_);
    if (!err.empty()) return err;
    std::string self = SelfPath();
    if (o_.sfn_local.empty()) o_.sfn_local = self.substr(0, self.rfind('/') + 1) + "sfn-local";
    o_.api.server_binary = o_.sfn_local;
    o_.api.log_path = "/tmp/sfn-local-bench-server." + std::to_string(getpid()) + ".log";
    const char* env = std::getenv("PEERS");
    peers_ = {FindPeers({o_.peers_dir, env ? env : "", "/tmp/peers"}), o_.peer_script,
              o_.workloads};
    if (!o_.sections.count("peers")) {
      notes_.push_back("peers: not run (--no-peers)");
    } else if (peers_.dir.empty()) {
      o_.sections.erase("peers");
      notes_.push_back("peers: not installed (see bench/README.md); no ratios");
    } else {
      notes_.push_back("peers: " + peers_.dir + " (als = aws-local-stepfunctions 3.0.0, "
                       "statebox = @wmfs/statebox 1.118.0), interleaved with our rounds");
    }
    notes_.push_back("server: " + o_.sfn_local + " (stderr in " + o_.api.log_path + ")");
    if (o_.sections.count("testrunner")) {
      test_runner_ = std::make_unique<TestRunnerBench>(
          TestRunnerBenchOptions{o_.sfn_local, o_.test_cases, {1, 2}});
      err = test_runner_->Prepare(w1_);
      if (!err.empty()) return "testrunner: " + err;
      notes_.push_back("testrunner: sfn-local test " + test_runner_->folder() + " --jobs 1|2 (" +
                       std::to_string(o_.test_cases) + " W1 cases, Tasks mocked by state name)");
    }
    load_start_ = Load1();
    return "";
  }

  void RunRound(int round) {
    round_ = round;
    bool peers = o_.sections.count("peers") > 0;
    bool engine = o_.sections.count("engine") > 0;
    for (const std::string& w : StandardWorkloads()) {
      loads_.push_back(Load1());
      if (engine) Add(EngineChild(o_, w));
      if (peers && (engine || (w == "W1" && o_.sections.count("api")))) {
        for (const std::string& p : PeerNames()) Add(RunPeer(peers_, p, w));
      }
    }
    if (peers) {
      for (const std::string& p : PeerNames()) Add(RunPeerIdle(peers_, p));
    }
    if (o_.sections.count("waitscale")) Add(EngineChild(o_, "WS"));
    if (o_.sections.count("api")) {
      for (Sample& s : RunApiRound(w1_, ws_, o_.api)) Add(std::move(s));
    }
    if (test_runner_) {
      for (Sample& s : test_runner_->RunRound(round)) Add(std::move(s));
    }
    for (int i = 0; o_.sections.count("startup") && i < o_.startup_runs; ++i) {
      Add(MeasureStartup(o_.api));
    }
  }

  void Print() {
    if (!o_.json_file.empty()) {
      std::ofstream out(o_.json_file);
      report_.PrintJson(out);
    }
    if (o_.json) {
      report_.PrintJson(std::cout);
      return;
    }
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "load average (1 min): %.2f at start, median %.2f during, %.2f at end; "
                  "%ld CPUs; %d rounds",
                  load_start_, Median(loads_), Load1(), sysconf(_SC_NPROCESSORS_ONLN), o_.rounds);
    notes_.push_back(buf);
    notes_.push_back("ratio: times better than the best peer (for RSS: best peer / ours)");
    report_.PrintTable(std::cout, notes_);
  }

 private:
  void Add(Sample s) {
    Progress(round_, o_.rounds, s);
    report_.Add(std::move(s));
  }

  Options o_;
  Report report_;
  PeerSetup peers_;
  Workload w1_, ws_;
  std::unique_ptr<TestRunnerBench> test_runner_;  // null unless the section runs
  std::vector<std::string> notes_;
  std::vector<double> loads_;
  double load_start_ = 0;
  int round_ = 0;
};

}  // namespace
}  // namespace sfn::bench

int main(int argc, char** argv) {
  sfn::bench::Options options;
  if (!sfn::bench::ParseArgs(argc, argv, &options)) {
    std::fputs(sfn::bench::kUsage, stderr);
    return 2;
  }
  if (!options.child.empty()) return sfn::bench::RunChild(options);
  sfn::bench::Harness harness(options);
  std::string err = harness.Prepare();
  if (!err.empty()) {
    std::fprintf(stderr, "sfn-local-bench: %s\n", err.c_str());
    return 2;
  }
  for (int r = 1; r <= options.rounds; ++r) harness.RunRound(r);
  harness.Print();
  return 0;
}
