// bench/peers.h
//
// The two peer interpreters from npm (aws-local-stepfunctions as "als",
// @wmfs/statebox as "statebox"), run through bench/peers/bench.cjs (a copy
// of shared/bench/peers/bench.cjs) in a fresh `node` per workload, exactly
// as shared/bench/peers/run-peers.sh does, but interleaved by the harness
// with our own rounds. Call from the harness's main thread.
#ifndef SFN_BENCH_PEERS_H_
#define SFN_BENCH_PEERS_H_

#include <string>
#include <vector>

#include "bench/report.h"

namespace sfn::bench {

struct PeerSetup {
  std::string dir;        // where the npm packages are installed ($PEERS, /tmp/peers)
  std::string script;     // bench.cjs
  std::string workloads;  // the workload directory passed to bench.cjs
};

// "als", "statebox".
const std::vector<std::string>& PeerNames();

// The first of `candidates` holding both packages under node_modules, or "".
std::string FindPeers(const std::vector<std::string>& candidates);

// One run of `peer` on `workload` ("W1".."W5"): a Sample of mode "peer"
// with executions_per_s, transitions_per_s, transitions_per_cpu_s,
// peak_rss_kib, setup_ms, first_exec_ms.
Sample RunPeer(const PeerSetup& setup, const std::string& peer, const std::string& workload);

// The peer with its library loaded and no work: workload "idle", idle_rss_kib.
Sample RunPeerIdle(const PeerSetup& setup, const std::string& peer);

}  // namespace sfn::bench

#endif  // SFN_BENCH_PEERS_H_
