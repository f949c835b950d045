// emulator/store.cc: state machines, revisions and versions. Aliases, tags
// and executions are in store_aliases.cc and store_executions.cc.
#include "emulator/records/store.h"

#include <algorithm>
#include <mutex>

#include "asl/core/uuid.h"

namespace sfn::emulator {

ApiError StateMachineDoesNotExist(const std::string& arn) {
  return ServiceError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
}

ApiError ExecutionDoesNotExist(const std::string& arn) {
  return ServiceError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
}

Store::Store(Clock now_ms) : now_ms_(std::move(now_ms)) {}

const Store::Machine* Store::FindMachine(const std::string& arn) const {
  auto it = machines_.find(arn);
  return it == machines_.end() ? nullptr : &it->second;
}

Store::Machine* Store::FindMachine(const std::string& arn) {
  auto it = machines_.find(arn);
  return it == machines_.end() ? nullptr : &it->second;
}

Store::Version& Store::AddVersion(Machine* m, const std::optional<std::string>& description) {
  Version v;
  v.number = m->next_version++;
  v.arn = VersionArn(m->arn, v.number);
  v.revision = m->current;
  v.description = description;
  v.creation_ms = now_ms_();
  return m->versions.emplace(v.number, std::move(v)).first->second;
}

// CreateStateMachine is idempotent on name, definition, type, logging,
// tracing and encryption configuration, publish and versionDescription;
// roleArn and tags do not count (botocore model documentation).
bool Store::IdenticalCreate(const Machine& existing, const NewMachine& m) const {
  const Revision& a = *existing.current;
  const Revision& b = *m.revision;
  return existing.type == m.type && a.definition == b.definition &&
         a.logging_configuration == b.logging_configuration &&
         a.tracing_configuration == b.tracing_configuration &&
         a.encryption_configuration == b.encryption_configuration &&
         existing.created_with_publish == m.publish &&
         existing.created_version_description == m.version_description;
}

std::variant<Store::Created, ApiError> Store::CreateStateMachine(NewMachine m) {
  std::unique_lock lock(mu_);
  Changed();
  if (const Machine* existing = FindMachine(m.arn)) {
    if (!IdenticalCreate(*existing, m)) {
      return ServiceError("StateMachineAlreadyExists",
                          "State Machine Already Exists: '" + m.arn + "'");
    }
    Created same{existing->arn, existing->creation_ms, ""};
    if (existing->created_with_publish && existing->versions.count(1)) {
      same.version_arn = existing->versions.at(1).arn;
    }
    return same;
  }
  Machine machine;
  machine.arn = m.arn;
  machine.name = m.name;
  machine.type = m.type;
  machine.creation_ms = now_ms_();
  auto revision = std::make_shared<Revision>(*m.revision);
  revision->update_ms = machine.creation_ms;
  machine.current = std::move(revision);
  machine.tags = std::move(m.tags);
  machine.created_with_publish = m.publish;
  machine.created_version_description = m.version_description;
  Machine& stored = machines_.emplace(m.arn, std::move(machine)).first->second;
  Created created{stored.arn, stored.creation_ms, ""};
  if (m.publish) created.version_arn = AddVersion(&stored, m.version_description).arn;
  return created;
}

std::variant<MachineView, ApiError> Store::DescribeStateMachine(const ParsedArn& arn) const {
  std::shared_lock lock(mu_);
  const std::string& asked = arn.text;
  const Machine* m = FindMachine(arn.base);
  if (m == nullptr) return StateMachineDoesNotExist(asked);
  MachineView view{asked, m->name, m->type, m->creation_ms, m->current, std::nullopt};
  if (arn.kind == ArnKind::kStateMachine) return view;
  auto it = arn.kind == ArnKind::kVersion ? m->versions.find(arn.version) : m->versions.end();
  if (it == m->versions.end()) return StateMachineDoesNotExist(asked);
  view.creation_ms = it->second.creation_ms;
  view.revision = it->second.revision;
  view.description = it->second.description;
  return view;
}

std::variant<Store::Updated, ApiError> Store::UpdateStateMachine(const std::string& arn,
                                                                 const Update& u) {
  std::unique_lock lock(mu_);
  Changed();
  Machine* m = FindMachine(arn);
  if (m == nullptr) return StateMachineDoesNotExist(arn);
  Revision next = *m->current;
  if (u.definition) {
    next.definition = *u.definition;
    next.machine = u.machine;
  }
  if (u.role_arn) next.role_arn = *u.role_arn;
  if (u.logging_configuration) next.logging_configuration = *u.logging_configuration;
  if (u.tracing_configuration) next.tracing_configuration = *u.tracing_configuration;
  if (u.encryption_configuration) next.encryption_configuration = *u.encryption_configuration;
  const Revision& cur = *m->current;
  // An update that changes nothing keeps the revision (and its id).
  bool changed = next.definition != cur.definition || next.role_arn != cur.role_arn ||
                 next.logging_configuration != cur.logging_configuration ||
                 next.tracing_configuration != cur.tracing_configuration ||
                 next.encryption_configuration != cur.encryption_configuration;
  Updated out;
  out.update_ms = now_ms_();
  if (changed) {
    next.revision_id = RandomUuid();
    next.update_ms = out.update_ms;
    m->current = std::make_shared<const Revision>(std::move(next));
  }
  out.revision_id = m->current->revision_id;
  if (u.publish) {
    // Publishing a revision that already has a version returns that version.
    for (const auto& [number, v] : m->versions)
      if (v.revision == m->current) out.version_arn = v.arn;
    if (out.version_arn.empty()) out.version_arn = AddVersion(m, u.version_description).arn;
  }
  return out;
}

void Store::DeleteStateMachine(const std::string& arn) {
  std::unique_lock lock(mu_);
  Changed();
  machines_.erase(arn);
}

std::vector<MachineListItem> Store::ListStateMachines(const std::string& arn_prefix) const {
  std::shared_lock lock(mu_);
  std::vector<MachineListItem> items;
  for (auto it = machines_.lower_bound(arn_prefix);
       it != machines_.end() && it->first.compare(0, arn_prefix.size(), arn_prefix) == 0; ++it) {
    items.push_back({it->second.arn, it->second.name, it->second.type, it->second.creation_ms});
  }
  std::sort(items.begin(), items.end(),
            [](const MachineListItem& a, const MachineListItem& b) { return a.name < b.name; });
  return items;
}

std::variant<std::string, ApiError> Store::MachineType(const std::string& arn) const {
  std::shared_lock lock(mu_);
  const Machine* m = FindMachine(arn);
  if (m == nullptr) return StateMachineDoesNotExist(arn);
  return m->type;
}

std::variant<Store::Published, ApiError> Store::PublishVersion(
    const std::string& arn, const std::optional<std::string>& revision_id,
    const std::optional<std::string>& description) {
  std::unique_lock lock(mu_);
  Changed();
  Machine* m = FindMachine(arn);
  if (m == nullptr) return StateMachineDoesNotExist(arn);
  // AWS names the first revision (which has no id) "INITIAL".
  const std::string current_id =
      m->current->revision_id.empty() ? "INITIAL" : m->current->revision_id;
  if (revision_id && *revision_id != current_id) {
    return ServiceError("ConflictException",
                        "Failed to publish the State Machine version for revision " + *revision_id +
                            ". The current State Machine revision is " + current_id + ".");
  }
  for (const auto& [number, v] : m->versions)
    if (v.revision == m->current) return Published{v.arn, v.creation_ms};
  const Version& v = AddVersion(m, description);
  return Published{v.arn, v.creation_ms};
}

std::variant<std::vector<VersionListItem>, ApiError> Store::ListVersions(
    const std::string& arn) const {
  std::shared_lock lock(mu_);
  const Machine* m = FindMachine(arn);
  if (m == nullptr) return StateMachineDoesNotExist(arn);
  std::vector<VersionListItem> items;
  for (auto it = m->versions.rbegin(); it != m->versions.rend(); ++it) {
    items.push_back({it->second.arn, it->second.number, it->second.creation_ms});
  }
  return items;
}

std::optional<ApiError> Store::DeleteVersion(const ParsedArn& version_arn) {
  std::unique_lock lock(mu_);
  Changed();
  Machine* m = FindMachine(version_arn.base);
  if (m == nullptr || !m->versions.count(version_arn.version)) return std::nullopt;
  const std::string arn = m->versions.at(version_arn.version).arn;
  std::string names;
  for (const auto& [name, alias] : m->aliases) {
    for (const RoutingEntry& r : alias.view.routing) {
      if (r.version_arn == arn) {
        names += (names.empty() ? "" : ", ") + name;
        break;
      }
    }
  }
  if (!names.empty()) {
    return ServiceError("ConflictException",
                        "Version to be deleted must not be referenced by an alias. Current list "
                        "of aliases referencing this version: [" +
                            names + "]");
  }
  m->versions.erase(version_arn.version);
  return std::nullopt;
}

}  // namespace sfn::emulator
