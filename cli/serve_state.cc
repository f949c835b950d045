// cli/serve_state.cc
#include "cli/serve_state.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <iostream>

#include "emulator/engine/clock.h"
#include "emulator/records/activities.h"
#include "emulator/records/map_runs.h"
#include "emulator/records/snapshot.h"

namespace sfn::cli {
namespace {

// How long the shutdown waits for stopped executions to record where they
// stopped (they need a worker step each; usually a few milliseconds).
constexpr int64_t kStopWaitMs = 1000;

}  // namespace

int64_t ParseDurationMs(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) return -1;
  const int64_t n = std::stoll(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit == "ms") return n;
  if (unit == "s") return n * 1000;
  if (unit == "m") return n * 60 * 1000;
  if (unit == "h") return n * 3600 * 1000;
  if (unit == "d") return n * 86400 * 1000;
  return -1;
}

void AddServeStateOptions(CLI::App* serve, ServeStateOptions* o) {
  serve
      ->add_option("--max-executions", o->max_executions,
                   "Closed executions kept in memory; the oldest closed are evicted first, "
                   "running ones never (0: no limit)")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            const bool digits = !value.empty() && value.size() <= 12 &&
                                value.find_first_not_of("0123456789") == std::string::npos;
            return digits ? "" : "must be a whole number >= 0, got " + value;
          },
          "N>=0"))
      ->capture_default_str();
  serve
      ->add_option("--max-execution-age", o->max_age,
                   "Evict executions closed longer ago than this (e.g. 30m, 24h, 7d)")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return ParseDurationMs(value) > 0
                       ? ""
                       : "must be a duration such as 90s, 30m, 24h or 7d, got " + value;
          },
          "DURATION"));
  serve->add_option("--state-file", o->state_file,
                    "Keep state machines, activities and executions in FILE across restarts");
}

ServeState::ServeState(const ServeStateOptions& options, emulator::Store* store)
    : options_(options), store_(store) {}

bool ServeState::Load() {
  emulator::Retention retention;
  retention.max_executions = options_.max_executions;
  retention.max_age_ms = options_.max_age.empty() ? 0 : ParseDurationMs(options_.max_age);
  store_->SetRetention(retention, [](const std::vector<std::string>& evicted) {
    emulator::ProcessMapRuns().ForgetExecutions(evicted);
  });
  emulator::StateKeeperOptions keeper;
  keeper.path = options_.state_file;
  keeper.now_ms = emulator::NowMs;
  keeper_ = std::make_unique<emulator::StateKeeper>(
      emulator::Registries{store_, &emulator::ProcessActivities(), &emulator::ProcessMapRuns()},
      keeper);
  Status loaded = keeper_->Load();
  if (!loaded.ok()) {
    std::cerr << "sfn-local: " << loaded.error().cause << "\n";
    return false;
  }
  return true;
}

void ServeState::Start() {
  // The thread sweeps for the age limit and saves the file; with neither
  // there is nothing for it to do.
  if (!options_.state_file.empty() || !options_.max_age.empty()) keeper_->Start();
}

int ServeState::Shutdown(emulator::Engine* engine) {
  engine->StopAll(std::string(emulator::kStoppedError), std::string(emulator::kStoppedCause),
                  kStopWaitMs);
  return keeper_->Stop().ok() ? 0 : 1;
}

}  // namespace sfn::cli
