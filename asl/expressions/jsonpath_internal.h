// asl/expressions/jsonpath_internal.h
//
// Private to asl/jsonpath*.cc: the compiled form of a JSONPath (a list of
// steps, filters as small expression trees) and the matcher that walks a
// Json tree with it. The dialect is Jayway JsonPath's, which AWS Step
// Functions uses: dot/bracket names, wildcards, indexes, slices, unions,
// deep scan, filters with && / || and Jayway's relational operators, and
// trailing functions such as length(). Everything is immutable after
// parsing, so compiled paths are shared between threads without locking.
#ifndef SFN_ASL_EXPRESSIONS_JSONPATH_INTERNAL_H_
#define SFN_ASL_EXPRESSIONS_JSONPATH_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "asl/expressions/jsonpath.h"

namespace sfn::asl::jsonpath_internal {

struct FilterNode;

enum class StepKind { kProperty, kWildcard, kIndex, kSlice, kFilter };

// One step after the root. `deep` marks a step reached through "..": it is
// applied to the node and to every descendant.
struct Step {
  StepKind kind = StepKind::kProperty;
  bool deep = false;
  std::vector<std::string> names;               // kProperty: one name, or a union
  std::vector<int64_t> indexes;                 // kIndex: one index, or a union
  std::optional<int64_t> slice_from, slice_to;  // kSlice
  std::shared_ptr<const FilterNode> filter;     // kFilter
  // Picks a single node: one name or one index, not deep.
  bool definite() const {
    return !deep && ((kind == StepKind::kProperty && names.size() == 1) ||
                     (kind == StepKind::kIndex && indexes.size() == 1));
  }
};

// A trailing Jayway function: "$.items.length()".
enum class PathFunction { kNone, kLength, kMin, kMax, kAvg, kSum, kStddev, kKeys };

// The steps of a path below its root ("$", "@", "$$" or "$var").
struct StepList {
  std::vector<Step> steps;
  PathFunction function = PathFunction::kNone;
  // Jayway's rule: single names/indexes only, except that a union of names
  // as the last step is still definite (it merges into one object).
  bool definite = true;
};

// A filter operand or relational expression; see jsonpath_parser.cc for
// the grammar.
struct FilterNode {
  enum class Kind { kAnd, kOr, kNot, kExists, kCompare, kLiteral, kCurrentPath, kRootPath };
  enum class Op {
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kRegex,
    kIn,
    kNin,
    kSubsetOf,
    kAnyOf,
    kNoneOf,
    kSize,
    kEmpty,
    kContains
  };
  Kind kind = Kind::kLiteral;
  Op op = Op::kEq;
  std::shared_ptr<const FilterNode> left, right;  // kAnd/kOr/kNot(left)/kCompare/kExists(left)
  Json literal;                                   // kLiteral
  StepList path;                                  // kCurrentPath / kRootPath
  std::shared_ptr<const std::regex> regex;        // kRegex: right side compiled once
};

// Parses the part of a path after its root. `text` is the whole path, for
// messages; parsing starts at `pos`. On failure returns a message.
std::optional<std::string> ParseSteps(std::string_view text, size_t pos, StepList* out);

// Evaluation. Matches are pointers into `root`'s tree (or into `scratch`,
// for values a function computed); they stay valid while both live.
struct MatchContext {
  const Json* root = nullptr;  // "$" inside filters
};
void CollectMatches(const StepList& path, const Json& start, const MatchContext& mc,
                    std::vector<const Json*>* out);
// The value of a path as Jayway returns it: the single match of a definite
// path (nullopt when absent) or the array of all matches of an indefinite
// one; with a trailing function applied.
std::optional<Json> EvaluateSteps(const StepList& path, const Json& start, const MatchContext& mc);

// Fast path for definite paths without a function: the node or nullptr.
const Json* FindDefinite(const std::vector<Step>& steps, const Json& start);

// Jayway's PathNotFoundException message for a definite path that failed
// on `start` (e.g. "No results for path: $['a']"). `prefix` is the path
// printed for the root ("$").
std::string JaywayFailure(const StepList& path, const Json& start);

}  // namespace sfn::asl::jsonpath_internal

namespace sfn::asl {

struct JsonPath::Impl {
  std::string text;
  Root root = Root::kInput;
  std::string variable;  // Root::kVariable
  jsonpath_internal::StepList path;
  bool reference = true;  // no wildcard, filter, slice, union, deep scan or function
};

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_JSONPATH_INTERNAL_H_
