// emulator/store_executions.cc: resolving what an execution runs, and the
// executions themselves.
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
  m->executions.push_back(spec.arn);
  executions_.emplace(spec.arn, ExecutionRecord{execution, std::move(revision)});
  *added = true;
  return execution;
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
    const auto& e = executions_.at(*it).execution;
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
