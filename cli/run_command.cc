// cli/run_command.cc
#include "cli/run_command.h"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "asl/core/json.h"
#include "asl/interpreter/choice.h"
#include "mocks/routes_config.h"
#include "testing/definition_source.h"
#include "testing/execution_runner.h"
#include "testing/history_text.h"

namespace sfn::cli {
namespace {

constexpr int kSucceeded = 0;
constexpr int kDidNotSucceed = 1;
constexpr int kUsage = 2;

int Fail(int code, const std::string& message) {
  std::cerr << "sfn-local run: " << message << "\n";
  return code;
}

// "2025-01-01" (midnight UTC) or an RFC 3339 time as Timestamp comparisons
// and Wait states read it ("2025-01-01T00:00:00Z", "...00.250Z").
bool ParseIsoTime(const std::string& text, int64_t* epoch_ms) {
  const bool date_only = text.size() == 10;
  auto t = asl::ParseTimestamp(date_only ? text + "T00:00:00Z" : text);
  if (!t) return false;
  *epoch_ms = t->seconds * 1000 + t->nanos / 1000000;
  return true;
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

// A decimal number of at most 64 bits; false for anything else.
bool ParseSeed(const std::string& text, uint64_t* seed) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  uint64_t value = 0;
  for (char c : text) {
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *seed = value;
  return true;
}

// Every command-line mistake, in one "sfn-local run: ..." message ("" if none).
std::string CheckCommandLine(const CLI::App& command, const RunCommandOptions& o) {
  std::vector<std::string> extra = command.remaining();
  if (!extra.empty()) return "unexpected argument '" + extra.front() + "'";
  if (o.definition.empty()) return "a DEFINITION file is required";
  if (!o.input.empty() && !o.input_file.empty())
    return "--input and --input-file exclude each other";
  if (o.mock_config.empty() != o.test_case.empty()) {
    return "--mock-config and --test-case go together";
  }
  if (!o.history.empty() && o.history != "text" && o.history != "json") {
    return "--history: expected text or json, got '" + o.history + "'";
  }
  uint64_t seed = 0;
  if (!o.seed.empty() && !ParseSeed(o.seed, &seed)) {
    if (o.seed.find_first_not_of("0123456789") != std::string::npos) {
      return "--seed: expected a number, got '" + o.seed + "'";
    }
    return "--seed: " + o.seed + " does not fit in 64 bits (at most 18446744073709551615)";
  }
  if (!o.clock.empty() && o.real_time) return "--clock sets virtual time; --real-time has none";
  int64_t ms = 0;
  if (!o.clock.empty() && !ParseIsoTime(o.clock, &ms)) {
    return "--clock: expected an ISO 8601 UTC time such as 2025-01-01T00:00:00Z, got '" + o.clock +
           "'";
  }
  return "";
}

// The execution input from --input or --input-file; false after saying why.
bool LoadInput(const RunCommandOptions& o, Json* input) {
  std::string text = o.input.empty() ? "{}" : o.input;
  std::string flag = "--input";
  if (!o.input_file.empty()) {
    flag = "--input-file";
    if (!ReadFile(o.input_file, &text)) {
      Fail(kUsage, "--input-file: cannot read '" + o.input_file + "': " + std::strerror(errno));
      return false;
    }
  }
  JsonParseResult parsed = ParseJson(text);
  if (!parsed.ok) {
    Fail(kUsage, flag + ": not valid JSON at offset " + std::to_string(parsed.error.offset) + ": " +
                     parsed.error.message);
    return false;
  }
  *input = std::move(parsed.value);
  return true;
}

testing::RunOptions ToRunOptions(const RunCommandOptions& o,
                                 const testing::LoadedDefinition& loaded) {
  testing::RunOptions r;
  r.definition = loaded.definition;
  r.name = loaded.name;
  r.type = loaded.type;
  r.routes_path = o.config;
  r.mock_config_path = o.mock_config;
  r.test_case = o.test_case;
  r.real_time = o.real_time;
  r.s3_dir = o.s3_dir;
  if (!o.clock.empty()) ParseIsoTime(o.clock, &r.start_epoch_ms);
  if (!o.seed.empty()) ParseSeed(o.seed, &r.seed);
  r.region = o.region;
  r.account = o.account;
  return r;
}

// Errors that concern the definition or the files next to it exit 2;
// an execution that cannot go on exits 1, as a failed one does.
int ReportRunError(const AslError& error, const testing::LoadedDefinition& loaded) {
  if (error.error == testing::kExecutionStuck) return Fail(kDidNotSucceed, error.cause);
  if (error.error == testing::kInvalidRoutes) return Fail(kUsage, "--config: " + error.cause);
  if (error.error == testing::kInvalidMockConfig)
    return Fail(kUsage, "--mock-config: " + error.cause);
  return Fail(kUsage, loaded.origin + ": " + error.cause);
}

int Report(const RunCommandOptions& o, const testing::RunResult& r) {
  if (o.history == "json") {
    std::cout << Dump(r.events) << "\n";
  } else if (o.history == "text") {
    std::cout << testing::HistoryText(r.events);
  } else if (r.status == "SUCCEEDED") {
    std::cout << Dump(r.output) << "\n";
  }
  std::cout.flush();
  if (r.status == "SUCCEEDED") return kSucceeded;
  std::string message = r.status;
  if (!r.error.empty()) message += ": " + r.error;
  if (!r.cause.empty()) message += ": " + r.cause;
  return Fail(kDidNotSucceed, message);
}

// A definition file that the routes file lists under "stateMachines" runs
// under that name and type, as `serve --config` creates it: mock files'
// test cases are keyed by that name. A routes file that does not load is
// reported by the runner.
void ApplyRoutesName(const std::string& routes_path, testing::LoadedDefinition* loaded) {
  if (routes_path.empty() || !loaded->logical_id.empty()) return;
  Result<mocks::RoutesConfig> routes = mocks::LoadRoutesConfig(routes_path);
  if (!routes.ok()) return;
  std::error_code ec;
  for (const mocks::StateMachinePreload& m : routes.value().state_machines) {
    if (std::filesystem::equivalent(m.definition_path, loaded->path, ec)) {
      loaded->name = m.name;
      loaded->type = m.type;
      return;
    }
  }
}

}  // namespace

CLI::App* AddRunCommand(CLI::App* app, RunCommandOptions* o) {
  CLI::App* run = app->add_subcommand(
      "run", "Run one execution of a state machine in-process (virtual time) and print its output");
  run->allow_extras();
  run->add_option("DEFINITION", o->definition,
                  "ASL file (JSON or YAML), or TEMPLATE#LogicalId for a CloudFormation, SAM or "
                  "CDK template");
  run->add_option("--input", o->input, "Execution input (JSON; default {})");
  run->add_option("--input-file", o->input_file, "File holding the execution input");
  run->add_option("--config", o->config, "Routes file answering the Task states (serve --config)");
  run->add_option("--mock-config", o->mock_config, "Step Functions Local mock configuration file");
  run->add_option("--test-case", o->test_case, "Test case of --mock-config to answer Tasks from");
  run->add_option("--s3-dir", o->s3_dir,
                  "Answer S3 (ItemReader, ResultWriter, aws-sdk:s3) from DIR: bucket = sub-folder")
      ->check(CLI::ExistingDirectory);
  run->add_option("--history", o->history,
                  "Print the history instead of the output: text (a table) or json "
                  "(GetExecutionHistory's answer)");
  run->add_flag("--real-time", o->real_time,
                "Wait on the wall clock (default: virtual time, waits cost nothing)");
  run->add_option("--clock", o->clock,
                  "Virtual start time, ISO 8601 UTC (default 2025-01-01T00:00:00Z)");
  run->add_option("--seed", o->seed,
                  "Seed for $random, States.UUID, jitter and task tokens (default 0)");
  run->add_option("--region", o->region, "Region in ARNs")->capture_default_str();
  run->add_option("--account", o->account, "Account id in ARNs")->capture_default_str();
  return run;
}

int RunCommand(const CLI::App& command, const RunCommandOptions& o) {
  // main() blocks these for `serve`'s sigwait(); here Ctrl-C must just stop us.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);

  if (std::string problem = CheckCommandLine(command, o); !problem.empty()) {
    return Fail(kUsage, problem);
  }
  testing::DefinitionSourceOptions source;
  source.region = o.region;
  source.account = o.account;
  Result<testing::LoadedDefinition> loaded = testing::LoadDefinition(o.definition, source);
  if (!loaded.ok()) return Fail(kUsage, loaded.error().cause);
  ApplyRoutesName(o.config, &loaded.value());
  testing::RunOptions run = ToRunOptions(o, loaded.value());
  if (!LoadInput(o, &run.input)) return kUsage;
  Result<testing::RunResult> result = testing::RunExecution(run);
  if (!result.ok()) return ReportRunError(result.error(), loaded.value());
  return Report(o, result.value());
}

}  // namespace sfn::cli
