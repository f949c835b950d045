// asl/jsonata/functions.cc
#include "asl/jsonata/functions.h"

#include <random>
#include <string>
#include <unordered_map>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"

namespace sfn::asl::jsonata {

namespace {

using Registry = std::unordered_map<std::string_view, Value>;

struct Registries {
  std::vector<BuiltinDef> defs;
  Registry standard;        // plain JSONata
  Registry step_functions;  // AWS Step Functions' dialect
};

const Registries& GetRegistries() {
  static const Registries* regs = [] {
    auto* r = new Registries();
    AddNumericFunctions(&r->defs);
    AddStringFunctions(&r->defs);
    AddRegexFunctions(&r->defs);
    AddEncodingFunctions(&r->defs);
    AddFormatFunctions(&r->defs);
    AddArrayFunctions(&r->defs);
    AddObjectFunctions(&r->defs);
    AddDateTimeFunctions(&r->defs);
    AddStepFunctionsFunctions(&r->defs);
    for (const BuiltinDef& def : r->defs) {
      auto fn = std::make_shared<BuiltinFn>();
      fn->def = &def;
      if (def.signature) fn->signature = Signature::Parse(def.signature);
      Value v = Value::Func(fn);
      if (def.mode != BuiltinDef::Mode::kStepFunctionsOnly) r->standard[def.name] = v;
      if (def.mode != BuiltinDef::Mode::kStandardOnly) r->step_functions[def.name] = v;
    }
    return r;
  }();
  return *regs;
}

}  // namespace

Value LookupBuiltin(std::string_view name, bool step_functions) {
  const Registries& regs = GetRegistries();
  const Registry& table = step_functions ? regs.step_functions : regs.standard;
  auto it = table.find(name);
  return it == table.end() ? Value() : it->second;
}

const std::string& StringArg(const std::vector<Value>& args, size_t i) {
  const Value& v = Arg(args, i);
  if (v.IsString()) return v.AsString();
  Error e;
  e.code = "T0410";
  e.index = static_cast<int>(i) + 1;
  Throw(std::move(e));
}

std::vector<Value> HofArgs(const Value& fn, const Value& value, const Value& key,
                           const Value& whole) {
  std::vector<Value> args{value};
  int arity = fn.IsFunction() ? fn.Fn().Arity() : 1;
  if (arity >= 2) args.push_back(key);
  if (arity >= 3) args.push_back(whole);
  return args;
}

double NextRandom(CallContext& ctx) {
  if (ctx.ev.options().env) return ctx.ev.options().env->NextRandom();
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace sfn::asl::jsonata
