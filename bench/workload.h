// bench/workload.h
//
// The standard benchmark workloads (bench/workloads/Wn.json + Wn.input.json,
// defined in bench/workloads/README.md) plus WS, the Wait/Retry workload that
// checks --wait-scale 0. A Workload is plain data loaded once; CheckOutput
// and CountTransitions are pure functions, safe from any thread.
#ifndef SFN_BENCH_WORKLOAD_H_
#define SFN_BENCH_WORKLOAD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "asl/core/json.h"

namespace sfn::bench {

struct Workload {
  std::string name;             // "W1" ... "W5", "WS"
  std::string type;             // STANDARD | EXPRESS (W2)
  std::string definition_text;  // as read from Wn.json
  std::string input_text;       // as read from Wn.input.json, compact
  Json input;
  int64_t executions = 0;            // run one after another
  int64_t transitions_per_exec = 0;  // states completed per execution (0: not checked)
  double unscaled_seconds = 0;       // WS: time its Waits and back-offs add up to
};

// The names of the standard workloads, in report order.
const std::vector<std::string>& StandardWorkloads();

// Reads `dir`/`name`.json and `dir`/`name`.input.json. Empty string on
// success, else what went wrong.
std::string LoadWorkload(const std::string& dir, const std::string& name, Workload* out);

// Checks an execution's output as bench/workloads/README.md says. Empty
// string when it is right, else a one-line description of the mismatch.
std::string CheckOutput(const Workload& w, const Json& output);

// States completed according to a history's event types: one per
// "...StateExited" event. Compared with transitions_per_exec.
int64_t CountTransitions(const std::vector<std::string>& event_types);

// Reads a whole file; false when it cannot be opened.
bool ReadFile(const std::string& path, std::string* out);

}  // namespace sfn::bench

#endif  // SFN_BENCH_WORKLOAD_H_
