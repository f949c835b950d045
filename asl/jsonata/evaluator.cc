// asl/jsonata/evaluator.cc
//
// The node dispatcher and the operators. Paths live in evaluator_path.cc,
// function calls in evaluator_call.cc.
#include "asl/jsonata/evaluator.h"

#include <pthread.h>

#include <algorithm>
#include <cmath>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

constexpr uintptr_t kStackReserve = 256 * 1024;  // kept free for built-ins and the caller
constexpr uint32_t kTimeCheckEvery = 256;

// The lowest usable address of the current thread's stack, found once per
// thread. A quarter of a small stack (at most 256 KiB) is kept in reserve.
uintptr_t StackLimit() {
  static thread_local uintptr_t limit = 0;
  if (limit != 0) return limit;
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  uintptr_t low = reinterpret_cast<uintptr_t>(addr);
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));  // see CheckStack
  // Guard against odd reports (e.g. an unlimited main-thread stack).
  if (low == 0 || here < low || here - low > (uintptr_t{1} << 30)) {
    low = here - (uintptr_t{4} << 20);
    size = uintptr_t{4} << 20;
  }
  limit = low + std::min<uintptr_t>(kStackReserve, size / 4);
  return limit;
}

struct DepthGuard {
  explicit DepthGuard(int* d) : depth(d) { ++*depth; }
  ~DepthGuard() { --*depth; }
  int* depth;
};

}  // namespace

Evaluator::Evaluator(const EvalOptions& options, int64_t now_millis)
    : options_(options), now_millis_(now_millis), start_(std::chrono::steady_clock::now()) {
  time_check_ = [this]() { CheckTime(); };
  stack_limit_ = StackLimit();
  root = NewFrame(nullptr);
}

Evaluator::~Evaluator() {
  // Break frame <-> lambda cycles so everything is freed.
  for (auto& weak : cyclic_frames_)
    if (FramePtr f = weak.lock()) f->vars.clear();
  if (root) root->vars.clear();
}

void Evaluator::Bind(const FramePtr& frame, std::string_view name, Value value) {
  if (value.MayHoldFunction()) {
    if (cyclic_frames_.size() >= 1024 && cyclic_frames_.size() == cyclic_frames_.capacity()) {
      std::erase_if(cyclic_frames_, [](const std::weak_ptr<Frame>& w) { return w.expired(); });
    }
    cyclic_frames_.push_back(frame);
  }
  frame->Set(name, std::move(value));
}

Value Evaluator::Lookup(const FramePtr& env, std::string_view name) {
  if (const Value* v = env->Find(name)) return *v;
  if (options_.bindings) {
    auto it = options_.bindings->find(std::string(name));
    if (it != options_.bindings->end()) {
      Value v = Value::FromJson(it->second);
      root->Set(name, v);  // later lookups find it in the root frame
      return v;
    }
  }
  if (options_.variables) {
    if (const Json* j = options_.variables->Find(name)) {
      Value v = Value::FromJson(*j);
      root->Set(name, v);
      return v;
    }
  }
  return LookupBuiltin(name, options_.step_functions);
}

void Evaluator::CheckTime() {
  if (options_.limits.max_time_ms <= 0) return;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start_);
  if (elapsed.count() > options_.limits.max_time_ms)
    ThrowValue("D1012", Value::Number(static_cast<double>(options_.limits.max_time_ms)));
}

void Evaluator::CheckSequenceSize(size_t size) const {
  if (options_.limits.max_sequence > 0 && static_cast<int64_t>(size) > options_.limits.max_sequence)
    ThrowValue("D2015", Value::Number(static_cast<double>(options_.limits.max_sequence)));
}

// The frame address, not a local's: under AddressSanitizer's
// detect_stack_use_after_return (clang 15's default) locals live in "fake
// stack" frames on the heap, and the guard would never trip.
void Evaluator::CheckStack() {
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < stack_limit_)
    ThrowValue("D1011", Value::Number(options_.limits.max_depth));
}

Value Evaluator::Eval(const Node& node, const Value& input, const FramePtr& env) {
  DepthGuard guard(&depth_);
  if (options_.limits.max_depth > 0 && depth_ > options_.limits.max_depth)
    ThrowValue("D1011", Value::Number(options_.limits.max_depth));
  CheckStack();
  if (++ticks_ % kTimeCheckEvery == 0) CheckTime();
  Value result = EvalNode(node, input, env);
  for (const Stage& stage : node.predicate) result = EvalFilter(*stage.expr, result, env);
  if (node.type != NodeType::kPath && node.group) result = EvalGroup(*node.group, result, env);
  if (result.IsSequence() && !result.Has(Value::kTupleStream)) {
    if (node.keep_array) result.Set(Value::kKeepSingleton);
    if (result.Size() == 0) return Value();
    if (result.Size() == 1 && !result.Has(Value::kKeepSingleton)) return result[0];
  }
  return result;
}

Value Evaluator::EvalNode(const Node& node, const Value& input, const FramePtr& env) {
  switch (node.type) {
    case NodeType::kPath:
      return EvalPath(static_cast<const PathNode&>(node), input, env);
    case NodeType::kBinary:
      return EvalBinary(static_cast<const BinaryNode&>(node), input, env);
    case NodeType::kNegate:
      return EvalNegate(static_cast<const NegateNode&>(node), input, env);
    case NodeType::kArray:
      return EvalArray(static_cast<const ArrayNode&>(node), input, env);
    case NodeType::kObject:
      return EvalGroup(static_cast<const ObjectNode&>(node).spec, input, env);
    case NodeType::kName:
      return LookupField(input, static_cast<const LeafNode&>(node).name);
    case NodeType::kString:
    case NodeType::kNumber:
    case NodeType::kValue:
      return static_cast<const LeafNode&>(node).value;
    case NodeType::kWildcard:
      return WildcardOf(*this, input);
    case NodeType::kDescendant:
      return DescendantsOf(input);
    case NodeType::kParent: {
      const Value* v = env->Find(static_cast<const ParentNode&>(node).slot->label);
      return v ? *v : Value();
    }
    case NodeType::kCondition:
      return EvalCondition(static_cast<const ConditionNode&>(node), input, env);
    case NodeType::kBlock:
      return EvalBlock(static_cast<const BlockNode&>(node), input, env);
    case NodeType::kBind: {
      const auto& bind = static_cast<const BindNode&>(node);
      Value v = Eval(*bind.rhs, input, env);
      Bind(env, bind.variable, v);
      return v;
    }
    case NodeType::kRegex:
      return RegexValue(static_cast<const RegexNode&>(node));
    case NodeType::kFunction:
      return EvalCall(static_cast<const CallNode&>(node), input, env, nullptr);
    case NodeType::kPartial:
      return EvalPartial(static_cast<const CallNode&>(node), input, env);
    case NodeType::kVariable:
      return EvalVariable(static_cast<const LeafNode&>(node), input, env);
    case NodeType::kLambda:
      return EvalLambda(static_cast<const LambdaNode&>(node), input, env);
    case NodeType::kApply:
      return EvalApplyOp(static_cast<const ApplyNode&>(node), input, env);
    case NodeType::kTransform:
      return EvalTransform(static_cast<const TransformNode&>(node), env);
    case NodeType::kSort: {
      Value seq = input.IsArray() ? input : Value::Sequence({input});
      return EvalSort(static_cast<const SortNode&>(node), seq, env);
    }
    case NodeType::kPlaceholder:
      return Value();
  }
  return Value();
}

Value Evaluator::EvalNegate(const NegateNode& node, const Value& input, const FramePtr& env) {
  Value v = Eval(*node.expr, input, env);
  if (v.IsUndefined()) return v;
  if (IsNumeric(v)) return Value::Number(-v.AsNumber());
  Error e;
  e.code = "D1002";
  e.position = node.position;
  e.token = Value::String("-");
  e.value = v;
  e.has_value = true;
  Throw(std::move(e));
}

Value Evaluator::RegexValue(const RegexNode& node) {
  auto fn = std::make_shared<RegexFn>();
  fn->regex = node.regex;
  fn->position = node.position;
  return Value::Func(std::move(fn));
}

Value Evaluator::EvalBinary(const BinaryNode& node, const Value& input, const FramePtr& env) {
  Value lhs = Eval(*node.lhs, input, env);
  try {
    if (node.op == BinaryOp::kAnd || node.op == BinaryOp::kOr) {
      bool l = IsTruthy(lhs);
      if (node.op == BinaryOp::kAnd && !l) return Value::Bool(false);
      if (node.op == BinaryOp::kOr && l) return Value::Bool(true);
      return Value::Bool(IsTruthy(Eval(*node.rhs, input, env)));
    }
  } catch (JsonataException& ex) {
    ex.error().position = node.position;
    ex.error().token = Value::String(node.op_text);
    throw;
  }
  Value rhs = Eval(*node.rhs, input, env);
  try {
    switch (node.op) {
      case BinaryOp::kAdd:
      case BinaryOp::kSub:
      case BinaryOp::kMul:
      case BinaryOp::kDiv:
      case BinaryOp::kMod:
        return NumericOp(node.op, lhs, rhs);
      case BinaryOp::kEq:
        return Value::Bool(lhs.IsDefined() && rhs.IsDefined() && DeepEqual(lhs, rhs));
      case BinaryOp::kNe:
        return Value::Bool(lhs.IsDefined() && rhs.IsDefined() && !DeepEqual(lhs, rhs));
      case BinaryOp::kLt:
      case BinaryOp::kLe:
      case BinaryOp::kGt:
      case BinaryOp::kGe:
        return CompareOp(node.op, lhs, rhs);
      case BinaryOp::kConcat: {
        std::string s;
        if (lhs.IsDefined()) s = ToStringValue(lhs).AsString();
        if (rhs.IsDefined()) s += ToStringValue(rhs).AsString();
        return Value::String(std::move(s));
      }
      case BinaryOp::kRange:
        return RangeOp(*this, lhs, rhs);
      case BinaryOp::kIn:
        return InOp(lhs, rhs);
      default:
        return Value();
    }
  } catch (JsonataException& ex) {
    ex.error().position = node.position;
    ex.error().token = Value::String(node.op_text);
    throw;
  }
}

Value Evaluator::EvalArray(const ArrayNode& node, const Value& input, const FramePtr& env) {
  const uint8_t flags = node.cons_array ? Value::kCons : 0;
  Items out;
  // When a single array (say a range) is all the constructor holds, share
  // its items instead of copying them.
  Value only;
  size_t contributors = 0;
  for (const NodePtr& item : node.items) {
    Value v = Eval(*item, input, env);
    if (v.IsUndefined()) continue;
    bool nested = item->type == NodeType::kArray || !v.IsArray();
    if (++contributors == 1 && !nested) {
      only = std::move(v);
      continue;
    }
    if (only.IsDefined()) {
      out = only.ArrayItems();
      only = Value();
    }
    if (nested) {
      out.push_back(std::move(v));
    } else {
      for (const Value& x : v.ArrayItems()) out.push_back(x);
    }
  }
  if (only.IsDefined()) {
    only.SetFlags(flags);
    return only;
  }
  CheckSequenceSize(out.size());
  return Value::Array(std::move(out), flags);
}

Value Evaluator::EvalVariable(const LeafNode& node, const Value& input, const FramePtr& env) {
  if (node.name.empty()) {
    if (input.IsArray() && input.Has(Value::kOuterWrapper)) return input[0];
    return input;
  }
  return Lookup(env, node.name);
}

Value Evaluator::EvalCondition(const ConditionNode& node, const Value& input, const FramePtr& env) {
  Value cond = Eval(*node.condition, input, env);
  if (IsTruthy(cond)) return Eval(*node.then_branch, input, env);
  if (node.else_branch) return Eval(*node.else_branch, input, env);
  return Value();
}

Value Evaluator::EvalBlock(const BlockNode& node, const Value& input, const FramePtr& env) {
  FramePtr frame = node.needs_frame ? NewFrame(env) : env;
  Value result;
  for (const NodePtr& expr : node.exprs) result = Eval(*expr, input, frame);
  return result;
}

Value Evaluator::EvalLambda(const LambdaNode& node, const Value& input, const FramePtr& env) {
  auto fn = std::make_shared<LambdaFn>();
  fn->node = &node;
  fn->body = node.body.get();
  fn->params = &node.params;
  fn->input = input;
  fn->env = env;
  fn->thunk = node.thunk;
  fn->signature = node.signature;
  return Value::Func(std::move(fn));
}

Value Evaluator::EvalApplyOp(const ApplyNode& node, const Value& input, const FramePtr& env) {
  Value lhs = Eval(*node.lhs, input, env);
  if (node.rhs->type == NodeType::kFunction)
    return EvalCall(static_cast<const CallNode&>(*node.rhs), input, env, &lhs);
  Value func = Eval(*node.rhs, input, env);
  if (!func.IsFunction()) {
    Error e;
    e.code = "T2006";
    e.position = node.position;
    e.value = func;
    e.has_value = true;
    Throw(std::move(e));
  }
  if (lhs.IsFunction()) {
    // Function composition: x ~> (f ~> g) is g(f(x)).
    auto chain = std::make_shared<NativeFn>();
    chain->arity = 1;
    chain->call = [f = lhs, g = func, env](Evaluator& ev, std::vector<Value>& args) {
      Value x = args.empty() ? Value() : args[0];
      return ev.Apply(g, {ev.Apply(f, {x}, Value(), env)}, Value(), env);
    };
    return Value::Func(std::move(chain));
  }
  return Apply(func, {lhs}, Value(), env);
}

Value Evaluator::EvalTransform(const TransformNode& node, const FramePtr& env) {
  static const std::shared_ptr<const Signature> kSignature = Signature::Parse("<(oa):o>");
  auto fn = std::make_shared<TransformFn>();
  fn->node = &node;
  fn->env = env;
  fn->signature = kSignature;
  return Value::Func(std::move(fn));
}

}  // namespace sfn::asl::jsonata
