// emulator/engine/engine_redrive.cc
//
// RedriveExecution as AWS does it. When an execution ends without success
// its top-level Run leaves a RedrivePoint: the state it was in, its input
// and variables, and when that state is a Parallel or Map whose children
// ran, each child's output if it succeeded. A redrive appends
// ExecutionRedriven to the same history and enters that state again; its
// fork reruns only the branches and iterations that failed or were
// aborted, and the Map's output keeps the others' results. A Distributed
// Map redrives its Map Run (MapRunRedriven, same ARN): failed STANDARD
// children are redriven in place (ExecutionRedriven in their own history),
// EXPRESS ones are started again as new executions.
#include "emulator/engine/engine_impl.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::Join;
using engine_internal::Run;

void Engine::Impl::Redrive(std::shared_ptr<Execution> execution, bool allow_inline) {
  std::optional<RedrivePoint> point = execution->TakeRedrivePoint();
  if (!point) return;  // BeginRedrive() checked; nothing else takes it
  std::shared_ptr<ExecState> exec = NewExecState(execution);
  const int64_t count = execution->redrive_count();
  {
    std::lock_guard<std::mutex> lock(exec->mu);
    const auto last = static_cast<int64_t>(execution->history().size());
    exec->last_event_id = engine_internal::Record(
        exec.get(), asl::EventType::kExecutionRedriven, last, execution->redrive_ms(),
        Json::MakeObject({{"redriveCount", Json(count)}}));
  }
  std::unique_ptr<Run> top = NewTopRun(exec, point->state, std::move(point->input));
  if (point->program != nullptr) top->rs.program = point->program;
  for (const auto& [name, value] : point->variables) top->scope->Set(name, value);
  top->redrive_results = std::move(point->fork_results);
  top->redrive_fork = !top->redrive_results.empty() || !point->map_run_arn.empty();
  top->rs.redrive_map_run_arn = std::move(point->map_run_arn);
  top->rs.cursor = exec->last_event_id;
  Launch(exec, std::move(top), allow_inline);
}

// The top-level state last entered (or about to be), its input, the
// variables in scope, and what its last fork left if it is that state's.
void Engine::Impl::KeepRedrivePoint(Run* run) {
  RedrivePoint point;
  point.state = run->next_state;
  point.program = run->rs.program;
  point.input = run->rs.state == run->next_state ? run->rs.input : run->next_input;
  if (run->scope) point.variables = run->scope->entries();
  if (run->joined_state != nullptr && run->joined_state == point.state) {
    point.fork_results = std::move(run->joined_results);
    point.map_run_arn = std::move(run->joined_map_run);
  }
  run->exec->execution->SetRedrivePoint(std::move(point));
}

// Called as the Join hands its outcome to the parent (under no lock: the
// children are all done).
void Engine::Impl::KeepJoined(Join* j) {
  Run* parent = j->parent;
  parent->joined_state = parent->rs.state;
  parent->joined_results.assign(j->results.size(), std::nullopt);
  for (size_t i = 0; i < j->results.size(); ++i) {
    if (j->succeeded[i]) parent->joined_results[i] = j->results[i];
  }
  parent->joined_map_run = j->spec.map_run_arn;
}

namespace {

// The latest child of the run for item `index` (null: never started).
// Each item's current child (a redrive's, not the one it superseded), by
// item index: one pass over the run's children.
std::vector<const MapRuns::Child*> ChildrenByItem(const MapRuns::Record& r, size_t items) {
  std::vector<const MapRuns::Child*> by_item(items, nullptr);
  for (const MapRuns::Child& c : r.children) {
    if (!c.superseded && c.index >= 0 && static_cast<size_t>(c.index) < items) {
      by_item[c.index] = &c;
    }
  }
  return by_item;
}

}  // namespace

// A redriven Run's first fork: the children that succeeded keep their
// output and are not run again.
bool Engine::Impl::ApplyRedrive(Run* run, Join* j) {
  run->redrive_fork = false;
  std::vector<std::optional<Json>> kept = std::move(run->redrive_results);
  std::optional<MapRuns::Record> record;
  if (j->spec.map_run_redriven) record = map_runs_->Describe(j->spec.map_run_arn);
  if (j->spec.map_run_redriven && !record) {
    StartMapRun(*run, j->spec);
    return false;
  }
  std::vector<size_t> todo;
  int64_t unsuccessful = 0;
  const std::vector<const MapRuns::Child*> children =
      record ? ChildrenByItem(*record, j->results.size()) : std::vector<const MapRuns::Child*>();
  for (size_t i = 0; i < j->results.size(); ++i) {
    std::optional<Json> output;
    if (record) {
      const MapRuns::Child* c = children[i];
      if (c != nullptr && c->execution->end().status == ExecutionStatus::kSucceeded) {
        output = c->execution->end().output();
      } else if (c != nullptr) {
        ++unsuccessful;
      }
    } else if (i < kept.size() && kept.size() == j->results.size()) {
      output = kept[i];
    }
    if (output) {
      j->results[i] = std::move(*output);
      j->succeeded[i] = true;
    } else {
      todo.push_back(i);
    }
  }
  j->todo = std::move(todo);
  if (record) {
    j->redriven = true;
    const int64_t count =
        map_runs_->Redrive(j->spec.map_run_arn, unsuccessful, clock_->NowMillis());
    run->rs.cursor = SinkOf(run)->Emit(
        asl::EventType::kMapRunRedriven,
        Json::MakeObject({{"mapRunArn", Json(j->spec.map_run_arn)}, {"redriveCount", Json(count)}}),
        run->rs.cursor);
    run->exec->started_map_run.store(true);
  }
  return true;
}

// A failed STANDARD child is redriven in place; false: start a new child
// instead (EXPRESS, never started, or not redrivable).
bool Engine::Impl::RedriveMapChild(Join* j, size_t index) {
  std::shared_ptr<Execution> old =
      map_runs_->ChildAt(j->spec.map_run_arn, static_cast<int64_t>(index));
  if (old == nullptr) return false;
  if (old->spec().type == "EXPRESS" ||
      old->BeginRedrive(clock_->NowMillis()) != Execution::RedriveStart::kStarted) {
    map_runs_->ChildRedriven(j->spec.map_run_arn, old.get());
    return false;
  }
  map_runs_->ChildRedriven(j->spec.map_run_arn, nullptr);
  WatchMapChild(j, index, old.get());
  Redrive(old, false);
  return true;
}

}  // namespace sfn::emulator
