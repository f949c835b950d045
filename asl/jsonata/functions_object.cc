// asl/jsonata/functions_object.cc
//
// Object functions ($keys, $lookup, $spread, $merge, $each, $sift, $type,
// $clone), errors ($error, $assert) and $eval (plain JSONata only; Step
// Functions does not offer it).
#include <unordered_set>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/parse_tree.h"

namespace sfn::asl::jsonata {

namespace {

Value Keys(CallContext&, std::vector<Value>& args) {
  const Value& arg = Arg(args, 0);
  Items out;
  if (arg.IsArray()) {
    std::unordered_set<std::string> seen;
    for (const Value& item : arg.ArrayItems())
      for (const Entry& e : item.ObjectEntries())
        if (seen.insert(e.first).second) out.push_back(Value::String(e.first));
  } else if (arg.IsObject()) {
    for (const Entry& e : arg.ObjectEntries()) out.push_back(Value::String(e.first));
  }
  return Value::Sequence(std::move(out));
}

Value LookupIn(const Value& input, const std::string& key) {
  if (input.IsArray()) {
    Items out;
    for (const Value& item : input.ArrayItems()) {
      Value r = LookupIn(item, key);
      if (r.IsUndefined()) continue;
      if (r.IsArray()) {
        for (const Value& v : r.ArrayItems()) out.push_back(v);
      } else {
        out.push_back(std::move(r));
      }
    }
    return Value::Sequence(std::move(out));
  }
  return input.Get(key);
}

// An undefined key finds nothing (jsonata-js looks up the key "undefined").
Value Lookup(CallContext&, std::vector<Value>& args) {
  if (!Arg(args, 1).IsString()) return Value();
  return LookupIn(Arg(args, 0), Arg(args, 1).AsString());
}

Value SpreadValue(Evaluator& ev, const Value& arg) {
  if (arg.IsArray()) {
    Value result = Value::Sequence({});
    for (const Value& item : arg.ArrayItems()) result = Append(ev, result, SpreadValue(ev, item));
    return result;
  }
  if (arg.IsObject()) {
    Items out;
    for (const Entry& e : arg.ObjectEntries()) out.push_back(Value::Object({e}));
    return Value::Sequence(std::move(out));
  }
  return arg;
}

Value Spread(CallContext& ctx, std::vector<Value>& args) {
  return SpreadValue(ctx.ev, Arg(args, 0));
}

Value Merge(CallContext&, std::vector<Value>& args) {
  const Value& arg = Arg(args, 0);
  if (arg.IsUndefined()) return arg;
  Entries out;
  std::unordered_map<std::string, size_t> index;
  for (const Value& obj : arg.ArrayItems()) {
    for (const Entry& e : obj.ObjectEntries()) {
      auto it = index.find(e.first);
      if (it == index.end()) {
        index.emplace(e.first, out.size());
        out.push_back(e);
      } else {
        out[it->second].second = e.second;
      }
    }
  }
  return Value::Object(std::move(out));
}

Value Each(CallContext& ctx, std::vector<Value>& args) {
  const Value& obj = Arg(args, 0);
  const Value& fn = Arg(args, 1);
  Items out;
  for (const Entry& e : obj.ObjectEntries()) {
    Value r = ctx.ev.Apply(fn, HofArgs(fn, e.second, Value::String(e.first), obj), Value::Null(),
                           ctx.env);
    if (r.IsDefined()) out.push_back(std::move(r));
  }
  return Value::Sequence(std::move(out));
}

Value Sift(CallContext& ctx, std::vector<Value>& args) {
  const Value& obj = Arg(args, 0);
  const Value& fn = Arg(args, 1);
  Entries out;
  for (const Entry& e : obj.ObjectEntries()) {
    Value r = ctx.ev.Apply(fn, HofArgs(fn, e.second, Value::String(e.first), obj), Value::Null(),
                           ctx.env);
    if (IsTruthy(r)) out.push_back(e);
  }
  if (out.empty()) return Value();
  return Value::Object(std::move(out));
}

Value ErrorFn(CallContext&, std::vector<Value>& args) {
  Error e;
  e.code = "D3137";
  const Value& m = Arg(args, 0);
  e.message =
      (m.IsString() && !m.AsString().empty()) ? m.AsString() : "$error() function evaluated";
  Throw(std::move(e));
}

Value Assert(CallContext&, std::vector<Value>& args) {
  if (Arg(args, 0).IsBool() && Arg(args, 0).AsBool()) return Value();
  Error e;
  e.code = "D3141";
  const Value& m = Arg(args, 1);
  e.message = (m.IsString() && !m.AsString().empty()) ? m.AsString() : "$assert() statement failed";
  Throw(std::move(e));
}

Value Type(CallContext&, std::vector<Value>& args) {
  const Value& v = Arg(args, 0);
  switch (v.kind()) {
    case Value::Kind::kUndefined:
      return v;
    case Value::Kind::kNull:
      return Value::String("null");
    case Value::Kind::kNumber:
      return Value::String("number");
    case Value::Kind::kString:
      return Value::String("string");
    case Value::Kind::kBool:
      return Value::String("boolean");
    case Value::Kind::kArray:
      return Value::String("array");
    case Value::Kind::kFunction:
      return Value::String("function");
    case Value::Kind::kObject:
      return Value::String("object");
  }
  return Value();
}

Value Clone(CallContext&, std::vector<Value>& args) {
  const Value& v = Arg(args, 0);
  return v.IsUndefined() ? v : DeepClone(v);
}

Value Eval(CallContext& ctx, std::vector<Value>& args) {
  const Value& expr = Arg(args, 0);
  if (expr.IsUndefined()) return expr;
  Value input = ctx.input;
  if (args.size() > 1 && Arg(args, 1).IsDefined()) {
    input = Arg(args, 1);
    if (input.IsArray() && !input.IsSequence()) {
      input = Value::Sequence({input});
      input.Set(Value::kOuterWrapper);
    }
  }
  std::shared_ptr<const Node> ast;
  try {
    PNodePtr tree = ParseTree(expr.AsString());
    ast = BuildAst(tree.get());
  } catch (const JsonataException& ex) {
    ThrowValue("D3120", Value::String(RenderMessage(ex.error())));
  }
  ctx.ev.eval_asts.push_back(ast);
  try {
    return ctx.ev.Eval(*ast, input, ctx.env);
  } catch (const JsonataException& ex) {
    ThrowValue("D3121", Value::String(RenderMessage(ex.error())));
  }
}

}  // namespace

void AddObjectFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"keys", "<x-:a<s>>", 1, Keys});
  t->push_back({"lookup", "<x-s:x>", 2, Lookup});
  t->push_back({"spread", "<x-:a<o>>", 1, Spread});
  t->push_back({"merge", "<a<o>:o>", 1, Merge});
  t->push_back({"each", "<o-f:a>", 2, Each});
  t->push_back({"sift", "<o-f?:o>", 2, Sift});
  t->push_back({"error", "<s?:x>", 1, ErrorFn});
  t->push_back({"assert", "<bs?:x>", 2, Assert});
  t->push_back({"type", "<x:s>", 1, Type});
  t->push_back({"clone", "<(oa)-:o>", 1, Clone});
  t->push_back({"eval", "<sx?:x>", 2, Eval, BuiltinDef::Mode::kStandardOnly});
}

}  // namespace sfn::asl::jsonata
