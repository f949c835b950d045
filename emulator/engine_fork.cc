// emulator/engine_fork.cc
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

#include "asl/context_object.h"
#include "asl/errors.h"
#include "emulator/history_events.h"
#include "emulator/run.h"

namespace sfn::emulator {

using engine_internal::ExecState;
using engine_internal::Join;
using engine_internal::Run;

namespace {
constexpr int64_t kMaxLanes = 40;
}  // namespace

std::unique_ptr<Run> Engine::Impl::NewChild(Run* parent, Join* join, const asl::Program* program,
                                            bool null_history) {
  auto child = std::make_unique<Run>();
  child->exec = parent->exec;
  child->parent = parent;
  child->join = join;
  child->null_history = null_history;
  child->skipped_ms = parent->skipped_ms;
  // Distributed Map iterations cannot see the outer variables.
  child->scope = std::make_unique<asl::VariableScope>(null_history ? nullptr : parent->scope.get());
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
  lane->map_item = asl::MakeMapItem(lane->item_index, join->spec.item_values[item]);
  lane->rs.map_item = &lane->map_item;
  lane->scope = std::make_unique<asl::VariableScope>(lane->null_history ? nullptr
                                                                        : lane->parent->scope.get());
  lane->rs.scope = lane->scope.get();
  lane->next_state = processor->Find(processor->start_at);
  lane->next_input = join->spec.items[item];
  lane->next_input_text = Json();
  lane->resume = false;
  int64_t cursor;
  {
    std::lock_guard<std::mutex> lock(join->mu);
    cursor = join->lanes[lane->slot].cursor;
  }
  if (!lane->null_history) {
    cursor = SinkOf(lane)->Emit("MapIterationStarted", "mapIterationStartedEventDetails",
                                MapIterationDetails(join->state_name, lane->item_index), cursor);
  }
  lane->rs.cursor = cursor;
}

bool Engine::Impl::StartFork(Run* run, asl::ForkSpec spec) {
  auto join = std::make_unique<Join>();
  Join* j = join.get();
  j->parent = run;
  j->state_name = run->rs.state->name;
  j->cursor = run->rs.cursor;
  j->spec = std::move(spec);
  std::vector<Run*> start;
  if (!j->spec.is_map) {
    const size_t n = j->spec.programs.size();
    j->results.resize(n);
    j->running = n;
    for (size_t i = 0; i < n; ++i) {
      const asl::Program* program = j->spec.programs[i];
      auto child = NewChild(run, j, program, false);
      child->slot = i;
      child->next_state = program->Find(program->start_at);
      child->next_input = j->spec.input;
      start.push_back(child.get());
      j->children.push_back(std::move(child));
    }
  } else {
    const size_t n = j->spec.items.size();
    if (n == 0) {
      asl::Outcome done;
      done.kind = asl::Outcome::Kind::kFork;
      done.ok = true;
      done.result = Json::MakeArray({});
      done.cursor = run->rs.cursor;
      run->control->outcome = std::move(done);
      run->resume = true;
      return true;
    }
    // MaxConcurrency 0 means "as many as AWS allows": 40 concurrent inline
    // iterations, which also bounds the Runs a huge Map holds at once.
    const int64_t limit = j->spec.max_concurrency > 0 ? j->spec.max_concurrency : kMaxLanes;
    const size_t lanes = std::min<size_t>(n, static_cast<size_t>(limit));
    j->results.resize(n);
    j->lanes.resize(lanes);
    for (auto& lane : j->lanes) lane.cursor = run->rs.cursor;
    j->running = lanes;
    for (size_t k = 0; k < lanes; ++k) {
      auto child = NewChild(run, j, j->spec.processor, j->spec.distributed);
      child->slot = k;
      start.push_back(child.get());
      j->children.push_back(std::move(child));
    }
    j->next_item = lanes;
    for (size_t k = 0; k < lanes; ++k) StartIteration(j, start[k], k);
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
    const double pct = 100.0 * static_cast<double>(failures) / static_cast<double>(spec.items.size());
    if (pct > spec.tolerated_failure_percentage) return true;
  }
  return false;
}

const char* IterationEvent(bool ok, bool aborted, const char** key) {
  if (aborted) {
    *key = "mapIterationAbortedEventDetails";
    return "MapIterationAborted";
  }
  *key = ok ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails";
  return ok ? "MapIterationSucceeded" : "MapIterationFailed";
}

}  // namespace

bool Engine::Impl::FinishChild(Run* run, bool ok, bool aborted, const asl::Transition* t) {
  Join* j = run->join;
  const bool is_map = j->spec.is_map;
  const int64_t cursor = run->rs.cursor;
  int64_t event_id = 0;
  if (is_map && !run->null_history && !run->exec->ended_flag.load()) {
    const char* key;
    const char* type = IterationEvent(ok, aborted, &key);
    event_id = SinkOf(run)->Emit(type, key, MapIterationDetails(j->state_name, run->item_index),
                                 cursor);
  }
  if (!is_map && !ok && run->rs.in_state && !run->exec->ended_flag.load()) {
    // A branch that fails or is cancelled inside a Task/Wait/Map/Parallel
    // leaves that state open; AWS closes it with *StateAborted.
    const asl::StateType type = run->rs.state->type;
    if (type == asl::StateType::kTask || type == asl::StateType::kWait ||
        type == asl::StateType::kMap || type == asl::StateType::kParallel) {
      SinkOf(run)->Emit(asl::StateEventType(type, asl::StateEvent::kAborted), {}, Json(), cursor);
    }
  }
  bool cancel_siblings = false, next = false, done = false;
  size_t next_index = 0;
  {
    std::lock_guard<std::mutex> lock(j->mu);
    j->skipped_ms = std::max(j->skipped_ms, run->skipped_ms);
    const size_t index = is_map ? static_cast<size_t>(run->item_index) : run->slot;
    bool tolerated = false;
    if (ok) {
      j->results[index] = t->output;
    } else if (!aborted) {
      ++j->failures;
      tolerated = is_map && !ExceedsTolerance(j->spec, j->failures);
      if (!tolerated && !j->failed) {
        j->failed = true;
        const bool thresholds = j->spec.tolerated_failure_count >= 0 ||
                                j->spec.tolerated_failure_percentage >= 0;
        if (thresholds) {
          j->error = AslError{std::string(asl::kStatesExceedToleratedFailureThreshold),
                              "The specified tolerated failure threshold was exceeded"};
          j->has_cause = true;
        } else {
          j->error = t->error;
          j->has_cause = t->has_cause;
        }
        j->cancelled.store(true);
        cancel_siblings = true;
      }
    }
    if (is_map) {
      engine_internal::Lane& lane = j->lanes[run->slot];
      lane.cursor = cursor;
      if (event_id != 0) lane.last_published = event_id;
      if ((ok || tolerated) && !j->failed && j->next_item < j->spec.items.size()) {
        next = true;
        next_index = j->next_item++;
      } else {
        lane.final_cursor = (ok && event_id != 0) ? event_id : cursor;
        if (!run->null_history) j->cursor = std::max(j->cursor, lane.final_cursor);
        --j->running;
      }
    } else {
      j->cursor = std::max(j->cursor, cursor);
      --j->running;
    }
    done = j->running == 0;
  }
  if (cancel_siblings) WakeBlocked(run->exec.get(), j);
  if (next) {
    StartIteration(j, run, next_index);
    return true;
  }
  if (!done) return false;
  // Last child: hand the joined outcome to the parent. Nothing touches `run`
  // or `j` after the parent is queued (it frees them when it resumes).
  Run* parent = j->parent;
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
  parent->control->outcome = std::move(o);
  parent->resume = true;
  Submit(parent);
  return false;
}

}  // namespace sfn::emulator
