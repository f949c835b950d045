// asl/jsonata/operators.cc
//
// JSONata's operators and value rules: arithmetic and comparison with
// their type errors, ranges, `in`, field lookup over sequences, wildcards,
// descendants, sequence concatenation, truthiness, $string's conversion,
// deep copies and jsonata-js's merge sort.
#include "asl/jsonata/operators.h"

#include <algorithm>
#include <cmath>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

constexpr double kMaxRange = 1e7;  // jsonata-js's fixed limit for `..`

// `in` compares like jsonata-js's `===`: arrays, objects and functions by
// identity, every other value as DeepEqual does.
bool StrictEquals(const Value& a, const Value& b) {
  if (a.IsArray() || a.IsObject() || a.IsFunction())
    return a.kind() == b.kind() && a.identity() == b.identity();
  return DeepEqual(a, b);
}

bool IsInteger(const Value& v) {
  return v.IsNumber() && std::isfinite(v.AsNumber()) && v.AsNumber() == std::floor(v.AsNumber());
}

// Flatten and Descend walk the value in document order (pre-order) with the
// values still to visit on the heap: input JSON may nest deeper than the
// stack could recurse.
void Flatten(const Value& v, Items* out) {
  std::vector<const Value*> pending{&v};
  while (!pending.empty()) {
    const Value& next = *pending.back();
    pending.pop_back();
    if (!next.IsArray()) {
      out->push_back(next);
      continue;
    }
    const Items& items = next.ArrayItems();
    for (auto it = items.rbegin(); it != items.rend(); ++it) pending.push_back(&*it);
  }
}

void Descend(const Value& v, Items* out) {
  std::vector<const Value*> pending{&v};
  while (!pending.empty()) {
    const Value& next = *pending.back();
    pending.pop_back();
    if (next.IsArray()) {
      const Items& items = next.ArrayItems();
      for (auto it = items.rbegin(); it != items.rend(); ++it) pending.push_back(&*it);
      continue;
    }
    out->push_back(next);
    if (!next.IsObject()) continue;
    const Entries& entries = next.ObjectEntries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) pending.push_back(&it->second);
  }
}

}  // namespace

bool IsNumeric(const Value& v) {
  if (!v.IsNumber()) return false;
  double d = v.AsNumber();
  if (std::isnan(d)) return false;
  if (std::isinf(d)) ThrowValue("D1001", v);
  return true;
}

Value NumericOp(BinaryOp op, const Value& lhs, const Value& rhs) {
  if (lhs.IsDefined() && !IsNumeric(lhs)) ThrowValue("T2001", lhs);
  if (rhs.IsDefined() && !IsNumeric(rhs)) ThrowValue("T2002", rhs);
  if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
  double a = lhs.AsNumber(), b = rhs.AsNumber();
  switch (op) {
    case BinaryOp::kAdd:
      return Value::Number(a + b);
    case BinaryOp::kSub:
      return Value::Number(a - b);
    case BinaryOp::kMul:
      return Value::Number(a * b);
    case BinaryOp::kDiv:
      return Value::Number(a / b);
    default:
      return Value::Number(std::fmod(a, b));
  }
}

Value CompareOp(BinaryOp op, const Value& lhs, const Value& rhs) {
  auto comparable = [](const Value& v) { return v.IsUndefined() || v.IsString() || v.IsNumber(); };
  if (!comparable(lhs) || !comparable(rhs)) {
    Error e;
    e.code = "T2010";
    e.value = (lhs.IsString() || lhs.IsNumber()) ? rhs : lhs;
    e.has_value = true;
    Throw(std::move(e));
  }
  if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
  if (lhs.kind() != rhs.kind()) {
    Error e;
    e.code = "T2009";
    e.value = lhs;
    e.value2 = rhs;
    e.has_value = true;
    Throw(std::move(e));
  }
  int c;
  if (lhs.IsNumber()) {
    double a = lhs.AsNumber(), b = rhs.AsNumber();
    if (std::isnan(a) || std::isnan(b)) return Value::Bool(false);
    c = a < b ? -1 : a > b ? 1 : 0;
  } else {
    int r = lhs.AsString().compare(rhs.AsString());
    c = r < 0 ? -1 : r > 0 ? 1 : 0;
  }
  switch (op) {
    case BinaryOp::kLt:
      return Value::Bool(c < 0);
    case BinaryOp::kLe:
      return Value::Bool(c <= 0);
    case BinaryOp::kGt:
      return Value::Bool(c > 0);
    default:
      return Value::Bool(c >= 0);
  }
}

Value RangeOp(Evaluator& ev, const Value& lhs, const Value& rhs) {
  if (lhs.IsDefined() && !IsInteger(lhs)) ThrowValue("T2003", lhs);
  if (rhs.IsDefined() && !IsInteger(rhs)) ThrowValue("T2004", rhs);
  if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
  double a = lhs.AsNumber(), b = rhs.AsNumber();
  if (a > b) return Value();
  double size = b - a + 1;
  if (size > kMaxRange) ThrowValue("D2014", Value::Number(size));
  ev.CheckSequenceSize(static_cast<size_t>(size));
  Items items;
  items.reserve(static_cast<size_t>(size));
  for (double x = a; x <= b; x += 1) items.push_back(Value::Number(x));
  return Value::Sequence(std::move(items));
}

Value InOp(const Value& lhs, const Value& rhs) {
  if (lhs.IsUndefined() || rhs.IsUndefined()) return Value::Bool(false);
  if (!rhs.IsArray()) return Value::Bool(StrictEquals(lhs, rhs));
  for (const Value& item : rhs.ArrayItems())
    if (StrictEquals(item, lhs)) return Value::Bool(true);
  return Value::Bool(false);
}

// Looks `key` up in `input`, mapping over arrays (jsonata-js fn.lookup).
Value LookupField(const Value& input, const std::string& key) {
  if (input.IsArray()) {
    Items out;
    for (const Value& item : input.ArrayItems()) {
      Value res = LookupField(item, key);
      if (res.IsUndefined()) continue;
      if (res.IsArray()) {
        for (const Value& v : res.ArrayItems()) out.push_back(v);
      } else {
        out.push_back(std::move(res));
      }
    }
    return Value::Sequence(std::move(out));
  }
  return input.Get(key);
}

Value WildcardOf(Evaluator& ev, Value input) {
  Value results = Value::Sequence({});
  if (input.IsArray() && input.Has(Value::kOuterWrapper) && input.Size() > 0) input = input[0];
  Items out;
  bool plain = false;  // jsonata-js's append makes a plain array once an array value is added
  auto add = [&](const Value& v) {
    if (v.IsArray()) {
      Flatten(v, &out);
      plain = true;
    } else {
      out.push_back(v);
    }
  };
  // An array is an object to jsonata-js here: its members are its items.
  if (input.IsArray()) {
    for (const Value& item : input.ArrayItems()) add(item);
  } else if (input.IsObject()) {
    for (const Entry& e : input.ObjectEntries()) add(e.second);
  } else {
    return results;
  }
  ev.CheckSequenceSize(out.size());
  return plain ? Value::Array(std::move(out)) : Value::Sequence(std::move(out));
}

Value DescendantsOf(const Value& input) {
  if (input.IsUndefined()) return Value();
  Items out;
  Descend(input, &out);
  if (out.size() == 1) return out[0];
  return Value::Sequence(std::move(out));
}

Value Append(Evaluator& ev, const Value& a, const Value& b) {
  if (a.IsUndefined()) return b;
  if (b.IsUndefined()) return a;
  Items out;
  size_t na = a.IsArray() ? a.Size() : 1, nb = b.IsArray() ? b.Size() : 1;
  ev.CheckSequenceSize(na + nb);
  out.reserve(na + nb);
  if (a.IsArray()) {
    out = a.ArrayItems();
  } else {
    out.push_back(a);
  }
  if (b.IsArray()) {
    for (const Value& v : b.ArrayItems()) out.push_back(v);
  } else {
    out.push_back(b);
  }
  return Value::Array(std::move(out));
}

Value ToBoolean(const Value& v) {
  if (v.IsUndefined()) return v;
  return Value::Bool(IsTruthy(v));
}

bool IsTruthy(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull:
    case Value::Kind::kFunction:
      return false;
    case Value::Kind::kBool:
      return v.AsBool();
    case Value::Kind::kString:
      return !v.AsString().empty();
    case Value::Kind::kNumber:
      return IsNumeric(v) && v.AsNumber() != 0;
    case Value::Kind::kObject:
      return !v.ObjectEntries().empty();
    case Value::Kind::kArray: {
      const Items& items = v.ArrayItems();
      if (items.size() == 1) return IsTruthy(items[0]);
      for (const Value& item : items)
        if (IsTruthy(item)) return true;
      return false;
    }
  }
  return false;
}

Value ToStringValue(const Value& v, bool pretty) {
  if (v.IsUndefined() || v.IsString()) return v;
  if (v.IsFunction()) return Value::String("");
  if (v.IsNumber() && !std::isfinite(v.AsNumber())) ThrowValue("D3001", v);
  if (v.IsArray() && v.Has(Value::kOuterWrapper) && v.Size() > 0)
    return Value::String(StringifyForString(v[0], pretty));
  return Value::String(StringifyForString(v, pretty));
}

Value CheckedNumber(double d) {
  Value v = Value::Number(d);
  if (!std::isfinite(d)) ThrowValue("D1001", v);
  return v;
}

namespace {

// Top-down, splitting at floor(n/2) like jsonata-js, so that even a
// user comparator that is not a total order gives the same result.
void MergeSortRange(std::vector<size_t>& a, std::vector<size_t>& tmp, size_t lo, size_t hi,
                    const std::function<bool(size_t, size_t)>& swap) {
  if (hi - lo <= 1) return;
  size_t mid = lo + (hi - lo) / 2;
  MergeSortRange(a, tmp, lo, mid, swap);
  MergeSortRange(a, tmp, mid, hi, swap);
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) tmp[k++] = swap(a[i], a[j]) ? a[j++] : a[i++];
  while (i < mid) tmp[k++] = a[i++];
  while (j < hi) tmp[k++] = a[j++];
  std::copy(tmp.begin() + static_cast<ptrdiff_t>(lo), tmp.begin() + static_cast<ptrdiff_t>(hi),
            a.begin() + static_cast<ptrdiff_t>(lo));
}

}  // namespace

void MergeSortIndexes(std::vector<size_t>* order, const std::function<bool(size_t, size_t)>& swap) {
  std::vector<size_t> tmp(order->size());
  MergeSortRange(*order, tmp, 0, order->size(), swap);
}

namespace {

// `depth`: the containers cloned around `v`. A clone nested deeper than a
// built value may be fails as building it would (D1011), before the
// recursion gets deep enough to threaten the stack.
Value CloneAt(const Value& v, uint32_t depth) {
  switch (v.kind()) {
    case Value::Kind::kNumber: {
      double d = v.AsNumber();
      if (!std::isfinite(d)) return Value::Null();
      return d == std::floor(d) ? v : Value::Number(RoundToPrecision(d, 15));
    }
    case Value::Kind::kFunction:
      return Value::String("");
    case Value::Kind::kArray:
    case Value::Kind::kObject:
      if (depth >= kMaxBuiltNesting)
        ThrowValue("D1011", Value::Number(static_cast<double>(kMaxBuiltNesting)));
      break;
    default:
      return v;
  }
  if (v.IsArray()) {
    Items out;
    out.reserve(v.Size());
    for (const Value& item : v.ArrayItems())
      out.push_back(item.IsUndefined() ? Value::Null() : CloneAt(item, depth + 1));
    return Value::Array(std::move(out));
  }
  Entries out;
  for (const Entry& e : v.ObjectEntries())
    if (e.second.IsDefined()) out.emplace_back(e.first, CloneAt(e.second, depth + 1));
  return Value::Object(std::move(out));
}

}  // namespace

Value DeepClone(const Value& v) { return CloneAt(v, 0); }

}  // namespace sfn::asl::jsonata
