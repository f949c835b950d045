// asl/expressions/jsonpath_eval.cc
//
// Walks a Json tree with compiled steps, the way Jayway JsonPath does:
// matches are collected in document order, a deep scan visits a node
// before its descendants, filters test array elements (or an object
// itself), and trailing functions aggregate the result.
#include <cmath>

#include "asl/expressions/java_text.h"
#include "asl/expressions/jsonpath_internal.h"

namespace sfn::asl::jsonpath_internal {
namespace {

bool Matches(const FilterNode& f, const Json& current, const MatchContext& mc);

// Python-style bounds for a slice over `size` items.
void SliceBounds(const Step& s, int64_t size, int64_t* from, int64_t* to) {
  *from = s.slice_from.value_or(0);
  *to = s.slice_to.value_or(size);
  if (*from < 0) *from = std::max<int64_t>(0, size + *from);
  if (*to < 0) *to = std::max<int64_t>(0, size + *to);
  *to = std::min(*to, size);
}

// Calls f(child) for every node that step `s` selects from `node`.
template <typename F>
void ForEachSelected(const Step& s, const Json& node, const MatchContext& mc, F&& f) {
  switch (s.kind) {
    case StepKind::kProperty:
      for (const std::string& name : s.names)
        if (const Json* child = node.Find(name)) f(*child);
      break;
    case StepKind::kWildcard:
      if (node.is_array()) {
        for (const Json& item : node.AsArray()) f(item);
      } else if (node.is_object()) {
        for (const auto& m : node.AsObject()) f(m.second);
      }
      break;
    case StepKind::kIndex:
      if (!node.is_array()) break;
      for (int64_t index : s.indexes) {
        int64_t size = static_cast<int64_t>(node.size());
        int64_t effective = index < 0 ? size + index : index;
        if (effective >= 0 && effective < size) f(node.AsArray()[effective]);
      }
      break;
    case StepKind::kSlice: {
      if (!node.is_array()) break;
      int64_t from, to;
      SliceBounds(s, static_cast<int64_t>(node.size()), &from, &to);
      for (int64_t i = from; i < to; ++i) f(node.AsArray()[i]);
      break;
    }
    case StepKind::kFilter:
      if (node.is_array()) {
        for (const Json& item : node.AsArray())
          if (Matches(*s.filter, item, mc)) f(item);
      } else if (node.is_object() && Matches(*s.filter, node, mc)) {
        f(node);
      }
      break;
  }
}

void Apply(const std::vector<Step>& steps, size_t i, const Json& node, const MatchContext& mc,
           std::vector<const Json*>* out);

// "..": the step applies to `node` and then to each of its descendants.
// A deep scan ("..") visits `node` and everything inside it in document
// order (pre-order), with the nodes still to visit on the heap, so that the
// deepest accepted input cannot overflow the stack.
void ApplyDeep(const std::vector<Step>& steps, size_t i, const Json& node, const MatchContext& mc,
               std::vector<const Json*>* out) {
  std::vector<const Json*> pending{&node};
  while (!pending.empty()) {
    const Json& n = *pending.back();
    pending.pop_back();
    ForEachSelected(steps[i], n, mc,
                    [&](const Json& child) { Apply(steps, i + 1, child, mc, out); });
    if (n.is_array()) {
      const Json::Array& items = n.AsArray();
      for (auto it = items.rbegin(); it != items.rend(); ++it) pending.push_back(&*it);
    } else if (n.is_object()) {
      const Json::Object& members = n.AsObject();
      for (auto it = members.rbegin(); it != members.rend(); ++it) pending.push_back(&it->second);
    }
  }
}

void Apply(const std::vector<Step>& steps, size_t i, const Json& node, const MatchContext& mc,
           std::vector<const Json*>* out) {
  if (i == steps.size()) {
    out->push_back(&node);
    return;
  }
  if (steps[i].deep) {
    ApplyDeep(steps, i, node, mc, out);
    return;
  }
  ForEachSelected(steps[i], node, mc,
                  [&](const Json& child) { Apply(steps, i + 1, child, mc, out); });
}

// ------------------------------------------------------------------ filters

// A filter operand: a literal, or the value of a path (absent = undefined).
std::optional<Json> Resolve(const FilterNode& n, const Json& current, const MatchContext& mc) {
  switch (n.kind) {
    case FilterNode::Kind::kLiteral:
      return n.literal;
    case FilterNode::Kind::kCurrentPath:
      return EvaluateSteps(n.path, current, mc);
    case FilterNode::Kind::kRootPath:
      return mc.root ? EvaluateSteps(n.path, *mc.root, mc) : std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<double> AsNumber(const Json& v) {
  if (v.is_number()) return v.AsDouble();
  if (!v.is_string()) return std::nullopt;
  JsonParseResult r = ParseJson(v.AsString(), 1);
  if (r.ok && r.value.is_number()) return r.value.AsDouble();
  return std::nullopt;
}

// Jayway's ValueNode equality: numbers and numeric strings compare by
// value; other values must have the same type.
bool LooseEquals(const Json& a, const Json& b) {
  if ((a.is_number() && b.is_string()) || (a.is_string() && b.is_number())) {
    std::optional<double> x = AsNumber(a), y = AsNumber(b);
    return x && y && *x == *y;
  }
  return a == b;
}

bool ArrayHas(const Json& array, const Json& value) {
  if (!array.is_array()) return false;
  for (const Json& item : array.AsArray())
    if (LooseEquals(item, value)) return true;
  return false;
}

int Order(const Json& a, const Json& b, bool* comparable) {
  *comparable = true;
  if (a.is_number() && b.is_number()) {
    double x = a.AsDouble(), y = b.AsDouble();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) {
    int c = a.AsString().compare(b.AsString());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  *comparable = false;
  return 0;
}

bool SetRelation(FilterNode::Op op, const Json& l, const Json& r) {
  if (!l.is_array() || !r.is_array()) return false;
  size_t hits = 0;
  for (const Json& item : l.AsArray()) hits += ArrayHas(r, item) ? 1 : 0;
  if (op == FilterNode::Op::kSubsetOf) return hits == l.size();
  if (op == FilterNode::Op::kAnyOf) return hits > 0;
  return hits == 0;  // kNoneOf
}

bool Compare(const FilterNode& f, const std::optional<Json>& l, const std::optional<Json>& r) {
  using Op = FilterNode::Op;
  if (f.op == Op::kNe) return !(l && r && LooseEquals(*l, *r));
  if (f.op == Op::kNin) return !(l && r && ArrayHas(*r, *l));
  if (!l || (!r && f.op != Op::kRegex)) return false;
  bool comparable = false;
  switch (f.op) {
    case Op::kEq:
      return LooseEquals(*l, *r);
    case Op::kLt:
      return Order(*l, *r, &comparable) < 0 && comparable;
    case Op::kLe:
      return Order(*l, *r, &comparable) <= 0 && comparable;
    case Op::kGt:
      return Order(*l, *r, &comparable) > 0 && comparable;
    case Op::kGe:
      return Order(*l, *r, &comparable) >= 0 && comparable;
    case Op::kRegex:
      return l->is_string() && std::regex_match(l->AsString(), *f.regex);
    case Op::kIn:
      return ArrayHas(*r, *l);
    case Op::kSubsetOf:
    case Op::kAnyOf:
    case Op::kNoneOf:
      return SetRelation(f.op, *l, *r);
    case Op::kSize: {
      size_t n = l->is_string() ? Utf16Length(l->AsString()) : l->size();
      return (l->is_string() || l->is_array()) && r->is_number() &&
             static_cast<double>(n) == r->AsDouble();
    }
    case Op::kEmpty: {
      bool empty = l->is_string() ? l->AsString().empty() : l->size() == 0;
      return (l->is_string() || l->is_array()) && r->is_bool() && empty == r->AsBool();
    }
    case Op::kContains:
      if (l->is_string() && r->is_string())
        return l->AsString().find(r->AsString()) != std::string::npos;
      return ArrayHas(*l, *r);
    default:
      return false;
  }
}

bool Exists(const FilterNode& path_node, const Json& current, const MatchContext& mc) {
  const Json* start = path_node.kind == FilterNode::Kind::kRootPath ? mc.root : &current;
  if (!start) return false;
  std::vector<const Json*> found;
  CollectMatches(path_node.path, *start, mc, &found);
  return !found.empty();
}

bool Matches(const FilterNode& f, const Json& current, const MatchContext& mc) {
  switch (f.kind) {
    case FilterNode::Kind::kAnd:
      return Matches(*f.left, current, mc) && Matches(*f.right, current, mc);
    case FilterNode::Kind::kOr:
      return Matches(*f.left, current, mc) || Matches(*f.right, current, mc);
    case FilterNode::Kind::kNot:
      return !Matches(*f.left, current, mc);
    case FilterNode::Kind::kExists:
      return Exists(*f.left, current, mc);
    case FilterNode::Kind::kCompare: {
      std::optional<Json> l = Resolve(*f.left, current, mc);
      std::optional<Json> r = f.right ? Resolve(*f.right, current, mc) : std::nullopt;
      return Compare(f, l, r);
    }
    default:
      return false;
  }
}

// ------------------------------------------------------------------ functions

std::optional<Json> Aggregate(PathFunction fn, const Json& value) {
  if (!value.is_array()) return std::nullopt;
  double sum = 0, sum_sq = 0, lo = INFINITY, hi = -INFINITY;
  size_t n = 0;
  for (const Json& item : value.AsArray()) {
    if (!item.is_number()) continue;
    double d = item.AsDouble();
    sum += d;
    sum_sq += d * d;
    lo = std::min(lo, d);
    hi = std::max(hi, d);
    ++n;
  }
  if (n == 0) return std::nullopt;  // Jayway refuses to aggregate an empty array
  double mean = sum / static_cast<double>(n);
  switch (fn) {
    case PathFunction::kMin:
      return Json(lo);
    case PathFunction::kMax:
      return Json(hi);
    case PathFunction::kSum:
      return Json(sum);
    case PathFunction::kAvg:
      return Json(mean);
    default:
      return Json(std::sqrt(sum_sq / static_cast<double>(n) - mean * mean));
  }
}

std::optional<Json> ApplyFunction(PathFunction fn, const Json& value) {
  switch (fn) {
    case PathFunction::kNone:
      return value;
    case PathFunction::kLength:
      if (value.is_string()) return Json(static_cast<int64_t>(Utf16Length(value.AsString())));
      if (value.is_array() || value.is_object()) return Json(static_cast<int64_t>(value.size()));
      return std::nullopt;
    case PathFunction::kKeys: {
      if (!value.is_object()) return std::nullopt;
      Json::Array keys;
      for (const auto& m : value.AsObject()) keys.emplace_back(m.first);
      return Json::MakeArray(std::move(keys));
    }
    default:
      return Aggregate(fn, value);
  }
}

// A union of names as the last step of a definite path: Jayway merges the
// present members into one new object.
std::optional<Json> MergeNames(const StepList& path, const Json& start) {
  std::vector<Step> parent_steps(path.steps.begin(), path.steps.end() - 1);
  const Json* parent = FindDefinite(parent_steps, start);
  if (!parent || !parent->is_object()) return std::nullopt;
  Json::Object members;
  for (const std::string& name : path.steps.back().names)
    if (const Json* v = parent->Find(name)) members.emplace_back(name, *v);
  return Json::MakeObject(std::move(members));
}

}  // namespace

void CollectMatches(const StepList& path, const Json& start, const MatchContext& mc,
                    std::vector<const Json*>* out) {
  Apply(path.steps, 0, start, mc, out);
}

const Json* FindDefinite(const std::vector<Step>& steps, const Json& start) {
  const Json* node = &start;
  for (const Step& s : steps) {
    if (s.kind == StepKind::kProperty) {
      node = node->Find(s.names[0]);
    } else {
      if (!node->is_array()) return nullptr;
      int64_t size = static_cast<int64_t>(node->size());
      int64_t index = s.indexes[0] < 0 ? size + s.indexes[0] : s.indexes[0];
      node = index >= 0 && index < size ? &node->AsArray()[index] : nullptr;
    }
    if (!node) return nullptr;
  }
  return node;
}

std::optional<Json> EvaluateSteps(const StepList& path, const Json& start, const MatchContext& mc) {
  std::optional<Json> value;
  if (path.definite) {
    bool merge = !path.steps.empty() && path.steps.back().names.size() > 1;
    if (merge) {
      value = MergeNames(path, start);
    } else if (const Json* found = FindDefinite(path.steps, start)) {
      value = *found;
    }
  } else {
    std::vector<const Json*> found;
    CollectMatches(path, start, mc, &found);
    Json::Array items;
    items.reserve(found.size());
    for (const Json* f : found) items.push_back(*f);
    value = Json::MakeArray(std::move(items));
  }
  if (!value || path.function == PathFunction::kNone) return value;
  return ApplyFunction(path.function, *value);
}

}  // namespace sfn::asl::jsonpath_internal
