// emulator/store_aliases.cc: state machine aliases and tags.
#include <algorithm>
#include <mutex>
#include <set>

#include "emulator/records/store.h"

namespace sfn::emulator {
namespace {

std::string ArnList(const std::vector<RoutingEntry>& routing) {
  std::string s = "[";
  for (size_t i = 0; i < routing.size(); ++i) s += (i ? ", " : "") + routing[i].version_arn;
  return s + "]";
}

ApiError AliasNotFound() {
  return ServiceError("ResourceNotFound", "Request references a resource that does not exist.");
}

ApiError ResourceNotFound(const std::string& arn) {
  return ServiceError("ResourceNotFound", "Resource not found: '" + arn + "'");
}

}  // namespace

// The checks AWS applies to a routing configuration, in its order: distinct
// versions, weights summing to 100, existing versions of one state machine.
std::optional<ApiError> Store::CheckRouting(const std::vector<RoutingEntry>& routing,
                                            std::string* machine_arn) const {
  std::set<std::string> distinct;
  int64_t sum = 0;
  std::string weights = "[";
  for (size_t i = 0; i < routing.size(); ++i) {
    distinct.insert(routing[i].version_arn);
    sum += routing[i].weight;
    weights += (i ? ", " : "") + std::to_string(routing[i].weight);
  }
  if (distinct.size() != routing.size()) {
    return ValidationError(
        "Routing configuration must contain distinct state machine version ARNs. Received: " +
        ArnList(routing));
  }
  if (sum != 100) {
    return ValidationError(
        "Sum of routing configuration weights must equal 100. Received: " + weights + "]");
  }
  for (const RoutingEntry& r : routing) {
    auto parsed = ParseArn(r.version_arn);
    const ParsedArn* p = std::get_if<ParsedArn>(&parsed);
    const Machine* m =
        p != nullptr && p->kind == ArnKind::kVersion ? FindMachine(p->base) : nullptr;
    if (m == nullptr || !m->versions.count(p->version)) {
      return ValidationError(
          "Routing configuration must contain state machine version ARNs. Received: " +
          ArnList(routing));
    }
    if (!machine_arn->empty() && *machine_arn != p->base) {
      return ValidationError(
          "Routing configuration must contain state machine version ARNs of the same state "
          "machine. Received: " +
          ArnList(routing));
    }
    *machine_arn = p->base;
  }
  return std::nullopt;
}

std::variant<AliasView, ApiError> Store::CreateAlias(const NewAlias& a) {
  std::unique_lock lock(mu_);
  Changed();
  std::string machine_arn;
  if (auto err = CheckRouting(a.routing, &machine_arn)) return *err;
  Machine* m = FindMachine(machine_arn);
  auto it = m->aliases.find(a.name);
  if (it != m->aliases.end()) {
    const AliasView& old = it->second.view;
    bool same = old.description == a.description && old.routing.size() == a.routing.size() &&
                std::equal(old.routing.begin(), old.routing.end(), a.routing.begin(),
                           [](const RoutingEntry& x, const RoutingEntry& y) {
                             return x.version_arn == y.version_arn && x.weight == y.weight;
                           });
    if (!same) {
      return ServiceError("ConflictException",
                          "Failed to create alias because an alias with the same name and a "
                          "different routing configuration already exists.");
    }
    return old;
  }
  AliasView view;
  view.arn = QualifiedArn(machine_arn, a.name);
  view.name = a.name;
  view.description = a.description;
  view.routing = a.routing;
  view.creation_ms = view.update_ms = now_ms_();
  m->aliases[a.name] = Alias{view};
  return view;
}

std::variant<AliasView, ApiError> Store::DescribeAlias(const ParsedArn& alias_arn) const {
  std::shared_lock lock(mu_);
  const Machine* m = FindMachine(alias_arn.base);
  if (m == nullptr || !m->aliases.count(alias_arn.qualifier)) return AliasNotFound();
  return m->aliases.at(alias_arn.qualifier).view;
}

std::variant<AliasView, ApiError> Store::UpdateAlias(
    const ParsedArn& alias_arn, const std::optional<std::string>& description,
    const std::optional<std::vector<RoutingEntry>>& routing) {
  std::unique_lock lock(mu_);
  Changed();
  if (routing) {
    std::string machine_arn;
    if (auto err = CheckRouting(*routing, &machine_arn)) return *err;
  }
  Machine* m = FindMachine(alias_arn.base);
  if (m == nullptr || !m->aliases.count(alias_arn.qualifier)) return AliasNotFound();
  AliasView& view = m->aliases.at(alias_arn.qualifier).view;
  if (description) view.description = description;
  if (routing) view.routing = *routing;
  view.update_ms = now_ms_();
  return view;
}

void Store::DeleteAlias(const ParsedArn& alias_arn) {
  std::unique_lock lock(mu_);
  Changed();
  if (Machine* m = FindMachine(alias_arn.base)) m->aliases.erase(alias_arn.qualifier);
}

std::variant<std::vector<AliasView>, ApiError> Store::ListAliases(const ParsedArn& arn) const {
  std::shared_lock lock(mu_);
  const Machine* m = FindMachine(arn.base);
  if (m == nullptr) return StateMachineDoesNotExist(arn.base);
  const std::string version_arn =
      arn.kind == ArnKind::kVersion ? VersionArn(arn.base, arn.version) : "";
  std::vector<AliasView> items;
  for (const auto& [name, alias] : m->aliases) {
    const auto& r = alias.view.routing;
    if (!version_arn.empty() && std::none_of(r.begin(), r.end(), [&](const RoutingEntry& e) {
          return e.version_arn == version_arn;
        })) {
      continue;
    }
    items.push_back(alias.view);
  }
  std::stable_sort(items.begin(), items.end(), [](const AliasView& a, const AliasView& b) {
    return a.creation_ms < b.creation_ms;
  });
  return items;
}

std::optional<ApiError> Store::TagResource(const std::string& arn, const std::vector<Tag>& tags) {
  std::unique_lock lock(mu_);
  Changed();
  Machine* m = FindMachine(arn);
  if (m == nullptr) return ResourceNotFound(arn);
  std::vector<Tag> merged = m->tags;
  for (const Tag& t : tags) {
    auto it =
        std::find_if(merged.begin(), merged.end(), [&](const Tag& x) { return x.key == t.key; });
    if (it != merged.end()) {
      it->value = t.value;
    } else {
      merged.push_back(t);
    }
  }
  if (merged.size() > kMaxTagsPerResource) return TooManyTagsError();
  m->tags = std::move(merged);
  return std::nullopt;
}

std::optional<ApiError> Store::UntagResource(const std::string& arn,
                                             const std::vector<std::string>& keys) {
  std::unique_lock lock(mu_);
  Changed();
  Machine* m = FindMachine(arn);
  if (m == nullptr) return ResourceNotFound(arn);
  auto& tags = m->tags;
  tags.erase(std::remove_if(tags.begin(), tags.end(),
                            [&](const Tag& t) {
                              return std::find(keys.begin(), keys.end(), t.key) != keys.end();
                            }),
             tags.end());
  return std::nullopt;
}

std::variant<std::vector<Tag>, ApiError> Store::ListTags(const std::string& arn) const {
  std::shared_lock lock(mu_);
  const Machine* m = FindMachine(arn);
  if (m == nullptr) return ResourceNotFound(arn);
  return m->tags;
}

}  // namespace sfn::emulator
