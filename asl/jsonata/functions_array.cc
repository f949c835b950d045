// asl/jsonata/functions_array.cc
//
// Array and higher-order functions: $map, $filter, $single, $zip, $reduce,
// $append, $reverse, $sort, $shuffle, $distinct.
#include <algorithm>
#include <cmath>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"

namespace sfn::asl::jsonata {

namespace {

Value Call(CallContext& ctx, const Value& fn, std::vector<Value> args) {
  return ctx.ev.Apply(fn, std::move(args), Value::Null(), ctx.env);
}

Value Map(CallContext& ctx, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined()) return arr;
  const Value& fn = Arg(args, 1);
  const Items& items = arr.ArrayItems();
  Items out;
  out.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    Value r = Call(ctx, fn, HofArgs(fn, items[i], Value::Number(static_cast<double>(i)), arr));
    if (r.IsDefined()) out.push_back(std::move(r));
  }
  return Value::Sequence(std::move(out));
}

Value Filter(CallContext& ctx, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined()) return arr;
  const Value& fn = Arg(args, 1);
  const Items& items = arr.ArrayItems();
  Items out;
  for (size_t i = 0; i < items.size(); ++i) {
    Value r = Call(ctx, fn, HofArgs(fn, items[i], Value::Number(static_cast<double>(i)), arr));
    if (IsTruthy(r)) out.push_back(items[i]);
  }
  return Value::Sequence(std::move(out));
}

Value Single(CallContext& ctx, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined()) return arr;
  const Value& fn = Arg(args, 1);
  const Items& items = arr.ArrayItems();
  bool found = false;
  Value result;
  for (size_t i = 0; i < items.size(); ++i) {
    bool positive = true;
    if (fn.IsDefined())
      positive = IsTruthy(
          Call(ctx, fn, HofArgs(fn, items[i], Value::Number(static_cast<double>(i)), arr)));
    if (!positive) continue;
    if (found) {
      Error e;
      e.code = "D3138";
      e.index = static_cast<int>(i);
      Throw(std::move(e));
    }
    result = items[i];
    found = true;
  }
  if (!found) ThrowCode("D3139");
  return result;
}

Value Zip(CallContext&, std::vector<Value>& args) {
  size_t length = args.empty() ? 0 : SIZE_MAX;
  for (const Value& a : args) length = std::min(length, a.IsArray() ? a.Size() : size_t{0});
  Items out;
  for (size_t i = 0; i < length; ++i) {
    Items tuple;
    for (const Value& a : args) tuple.push_back(a[i]);
    out.push_back(Value::Array(std::move(tuple)));
  }
  return Value::Array(std::move(out));
}

Value Reduce(CallContext& ctx, std::vector<Value>& args) {
  const Value& seq = Arg(args, 0);
  if (seq.IsUndefined()) return seq;
  const Value& fn = Arg(args, 1);
  int arity = fn.Fn().Arity();
  if (arity < 2) {
    Error e;
    e.code = "D3050";
    e.index = 1;
    Throw(std::move(e));
  }
  const Items& items = seq.ArrayItems();
  size_t index = 0;
  Value result = Arg(args, 2);
  if (result.IsUndefined() && !items.empty()) {
    result = items[0];
    index = 1;
  }
  for (; index < items.size(); ++index) {
    std::vector<Value> call{result, items[index]};
    if (arity >= 3) call.push_back(Value::Number(static_cast<double>(index)));
    if (arity >= 4) call.push_back(seq);
    result = Call(ctx, fn, std::move(call));
  }
  return result;
}

Value AppendFn(CallContext& ctx, std::vector<Value>& args) {
  return Append(ctx.ev, Arg(args, 0), Arg(args, 1));
}

Value Reverse(CallContext&, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined() || arr.Size() <= 1) return arr;
  Items out(arr.ArrayItems().rbegin(), arr.ArrayItems().rend());
  return Value::Array(std::move(out));
}

// JavaScript truthiness, which $sort applies to its comparator's result.
bool JsTruthy(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBool:
      return v.AsBool();
    case Value::Kind::kNumber:
      return v.AsNumber() != 0 && !std::isnan(v.AsNumber());
    case Value::Kind::kString:
      return !v.AsString().empty();
    default:
      return true;
  }
}

Value Sort(CallContext& ctx, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined() || arr.Size() <= 1) return arr;
  const Value& fn = Arg(args, 1);
  const Items& items = arr.ArrayItems();
  std::function<bool(size_t, size_t)> swap;
  if (fn.IsUndefined()) {
    bool numbers = IsArrayOfNumbers(arr);
    if (!numbers && !IsArrayOfStrings(arr)) {
      Error e;
      e.code = "D3070";
      e.index = 1;
      Throw(std::move(e));
    }
    if (numbers) {
      swap = [&](size_t a, size_t b) { return items[a].AsNumber() > items[b].AsNumber(); };
    } else {
      swap = [&](size_t a, size_t b) { return items[a].AsString() > items[b].AsString(); };
    }
  } else {
    swap = [&](size_t a, size_t b) { return JsTruthy(Call(ctx, fn, {items[a], items[b]})); };
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  MergeSortIndexes(&order, swap);
  Items out;
  out.reserve(items.size());
  for (size_t i : order) out.push_back(items[i]);
  return Value::Array(std::move(out));
}

Value Shuffle(CallContext& ctx, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined() || arr.Size() <= 1) return arr;
  const Items& items = arr.ArrayItems();
  Items out(items.size());
  // The inside-out Fisher-Yates shuffle.
  for (size_t i = 0; i < items.size(); ++i) {
    size_t j = static_cast<size_t>(std::floor(NextRandom(ctx) * static_cast<double>(i + 1)));
    if (j > i) j = i;
    if (i != j) out[i] = out[j];
    out[j] = items[i];
  }
  return Value::Array(std::move(out));
}

Value Distinct(CallContext&, std::vector<Value>& args) {
  const Value& arr = Arg(args, 0);
  if (arr.IsUndefined() || !arr.IsArray() || arr.Size() <= 1) return arr;
  Items out;
  for (const Value& v : arr.ArrayItems()) {
    bool seen = false;
    for (const Value& o : out) {
      if (DeepEqual(v, o)) {
        seen = true;
        break;
      }
    }
    if (!seen) out.push_back(v);
  }
  return Value::Array(std::move(out), arr.IsSequence() ? Value::kSequence : 0);
}

}  // namespace

void AddArrayFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"map", "<af>", 2, Map});
  t->push_back({"filter", "<af>", 2, Filter});
  t->push_back({"single", "<af?>", 2, Single});
  t->push_back({"zip", "<a+>", 0, Zip});
  t->push_back({"reduce", "<afj?:j>", 3, Reduce});
  t->push_back({"append", "<xx:a>", 2, AppendFn});
  t->push_back({"reverse", "<a:a>", 1, Reverse});
  t->push_back({"sort", "<af?:a>", 2, Sort});
  t->push_back({"shuffle", "<a:a>", 1, Shuffle});
  t->push_back({"distinct", "<x:x>", 1, Distinct});
}

}  // namespace sfn::asl::jsonata
