// emulator/records/metrics.h
//
// The server's counters, gauges and histograms, and their rendering in the
// Prometheus text exposition format (version 0.0.4) for `GET /metrics`.
// Rendering lives in this one place (Render); everything else only counts.
//
// What is counted and by whom:
//   executions started / succeeded / failed / timed out / aborted / redriven,
//     per state machine ARN   <- ExecutionObserver events (engine, telemetry.h)
//   state transitions (every *StateEntered event)     <- the same events
//   task calls by route kind and outcome              <- CountingInvoker
//   API requests by action and HTTP status, and their latency histogram
//     per action                                      <- the HTTP server
// Gauges are computed when rendered: running executions per state machine
// (started + redriven - ended) and retained executions (a callback, the
// Store's count).
//
// Threads: every method may be called from any thread. Counters are atomics;
// a series (one label set) is found in a map under a reader lock and
// created, once, under the writer lock, so the steady state takes no
// exclusive lock. Render() reads a consistent-enough snapshot (each number
// is read once; numbers may move between lines, as in any Prometheus
// client).
#ifndef SFN_EMULATOR_RECORDS_METRICS_H_
#define SFN_EMULATOR_RECORDS_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/records/execution.h"

namespace sfn::emulator {

// Upper bounds (seconds) of the request latency histogram's buckets; +Inf is
// implied.
inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void ExecutionStarted(const std::string& state_machine);
  void ExecutionRedriven(const std::string& state_machine);
  void ExecutionEnded(const std::string& state_machine, ExecutionStatus status);
  void StateTransition() { state_transitions_.fetch_add(1, std::memory_order_relaxed); }
  // `kind`: how the call was answered ("exec", "http", "mock", ...);
  // `outcome`: "succeeded", "failed" or "timed_out".
  void TaskCall(std::string_view kind, std::string_view outcome);
  // One answered API request: `action` ("StartExecution", or "" when the
  // request named none), its HTTP status and how long it took.
  void ApiRequest(std::string_view action, int status, int64_t micros);

  // The retained-executions gauge's source (the Store's count); unset: 0.
  void SetRetainedExecutions(std::function<int64_t()> source);

  // The whole exposition, ready to send with kContentType.
  std::string Render() const;
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct MachineSeries {
    std::atomic<uint64_t> started{0}, redriven{0}, succeeded{0}, failed{0}, timed_out{0},
        aborted{0};
  };
  struct Counter {
    std::atomic<uint64_t> value{0};
  };
  // One action's requests: counts by HTTP status (100..599) and latencies.
  struct ActionSeries {
    static constexpr int kFirstStatus = 100;
    std::array<std::atomic<uint64_t>, 500> by_status{};
    std::array<std::atomic<uint64_t>, kLatencyBuckets.size()> buckets{};  // not cumulative
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };

  MachineSeries& Machine(const std::string& arn);
  // The series of `key` in `map`, created on first use.
  template <typename T>
  static T& Find(std::shared_mutex& mu, std::map<std::string, std::unique_ptr<T>, std::less<>>& map,
                 std::string_view key);

  void RenderExecutions(std::string* out) const;
  void RenderTasks(std::string* out) const;
  void RenderRequests(std::string* out) const;

  std::atomic<uint64_t> state_transitions_{0};
  mutable std::shared_mutex machines_mu_;
  std::map<std::string, std::unique_ptr<MachineSeries>, std::less<>> machines_;  // by ARN
  mutable std::shared_mutex tasks_mu_;
  std::map<std::string, std::unique_ptr<Counter>, std::less<>> tasks_;  // "kind\0outcome"
  mutable std::shared_mutex requests_mu_;
  std::map<std::string, std::unique_ptr<ActionSeries>, std::less<>> requests_;  // by action
  mutable std::mutex retained_mu_;
  std::function<int64_t()> retained_;  // guarded by retained_mu_
};

// The exposition format's escaping of a label value (\ " and newline) and of
// HELP text (\ and newline).
std::string EscapeLabelValue(std::string_view value);
std::string EscapeHelp(std::string_view text);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_METRICS_H_
