// bench/loopback_floor.h
//
// The loopback floor: the fastest an HTTP API can answer on this machine
// with the same HTTP library (cpp-httplib, the product's server library)
// and the same client (SfnClient). A minimal in-process server on
// 127.0.0.1 answers every POST with a fixed JSON body the size of a
// StartExecution answer; it is timed on 1 keep-alive connection and on N,
// in the same round as the real server, so sfn-local's API figures can be
// read as a fraction of it whatever the machine's load. Bench-only: the
// product has nothing of it. Call from one thread.
#ifndef SFN_BENCH_LOOPBACK_FLOOR_H_
#define SFN_BENCH_LOOPBACK_FLOOR_H_

#include <vector>

#include "bench/report.h"

namespace sfn::bench {

// Two Samples of mode "api": "floor-1conn" and "floor-32conn" (named as
// the API's other "-32conn" figures, with `connections` connections), each with requests_per_s,
// p50_us and p99_us, each timed for `seconds`. A failure shows as a Sample with ok = false.
std::vector<Sample> MeasureLoopbackFloor(int connections, double seconds);

}  // namespace sfn::bench

#endif  // SFN_BENCH_LOOPBACK_FLOOR_H_
