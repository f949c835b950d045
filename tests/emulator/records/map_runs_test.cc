#include "emulator/records/map_runs.h"

#include <doctest/doctest.h>

namespace sfn::emulator {
namespace {

MapRuns::Record Run(const std::string& arn, const std::string& execution, int64_t total) {
  MapRuns::Record r;
  r.arn = arn;
  r.execution_arn = execution;
  r.total = total;
  r.total_items = total;
  return r;
}

MapRuns::Child Child(const std::string& arn, int64_t index, int64_t items = 1) {
  ExecutionSpec spec;
  spec.arn = arn;
  MapRuns::Child c;
  c.execution = std::make_shared<Execution>(spec);
  c.index = index;
  c.item_count = items;
  return c;
}

void End(const std::shared_ptr<Execution>& e, ExecutionStatus status) {
  ExecutionEnd end;
  end.status = status;
  e->Finish(end);
}

TEST_CASE("MapRuns counts from the children's own status") {
  MapRuns runs;
  MapRuns::Record r = Run("run-a", "exec-1", 4);
  r.total_items = 6;
  runs.Start(r);
  MapRuns::Child a = Child("child-a", 0), b = Child("child-b", 1, 3), c = Child("child-c", 2);
  for (const auto& child : {a, b, c}) CHECK(runs.AddChild("run-a", child));
  CHECK(!runs.AddChild("missing", Child("child-x", 0)));
  End(a.execution, ExecutionStatus::kSucceeded);
  End(b.execution, ExecutionStatus::kFailed);

  auto described = runs.Describe("run-a");
  REQUIRE(described);
  MapRuns::Counts by_children = CountChildren(*described, false);
  CHECK(by_children.total == 4);
  CHECK(by_children.pending == 1);  // never started
  CHECK(by_children.running == 1);
  CHECK(by_children.succeeded == 1);
  CHECK(by_children.failed == 1);
  CHECK(by_children.results_written == 1);
  MapRuns::Counts by_items = CountChildren(*described, true);
  CHECK(by_items.total == 6);
  CHECK(by_items.failed == 3);  // the batch of three
  CHECK(by_items.pending == 1);

  CHECK(runs.FindChild("child-b") == b.execution);
  CHECK(runs.FindChild("child-z") == nullptr);
  auto running = runs.RunningChildren("run-a");
  REQUIRE(running.size() == 1);
  CHECK(running[0] == c.execution);
}

TEST_CASE("MapRuns ends runs once and aborts an execution's running runs") {
  MapRuns runs;
  runs.Start(Run("run-z", "exec-1", 1));
  runs.Start(Run("run-b", "exec-1", 1));
  runs.Start(Run("run-c", "exec-2", 1));
  MapRuns::Child held = Child("held", 0);
  runs.AddChild("run-b", held);
  runs.Finish("run-z", MapRuns::Status::kSucceeded, 10);
  runs.Finish("run-z", MapRuns::Status::kFailed, 11);  // an ended run stays ended
  CHECK(runs.Describe("run-z")->status == MapRuns::Status::kSucceeded);
  CHECK(runs.Describe("run-z")->stop_ms == 10);
  auto listed = runs.List("exec-1");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].arn == "run-z");
  CHECK(listed[1].arn == "run-b");
  auto to_stop = runs.AbortRunning("exec-1", 20);
  REQUIRE(to_stop.size() == 1);
  CHECK(to_stop[0] == held.execution);
  CHECK(runs.Describe("run-b")->status == MapRuns::Status::kAborted);
  CHECK(runs.Describe("run-c")->status == MapRuns::Status::kRunning);
}

TEST_CASE("MapRuns redrive reopens a run and counts what is left to rerun") {
  MapRuns runs;
  runs.Start(Run("run-r", "exec-1", 2));
  MapRuns::Child ok = Child("ok", 0), bad = Child("bad", 1);
  runs.AddChild("run-r", ok);
  runs.AddChild("run-r", bad);
  End(ok.execution, ExecutionStatus::kSucceeded);
  End(bad.execution, ExecutionStatus::kFailed);
  runs.Finish("run-r", MapRuns::Status::kFailed, 5);
  CHECK(runs.Redrive("run-r", 1, 30) == 1);
  CHECK(runs.Redrive("missing", 1, 30) == 0);
  auto r = runs.Describe("run-r");
  CHECK(r->status == MapRuns::Status::kRunning);
  CHECK((r->redrive_count == 1 && r->redrive_ms == 30));
  CHECK(CountChildren(*r, false).pending_redrive == 1);
  // An EXPRESS child is replaced by a new execution: the old one no longer counts.
  MapRuns::Child again = Child("bad-again", 1);
  runs.AddChild("run-r", again);
  runs.ChildRedriven("run-r", bad.execution.get());
  r = runs.Describe("run-r");
  MapRuns::Counts c = CountChildren(*r, false);
  CHECK(c.pending_redrive == 0);
  CHECK(c.failed == 0);
  CHECK(c.running == 1);
  CHECK(c.succeeded == 1);
}

TEST_CASE("MapRuns updates a run's settings") {
  MapRuns runs;
  runs.Start(Run("run-c", "exec-2", 1));
  CHECK(!runs.Describe("missing"));
  CHECK(!runs.Update("missing", 1, std::nullopt, std::nullopt));
  CHECK(!runs.Describe("run-c")->has_tolerated_percentage);
  CHECK(runs.Update("run-c", 7, std::nullopt, 12.5));
  CHECK(runs.Describe("run-c")->max_concurrency == 7);
  CHECK(runs.Describe("run-c")->tolerated_failure_percentage == 12.5);
  CHECK(runs.Describe("run-c")->has_tolerated_percentage);
  CHECK(!runs.Describe("run-c")->has_tolerated_count);
}

}  // namespace
}  // namespace sfn::emulator
