#include "emulator/records/map_runs.h"

#include <doctest/doctest.h>

namespace sfn::emulator {
namespace {

MapRuns::Record Run(const std::string& arn, const std::string& execution, int64_t total) {
  MapRuns::Record r;
  r.arn = arn;
  r.execution_arn = execution;
  r.total = total;
  return r;
}

TEST_CASE("MapRuns counts iterations and ends runs") {
  MapRuns runs;
  runs.Start(Run("run-a", "exec-1", 3));
  runs.IterationStarted("run-a");
  runs.IterationStarted("run-a");
  runs.IterationEnded("run-a", true, false);
  runs.IterationEnded("run-a", false, false);
  auto r = runs.Describe("run-a");
  REQUIRE(r);
  CHECK(r->status == MapRuns::Status::kRunning);
  CHECK((r->started == 2 && r->succeeded == 1 && r->failed == 1));

  runs.Finish("run-a", MapRuns::Status::kFailed, 50);
  r = runs.Describe("run-a");
  CHECK(r->status == MapRuns::Status::kFailed);
  CHECK(r->stop_ms == 50);
  CHECK(r->aborted == 1);  // the item never started
  runs.Finish("run-a", MapRuns::Status::kSucceeded, 60);  // an ended run stays ended
  CHECK(runs.Describe("run-a")->status == MapRuns::Status::kFailed);
}

TEST_CASE("MapRuns lists an execution's runs in start order and aborts the running ones") {
  MapRuns runs;
  runs.Start(Run("run-z", "exec-1", 1));
  runs.Start(Run("run-b", "exec-1", 1));
  runs.Start(Run("run-c", "exec-2", 1));
  runs.Finish("run-z", MapRuns::Status::kSucceeded, 10);
  auto listed = runs.List("exec-1");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].arn == "run-z");
  CHECK(listed[1].arn == "run-b");
  runs.AbortRunning("exec-1", 20);
  CHECK(runs.Describe("run-b")->status == MapRuns::Status::kAborted);
  CHECK(runs.Describe("run-z")->status == MapRuns::Status::kSucceeded);
  CHECK(runs.Describe("run-c")->status == MapRuns::Status::kRunning);
  CHECK(!runs.Describe("missing"));
  CHECK(!runs.Update("missing", 1, std::nullopt, std::nullopt));
  CHECK(runs.Update("run-c", 7, std::nullopt, 12.5));
  CHECK(runs.Describe("run-c")->max_concurrency == 7);
  CHECK(runs.Describe("run-c")->tolerated_failure_percentage == 12.5);
}

}  // namespace
}  // namespace sfn::emulator
