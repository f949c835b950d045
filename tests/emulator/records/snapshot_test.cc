// tests/emulator/records/snapshot_test.cc: the state file's document:
// a round trip keeps everything, an execution found running comes back
// ABORTED and redrivable, and a damaged or foreign document is refused
// with nothing loaded.
#include "emulator/records/snapshot.h"

#include <doctest/doctest.h>

#include <string>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "emulator/records/history_events.h"

using namespace sfn::emulator;
using sfn::Json;
using sfn::Status;

namespace {

const std::string kMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:M";
const std::string kDefinition = R"({"QueryLanguage":"JSONata","StartAt":"Set","States":{
  "Set":{"Type":"Pass","Assign":{"n":42},"Next":"Hold"},
  "Hold":{"Type":"Wait","Seconds":60,"Next":"Done"},
  "Done":{"Type":"Pass","Output":"{% $n %}","End":true}}})";

struct World {
  int64_t now = 1700000000000;
  Store store{[this] { return now++; }};
  Activities activities;
  MapRuns map_runs;
  Registries Records() { return Registries{&store, &activities, &map_runs}; }
};

std::shared_ptr<Revision> ParsedRevision(const std::string& definition) {
  auto r = std::make_shared<Revision>();
  r->definition = definition;
  r->machine = sfn::asl::ParseDefinition(definition).machine;
  REQUIRE(r->machine);
  r->role_arn = "arn:aws:iam::123456789012:role/r";
  r->logging_configuration = Json::MakeObject({{"level", Json("OFF")}});
  return r;
}

std::shared_ptr<Execution> AddExecution(World& w, const std::string& name,
                                        const std::shared_ptr<const Revision>& revision) {
  ExecutionSpec s;
  s.arn = "arn:aws:states:us-east-1:123456789012:execution:M:" + name;
  s.name = name;
  s.state_machine_arn = kMachine;
  s.state_machine_name = "M";
  s.machine = revision->machine;
  s.input_text = R"({"k":[1,2.5,"é"]})";
  s.start_ms = w.now;
  auto e = std::make_shared<Execution>(s);
  bool added = false;
  REQUIRE(w.store.AddExecution(e, revision, &added).index() == 0);
  e->history().Append(sfn::asl::EventType::kExecutionStarted, 0, w.now, ExecutionStartedDetails(s));
  return e;
}

// A world with one of each thing the file keeps; "held" still runs, in its
// Wait state, after "Set" assigned n = 42.
void Populate(World& w) {
  Store::NewMachine m;
  m.arn = kMachine;
  m.name = "M";
  m.type = "STANDARD";
  m.revision = ParsedRevision(kDefinition);
  m.publish = true;
  m.version_description = "first";
  m.tags = {{"team", "core"}};
  REQUIRE(w.store.CreateStateMachine(m).index() == 0);
  Store::Update u;
  u.definition = kDefinition + std::string(" ");
  u.machine = sfn::asl::ParseDefinition(*u.definition).machine;
  REQUIRE(w.store.UpdateStateMachine(kMachine, u).index() == 0);
  Store::NewAlias alias{"live", "the live one", {{kMachine + ":1", 100}}};
  REQUIRE(w.store.CreateAlias(alias).index() == 0);
  auto target =
      std::get<ExecutionTarget>(w.store.ResolveTarget(std::get<ParsedArn>(ParseArn(kMachine))));

  auto done = AddExecution(w, "done", target.revision);
  done->history().Append(sfn::asl::EventType::kExecutionSucceeded, 1, w.now,
                         ExecutionSucceededDetails(Json("42")));
  ExecutionEnd end;
  end.status = ExecutionStatus::kSucceeded;
  end.stop_ms = w.now;
  end.output_text = Json("42");
  done->Finish(end);

  auto held = AddExecution(w, "held", target.revision);
  held->history().Append(sfn::asl::EventType::kPassStateEntered, 1, w.now,
                         Json::MakeObject({{"name", Json("Set")}, {"input", Json("{}")}}));
  held->history().Append(
      sfn::asl::EventType::kPassStateExited, 2, w.now,
      Json::MakeObject({{"name", Json("Set")},
                        {"output", Json("{}")},
                        {"assignedVariables", Json::MakeObject({{"n", Json("42")}})}}));
  held->history().Append(sfn::asl::EventType::kWaitStateEntered, 3, w.now + 1,
                         Json::MakeObject({{"name", Json("Hold")}, {"input", Json("{\"x\":1}")}}));

  w.activities.Create("arn:aws:states:us-east-1:123456789012:activity:A", "A", 5, {{"k", "v"}});
  MapRuns::Record run;
  run.arn = "arn:aws:states:us-east-1:123456789012:mapRun:M/Map:1";
  run.execution_arn = held->spec().arn;
  run.total = 4;
  run.total_items = 4;
  run.has_tolerated_percentage = true;
  run.tolerated_failure_percentage = 12.5;
  w.map_runs.Start(run);
}

}  // namespace

TEST_CASE("a saved state restores to the same state") {
  World a;
  Populate(a);
  const std::string text = SerializeState(a.Records(), 1);
  CHECK(text.rfind(R"({"format":"sfn-local-state","version":1,)", 0) == 0);
  World b;
  Status restored = RestoreState(text, 2000000000000, b.Records());
  REQUIRE_MESSAGE(restored.ok(), restored.error().cause);

  auto desc =
      std::get<MachineView>(b.store.DescribeStateMachine(std::get<ParsedArn>(ParseArn(kMachine))));
  auto orig =
      std::get<MachineView>(a.store.DescribeStateMachine(std::get<ParsedArn>(ParseArn(kMachine))));
  CHECK(desc.creation_ms == orig.creation_ms);
  CHECK(desc.revision->revision_id == orig.revision->revision_id);
  CHECK(!desc.revision->revision_id.empty());
  CHECK(desc.revision->update_ms == orig.revision->update_ms);
  CHECK(desc.revision->logging_configuration == orig.revision->logging_configuration);
  REQUIRE(desc.revision->machine);
  CHECK(std::get<0>(b.store.ListTags(kMachine)).at(0).value == "core");
  auto aliases = std::get<0>(b.store.ListAliases(std::get<ParsedArn>(ParseArn(kMachine))));
  REQUIRE(aliases.size() == 1);
  CHECK(aliases[0].description == std::optional<std::string>("the live one"));
  CHECK(std::get<0>(b.store.ListVersions(kMachine)).size() == 1);

  auto done = b.store.FindExecution("arn:aws:states:us-east-1:123456789012:execution:M:done");
  REQUIRE(done.has_value());
  CHECK(done->execution->end().status == ExecutionStatus::kSucceeded);
  CHECK(*done->execution->end().output() == Json(int64_t{42}));
  CHECK(done->execution->end().output_text == Json("42"));
  CHECK(done->execution->spec().input_text == R"({"k":[1,2.5,"é"]})");
  CHECK(done->execution->history().size() == 2);
  CHECK(b.activities.Describe("arn:aws:states:us-east-1:123456789012:activity:A")->tags.size() ==
        1);
  // Versions and executions of one revision share it, as before.
  CHECK(done->revision->machine == done->execution->spec().machine);

  // Saving the restored state gives the same document, but for what the
  // restore changed: "held" was running, and its Map Run with it.
  World c;
  Status again = RestoreState(SerializeState(b.Records(), 1), 2000000000000, c.Records());
  REQUIRE_MESSAGE(again.ok(), again.error().cause);
  CHECK(SerializeState(c.Records(), 1) == SerializeState(b.Records(), 1));
}

TEST_CASE("an execution saved while running comes back ABORTED, redrivable where it was") {
  World a;
  Populate(a);
  World b;
  REQUIRE(RestoreState(SerializeState(a.Records(), 1), 2000000000000, b.Records()).ok());
  auto held = b.store.FindExecution("arn:aws:states:us-east-1:123456789012:execution:M:held");
  REQUIRE(held.has_value());
  const ExecutionEnd end = held->execution->end();
  CHECK(end.status == ExecutionStatus::kAborted);
  CHECK(end.stop_ms == 2000000000000);
  CHECK(end.error == std::string(kStoppedError));
  CHECK(end.cause == std::string(kStoppedCause));
  const auto events = held->execution->history().All();
  REQUIRE(events.size() == 5);
  CHECK(events.back().type == sfn::asl::EventType::kExecutionAborted);
  CHECK(events.back().previous_event_id == 4);
  CHECK(events.back().timestamp_ms == 2000000000000);
  auto point = held->execution->redrive_point();
  REQUIRE(point.has_value());
  REQUIRE(point->state != nullptr);
  CHECK(point->state->name == "Hold");
  CHECK(point->input == Json::MakeObject({{"x", Json(int64_t{1})}}));
  REQUIRE(point->variables.size() == 1);
  CHECK(point->variables[0].first == "n");
  CHECK(point->variables[0].second == Json(int64_t{42}));
  CHECK(held->execution->BeginRedrive(2000000000001) == Execution::RedriveStart::kStarted);
  auto run = b.map_runs.Describe("arn:aws:states:us-east-1:123456789012:mapRun:M/Map:1");
  REQUIRE(run.has_value());
  CHECK(run->status == MapRuns::Status::kAborted);
  CHECK(run->tolerated_failure_percentage == 12.5);
  CHECK(run->has_tolerated_percentage);
  // Its children are not kept, their counts are: none started, four pending.
  MapRuns::Counts counts = CountChildren(*run, false);
  CHECK(counts.total == 4);
  CHECK(counts.pending == 4);
}

TEST_CASE("a damaged, truncated or foreign state file is refused and nothing is loaded") {
  World a;
  Populate(a);
  const std::string good = SerializeState(a.Records(), 1);
  struct Case {
    std::string text;
    std::string says;
  };
  std::string unknown_event = good;
  const size_t at = unknown_event.find("\"WaitStateEntered\"");
  REQUIRE(at != std::string::npos);
  unknown_event.replace(at, 18, "\"WaitStateEnterred\"");
  std::string bad_revision = good;
  bad_revision.replace(bad_revision.find("\"revision\":0"), 12, "\"revision\":9");
  const Case cases[] = {
      {"", "not valid JSON"},
      {good.substr(0, good.size() / 2), "not valid JSON"},
      {"[1,2]", "not an sfn-local state file"},
      {R"({"format":"other","version":1})", "not an sfn-local state file"},
      {R"({"format":"sfn-local-state","version":2})", "version 2 is not supported"},
      {R"({"format":"sfn-local-state","version":1})", "is missing"},
      {unknown_event, "executions[1]: history[3] must be"},
      {bad_revision, "names no revision"},
  };
  for (const Case& c : cases) {
    World b;
    Status s = RestoreState(c.text, 2000000000000, b.Records());
    REQUIRE_FALSE(s.ok());
    CHECK_MESSAGE(s.error().cause.find(c.says) != std::string::npos, s.error().cause);
    CHECK(b.store.execution_count() == 0);
    CHECK(b.store.ListStateMachines("").empty());
    CHECK(b.activities.List("").empty());
    CHECK(b.map_runs.All().empty());
  }
}
