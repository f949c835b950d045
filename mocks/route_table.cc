// mocks/route_table.cc
#include "mocks/route_table.h"

namespace sfn::mocks {
namespace {

std::string NameKey(std::string_view account, std::string_view name, std::string_view qualifier) {
  std::string key;
  key.reserve(account.size() + name.size() + qualifier.size() + 2);
  key.append(account).push_back(':');
  key.append(name).push_back(':');
  key.append(qualifier);
  return key;
}

// The lookup key of a route written as a function name or partial ARN
// ("Name", "Name:qualifier", "123456789012:function:Name[:qualifier]").
std::string NameRouteKey(const std::string& resource) {
  std::vector<std::string_view> parts;
  std::string_view rest = resource;
  while (true) {
    size_t colon = rest.find(':');
    parts.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest = rest.substr(colon + 1);
  }
  if (parts.size() >= 3 && parts[1] == "function")
    return NameKey(parts[0], parts[2], parts.size() > 3 ? parts[3] : "");
  return NameKey("", parts[0], parts.size() > 1 ? parts[1] : "");
}

}  // namespace

bool MatchPattern(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;  // let the last '*' swallow one more character
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string_view StripIntegrationSuffix(std::string_view resource) {
  for (std::string_view suffix : {".waitForTaskToken", ".sync:2", ".sync"}) {
    if (resource.size() > suffix.size() &&
        resource.compare(resource.size() - suffix.size(), suffix.size(), suffix) == 0)
      return resource.substr(0, resource.size() - suffix.size());
  }
  return {};
}

RouteTable::RouteTable(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::string& resource = routes_[i].resource;
    bool is_arn = resource.rfind("arn:", 0) == 0;
    bool is_pattern = resource.find('*') != std::string::npos;
    if (is_pattern) {
      (is_arn ? patterns_ : name_patterns_).push_back(i);
    } else if (is_arn) {
      exact_.emplace(resource, i);
    } else {
      functions_.emplace(NameRouteKey(resource), i);
    }
  }
}

const Route* RouteTable::FindPattern(const std::vector<size_t>& patterns, std::string_view a,
                                     std::string_view b) const {
  for (size_t index : patterns) {
    const std::string& pattern = routes_[index].resource;
    if (MatchPattern(pattern, a) || (!b.empty() && MatchPattern(pattern, b)))
      return &routes_[index];
  }
  return nullptr;
}

const Route* RouteTable::FindExact(std::string_view resource) const {
  auto it = exact_.find(resource);
  return it == exact_.end() ? nullptr : &routes_[it->second];
}

const Route* RouteTable::Find(std::string_view resource) const {
  auto it = exact_.find(resource);
  if (it != exact_.end()) return &routes_[it->second];
  std::string_view stripped = StripIntegrationSuffix(resource);
  if (!stripped.empty()) {
    it = exact_.find(stripped);
    if (it != exact_.end()) return &routes_[it->second];
  }
  return FindPattern(patterns_, resource, stripped);
}

const Route* RouteTable::FindName(const FunctionArn& function, const std::string& qualifier) const {
  for (std::string_view account : {std::string_view(function.account), std::string_view()}) {
    auto it = functions_.find(NameKey(account, function.name, qualifier));
    if (it != functions_.end()) return &routes_[it->second];
  }
  return nullptr;
}

const Route* RouteTable::FindFunction(const FunctionArn& function) const {
  bool qualified = !function.qualifier.empty();
  std::string full = function.Full();
  std::string unqualified = qualified ? function.Unqualified() : std::string();
  for (const std::string* arn : {&full, &unqualified}) {
    if (arn->empty()) continue;
    auto it = exact_.find(*arn);
    if (it != exact_.end()) return &routes_[it->second];
  }
  if (!functions_.empty()) {
    if (const Route* route = FindName(function, function.qualifier)) return route;
    if (qualified)
      if (const Route* route = FindName(function, "")) return route;
  }
  if (const Route* route = FindPattern(patterns_, full, unqualified)) return route;
  std::string qualified_name = qualified ? function.name + ":" + function.qualifier : "";
  return FindPattern(name_patterns_, function.name, qualified_name);
}

std::vector<const Route*> RouteTable::PersistentRoutes() const {
  std::vector<const Route*> found;
  for (const Route& route : routes_)
    if (route.kind == RouteKind::kExec && route.persistent) found.push_back(&route);
  return found;
}

}  // namespace sfn::mocks
