// cli/main.cc
//
// The sfn-local command line (`run`, `validate` and `test` live in their own
// files; see the README):
//   sfn-local serve [--host H] [--port P] [--config FILE] [--mock-config FILE] [--s3-dir DIR]
//                   [--region R] [--account A] [--wait-scale F] [--no-console]
//                   [--log-level L] [--log-format F] [--execution-log FILE]
//                   [--watch] [--allow-host NAME]... (cli/observe_options.h)
//                   [--max-executions N] [--max-execution-age D] [--state-file FILE]
// wires the layers together (routes -> TaskRouter -> NestedExecutionInvoker
// -> Engine -> Store -> Service -> Server, and the web console on the same
// port), prints one "listening" line once the socket is bound,
// and serves until SIGINT or SIGTERM. Signals are received by sigwait() on
// the main thread (they are blocked everywhere else), so shutdown runs as
// ordinary code, not in a signal handler.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/definition_watcher.h"
#include "cli/observe_options.h"
#include "cli/run_command.h"
#include "cli/serve_state.h"
#include "cli/test_command.h"
#include "cli/validate_command.h"
#include "console/console.h"
#include "emulator/api/actions.h"
#include "emulator/records/activities.h"
#include "emulator/records/arn.h"
#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"
#include "emulator/api/response_shapes.h"
#include "emulator/api/nested_execution.h"
#include "emulator/api/server.h"
#include "emulator/engine/counting_invoker.h"
#include "emulator/records/store.h"
#include "mocks/mock_config.h"
#include "mocks/routes_config.h"
#include "mocks/task_router.h"

#ifndef SFN_LOCAL_VERSION
#define SFN_LOCAL_VERSION "0.0.0"
#endif

namespace {

using sfn::emulator::CallContext;
using sfn::emulator::ServerOptions;
using sfn::emulator::Service;

struct ServeOptions {
  ServerOptions server;
  std::string config;
  std::string mock_config;
  std::string s3_dir;
  double wait_scale = 1.0;
  double activity_poll_seconds = 60;  // GetActivityTask's long poll
  bool no_console = false;
  sfn::cli::ObserveOptions observe;
  sfn::cli::ServeStateOptions state;
};

void AddServeOptions(CLI::App* serve, ServeOptions* o) {
  serve->add_option("--host", o->server.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", o->server.port, "Port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  CLI::Option* config =
      serve
          ->add_option("--config", o->config,
                       "Routes file: {\"routes\": [...], \"stateMachines\": [...]}")
          ->check(CLI::ExistingFile);
  serve->add_option("--mock-config", o->mock_config, "Step Functions Local mock configuration file")
      ->envname("SFN_MOCK_CONFIG")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--s3-dir", o->s3_dir,
                   "Answer S3 (ItemReader, ResultWriter, aws-sdk:s3) from DIR: bucket = sub-folder")
      ->check(CLI::ExistingDirectory);
  serve
      ->add_option("--region", o->server.default_region,
                   "Region of requests that carry no SigV4 credential scope")
      ->capture_default_str();
  serve->add_option("--account", o->server.account, "Account id used in ARNs")
      ->capture_default_str();
  serve
      ->add_option("--wait-scale", o->wait_scale,
                   "Multiplies the time an execution waits: Wait states and Retry back-off "
                   "(0: do not wait; task TimeoutSeconds and HeartbeatSeconds are not scaled)")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            char* end = nullptr;
            double d = std::strtod(value.c_str(), &end);
            bool ok = end != value.c_str() && *end == '\0' && d >= 0;
            return ok ? "" : "must be a number >= 0, got " + value;
          },
          "NUMBER>=0"))
      ->capture_default_str();
  serve->add_flag("--no-console", o->no_console,
                  "Do not serve the web console (GET / and /console/...)");
  // Undocumented in --help (README only): shortens GetActivityTask's long
  // poll so that tests of idle workers need not wait AWS's 60 seconds.
  serve->add_option("--activity-poll-seconds", o->activity_poll_seconds)
      ->check(CLI::Range(0.0, 60.0))
      ->group("");
  sfn::cli::AddObserveOptions(serve, config, &o->observe);
  sfn::cli::AddServeStateOptions(serve, &o->state);
}

// Each connection holds a descriptor, and 1,000 long polls plus idle
// clients pass the common soft limit of 1,024: raise it to the hard limit.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

// Pollers wait on server threads: they may hold at most half of them
// (2,048 by default: AWS's 1,000 pollers per activity fit).
void ConfigureActivities(const ServeOptions& o) {
  sfn::emulator::Activities::Limits limits;
  limits.poll_wait_ms = static_cast<int64_t>(o.activity_poll_seconds * 1000);
  limits.max_waiting_polls = o.server.max_threads / 2;
  sfn::emulator::ProcessActivities().SetLimits(limits);
}

// UpdateStateMachine for a CreateStateMachine `request` of the routes file.
sfn::Json UpdateRequest(const sfn::Json& create, const CallContext& ctx,
                        const ServerOptions& options) {
  const std::string arn =
      sfn::emulator::StateMachineArn(ctx.region, options.account, create.Find("name")->AsString());
  return sfn::emulator::ObjectBuilder()
      .Add("stateMachineArn", sfn::Json(arn))
      .Add("definition", *create.Find("definition"))
      .Add("roleArn", *create.Find("roleArn"))
      .Build();
}

// Creates the state machines the routes file lists, through the API so they
// get exactly the checks CreateStateMachine applies. One kept in the state
// file is updated to the routes file's definition instead.
bool PreloadStateMachines(const sfn::mocks::RoutesConfig& routes, const Service& service,
                          const ServerOptions& options) {
  CallContext ctx{options.default_region, options.account};
  for (const auto& m : routes.state_machines) {
    std::string role = m.role_arn.empty() ? "arn:" + sfn::emulator::PartitionForRegion(ctx.region) +
                                                ":iam::" + options.account + ":role/sfn-local"
                                          : m.role_arn;
    sfn::Json request = sfn::emulator::ObjectBuilder()
                            .Add("name", sfn::Json(m.name))
                            .Add("definition", sfn::Json(m.definition))
                            .Add("roleArn", sfn::Json(role))
                            .Add("type", sfn::Json(m.type))
                            .Build();
    Service::Response r = service.Call("CreateStateMachine", sfn::Dump(request), ctx);
    if (r.error_code == "StateMachineAlreadyExists") {
      // Kept from the state file with another definition: the routes file's
      // definition replaces it.
      r = service.Call("UpdateStateMachine", sfn::Dump(UpdateRequest(request, ctx, options)),
                       ctx);
    }
    if (r.http_status != 200) {
      std::cerr << "sfn-local: state machine '" << m.name << "' (" << m.definition_path
                << "): " << r.body << "\n";
      return false;
    }
  }
  return true;
}

// Waits for SIGINT or SIGTERM; the server thread raises SIGTERM itself when
// its accept loop ends on its own.
void WaitForShutdownSignal(const sigset_t& signals) {
  int signal_number = 0;
  sigwait(&signals, &signal_number);
}

// Reads --config and --mock-config; false (after printing why) when either
// is unusable.
bool LoadConfigs(const ServeOptions& o, sfn::mocks::RoutesConfig* routes,
                 std::unique_ptr<sfn::mocks::MockConfig>* mocks) {
  if (!o.config.empty()) {
    auto loaded = sfn::mocks::LoadRoutesConfig(o.config);
    if (!loaded.ok()) {
      std::cerr << "sfn-local: --config: " << loaded.error().cause << "\n";
      return false;
    }
    *routes = std::move(loaded).value();
  }
  if (!o.mock_config.empty()) {
    auto opened = sfn::mocks::MockConfig::Open(o.mock_config);
    if (!opened.ok()) {
      std::cerr << "sfn-local: --mock-config: " << opened.error().cause << "\n";
      return false;
    }
    *mocks = std::move(opened).value();
  }
  return true;
}

// Binds, announces the address, serves on a second thread until a signal.
int ServeUntilSignal(Service* service, const ServerOptions& options, const sigset_t& signals) {
  sfn::emulator::Server server(service, options);
  std::string error;
  if (!server.Bind(&error)) {
    std::cerr << "sfn-local: " << error << "\n";
    return 1;
  }
  std::atomic<bool> ended{false};
  std::thread serving([&server, &ended] {
    server.Run();
    ended = true;
    kill(getpid(), SIGTERM);  // wake the main thread if the loop ended by itself
  });
  // Announced once accepting: a signal from then on must find a loop that
  // Stop() ends (a Stop() before the loop starts would not end it).
  while (!server.running() && !ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::printf("sfn-local listening on http://%s:%d\n", options.host.c_str(), server.port());
  std::fflush(stdout);
  WaitForShutdownSignal(signals);
  server.Stop();
  serving.join();
  return 0;
}

// The console reads through the Service, and lists waiting tasks from the
// engine's tokens and the activity queues.
sfn::console::ConsoleOptions ConsoleOptionsFor(const ServeOptions& o, const Service* service,
                                               const sfn::emulator::Engine* engine) {
  sfn::console::ConsoleOptions options;
  options.service = service;
  options.context = CallContext{o.server.default_region, o.server.account};
  options.waiting_tasks = [engine] { return engine->WaitingTasks(); };
  options.queued_activity_tokens = [] { return sfn::emulator::ProcessActivities().QueuedTokens(); };
  return options;
}

int Serve(const ServeOptions& o, const sigset_t& signals) {
  sfn::mocks::RoutesConfig routes;
  std::unique_ptr<sfn::mocks::MockConfig> mocks;
  if (!LoadConfigs(o, &routes, &mocks)) return 2;
  std::unique_ptr<sfn::cli::Observability> observe = sfn::cli::Observability::Create(o.observe);
  if (observe == nullptr) return 2;
  RaiseOpenFileLimit();
  ConfigureActivities(o);
  const bool has_mocks = mocks != nullptr;
  // Destroyed in reverse order: the engine stops before the router it calls.
  sfn::mocks::TaskRouterOptions router_options;
  router_options.log = observe->TaskLog();
  router_options.s3_dir = o.s3_dir;
  sfn::mocks::TaskRouter router(routes, std::move(mocks), std::move(router_options));
  sfn::emulator::NestedExecutionInvoker invoker(&router);
  sfn::emulator::CountingInvoker counting(&invoker, &observe->metrics());
  sfn::emulator::EngineOptions engine_options;
  engine_options.wait_scale = o.wait_scale;
  engine_options.invoker = &counting;
  engine_options.observer = observe->observer();
  sfn::emulator::Engine engine(engine_options);
  sfn::emulator::Store store(sfn::emulator::NowMs);
  observe->metrics().SetRetainedExecutions(
      [&store] { return static_cast<int64_t>(store.ExecutionCount()); });
  sfn::emulator::EngineRunner runner(&engine);
  sfn::emulator::ServiceHooks hooks;
  hooks.task_invoker = &invoker;
  if (has_mocks) {
    hooks.has_test_case = [&router](const std::string& machine, const std::string& test_case) {
      return router.HasTestCase(machine, test_case);
    };
  }
  Service service(&store, &runner, std::move(hooks));
  invoker.Bind(&service, &runner);
  sfn::cli::ServeState state(o.state, &store);
  if (!state.Load() || !PreloadStateMachines(routes, service, o.server)) return 2;
  state.Start();
  ServerOptions server_options = o.server;
  observe->Configure(&server_options);
  std::unique_ptr<sfn::cli::DefinitionWatcher> watcher;
  if (o.observe.watch) {
    watcher = std::make_unique<sfn::cli::DefinitionWatcher>(
        routes.state_machines, &service, CallContext{o.server.default_region, o.server.account},
        observe->log());
    server_options.watch_status = [w = watcher.get()] { return w->StatusJson(); };
    watcher->Start();
  }
  std::unique_ptr<sfn::console::Console> console;
  if (!o.no_console) {
    console = std::make_unique<sfn::console::Console>(ConsoleOptionsFor(o, &service, &engine));
    server_options.pages = [c = console.get()](const sfn::emulator::PageRequest& r) {
      return c->Handle(r);
    };
  }
  int code = ServeUntilSignal(&service, server_options, signals);
  if (watcher) watcher->Stop();
  // Executions still running end ABORTED (task programs killed), then the
  // state file is written a last time.
  if (state.Shutdown(&engine) != 0 && code == 0) code = 1;
  // Nested tasks still running must not start children through a Service
  // that is about to be destroyed.
  invoker.Unbind();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  // Block the shutdown signals before any thread starts, so every thread
  // inherits the mask and only sigwait() in main receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill us

  CLI::App app{"sfn-local: a local AWS Step Functions emulator", "sfn-local"};
  app.set_version_flag("--version", std::string("sfn-local ") + SFN_LOCAL_VERSION);
  app.require_subcommand(1);
  ServeOptions options;
  options.server.version = SFN_LOCAL_VERSION;
  CLI::App* serve = app.add_subcommand("serve", "Serve the Step Functions API over HTTP");
  AddServeOptions(serve, &options);
  sfn::cli::RunCommandOptions run_options;
  CLI::App* run = sfn::cli::AddRunCommand(&app, &run_options);
  std::function<int()> offline_command;  // set when `validate` or `test` is chosen
  sfn::cli::AddValidateCommand(&app, &offline_command);
  sfn::cli::AddTestCommand(&app, &offline_command);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help and --version exit 0; a bad command line 2
  }
  if (run->parsed()) return sfn::cli::RunCommand(*run, run_options);
  if (offline_command) return offline_command();
  return Serve(options, signals);
}
