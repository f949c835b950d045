// cli/observe_options.h
//
// `serve`'s observability and safety options and the objects they build:
//   --log-level debug|info|warn|error|off   (default info)
//   --log-format text|json                  (default text), to standard error
//   --execution-log FILE|-                   AWS-shaped execution log events
//   --watch                                  follow the routes file's definitions
//   --allow-host NAME                        (repeatable) besides loopback names
// Observability owns the Metrics, the ServerLog, the ExecutionLog and the
// Telemetry that feeds them; `serve` hands their addresses to the Engine
// (observer), the task invoker chain and the Server. Built once on the main
// thread; the objects it owns are thread-safe.
#ifndef SFN_CLI_OBSERVE_OPTIONS_H_
#define SFN_CLI_OBSERVE_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/api/server.h"
#include "emulator/records/execution_log.h"
#include "emulator/records/metrics.h"
#include "emulator/records/server_log.h"
#include "emulator/records/telemetry.h"

namespace sfn::cli {

struct ObserveOptions {
  std::string log_level = "info";
  std::string log_format = "text";
  std::string execution_log;  // "" : none; "-" : standard error
  bool watch = false;
  std::vector<std::string> allow_hosts;
};

// Adds the options to `serve`; `config` is the --config option (--watch
// needs it).
void AddObserveOptions(CLI::App* serve, CLI::Option* config, ObserveOptions* o);

class Observability {
 public:
  // Null (after printing why to standard error) when --execution-log
  // cannot be opened.
  static std::unique_ptr<Observability> Create(const ObserveOptions& o);

  emulator::Metrics& metrics() { return metrics_; }
  emulator::ServerLog* log() { return log_.get(); }
  emulator::ExecutionObserver* observer() { return telemetry_.get(); }
  // Where the task router's lines go (programs' standard error, routing
  // hints): the server log, at info.
  std::function<void(const std::string&)> TaskLog();
  // Sets the Server's metrics, log and allowed hosts.
  void Configure(emulator::ServerOptions* server);

 private:
  Observability() = default;
  ObserveOptions options_;
  emulator::Metrics metrics_;
  std::unique_ptr<emulator::ServerLog> log_;
  std::unique_ptr<emulator::ExecutionLog> execution_log_;
  std::unique_ptr<emulator::Telemetry> telemetry_;
};

}  // namespace sfn::cli

#endif  // SFN_CLI_OBSERVE_OPTIONS_H_
