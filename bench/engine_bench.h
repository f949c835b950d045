// bench/engine_bench.h
//
// Engine mode: runs one workload in this process through the same
// ParseDefinition + emulator::Engine the API server uses (history recorded,
// Tasks answered by the in-process EchoInvoker), one execution after
// another, checking every output. The harness runs this in a fresh child
// process per workload and round, so peak RSS is the workload's own.
// Single-threaded caller; the Engine brings its own workers.
#ifndef SFN_BENCH_ENGINE_BENCH_H_
#define SFN_BENCH_ENGINE_BENCH_H_

#include <cstdint>
#include <string>

#include "bench/workload.h"

namespace sfn::bench {

struct EngineBenchOptions {
  double wait_scale = 0;  // EngineOptions::wait_scale
  int workers = 0;        // EngineOptions::workers (0: one per hardware thread)
};

struct EngineBenchResult {
  bool ok = false;
  std::string error;          // first failed check
  int64_t executions = 0;
  int64_t transitions = 0;
  double seconds = 0;         // the timed loop, output checks excluded
  double cpu_seconds = 0;     // process CPU time (all threads) in the loop
  double setup_ms = 0;        // ParseDefinition + Engine construction
  double first_exec_ms = 0;
  int64_t history_events = 0; // of the last execution
  int64_t waits_entered = 0;  // WaitStateEntered events of the last execution
};

EngineBenchResult RunEngineBench(const Workload& workload, const EngineBenchOptions& options);

// The result as one JSON line (the child's answer to the harness).
std::string EngineBenchResultJson(const Workload& workload, const EngineBenchResult& r);

}  // namespace sfn::bench

#endif  // SFN_BENCH_ENGINE_BENCH_H_
