// emulator/engine/engine_map_run.cc
//
// Distributed Map: every item (or batch) the fork hands over runs as a
// child execution of its own (STANDARD or EXPRESS per the processor's
// ExecutionType), registered with the Map Run so that the API can list,
// describe and read the history of each. The parent Run stays parked on
// its Join; each child's end (Execution::OnFinish, on whatever thread ends
// it) reports to the Join, which starts the next pending item within the
// Map Run's current MaxConcurrency (UpdateMapRun may change it), counts
// failures against the run's current tolerated thresholds (failing the run
// with States.ExceedToleratedFailureThreshold and aborting the children
// still running), and resumes the parent once no child is left running.
#include <algorithm>

#include "asl/core/errors.h"
#include "emulator/engine/engine_impl.h"
#include "emulator/records/history_events.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::Join;
using engine_internal::Run;

namespace {

// MaxConcurrency 0 lets AWS run up to 10,000 children at once; here a
// smaller bound keeps a huge Map Run from holding every child at once.
constexpr int64_t kUnboundedConcurrency = 1000;

// True when `failures` of `total` exceed the run's tolerated thresholds (a
// run with neither threshold tolerates none).
bool Exceeds(const MapRuns::Limits& r, size_t failures, size_t total) {
  const bool has_count = r.has_tolerated_count;
  const bool has_percentage = r.has_tolerated_percentage;
  if (!has_count && !has_percentage) return failures > 0;
  if (has_count && static_cast<int64_t>(failures) > r.tolerated_failure_count) return true;
  if (has_percentage && total > 0) {
    const double pct = 100.0 * static_cast<double>(failures) / static_cast<double>(total);
    if (pct > r.tolerated_failure_percentage) return true;
  }
  return false;
}

// The items one child processes: a batch's "Items" when the Map has an
// ItemBatcher (AWS hands each child {"Items": [...], "BatchInput": ...}),
// else one.
int64_t ItemsIn(const asl::State* state, const Json& input) {
  if (state == nullptr || state->type != asl::StateType::kMap || !input.is_object()) return 1;
  if (!static_cast<const asl::MapState&>(*state).item_batcher) return 1;
  const Json* items = input.Find("Items");
  return items != nullptr && items->is_array() ? static_cast<int64_t>(items->size()) : 1;
}

}  // namespace

// A Distributed Map's Map Run, as DescribeMapRun reports it.
void Engine::Impl::StartMapRun(const Run& run, const asl::ForkSpec& spec) {
  MapRuns::Record r;
  r.arn = spec.map_run_arn;
  r.execution_arn = run.exec->execution->spec().arn;
  r.state_machine_arn = asl::MapRunChildArnBase(r.arn, "stateMachine");
  r.start_ms = clock_->NowMillis();
  r.max_concurrency = spec.max_concurrency;
  r.has_tolerated_count = spec.tolerated_failure_count >= 0;
  r.has_tolerated_percentage = spec.tolerated_failure_percentage >= 0;
  r.tolerated_failure_count = std::max<int64_t>(0, spec.tolerated_failure_count);
  r.tolerated_failure_percentage = std::max(0.0, spec.tolerated_failure_percentage);
  r.total = static_cast<int64_t>(spec.items.size());
  for (const Json& input : spec.items) r.total_items += ItemsIn(run.rs.state, input);
  map_runs_->Start(std::move(r));
  run.exec->started_map_run.store(true);
}

bool Engine::Impl::StartDistributed(Run* run, std::unique_ptr<Join> join) {
  Join* j = join.get();
  // The parent is parked from here; the last child to end queues it.
  run->child_join = std::move(join);
  LaunchPending(j);
  return false;
}

// Starts pending items up to the run's concurrency; resumes the parent
// when nothing is left to run.
void Engine::Impl::LaunchPending(Join* j) {
  std::optional<MapRuns::Limits> limits = map_runs_->LimitsOf(j->spec.map_run_arn);
  int64_t limit = limits ? limits->max_concurrency : j->spec.max_concurrency;
  if (limit <= 0) limit = kUnboundedConcurrency;
  const bool parent_ended = j->parent->exec->ended_flag.load();
  std::vector<size_t> start;
  bool done = false;
  {
    std::lock_guard<std::mutex> lock(j->mu);
    while (!j->failed && !parent_ended && j->todo_next < j->todo.size() &&
           static_cast<int64_t>(j->running) < limit) {
      start.push_back(j->todo[j->todo_next++]);
      ++j->running;
    }
    done = j->running == 0 && !j->resumed;
    if (done) j->resumed = true;
  }
  for (size_t index : start) LaunchMapChild(j, index);
  if (done) ResumeParent(j);  // must be the last use of `j`
}

void Engine::Impl::LaunchMapChild(Join* j, size_t index) {
  if (j->redriven && RedriveMapChild(j, index)) return;
  const ExecutionSpec& parent = j->parent->exec->execution->spec();
  ExecutionSpec s;
  s.name = env_.NewUuid();
  s.arn = asl::MapRunChildArnBase(j->spec.map_run_arn, "execution") + ":" + s.name;
  s.map_run_arn = j->spec.map_run_arn;
  s.state_machine_arn = asl::MapRunChildArnBase(j->spec.map_run_arn, "stateMachine");
  s.state_machine_name = s.state_machine_arn.substr(s.state_machine_arn.rfind(':') + 1);
  s.type = j->spec.execution_type.empty() ? "STANDARD" : j->spec.execution_type;
  s.role_arn = parent.role_arn;
  s.region = parent.region;
  s.account = parent.account;
  s.machine = j->parent->exec->machine;
  const Json& input = j->spec.items[index];
  s.input_text = Dump(input);
  s.test_case = parent.test_case;
  s.start_ms = clock_->NowMillis();
  auto execution = std::make_shared<Execution>(std::move(s), input);
  MapRuns::Child child;
  child.execution = execution;
  child.index = static_cast<int64_t>(index);
  child.item_count = ItemsIn(j->parent->rs.state, input);
  map_runs_->AddChild(j->spec.map_run_arn, child);
  std::shared_ptr<ExecState> exec = NewExecState(execution);
  {
    std::lock_guard<std::mutex> lock(exec->mu);
    exec->last_event_id = engine_internal::RecordStarted(exec.get(), exec->start_ms);
  }
  WatchMapChild(j, index, execution.get());
  const asl::Program* processor = j->spec.processor;
  std::unique_ptr<Run> top = NewTopRun(exec, processor->Find(processor->start_at), input);
  top->rs.program = processor;
  top->next_input_text = Json(execution->spec().input_text);
  // Never inline: this may run on an API thread that is stopping a child.
  Launch(exec, std::move(top), false);
}

// The child's end reports to the Join (on the thread that ends it).
void Engine::Impl::WatchMapChild(Join* j, size_t index, Execution* child) {
  std::weak_ptr<Impl> self = weak_from_this();
  child->OnFinish([self, j, index, child] {
    auto impl = self.lock();
    if (impl && !impl->shutting_down_.load()) impl->MapChildEnded(j, index, child);
  });
}

void Engine::Impl::MapChildEnded(Join* j, size_t index, const Execution* child) {
  const ExecutionEnd end = child->end();
  const bool parent_ended = j->parent->exec->ended_flag.load();
  std::optional<MapRuns::Limits> limits = map_runs_->LimitsOf(j->spec.map_run_arn);
  bool cancel = false;
  {
    std::lock_guard<std::mutex> lock(j->mu);
    if (end.status == ExecutionStatus::kSucceeded) {
      j->results[index] = end.output().value_or(Json());
      j->succeeded[index] = true;
    } else if (!j->failed && !parent_ended && limits) {
      ++j->failures;
      if (Exceeds(*limits, j->failures, j->spec.items.size())) {
        j->failed = true;
        j->error = AslError{std::string(asl::kStatesExceedToleratedFailureThreshold),
                            "The specified tolerated failure threshold was exceeded"};
        j->has_cause = true;
        cancel = true;
      }
    }
  }
  // This child still counts as running while it aborts its siblings, so
  // that their own reports (on this thread) cannot resume the parent.
  if (cancel) StopExecutions(map_runs_->RunningChildren(j->spec.map_run_arn));
  {
    std::lock_guard<std::mutex> lock(j->mu);
    --j->running;
  }
  LaunchPending(j);
}

std::vector<asl::ChildRun> Engine::Impl::MapRunChildren(const std::string& map_run_arn) const {
  std::vector<asl::ChildRun> out;
  std::optional<MapRuns::Record> record = map_runs_->Describe(map_run_arn);
  if (!record) return out;
  std::vector<const MapRuns::Child*> children;
  for (const MapRuns::Child& c : record->children) {
    if (!c.superseded) children.push_back(&c);
  }
  std::stable_sort(
      children.begin(), children.end(),
      [](const MapRuns::Child* a, const MapRuns::Child* b) { return a->index < b->index; });
  for (const MapRuns::Child* c : children) {
    const ExecutionSpec& spec = c->execution->spec();
    const ExecutionEnd end = c->execution->end();
    asl::ChildRun r;
    r.execution_arn = spec.arn;
    r.name = spec.name;
    r.status = ExecutionStatusName(end.status);
    r.input = c->execution->input();
    if (end.output_text.is_string()) r.output = *end.output();
    r.error = AslError{end.error, end.cause};
    r.start_ms = spec.start_ms;
    if (end.status != ExecutionStatus::kRunning) r.stop_ms = end.stop_ms;
    out.push_back(std::move(r));
  }
  return out;
}

void Engine::Impl::StopExecutions(const std::vector<std::shared_ptr<Execution>>& executions) {
  for (const auto& e : executions) Stop(e, std::nullopt, std::nullopt);
}

}  // namespace sfn::emulator
