// cli/observe_options.cc
#include "cli/observe_options.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace sfn::cli {
namespace {

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void AddObserveOptions(CLI::App* serve, CLI::Option* config, ObserveOptions* o) {
  serve
      ->add_option("--log-level", o->log_level,
                   "Server log on standard error: debug adds one line per API call; info "
                   "(default) logs execution ends and definition reloads")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  serve->add_option("--log-format", o->log_format, "Server log format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve->add_option("--execution-log", o->execution_log,
                    "Where state machines with a loggingConfiguration log their execution "
                    "events, as AWS writes them to CloudWatch Logs (JSON lines; - for "
                    "standard error)");
  serve
      ->add_flag("--watch", o->watch,
                 "Update the state machines listed in --config when their definition files "
                 "change")
      ->needs(config);
  serve->add_option("--allow-host", o->allow_hosts,
                    "Also answer requests for this Host name while listening on loopback "
                    "(repeatable), e.g. a Docker Compose service name");
}

std::unique_ptr<Observability> Observability::Create(const ObserveOptions& o) {
  std::unique_ptr<Observability> self(new Observability());
  self->options_ = o;
  self->log_ = std::make_unique<emulator::ServerLog>(*emulator::ParseLogLevel(o.log_level),
                                                     *emulator::ParseLogFormat(o.log_format),
                                                     stderr, WallClockMs);
  if (!o.execution_log.empty()) {
    auto opened = emulator::ExecutionLog::Open(o.execution_log);
    if (!opened.ok()) {
      std::cerr << "sfn-local: --execution-log: " << opened.error().cause << "\n";
      return nullptr;
    }
    self->execution_log_ = std::move(opened).value();
  }
  self->telemetry_ = std::make_unique<emulator::Telemetry>(&self->metrics_, self->log_.get(),
                                                           self->execution_log_.get());
  return self;
}

std::function<void(const std::string&)> Observability::TaskLog() {
  return [log = log_.get()](const std::string& line) {
    log->WriteLine(emulator::LogLevel::kInfo, line);
  };
}

void Observability::Configure(emulator::ServerOptions* server) {
  server->metrics = &metrics_;
  server->log = log_.get();
  server->allowed_hosts = options_.allow_hosts;
}

}  // namespace sfn::cli
