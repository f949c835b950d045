// emulator/store_executions.cc: resolving what an execution runs, and the
// executions themselves.
#include <algorithm>
#include <mutex>
#include <random>

#include "emulator/records/store.h"

namespace sfn::emulator {
namespace {

// An alias routes each new execution to one of its versions at random, in
// proportion to the weights.
const RoutingEntry& PickRoute(const std::vector<RoutingEntry>& routing) {
  thread_local std::mt19937 rng{std::random_device{}()};
  int64_t roll = std::uniform_int_distribution<int64_t>(0, 99)(rng);
  for (const RoutingEntry& r : routing) {
    if (roll < r.weight) return r;
    roll -= r.weight;
  }
  return routing.back();
}

}  // namespace

std::variant<ExecutionTarget, ApiError> Store::ResolveTarget(const ParsedArn& arn) const {
  std::shared_lock lock(mu_);
  const std::string& asked = arn.text;
  const Machine* m = FindMachine(arn.base);
  if (m == nullptr) return StateMachineDoesNotExist(asked);
  ExecutionTarget t{m->arn, m->name, m->type, m->current, "", ""};
  if (arn.kind == ArnKind::kStateMachine) return t;
  int64_t version = arn.version;
  if (arn.kind == ArnKind::kAlias) {
    auto alias = m->aliases.find(arn.qualifier);
    if (alias == m->aliases.end()) return StateMachineDoesNotExist(asked);
    t.alias_arn = alias->second.view.arn;
    auto picked = ParseArn(PickRoute(alias->second.view.routing).version_arn);
    version = std::get<ParsedArn>(picked).version;
  }
  auto v = m->versions.find(version);
  if (v == m->versions.end()) return StateMachineDoesNotExist(asked);
  t.version_arn = v->second.arn;
  t.revision = v->second.revision;
  return t;
}

std::variant<std::shared_ptr<Execution>, ApiError> Store::AddExecution(
    std::shared_ptr<Execution> execution, std::shared_ptr<const Revision> revision, bool* added) {
  std::vector<std::string> evicted;
  {
    std::unique_lock lock(mu_);
    *added = false;
    const ExecutionSpec& spec = execution->spec();
    auto existing = executions_.find(spec.arn);
    if (existing != executions_.end()) {
      const auto& old = existing->second.execution;
      if (old->running() && old->spec().input_text == spec.input_text) return old;
      return ServiceError("ExecutionAlreadyExists", "Execution Already Exists: '" + spec.arn + "'");
    }
    Machine* m = FindMachine(spec.state_machine_arn);
    if (m == nullptr) return StateMachineDoesNotExist(spec.state_machine_arn);
    Changed();
    m->executions.emplace_back(spec.arn, Track(execution, std::move(revision)));
    *added = true;
    evicted = EvictLocked(now_ms_());
  }
  if (!evicted.empty() && on_evict_) on_evict_(evicted);
  return execution;
}

uint64_t Store::Track(const std::shared_ptr<Execution>& execution,
                      std::shared_ptr<const Revision> revision) {
  const uint64_t seq = next_seq_++;
  execution->history().SetChangeCounter(changes_);
  std::weak_ptr<ClosedLog> log = closed_;
  std::weak_ptr<std::atomic<uint64_t>> changes = changes_;
  execution->SetEndListener([log, changes](const Execution& e) {
    if (auto counter = changes.lock()) counter->fetch_add(1, std::memory_order_relaxed);
    auto closed = log.lock();
    if (!closed || !closed->bounded.load(std::memory_order_relaxed)) return;
    std::lock_guard<std::mutex> lock(closed->mu);
    closed->closed.emplace_back(e.spec().arn, e.end().stop_ms);
  });
  executions_.emplace(execution->spec().arn, ExecutionRecord{execution, std::move(revision), seq});
  return seq;
}

// Pops closed executions oldest first while there are too many or they are
// too old. An entry is stale when its execution was redriven since (it is
// running, or closed again later: a newer entry stands for it).
std::vector<std::string> Store::EvictLocked(int64_t now_ms) {
  std::vector<std::string> evicted;
  if (retention_.max_executions == 0 && retention_.max_age_ms <= 0) return evicted;
  std::lock_guard<std::mutex> lock(closed_->mu);
  auto& closed = closed_->closed;
  while (!closed.empty()) {
    const auto& [arn, stop_ms] = closed.front();
    const bool too_many =
        retention_.max_executions != 0 && executions_.size() > retention_.max_executions;
    const bool too_old = retention_.max_age_ms > 0 && stop_ms <= now_ms - retention_.max_age_ms;
    if (!too_many && !too_old) break;
    auto it = executions_.find(arn);
    if (it != executions_.end()) {
      const ExecutionEnd end = it->second.execution->end();
      if (end.status != ExecutionStatus::kRunning && end.stop_ms == stop_ms) {
        Evicted(FindMachine(it->second.execution->spec().state_machine_arn));
        executions_.erase(it);
        evicted.push_back(arn);
      }
    }
    closed.pop_front();
  }
  if (!evicted.empty()) Changed();
  return evicted;
}

// Drops a machine's evicted entries once they are half of its list, so
// that the list stays proportional to what is kept.
void Store::Evicted(Machine* m) {
  if (m == nullptr || ++m->evicted <= m->executions.size() / 2) return;
  auto& list = m->executions;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [this](const std::pair<std::string, uint64_t>& e) {
                              auto it = executions_.find(e.first);
                              return it == executions_.end() || it->second.seq != e.second;
                            }),
             list.end());
  m->evicted = 0;
}

void Store::SetRetention(Retention retention,
                         std::function<void(const std::vector<std::string>&)> on_evict) {
  std::unique_lock lock(mu_);
  retention_ = retention;
  closed_->bounded.store(retention.max_executions != 0 || retention.max_age_ms > 0,
                         std::memory_order_relaxed);
  on_evict_ = std::move(on_evict);
}

void Store::Sweep() {
  std::vector<std::string> evicted;
  {
    std::unique_lock lock(mu_);
    evicted = EvictLocked(now_ms_());
  }
  if (!evicted.empty() && on_evict_) on_evict_(evicted);
}

size_t Store::execution_count() const {
  std::shared_lock lock(mu_);
  return executions_.size();
}

std::optional<ExecutionRecord> Store::FindExecution(const std::string& arn) const {
  std::shared_lock lock(mu_);
  auto it = executions_.find(arn);
  if (it == executions_.end()) return std::nullopt;
  return it->second;
}

std::variant<std::vector<std::shared_ptr<Execution>>, ApiError> Store::ListExecutions(
    const ParsedArn& arn) const {
  std::shared_lock lock(mu_);
  const std::string& asked = arn.text;
  const Machine* m = FindMachine(arn.base);
  if (m == nullptr) return StateMachineDoesNotExist(asked);
  if (arn.kind == ArnKind::kVersion && !m->versions.count(arn.version))
    return StateMachineDoesNotExist(asked);
  if (arn.kind == ArnKind::kAlias && !m->aliases.count(arn.qualifier))
    return StateMachineDoesNotExist(asked);
  std::vector<std::shared_ptr<Execution>> out;
  for (auto it = m->executions.rbegin(); it != m->executions.rend(); ++it) {
    auto found = executions_.find(it->first);
    if (found == executions_.end() || found->second.seq != it->second) continue;  // evicted
    const auto& e = found->second.execution;
    if (arn.kind == ArnKind::kVersion && e->spec().version_arn != asked) continue;
    if (arn.kind == ArnKind::kAlias && e->spec().alias_arn != asked) continue;
    out.push_back(e);
  }
  return out;
}

size_t Store::ExecutionCount() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return executions_.size();
}

}  // namespace sfn::emulator
