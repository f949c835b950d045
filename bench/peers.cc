// bench/peers.cc
#include "bench/peers.h"

#include <sys/stat.h>

#include "asl/core/json.h"
#include "bench/process.h"

namespace sfn::bench {
namespace {

bool IsDir(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Runs bench.cjs with `args`; the parsed last line of its output, or an error.
ProcessResult RunNode(const PeerSetup& setup, const std::vector<std::string>& args, Json* last) {
  std::vector<std::string> argv = {"node", setup.script};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = RunProcess(argv, {"NODE_PATH=" + setup.dir + "/node_modules"});
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  JsonParseResult parsed = ParseJson(out.substr(out.rfind('\n') == std::string::npos
                                                    ? 0
                                                    : out.rfind('\n') + 1));
  *last = parsed.ok ? parsed.value : Json();
  if (r.error.empty() && !parsed.ok) r.error = "bench.cjs printed no JSON line";
  return r;
}

double Number(const Json& o, std::string_view key) {
  const Json* v = o.Find(key);
  return v && v->is_number() ? v->AsDouble() : -1;
}

}  // namespace

const std::vector<std::string>& PeerNames() {
  static const std::vector<std::string> kNames = {"als", "statebox"};
  return kNames;
}

std::string FindPeers(const std::vector<std::string>& candidates) {
  for (const std::string& dir : candidates) {
    if (!dir.empty() && IsDir(dir + "/node_modules/aws-local-stepfunctions") &&
        IsDir(dir + "/node_modules/@wmfs/statebox")) {
      return dir;
    }
  }
  return "";
}

Sample RunPeer(const PeerSetup& setup, const std::string& peer, const std::string& workload) {
  Sample s;
  s.workload = workload;
  s.mode = "peer";
  s.impl = peer;
  Json line;
  ProcessResult r = RunNode(setup, {peer, workload, setup.workloads}, &line);
  const Json* ok = line.Find("ok");
  if (!r.error.empty() || !ok || !ok->is_bool() || !ok->AsBool()) {
    s.ok = false;
    s.error = r.error.empty() ? "bench.cjs: output check failed" : r.error;
    return s;
  }
  s.Set("executions_per_s", Number(line, "execPerSec"));
  s.Set("transitions_per_s", Number(line, "transPerSec"));
  s.Set("peak_rss_kib", static_cast<double>(r.max_rss_kib));
  s.Set("transitions_per_cpu_s", Number(line, "transPerCpuSec"));
  s.Set("setup_ms", Number(line, "setupMs"));
  s.Set("first_exec_ms", Number(line, "firstExecMs"));
  return s;
}

Sample RunPeerIdle(const PeerSetup& setup, const std::string& peer) {
  Sample s;
  s.workload = "idle";
  s.mode = "peer";
  s.impl = peer;
  Json line;
  ProcessResult r = RunNode(setup, {"idle-" + peer}, &line);
  if (!r.error.empty()) {
    s.ok = false;
    s.error = r.error;
    return s;
  }
  s.Set("idle_rss_kib", static_cast<double>(r.max_rss_kib));
  return s;
}

}  // namespace sfn::bench
