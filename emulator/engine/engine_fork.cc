// emulator/engine/engine_fork.cc
//
// Parallel branches and Map iterations as child Runs joined by counters,
// never by a blocking wait: the parent is parked, and the child that
// finishes last queues it again.
//
// A Map runs min(MaxConcurrency, items) lanes; each lane is one Run that
// processes its items one after the other. previousEventId chains follow
// AWS's: an iteration starts after the last state event of the lane's
// previous iteration; the Map continues after the latest lane ending
// (a lane that ended well ends at its MapIterationSucceeded event).
#include <algorithm>

#include "asl/core/errors.h"
#include "asl/interpreter/context_object.h"
#include "emulator/engine/engine_impl.h"
#include "emulator/records/history_events.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::Join;
using engine_internal::Run;

namespace {
constexpr int64_t kMaxLanes = 40;
}  // namespace

std::unique_ptr<Run> Engine::Impl::NewChild(Run* parent, Join* join, const asl::Program* program) {
  auto child = std::make_unique<Run>();
  child->exec = parent->exec;
  child->parent = parent;
  child->join = join;
  child->skipped_ms = parent->skipped_ms;
  child->scope = std::make_unique<asl::VariableScope>(parent->scope.get());
  child->rs.exec = &parent->exec->frame;
  child->rs.program = program;
  child->rs.scope = child->scope.get();
  child->rs.cursor = parent->rs.cursor;
  child->control->ancestors.push_back(join);
  const auto& outer = parent->control->ancestors;
  child->control->ancestors.insert(child->control->ancestors.end(), outer.begin(), outer.end());
  RegisterControl(parent->exec.get(), child->control);
  return child;
}

void Engine::Impl::StartIteration(Join* join, Run* lane, size_t item) {
  const asl::Program* processor = join->spec.processor;
  lane->item_index = static_cast<int64_t>(item);
  // $$.Map.Item is only built for definitions that read the Context object.
  if (lane->exec->frame.needs_context) {
    lane->map_item = asl::MakeMapItem(lane->item_index, join->spec.item_values[item]);
    lane->rs.map_item = &lane->map_item;
  }
  lane->scope->Clear();  // iterations never see each other's variables
  lane->next_state = processor->Find(processor->start_at);
  lane->next_input = join->spec.items[item];
  lane->next_input_text = Json();
  lane->resume = false;
  int64_t cursor;
  {
    std::lock_guard<std::mutex> lock(join->mu);
    cursor = join->lanes[lane->slot].cursor;
  }
  cursor = SinkOf(lane)->Emit(asl::EventType::kMapIterationStarted,
                              MapIterationDetails(join->state_name, lane->item_index), cursor);
  lane->rs.cursor = cursor;
}

// Parallel: one child Run per branch still to run, all starting at the
// parent's cursor.
void Engine::Impl::AddBranches(Run* run, Join* j, std::vector<Run*>* start) {
  j->running = j->todo.size();
  for (size_t i : j->todo) {
    const asl::Program* program = j->spec.programs[i];
    auto child = NewChild(run, j, program);
    child->slot = i;
    child->next_state = program->Find(program->start_at);
    child->next_input = j->spec.input;
    start->push_back(child.get());
    j->children.push_back(std::move(child));
  }
}

// Map: min(MaxConcurrency, items to run) lanes, each starting its first item.
void Engine::Impl::AddLanes(Run* run, Join* j, std::vector<Run*>* start) {
  // MaxConcurrency 0 means "as many as AWS allows": 40 concurrent inline
  // iterations, which also bounds the Runs a huge Map holds at once.
  const int64_t limit = j->spec.max_concurrency > 0 ? j->spec.max_concurrency : kMaxLanes;
  const size_t lanes = std::min<size_t>(j->todo.size(), static_cast<size_t>(limit));
  j->lanes.resize(lanes);
  for (auto& lane : j->lanes) lane.cursor = run->rs.cursor;
  j->running = lanes;
  j->todo_next = lanes;
  for (size_t k = 0; k < lanes; ++k) {
    auto child = NewChild(run, j, j->spec.processor);
    child->slot = k;
    start->push_back(child.get());
    j->children.push_back(std::move(child));
  }
  for (size_t k = 0; k < lanes; ++k) StartIteration(j, (*start)[k], j->todo[k]);
}

// A fork with nothing to run (no items, or a redrive that keeps every
// child's output) goes on at once with `result`.
bool Engine::Impl::ResumeAtOnce(Run* run, Json result) {
  asl::Outcome done;
  done.kind = asl::Outcome::Kind::kFork;
  done.ok = true;
  done.result = std::move(result);
  done.cursor = run->rs.cursor;
  run->control->outcome = std::move(done);
  run->resume = true;
  return true;
}

bool Engine::Impl::StartFork(Run* run, asl::ForkSpec spec) {
  auto join = std::make_unique<Join>();
  Join* j = join.get();
  j->parent = run;
  j->state_name = run->rs.state->name;
  j->spec = std::move(spec);
  const size_t n = j->spec.is_map ? j->spec.items.size() : j->spec.programs.size();
  j->results.resize(n);
  j->succeeded.assign(n, false);
  for (size_t i = 0; i < n; ++i) j->todo.push_back(i);
  if (run->redrive_fork) {
    ApplyRedrive(run, j);
  } else if (j->spec.distributed) {
    StartMapRun(*run, j->spec);
  }
  j->cursor = run->rs.cursor;
  if (j->todo.empty()) {
    if (j->spec.distributed) {
      map_runs_->Finish(j->spec.map_run_arn, MapRuns::Status::kSucceeded, clock_->NowMillis());
    }
    return ResumeAtOnce(run, Json::MakeArray(std::move(j->results)));
  }
  if (j->spec.distributed) return StartDistributed(run, std::move(join));
  std::vector<Run*> start;
  if (j->spec.is_map) {
    AddLanes(run, j, &start);
  } else {
    AddBranches(run, j, &start);
  }
  // The parent is parked from here; the last child to finish queues it.
  run->child_join = std::move(join);
  for (Run* child : start) Submit(child);
  return false;
}

namespace {

// True when the Map's failures exceed its tolerated thresholds (or it has
// none and one iteration failed).
bool ExceedsTolerance(const asl::ForkSpec& spec, size_t failures) {
  const bool has_count = spec.tolerated_failure_count >= 0;
  const bool has_percentage = spec.tolerated_failure_percentage >= 0;
  if (!has_count && !has_percentage) return failures > 0;
  if (has_count && static_cast<int64_t>(failures) > spec.tolerated_failure_count) return true;
  if (has_percentage && !spec.items.empty()) {
    const double pct =
        100.0 * static_cast<double>(failures) / static_cast<double>(spec.items.size());
    if (pct > spec.tolerated_failure_percentage) return true;
  }
  return false;
}

asl::EventType IterationEvent(bool ok, bool aborted) {
  if (aborted) return asl::EventType::kMapIterationAborted;
  return ok ? asl::EventType::kMapIterationSucceeded : asl::EventType::kMapIterationFailed;
}

}  // namespace

namespace {

// What a finished child means for its Join (decided under Join::mu).
struct ChildVerdict {
  bool cancel_siblings = false;
  bool next = false;  // a Map lane goes on with item `next_index`
  size_t next_index = 0;
  bool done = false;  // the last child: resume the parent
};

// Records a failed child: tolerated (Map thresholds), or the Join's failure.
bool RecordFailure(Join* j, const asl::Transition& t, ChildVerdict* v) {
  ++j->failures;
  if (j->spec.is_map && !ExceedsTolerance(j->spec, j->failures)) return true;
  if (j->failed) return false;
  j->failed = true;
  const bool thresholds =
      j->spec.tolerated_failure_count >= 0 || j->spec.tolerated_failure_percentage >= 0;
  if (thresholds) {
    j->error = AslError{std::string(asl::kStatesExceedToleratedFailureThreshold),
                        "The specified tolerated failure threshold was exceeded"};
    j->has_cause = true;
  } else {
    j->error = t.error;
    j->has_cause = t.has_cause;
  }
  j->cancelled.store(true);
  v->cancel_siblings = true;
  return false;
}

ChildVerdict RecordChild(Join* j, Run* run, bool ok, bool aborted, const asl::Transition* t,
                         int64_t event_id) {
  ChildVerdict v;
  const int64_t cursor = run->rs.cursor;
  std::lock_guard<std::mutex> lock(j->mu);
  j->skipped_ms = std::max(j->skipped_ms, run->skipped_ms);
  bool tolerated = false;
  if (ok) {
    const size_t index = j->spec.is_map ? static_cast<size_t>(run->item_index) : run->slot;
    j->results[index] = t->output;
    j->succeeded[index] = true;
  } else if (!aborted) {
    tolerated = RecordFailure(j, *t, &v);
  }
  if (!j->spec.is_map) {
    j->cursor = std::max(j->cursor, cursor);
    v.done = --j->running == 0;
    return v;
  }
  engine_internal::Lane& lane = j->lanes[run->slot];
  lane.cursor = cursor;
  if (event_id != 0) lane.last_published = event_id;
  if ((ok || tolerated) && !j->failed && j->todo_next < j->todo.size()) {
    v.next = true;
    v.next_index = j->todo[j->todo_next++];
    return v;
  }
  // A lane that ended well ends at its MapIterationSucceeded event.
  lane.final_cursor = (ok && event_id != 0) ? event_id : cursor;
  j->cursor = std::max(j->cursor, lane.final_cursor);
  v.done = --j->running == 0;
  return v;
}

bool LeavesStateOpen(asl::StateType type) {
  return type == asl::StateType::kTask || type == asl::StateType::kWait ||
         type == asl::StateType::kMap || type == asl::StateType::kParallel;
}

}  // namespace

// MapIteration{Succeeded,Failed,Aborted}, or for a Parallel branch that
// stopped inside a Task/Wait/Map/Parallel, that state's *StateAborted (AWS
// closes the open state). Returns the Map iteration event's id (0: none).
int64_t Engine::Impl::EmitChildEnd(Run* run, bool ok, bool aborted) {
  if (run->exec->ended_flag.load()) return 0;
  const int64_t cursor = run->rs.cursor;
  if (run->join->spec.is_map) {
    return SinkOf(run)->Emit(IterationEvent(ok, aborted),
                             MapIterationDetails(run->join->state_name, run->item_index), cursor);
  }
  if (!ok && run->rs.in_state && LeavesStateOpen(run->rs.state->type)) {
    SinkOf(run)->Emit(asl::StateEventType(run->rs.state->type, asl::StateEvent::kAborted), Json(),
                      cursor);
  }
  return 0;
}

bool Engine::Impl::FinishChild(Run* run, bool ok, bool aborted, const asl::Transition* t) {
  Join* j = run->join;
  const int64_t event_id = EmitChildEnd(run, ok, aborted);
  ChildVerdict v = RecordChild(j, run, ok, aborted, t, event_id);
  if (v.cancel_siblings) WakeBlocked(run->exec.get(), j);
  if (v.next) {
    StartIteration(j, run, v.next_index);
    return true;
  }
  if (v.done) ResumeParent(j);  // must be the last use of `run` and `j`
  return false;
}

// Hands the joined outcome to the parked parent. The parent frees the Join
// and its children when it resumes, so nothing may touch them afterwards.
void Engine::Impl::ResumeParent(Join* j) {
  Run* parent = j->parent;
  KeepJoined(j);
  asl::Outcome o;
  o.kind = asl::Outcome::Kind::kFork;
  o.ok = !j->failed;
  o.cursor = j->cursor;
  if (o.ok) {
    o.result = Json::MakeArray(std::move(j->results));
  } else {
    o.error = j->error;
    o.has_cause = j->has_cause;
  }
  parent->skipped_ms = std::max(parent->skipped_ms, j->skipped_ms);
  if (j->spec.distributed) {
    // Only a ResultWriter reads how each child ended.
    const asl::State* state = parent->rs.state;
    if (state != nullptr && state->type == asl::StateType::kMap &&
        static_cast<const asl::MapState&>(*state).result_writer) {
      o.children = MapRunChildren(j->spec.map_run_arn);
    }
    map_runs_->Finish(j->spec.map_run_arn,
                      o.ok ? MapRuns::Status::kSucceeded : MapRuns::Status::kFailed,
                      clock_->NowMillis());
  }
  parent->control->outcome = std::move(o);
  parent->resume = true;
  Submit(parent);
}

}  // namespace sfn::emulator
