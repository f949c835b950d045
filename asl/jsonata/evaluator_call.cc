// asl/jsonata/evaluator_call.cc
//
// Function calls: argument evaluation, signature checks, lambdas and their
// closures, partial application, transforms, regex matchers, and the
// trampoline that runs tail calls without growing the stack.
#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/regex.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

// The name a call's procedure was written as, when it is a plain name
// (`sum(x)` instead of `$sum(x)`).
const std::string* BareName(const CallNode& node) {
  if (node.procedure->type != NodeType::kPath) return nullptr;
  const auto& path = static_cast<const PathNode&>(*node.procedure);
  if (path.steps[0]->type != NodeType::kName) return nullptr;
  return &static_cast<const LeafNode&>(*path.steps[0]).name;
}

void AddCallSite(JsonataException& ex, int64_t position, const std::string& name) {
  if (ex.error().position < 0) ex.error().position = position;
  if (ex.error().token.IsUndefined() && !name.empty()) ex.error().token = Value::String(name);
}

}  // namespace

Value Evaluator::EvalCall(const CallNode& node, const Value& input, const FramePtr& env,
                          const Value* apply_to) {
  Value proc = Eval(*node.procedure, input, env);
  if (proc.IsUndefined()) {
    const std::string* bare = BareName(node);
    if (bare && Lookup(env, *bare).IsDefined()) {
      Error e;
      e.code = "T1005";
      e.position = node.position;
      e.token = Value::String(*bare);
      Throw(std::move(e));
    }
  }
  std::vector<Value> args;
  args.reserve(node.args.size() + (apply_to ? 1 : 0));
  if (apply_to) args.push_back(*apply_to);
  for (const NodePtr& arg : node.args) args.push_back(Eval(*arg, input, env));
  try {
    return Apply(proc, std::move(args), input, env);
  } catch (JsonataException& ex) {
    AddCallSite(ex, node.position, node.proc_name);
    throw;
  }
}

Value Evaluator::Apply(const Value& fn, std::vector<Value> args, const Value& input,
                       const FramePtr& env) {
  Value result = ApplyInner(fn, args, input, env);
  // Trampoline: a lambda whose body ended in a call returns that call as a
  // thunk; run it here instead of recursing.
  while (result.IsFunction() && result.Fn().kind == FunctionKind::kLambda &&
         static_cast<const LambdaFn&>(result.Fn()).thunk) {
    Value thunk = std::move(result);
    const auto& t = static_cast<const LambdaFn&>(thunk.Fn());
    const auto& call = static_cast<const CallNode&>(*t.body);
    Value next = Eval(*call.procedure, t.input, t.env);
    std::vector<Value> next_args;
    next_args.reserve(call.args.size());
    for (const NodePtr& arg : call.args) next_args.push_back(Eval(*arg, t.input, t.env));
    try {
      result = ApplyInner(next, next_args, input, env);
    } catch (JsonataException& ex) {
      AddCallSite(ex, call.position, call.proc_name);
      throw;
    }
  }
  return result;
}

Value Evaluator::ApplyInner(const Value& fn, std::vector<Value>& args, const Value& input,
                            const FramePtr& env) {
  if (!fn.IsFunction()) ThrowCode("T1006");
  const Function& f = fn.Fn();
  std::vector<Value> checked;
  std::vector<Value>* call_args = &args;
  if (f.signature) {
    checked = f.signature->Validate(args, input);
    call_args = &checked;
  }
  switch (f.kind) {
    case FunctionKind::kLambda:
      return ApplyLambda(static_cast<const LambdaFn&>(f), *call_args);
    case FunctionKind::kBuiltin: {
      CallContext ctx{*this, input, env};
      return static_cast<const BuiltinFn&>(f).def->impl(ctx, *call_args);
    }
    case FunctionKind::kPartial: {
      const auto& p = static_cast<const PartialFn&>(f);
      std::vector<Value> full;
      size_t k = 0;
      for (size_t i = 0; i < p.args.size(); ++i) {
        if (p.holes[i]) {
          full.push_back(k < call_args->size() ? (*call_args)[k++] : Value());
        } else {
          full.push_back(p.args[i]);
        }
      }
      while (!full.empty() && full.back().IsUndefined()) full.pop_back();
      return ApplyInner(p.target, full, input, env);
    }
    case FunctionKind::kRegex:
      return ApplyRegex(static_cast<const RegexFn&>(f), *call_args);
    case FunctionKind::kTransform:
      return ApplyTransform(static_cast<const TransformFn&>(f), *call_args);
    case FunctionKind::kNative:
      return static_cast<const NativeFn&>(f).call(*this, *call_args);
  }
  ThrowCode("T1006");
}

Value Evaluator::ApplyLambda(const LambdaFn& fn, std::vector<Value>& args) {
  FramePtr frame = NewFrame(fn.env);
  const std::vector<std::string>& params = *fn.params;
  for (size_t i = 0; i < params.size(); ++i)
    Bind(frame, params[i], i < args.size() ? std::move(args[i]) : Value());
  return Eval(*fn.body, fn.input, frame);
}

Value Evaluator::EvalPartial(const CallNode& node, const Value& input, const FramePtr& env) {
  std::vector<Value> args;
  std::vector<bool> holes;
  for (const NodePtr& arg : node.args) {
    bool hole = arg->type == NodeType::kPlaceholder;
    holes.push_back(hole);
    args.push_back(hole ? Value() : Eval(*arg, input, env));
  }
  Value proc = Eval(*node.procedure, input, env);
  if (proc.IsUndefined()) {
    const std::string* bare = BareName(node);
    if (bare && Lookup(env, *bare).IsDefined()) {
      Error e;
      e.code = "T1007";
      e.position = node.position;
      e.token = Value::String(*bare);
      Throw(std::move(e));
    }
  }
  if (!proc.IsFunction()) {
    Error e;
    e.code = "T1008";
    e.position = node.position;
    if (!node.proc_name.empty()) e.token = Value::String(node.proc_name);
    Throw(std::move(e));
  }
  if (proc.Fn().kind == FunctionKind::kLambda)
    return PartialLambda(static_cast<const LambdaFn&>(proc.Fn()), args, holes, env);
  auto partial = std::make_shared<PartialFn>();
  partial->target = proc;
  partial->args = std::move(args);
  partial->holes = std::move(holes);
  return Value::Func(std::move(partial));
}

// A lambda with the supplied arguments bound in a new frame; the '?'
// parameters remain, in order.
Value Evaluator::PartialLambda(const LambdaFn& lambda, const std::vector<Value>& args,
                               const std::vector<bool>& holes, const FramePtr& env) {
  auto partial = std::make_shared<LambdaFn>();
  FramePtr frame = NewFrame(lambda.env ? lambda.env : env);
  for (size_t i = 0; i < lambda.params->size(); ++i) {
    const std::string& param = (*lambda.params)[i];
    if (i < args.size() && holes[i]) {
      partial->owned_params.push_back(param);
    } else {
      Bind(frame, param, i < args.size() ? args[i] : Value());
    }
  }
  partial->node = lambda.node;
  partial->body = lambda.body;
  partial->params = &partial->owned_params;
  partial->input = lambda.input;
  partial->env = frame;
  return Value::Func(std::move(partial));
}

Value Evaluator::ApplyTransform(const TransformFn& fn, std::vector<Value>& args) {
  Value obj = args.empty() ? Value() : args[0];
  if (obj.IsUndefined()) return obj;
  const TransformNode& node = *fn.node;
  Value clone = Lookup(fn.env, "clone");
  if (!clone.IsFunction()) ThrowCode("T2013", node.position);
  Value result = Apply(clone, {obj}, Value(), fn.env);
  Value matches = Eval(*node.pattern, result, fn.env);
  if (matches.IsUndefined()) return result;
  Items list = matches.IsArray() ? matches.ArrayItems() : Items{matches};
  for (const Value& match : list) {
    Value update = Eval(*node.update, match, fn.env);
    if (update.IsDefined()) {
      if (!update.IsObject()) ThrowValue("T2011", update, node.update->position);
      for (const Entry& e : update.ObjectEntries()) MutableSet(match, e.first, e.second);
    }
    if (!node.remove) continue;
    Value deletions = Eval(*node.remove, match, fn.env);
    if (deletions.IsUndefined()) continue;
    Value names = deletions.IsArray() ? deletions : Value::Array({deletions});
    if (!IsArrayOfStrings(names)) ThrowValue("T2012", deletions, node.remove->position);
    for (const Value& name : names.ArrayItems()) MutableErase(match, name.AsString());
  }
  return result;
}

namespace {

// A regex match as the object jsonata-js's matcher closures return:
// {match, start, end, groups, next}.
Value MatchObject(Evaluator& ev, std::shared_ptr<const RegexFn> fn, std::u32string text,
                  size_t from);

Value MakeMatch(std::shared_ptr<const RegexFn> fn, std::shared_ptr<const std::u32string> text,
                const Regex::Match& m) {
  Items groups;
  for (const auto& g : m.groups) {
    if (g.first == std::u32string::npos) {
      groups.push_back(Value::String(""));
    } else {
      groups.push_back(Value::String(EncodeUtf8(text->substr(g.first, g.second - g.first))));
    }
  }
  auto next = std::make_shared<NativeFn>();
  next->arity = 0;
  size_t end = m.end;
  next->call = [fn, text, end](Evaluator& ev, std::vector<Value>&) -> Value {
    if (end >= text->size()) return Value();
    Value n = MatchObject(ev, fn, *text, end);
    if (n.IsDefined() && n.Get("match").AsString().empty())
      ThrowValue("D1004", Value::String(fn->regex->source()), fn->position);
    return n;
  };
  Entries e;
  e.emplace_back("match", Value::String(EncodeUtf8(text->substr(m.start, m.end - m.start))));
  e.emplace_back("start", Value::Number(static_cast<double>(m.start)));
  e.emplace_back("end", Value::Number(static_cast<double>(m.end)));
  e.emplace_back("groups", Value::Array(std::move(groups)));
  e.emplace_back("next", Value::Func(std::move(next)));
  return Value::Object(std::move(e));
}

Value MatchObject(Evaluator& ev, std::shared_ptr<const RegexFn> fn, std::u32string text,
                  size_t from) {
  Regex::Match m;
  if (!fn->regex->Search(text, from, &m, ev.time_check())) return Value();
  return MakeMatch(fn, std::make_shared<const std::u32string>(std::move(text)), m);
}

}  // namespace

Value Evaluator::ApplyRegex(const RegexFn& fn, std::vector<Value>& args) {
  if (args.empty() || !args[0].IsString()) return Value();
  size_t from = 0;
  if (args.size() > 1 && args[1].IsNumber() && args[1].AsNumber() > 0)
    from = static_cast<size_t>(args[1].AsNumber());
  auto self = std::make_shared<RegexFn>(fn);
  return MatchObject(*this, self, DecodeUtf8(args[0].AsString()), from);
}

}  // namespace sfn::asl::jsonata
