// testing/execution_runner.cc
//
// One execution on a private engine: no worker threads and no timer
// thread, so this thread runs every state, and when nothing is runnable it
// either waits for a routed task (real time: programs and HTTP calls run on
// the router's threads) or moves the clock to the next timer.
#include "testing/execution_runner.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "asl/core/uuid.h"
#include "asl/interpreter/event_types.h"
#include "emulator/api/actions.h"
#include "emulator/api/response_shapes.h"
#include "emulator/engine/clock.h"
#include "emulator/engine/engine.h"
#include "emulator/records/activities.h"
#include "emulator/records/arn.h"
#include "emulator/records/map_runs.h"
#include "emulator/records/store.h"
#include "mocks/mock_config.h"
#include "mocks/routes_config.h"
#include "mocks/task_router.h"
#include "testing/activity_worker.h"
#include "testing/mock_invoker.h"

namespace sfn::testing {
namespace {

using emulator::Execution;
using emulator::Service;

// Every state name of the definition, nested ones included, in the order
// written (Parallel branches, Map iterators and item processors).
void CollectStateNames(const Json& machine, std::vector<std::string>* names) {
  const Json* states = machine.is_object() ? machine.Find("States") : nullptr;
  if (states == nullptr || !states->is_object()) return;
  for (const auto& [name, state] : states->AsObject()) {
    names->push_back(name);
    if (!state.is_object()) continue;
    if (const Json* branches = state.Find("Branches"); branches && branches->is_array()) {
      for (const Json& branch : branches->AsArray()) CollectStateNames(branch, names);
    }
    for (const char* key : {"Iterator", "ItemProcessor"}) {
      if (const Json* inner = state.Find(key)) CollectStateNames(*inner, names);
    }
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A mock keyed by a state name must name a state: a typo would otherwise
// let the real route answer, silently.
Status CheckMockTargets(const std::string& definition, const std::vector<Mock>& mocks) {
  std::vector<std::string> names;
  CollectStateNames(ParseJson(definition).value, &names);
  for (const Mock& m : mocks) {
    if (m.is_resource() || std::find(names.begin(), names.end(), m.target) != names.end()) {
      continue;
    }
    return AslError{kInvalidMock, std::to_string(m.line) + ": mocks: no state '" + m.target +
                                      "' in the state machine; its states: " + Join(names)};
  }
  return Status::OK();
}

// Everything one run needs, declared in the order it must be destroyed in
// reverse: the engine stops before the invokers it calls, the router last.
struct Harness {
  explicit Harness(const RunOptions& o)
      : virtual_clock(o.start_epoch_ms),
        clock(o.real_time ? static_cast<const emulator::Clock*>(emulator::SystemClock::Default())
                          : &virtual_clock) {}
  emulator::VirtualClock virtual_clock;
  const emulator::Clock* clock;
  emulator::Activities activities;
  emulator::MapRuns map_runs;
  std::unique_ptr<mocks::TaskRouter> router;
  std::unique_ptr<MockInvoker> invoker;
  std::unique_ptr<emulator::Engine> engine;
  std::unique_ptr<MockActivityWorker> activity_worker;
  std::unique_ptr<emulator::Store> store;
  std::unique_ptr<emulator::EngineRunner> runner;
  std::unique_ptr<Service> service;
};

Status BuildRouter(const RunOptions& o, Harness* h) {
  mocks::RoutesConfig routes;
  if (!o.routes_path.empty()) {
    auto loaded = mocks::LoadRoutesConfig(o.routes_path);
    if (!loaded.ok()) return AslError{kInvalidRoutes, loaded.error().cause};
    routes = std::move(loaded).value();
  }
  std::unique_ptr<mocks::MockConfig> mock_file;
  if (!o.mock_config_path.empty()) {
    auto opened = mocks::MockConfig::Open(o.mock_config_path);
    if (!opened.ok()) return AslError{kInvalidMockConfig, opened.error().cause};
    mock_file = std::move(opened).value();
  }
  mocks::TaskRouterOptions router_options;
  router_options.s3_dir = o.s3_dir;
  h->router = std::make_unique<mocks::TaskRouter>(std::move(routes), std::move(mock_file),
                                                  std::move(router_options));
  return Status::OK();
}

emulator::ServiceHooks HooksFor(const RunOptions& o, const Harness& h) {
  emulator::ServiceHooks hooks;
  hooks.task_invoker = h.invoker.get();
  mocks::TaskRouter* router = h.router.get();
  hooks.has_test_case = [router](const std::string& machine, const std::string& test_case) {
    return router->HasTestCase(machine, test_case);
  };
  // Apart from the engine's generator, so that the ARN does not shift the
  // values the execution draws.
  auto rng = std::make_shared<std::mt19937_64>(o.seed ^ 0x9e3779b97f4a7c15ULL);
  hooks.new_uuid = [rng] {
    const uint64_t high = (*rng)();
    return FormatUuidV4(high, (*rng)());
  };
  return hooks;
}

void BuildEngine(const RunOptions& o, Harness* h) {
  h->invoker = std::make_unique<MockInvoker>(o.mocks, h->router.get());
  emulator::EngineOptions eo;
  eo.workers = -1;
  eo.timer_thread = false;
  eo.invoker = h->invoker.get();
  eo.activities = &h->activities;
  eo.map_runs = &h->map_runs;
  eo.clock = h->clock;
  eo.seed = o.seed;
  eo.express_history = true;
  h->engine = std::make_unique<emulator::Engine>(eo);
  h->activity_worker =
      std::make_unique<MockActivityWorker>(h->invoker.get(), &h->activities, h->engine.get());
  const emulator::Clock* clock = h->clock;
  h->store = std::make_unique<emulator::Store>([clock] { return clock->NowMillis(); });
  h->runner = std::make_unique<emulator::EngineRunner>(h->engine.get());
  h->service =
      std::make_unique<Service>(h->store.get(), h->runner.get(), HooksFor(o, *h), &h->activities);
}

std::string MessageOf(const std::string& body) {
  JsonParseResult parsed = ParseJson(body);
  const Json* message = parsed.ok ? parsed.value.Find("message") : nullptr;
  if (message == nullptr && parsed.ok) message = parsed.value.Find("Message");
  return message != nullptr && message->is_string() ? message->AsString() : body;
}

// CreateStateMachine as the API runs it, so a bad definition is refused
// with AWS's diagnostic text. Returns the machine's ARN.
Result<std::string> CreateMachine(const RunOptions& o, Harness* h) {
  emulator::CallContext ctx{o.region, o.account};
  Json request = emulator::ObjectBuilder()
                     .Add("name", Json(o.name))
                     .Add("definition", Json(o.definition))
                     .Add("roleArn", Json("arn:" + emulator::PartitionForRegion(o.region) +
                                          ":iam::" + o.account + ":role/sfn-local"))
                     .Add("type", Json(o.type))
                     .Build();
  Service::Response r = h->service->Call("CreateStateMachine", Dump(request), ctx);
  if (r.http_status != 200) {
    const std::string code = r.error_code.empty() ? "InvalidDefinition" : r.error_code;
    return AslError{code, MessageOf(r.body)};
  }
  const JsonParseResult created = ParseJson(r.body);
  return created.value.Find("stateMachineArn")->AsString();
}

Result<std::shared_ptr<Execution>> StartExecution(const RunOptions& o, const std::string& arn,
                                                  Harness* h) {
  emulator::CallContext ctx{o.region, o.account};
  const std::string target = o.test_case.empty() ? arn : arn + "#" + o.test_case;
  Json request = emulator::ObjectBuilder()
                     .Add("stateMachineArn", Json(target))
                     .Add("name", Json(o.execution_name))
                     .Add("input", Json(o.input.is_null() ? "{}" : Dump(o.input)))
                     .Build();
  auto started = h->service->StartExecution(request, ctx);
  if (auto* error = std::get_if<emulator::ApiError>(&started)) {
    return AslError{error->code, error->message};
  }
  return std::get<Service::Started>(std::move(started)).execution;
}

AslError Stuck(const Harness& h) {
  std::vector<std::string> states = h.invoker->WaitingForToken();
  if (!states.empty()) {
    return AslError{
        kExecutionStuck,
        "the execution waits for a task token that nothing answers: state '" + states.back() + "'"};
  }
  return AslError{kExecutionStuck,
                  "the execution waits for something nothing answers (an activity worker or "
                  "a task token)"};
}

// Sleeps (real time) or jumps (virtual time) to `due`, returning early in
// real time when a routed task answers meanwhile.
void WaitUntil(const RunOptions& o, Harness* h, int64_t due, uint64_t seen) {
  if (!o.real_time) {
    h->virtual_clock.AdvanceTo(due);
    return;
  }
  const int64_t wait = std::max<int64_t>(0, due - h->clock->MonotonicMillis());
  if (h->invoker->InFlight() > 0) {
    h->invoker->WaitForAnswer(seen, wait);
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
}

// In virtual time a routed task takes no virtual time: timers wait for it.
Status Drive(const RunOptions& o, Harness* h, const Execution& execution) {
  for (;;) {
    const uint64_t seen = h->invoker->Landings();
    h->engine->RunUntilIdle();
    if (!execution.running()) return Status::OK();
    if (h->activity_worker->AnswerQueued() > 0) continue;
    const int64_t due = h->engine->NextTimerDue();
    if (h->invoker->InFlight() > 0 && (!o.real_time || due < 0)) {
      h->invoker->WaitForAnswer(seen, -1);
    } else if (due >= 0) {
      WaitUntil(o, h, due, seen);
    } else {
      return Stuck(*h);
    }
  }
}

RunResult Collect(const Execution& execution, const MockInvoker& invoker) {
  RunResult r;
  r.execution_arn = execution.spec().arn;
  const emulator::ExecutionEnd end = execution.end();
  r.status = emulator::ExecutionStatusName(end.status);
  r.error = end.error;
  r.cause = end.cause;
  if (end.output_text.is_string()) r.output = *end.output();
  Json::Array events;
  for (const emulator::HistoryEvent& e : execution.history().All()) {
    events.push_back(emulator::RenderHistoryEvent(e, true));
    const std::string_view name = asl::EventTypeName(e.type);
    const std::string_view suffix = "StateEntered";
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      ++r.state_transitions;
    }
  }
  r.events = Json::MakeObject({{"events", Json::MakeArray(std::move(events))}});
  r.mock_problems = invoker.Problems();
  return r;
}

}  // namespace

Result<RunResult> RunExecution(const RunOptions& options) {
  Harness h(options);
  if (Status s = BuildRouter(options, &h); !s.ok()) return s.error();
  BuildEngine(options, &h);
  Result<std::string> arn = CreateMachine(options, &h);
  if (!arn.ok()) return arn.error();
  if (Status s = CheckMockTargets(options.definition, options.mocks); !s.ok()) return s.error();
  h.activity_worker->CreateActivities(ParseJson(options.definition).value, h.clock->NowMillis());
  auto execution = StartExecution(options, arn.value(), &h);
  if (!execution.ok()) return execution.error();
  if (Status s = Drive(options, &h, *execution.value()); !s.ok()) return s.error();
  return Collect(*execution.value(), *h.invoker);
}

}  // namespace sfn::testing
