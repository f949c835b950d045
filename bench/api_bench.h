// bench/api_bench.h
//
// API mode: starts the real `sfn-local serve --port 0 --wait-scale 0` on
// loopback and drives it with SfnClient over AWS JSON 1.0. One round
// measures, on one fresh server: startup and idle RSS, W1 started and
// awaited on one keep-alive connection (round-trip percentiles, the RSS the
// retained executions cost, GetExecutionHistory on them), W1 on N
// connections, DescribeExecution throughput on N connections and WS (Waits
// and Retry back-offs) under --wait-scale 0. Call from one thread; it
// starts its own client threads.
#ifndef SFN_BENCH_API_BENCH_H_
#define SFN_BENCH_API_BENCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/report.h"
#include "bench/workload.h"

namespace sfn::bench {

struct ApiBenchOptions {
  std::string server_binary;     // path of sfn-local
  std::string log_path;          // the server's standard error
  int64_t executions = 10000;    // W1 on one connection; also the retained set
  int connections = 32;
  int64_t concurrent_executions = 10000;
  double describe_seconds = 2;
};

// One round; W1 and WS must be loaded. Every figure is a Sample of mode
// "api"; a failure shows as a Sample with ok = false.
std::vector<Sample> RunApiRound(const Workload& w1, const Workload& ws,
                                const ApiBenchOptions& options);

// Starts a server, sends ListStateMachines, reads its RSS and stops it:
// one "startup" Sample (startup_ms, listening_ms, idle_rss_kib, shutdown_ms).
Sample MeasureStartup(const ApiBenchOptions& options);

}  // namespace sfn::bench

#endif  // SFN_BENCH_API_BENCH_H_
