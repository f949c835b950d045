// bench/report.cc
#include "bench/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "asl/core/json.h"

namespace sfn::bench {
namespace {

enum class Goal { kRatioAtLeast, kAtLeast, kAtMost, kInfoHigher, kInfoLower };

// One line of the table: our figure, the peer figure it is set against
// (peer_workload null: none) and the target.
struct Row {
  const char* label;
  const char* workload;
  const char* mode;
  const char* metric;
  const char* peer_workload;
  const char* peer_metric;
  Goal goal;
  double target;  // a ratio, or an absolute value in display units
  double scale;   // display = value * scale
};

constexpr double kMiB = 1.0 / 1024;
// Medians() keeps each figure's spread across rounds beside it.
constexpr char kMinSuffix[] = "_min";
constexpr char kMaxSuffix[] = "_max";

constexpr Row kRows[] = {
    {"W1 engine transitions/s", "W1", "engine", "transitions_per_s", "W1", "transitions_per_s",
     Goal::kRatioAtLeast, 25, 1},
    {"W2 engine transitions/s", "W2", "engine", "transitions_per_s", "W2", "transitions_per_s",
     Goal::kRatioAtLeast, 36, 1},
    {"W3 engine transitions/s", "W3", "engine", "transitions_per_s", "W3", "transitions_per_s",
     Goal::kRatioAtLeast, 20, 1},
    {"W4 engine transitions/s", "W4", "engine", "transitions_per_s", "W4", "transitions_per_s",
     Goal::kRatioAtLeast, 15, 1},
    {"W5 engine transitions/s", "W5", "engine", "transitions_per_s", "W5", "transitions_per_s",
     Goal::kRatioAtLeast, 20, 1},
    {"W1 engine transitions per CPU-s", "W1", "engine", "transitions_per_cpu_s", "W1",
     "transitions_per_cpu_s", Goal::kAtLeast, 900000, 1},
    {"W2 engine transitions per CPU-s", "W2", "engine", "transitions_per_cpu_s", "W2",
     "transitions_per_cpu_s", Goal::kInfoHigher, 0, 1},
    {"W3 engine transitions per CPU-s", "W3", "engine", "transitions_per_cpu_s", "W3",
     "transitions_per_cpu_s", Goal::kInfoHigher, 0, 1},
    {"W4 engine transitions per CPU-s", "W4", "engine", "transitions_per_cpu_s", "W4",
     "transitions_per_cpu_s", Goal::kInfoHigher, 0, 1},
    {"W5 engine transitions per CPU-s", "W5", "engine", "transitions_per_cpu_s", "W5",
     "transitions_per_cpu_s", Goal::kInfoHigher, 0, 1},
    {"W1 engine peak RSS MiB", "W1", "engine", "peak_rss_kib", "W1", "peak_rss_kib",
     Goal::kInfoLower, 0, kMiB},
    {"W2 engine peak RSS MiB", "W2", "engine", "peak_rss_kib", "W2", "peak_rss_kib",
     Goal::kInfoLower, 0, kMiB},
    {"W4 engine peak RSS MiB", "W4", "engine", "peak_rss_kib", "W4", "peak_rss_kib",
     Goal::kInfoLower, 0, kMiB},
    {"W1 API exec/s, 1 connection", "W1", "api", "executions_per_s", "W1", "executions_per_s",
     Goal::kAtLeast, 6000, 1},
    {"W1 API exec/s, 32 connections", "W1-32conn", "api", "executions_per_s", "W1",
     "executions_per_s", Goal::kInfoHigher, 0, 1},
    {"DescribeExecution req/s, 32 conn", "DescribeExecution-32conn", "api", "requests_per_s",
     nullptr, nullptr, Goal::kAtLeast, 30000, 1},
    {"DescribeExecution p50 us, 32 conn", "DescribeExecution-32conn", "api", "p50_us", nullptr,
     nullptr, Goal::kInfoLower, 0, 1},
    {"DescribeExecution p99 us, 32 conn", "DescribeExecution-32conn", "api", "p99_us", nullptr,
     nullptr, Goal::kInfoLower, 0, 1},
    {"StartExecution RTT p50 us, 1 conn", "W1", "api", "start_p50_us", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
    {"StartExecution RTT p99 us, 1 conn", "W1", "api", "start_p99_us", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
    {"DescribeExecution RTT p50 us, 1 conn", "W1", "api", "describe_p50_us", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
    {"DescribeExecution RTT p99 us, 1 conn", "W1", "api", "describe_p99_us", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
    {"loopback floor req/s, 1 conn", "floor-1conn", "api", "requests_per_s", nullptr, nullptr,
     Goal::kInfoHigher, 0, 1},
    {"loopback floor req/s, 32 conn", "floor-32conn", "api", "requests_per_s", nullptr, nullptr,
     Goal::kInfoHigher, 0, 1},
    {"W1 API exec/s, % of floor req/s, 1 conn", "W1", "api", "floor_fraction_exec", nullptr,
     nullptr, Goal::kAtLeast, 60, 100},
    {"W1 API req/s, % of floor, 1 conn", "W1", "api", "floor_fraction_requests", nullptr, nullptr,
     Goal::kInfoHigher, 0, 100},
    {"DescribeExecution req/s, % of floor, 32", "DescribeExecution-32conn", "api", "floor_fraction",
     nullptr, nullptr, Goal::kInfoHigher, 0, 100},
    {"startup to 1st answered request ms", "startup", "api", "startup_ms", nullptr, nullptr,
     Goal::kAtMost, 10, 1},
    {"idle RSS MiB", "startup", "api", "idle_rss_kib", "idle", "idle_rss_kib", Goal::kAtMost, 8,
     kMiB},
    {"RSS per 10k retained W1 execs MiB", "retained-10k", "api", "rss_per_10k_kib", nullptr,
     nullptr, Goal::kAtMost, 48, kMiB},
    {"GetExecutionHistory ms (10k retained)", "retained-10k", "api", "history_ms", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
    {"WS wall ms, engine, wait scale 0", "WS", "engine", "wall_ms", nullptr, nullptr, Goal::kAtMost,
     140, 1},
    {"WS wall ms, API, --wait-scale 0", "WS", "api", "wall_ms", nullptr, nullptr, Goal::kAtMost,
     140, 1},
    {"sfn-local test W1 cases/s, --jobs 1", "W1-test-jobs1", "test", "cases_per_s", nullptr,
     nullptr, Goal::kInfoHigher, 0, 1},
    {"sfn-local test W1 cases/s, --jobs 2", "W1-test-jobs2", "test", "cases_per_s", nullptr,
     nullptr, Goal::kInfoHigher, 0, 1},
    {"shutdown after SIGTERM ms", "startup", "api", "shutdown_ms", nullptr, nullptr,
     Goal::kInfoLower, 0, 1},
};

bool LowerIsBetter(Goal g) { return g == Goal::kAtMost || g == Goal::kInfoLower; }

const Sample* FindSample(const std::vector<Sample>& all, const std::string& workload,
                         const std::string& mode, const std::string& impl) {
  for (const Sample& s : all) {
    if (s.workload == workload && s.mode == mode && s.impl == impl) return &s;
  }
  return nullptr;
}

// The best peer's figure for a row (highest, or lowest when lower is better).
std::optional<std::pair<std::string, double>> BestPeer(const std::vector<Sample>& all,
                                                       const Row& row) {
  std::optional<std::pair<std::string, double>> best;
  if (!row.peer_workload) return best;
  for (const Sample& s : all) {
    if (s.mode != "peer" || s.workload != row.peer_workload || !s.ok) continue;
    double v = s.Get(row.peer_metric);
    if (v < 0) continue;
    bool better = !best || (LowerIsBetter(row.goal) ? v < best->second : v > best->second);
    if (better) best = std::make_pair(s.impl, v);
  }
  return best;
}

std::string Fmt(double v) {
  char buf[64];
  if (std::fabs(v) >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string s(buf), out;
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      int left = static_cast<int>(s.size() - i - 1);
      if (s[i] != '-' && left > 0 && left % 3 == 0) out += ',';
    }
    return out;
  }
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 100 ? "%.0f" : "%.1f", v);
  return buf;
}

std::string Target(const Row& row) {
  switch (row.goal) {
    case Goal::kRatioAtLeast:
      return ">= " + Fmt(row.target) + "x best peer";
    case Goal::kAtLeast:
      return ">= " + Fmt(row.target);
    case Goal::kAtMost:
      return "<= " + Fmt(row.target);
    default:
      return "-";
  }
}

std::string Verdict(const Row& row, double ours, double ratio) {
  switch (row.goal) {
    case Goal::kRatioAtLeast:
      return ratio < 0 ? "no peer" : ratio >= row.target ? "ok" : "MISS";
    case Goal::kAtLeast:
      return ours >= row.target ? "ok" : "MISS";
    case Goal::kAtMost:
      return ours <= row.target ? "ok" : "MISS";
    default:
      return "";
  }
}

// Integral figures print as integers, the rest rounded to 3 decimals.
Json JsonNumber(double v) {
  if (std::fabs(v) < 9e15 && v == std::floor(v)) return Json(static_cast<int64_t>(v));
  if (std::fabs(v) >= 1000) return Json(static_cast<int64_t>(std::llround(v)));
  return Json(std::round(v * 1000) / 1000);
}

}  // namespace

void Sample::Set(const std::string& key, double value) {
  for (auto& kv : values) {
    if (kv.first == key) {
      kv.second = value;
      return;
    }
  }
  values.emplace_back(key, value);
}

double Sample::Get(const std::string& key, double fallback) const {
  for (const auto& kv : values) {
    if (kv.first == key) return kv.second;
  }
  return fallback;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void Report::Add(Sample s) { samples_.push_back(std::move(s)); }

std::vector<Sample> Report::Medians() const {
  std::vector<Sample> out;
  for (const Sample& s : samples_) {
    if (FindSample(out, s.workload, s.mode, s.impl)) continue;
    Sample m;
    m.workload = s.workload;
    m.mode = s.mode;
    m.impl = s.impl;
    int rounds = 0;
    for (const Sample& t : samples_) {
      if (t.workload != s.workload || t.mode != s.mode || t.impl != s.impl) continue;
      ++rounds;
      if (!t.ok && m.ok) {
        m.ok = false;
        m.error = t.error;
      }
      for (const auto& kv : t.values) {
        if (m.Get(kv.first, -1e300) != -1e300) continue;
        std::vector<double> xs;
        for (const Sample& u : samples_) {
          if (u.workload != s.workload || u.mode != s.mode || u.impl != s.impl) continue;
          double x = u.Get(kv.first, -1e300);
          if (x != -1e300) xs.push_back(x);
        }
        m.Set(kv.first, Median(xs));
        m.Set(kv.first + kMinSuffix, *std::min_element(xs.begin(), xs.end()));
        m.Set(kv.first + kMaxSuffix, *std::max_element(xs.begin(), xs.end()));
      }
    }
    m.Set("rounds", rounds);
    out.push_back(std::move(m));
  }
  return out;
}

void Report::PrintJson(std::ostream& out) const {
  std::vector<Sample> all = Medians();
  for (const Sample& s : all) {
    Json::Object o = {{"workload", Json(s.workload)},
                      {"mode", Json(s.mode)},
                      {"impl", Json(s.impl)},
                      {"ok", Json(s.ok)}};
    for (const auto& kv : s.values) o.emplace_back(kv.first, JsonNumber(kv.second));
    for (const Row& row : kRows) {
      if (row.goal != Goal::kRatioAtLeast || s.impl != kOurs || s.workload != row.workload ||
          s.mode != row.mode) {
        continue;
      }
      if (auto best = BestPeer(all, row)) {
        o.emplace_back("best_peer", Json(best->first));
        o.emplace_back("ratio_to_best_peer", Json(s.Get(row.metric) / best->second));
      }
    }
    if (!s.ok) o.emplace_back("error", Json(s.error));
    out << Dump(Json::MakeObject(std::move(o))) << "\n";
  }
}

void Report::PrintTable(std::ostream& out, const std::vector<std::string>& notes) const {
  std::vector<Sample> all = Medians();
  char line[256];
  std::snprintf(line, sizeof line, "%-40s %14s %19s %22s %8s %18s  %s\n", "figure (median)", kOurs,
                "min-max (rounds)", "best peer", "ratio", "target", "verdict");
  out << line;
  for (const Row& row : kRows) {
    const Sample* s = FindSample(all, row.workload, row.mode, kOurs);
    double ours = s ? s->Get(row.metric) : -1;
    auto best = BestPeer(all, row);
    double ratio = -1;
    if (best && ours > 0 && best->second > 0) {
      ratio = LowerIsBetter(row.goal) ? best->second / ours : ours / best->second;
    }
    std::string peer = best ? Fmt(best->second * row.scale) + " (" + best->first + ")" : "-";
    std::string verdict = !s         ? "not run"
                          : !s->ok   ? "CHECK FAILED"
                          : ours < 0 ? "-"
                                     : Verdict(row, ours * row.scale, ratio);
    std::string spread = "-";
    if (s && ours >= 0) {
      spread = Fmt(s->Get(std::string(row.metric) + kMinSuffix) * row.scale) + "-" +
               Fmt(s->Get(std::string(row.metric) + kMaxSuffix) * row.scale);
    }
    std::snprintf(line, sizeof line, "%-40s %14s %19s %22s %8s %18s  %s\n", row.label,
                  ours < 0 ? "-" : Fmt(ours * row.scale).c_str(), spread.c_str(), peer.c_str(),
                  ratio < 0 ? "-" : (Fmt(ratio) + "x").c_str(), Target(row).c_str(),
                  verdict.c_str());
    out << line;
  }
  for (const Sample& s : all) {
    if (!s.ok)
      out << "check failed: " << s.workload << " " << s.mode << " " << s.impl << ": " << s.error
          << "\n";
  }
  for (const std::string& n : notes) out << n << "\n";
}

}  // namespace sfn::bench
