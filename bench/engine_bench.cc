// bench/engine_bench.cc
#include "bench/engine_bench.h"

#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "asl/definition/parser.h"
#include "bench/echo_invoker.h"
#include "bench/process.h"
#include "emulator/engine/engine.h"
#include "emulator/records/execution.h"

namespace sfn::bench {
namespace {

constexpr int64_t kExecutionTimeoutMs = 120000;
constexpr char kAccountPrefix[] = "arn:aws:states:us-east-1:000000000000:";

double CpuSeconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int64_t EpochMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

emulator::ExecutionSpec BaseSpec(const Workload& w,
                                 std::shared_ptr<const asl::StateMachine> machine) {
  emulator::ExecutionSpec spec;
  spec.state_machine_name = "bench-" + w.name;
  spec.state_machine_arn = std::string(kAccountPrefix) + "stateMachine:" + spec.state_machine_name;
  spec.type = w.type;
  spec.role_arn = "arn:aws:iam::000000000000:role/bench";
  spec.region = "us-east-1";
  spec.account = "000000000000";
  // As the server does: the parsed machine carries the definition text.
  spec.machine = std::move(machine);
  spec.input_text = w.input_text;
  return spec;
}

// Status, then output, then (for the first and last execution) the
// transitions the history records. Empty string when all hold.
std::string CheckExecution(const Workload& w, emulator::Execution& ex, bool check_history,
                           EngineBenchResult* r) {
  emulator::ExecutionEnd end = ex.end();
  if (end.status != emulator::ExecutionStatus::kSucceeded) {
    return w.name + ": execution " + ex.spec().name + " ended " +
           emulator::ExecutionStatusName(end.status) + " " + end.error + ": " + end.cause;
  }
  if (!end.output_text.is_string()) return w.name + ": SUCCEEDED without output";
  std::string err = CheckOutput(w, *end.output());
  if (!err.empty() || !check_history) return err;
  std::vector<std::string> types;
  for (const emulator::HistoryEvent& e : ex.history().All()) {
    types.emplace_back(asl::EventTypeName(e.type));
  }
  r->history_events = static_cast<int64_t>(types.size());
  r->waits_entered = 0;
  for (const std::string& t : types) r->waits_entered += t == "WaitStateEntered";
  if (types.empty() && w.type == "STANDARD") return w.name + ": no history recorded";
  int64_t got = CountTransitions(types);
  if (!types.empty() && w.transitions_per_exec > 0 && got != w.transitions_per_exec) {
    return w.name + ": history has " + std::to_string(got) + " *StateExited events, want " +
           std::to_string(w.transitions_per_exec);
  }
  return "";
}

}  // namespace

EngineBenchResult RunEngineBench(const Workload& w, const EngineBenchOptions& options) {
  EngineBenchResult r;
  double t0 = NowSeconds();
  asl::ParseOptions parse_options;
  parse_options.type = w.type;
  asl::ParseResult parsed = asl::ParseDefinition(w.definition_text, parse_options);
  if (!parsed.machine) {
    r.error = w.name + ": " + parsed.invalid_definition_message;
    return r;
  }
  EchoInvoker invoker;
  emulator::EngineOptions engine_options;
  engine_options.wait_scale = options.wait_scale;
  engine_options.workers = options.workers;
  engine_options.invoker = &invoker;
  emulator::Engine engine(engine_options);
  const emulator::ExecutionSpec base = BaseSpec(w, parsed.machine);
  const std::string arn_prefix = std::string(kAccountPrefix) + "execution:" +
                                 base.state_machine_name + ":";
  r.setup_ms = (NowSeconds() - t0) * 1000;

  double checks = 0;
  double cpu0 = CpuSeconds();
  double t1 = NowSeconds();
  for (int64_t i = 0; i < w.executions; ++i) {
    emulator::ExecutionSpec spec = base;
    spec.name = "exec-" + std::to_string(i);
    spec.arn = arn_prefix + spec.name;
    spec.start_ms = EpochMs();
    auto ex = std::make_shared<emulator::Execution>(std::move(spec), w.input);
    engine.Start(ex);
    if (!ex->WaitUntilDone(kExecutionTimeoutMs)) {
      r.error = w.name + ": execution " + std::to_string(i) + " still running after 120 s";
      return r;
    }
    double c0 = NowSeconds();
    if (i == 0) r.first_exec_ms = (c0 - t1) * 1000;
    r.error = CheckExecution(w, *ex, i == 0 || i == w.executions - 1, &r);
    if (!r.error.empty()) return r;
    checks += NowSeconds() - c0;
  }
  r.seconds = NowSeconds() - t1 - checks;
  r.cpu_seconds = CpuSeconds() - cpu0;
  r.executions = w.executions;
  r.transitions = w.executions * w.transitions_per_exec;
  r.ok = true;
  return r;
}

std::string EngineBenchResultJson(const Workload& w, const EngineBenchResult& r) {
  Json::Object o = {
      {"workload", Json(w.name)},
      {"ok", Json(r.ok)},
      {"error", Json(r.error)},
      {"executions", Json(r.executions)},
      {"transitions", Json(r.transitions)},
      {"seconds", Json(r.seconds)},
      {"cpu_seconds", Json(r.cpu_seconds)},
      {"setup_ms", Json(r.setup_ms)},
      {"first_exec_ms", Json(r.first_exec_ms)},
      {"history_events", Json(r.history_events)},
      {"waits_entered", Json(r.waits_entered)},
  };
  return Dump(Json::MakeObject(std::move(o)));
}

}  // namespace sfn::bench
