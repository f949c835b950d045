// mocks/route_table.h
//
// The routes of a RoutesConfig, compiled for lookup: exact resources in a
// hash map, Lambda function names and partial ARNs by (account, name,
// qualifier), '*' patterns in file order. Exact entries beat patterns; among
// equals the first route in the file wins. Immutable after construction:
// lookups are safe from any thread without locking.
#ifndef SFN_MOCKS_ROUTE_TABLE_H_
#define SFN_MOCKS_ROUTE_TABLE_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mocks/http/lambda.h"
#include "mocks/routes_config.h"

namespace sfn::mocks {

// True when `text` matches `pattern`, where '*' matches any run of characters.
bool MatchPattern(std::string_view pattern, std::string_view text);

// `resource` without a trailing ".sync", ".sync:2" or ".waitForTaskToken"
// (empty when it has none of them).
std::string_view StripIntegrationSuffix(std::string_view resource);

class RouteTable {
 public:
  explicit RouteTable(std::vector<Route> routes);

  // The route for a non-Lambda resource: the exact resource, the resource
  // without its integration suffix, then patterns. nullptr if none.
  const Route* Find(std::string_view resource) const;

  // The route written for exactly `resource` (no suffix stripping, no
  // patterns), or nullptr: the cheap first look for hot resources.
  const Route* FindExact(std::string_view resource) const;

  // The route for a Lambda function: its ARN (qualified, then unqualified),
  // names and partial ARNs, then patterns (ARN patterns, then name patterns).
  const Route* FindFunction(const FunctionArn& function) const;

  size_t size() const { return routes_.size(); }
  // The exec routes with "persistent": true, in file order.
  std::vector<const Route*> PersistentRoutes() const;

 private:
  const Route* FindPattern(const std::vector<size_t>& patterns, std::string_view a,
                           std::string_view b) const;
  const Route* FindName(const FunctionArn& function, const std::string& qualifier) const;

  // Lets lookups take a string_view without building a std::string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  using Index = std::unordered_map<std::string, size_t, Hash, std::equal_to<>>;

  std::vector<Route> routes_;
  Index exact_;                        // resources without '*'
  Index functions_;                    // "account:name:qualifier" ("" parts allowed)
  std::vector<size_t> patterns_;       // ARN patterns
  std::vector<size_t> name_patterns_;  // function-name patterns
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_ROUTE_TABLE_H_
