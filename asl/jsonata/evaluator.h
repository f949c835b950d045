// asl/jsonata/evaluator.h
//
// Evaluator: walks the immutable AST for one evaluation, following
// jsonata-js's evaluate() node by node (sequence collapsing, tuple streams
// for focus/index/parent bindings, the tail-call trampoline). It owns the
// per-evaluation state: depth and time limits, the $now timestamp, and the
// frames that must be cleared at the end to break lambda reference cycles.
// One Evaluator per Evaluate() call; not thread-safe, never shared.
#ifndef SFN_ASL_JSONATA_EVALUATOR_H_
#define SFN_ASL_JSONATA_EVALUATOR_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/function.h"
#include "asl/jsonata/jsonata.h"
#include "asl/jsonata/operators.h"
#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

// The items a path step maps over: the items of an array held here, or a
// single borrowed item (so that a path over one value builds no sequence).
class StepInput {
 public:
  void Hold(const Value& v) {
    holder_ = v;
    single_ = nullptr;
  }
  void Single(const Value* v) { single_ = v; }
  const Value* begin() const { return single_ ? single_ : holder_.ArrayItems().data(); }
  const Value* end() const { return single_ ? single_ + 1 : begin() + holder_.ArrayItems().size(); }
  // As a value: the array, or a one-item sequence.
  Value AsValue() const { return single_ ? Value::Sequence({*single_}) : holder_; }

 private:
  Value holder_;
  const Value* single_ = nullptr;
};

// One key of a grouping expression and the items grouped under it.
struct GroupEntry {
  std::string key;
  Value data;
  size_t expr_index;
};

class Evaluator {
 public:
  // `options` must outlive the Evaluator.
  Evaluator(const EvalOptions& options, int64_t now_millis);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates `node` with context `input` in frame `env`.
  Value Eval(const Node& node, const Value& input, const FramePtr& env);
  // Calls a function value (lambda, built-in, ...) and runs tail calls to
  // completion. `input` is the context for '-' signature arguments.
  Value Apply(const Value& fn, std::vector<Value> args, const Value& input, const FramePtr& env);

  // Frames. Bind() records frames that may end up in a reference cycle.
  FramePtr NewFrame(const FramePtr& parent) { return std::make_shared<Frame>(parent); }
  void Bind(const FramePtr& frame, std::string_view name, Value value);
  // Variable lookup: frames, then the caller's bindings and variables, then
  // the built-in functions.
  Value Lookup(const FramePtr& env, std::string_view name);

  const EvalOptions& options() const { return options_; }
  bool step_functions() const { return options_.step_functions; }
  int64_t now_millis() const { return now_millis_; }
  // Throws D1012 when the evaluation has run out of time.
  void CheckTime();
  // For long loops inside built-ins and the regex engine.
  const std::function<void()>* time_check() const { return &time_check_; }
  // Throws D2015 when a sequence would exceed the configured maximum.
  void CheckSequenceSize(size_t size) const;

  // The root frame of this evaluation (holds $$ and cached bindings).
  FramePtr root;
  // Keeps ASTs compiled by $eval alive for the lambdas they create.
  std::vector<std::shared_ptr<const Node>> eval_asts;

 private:
  Value EvalNode(const Node& node, const Value& input, const FramePtr& env);
  Value EvalBinary(const BinaryNode& node, const Value& input, const FramePtr& env);
  Value EvalNegate(const NegateNode& node, const Value& input, const FramePtr& env);
  Value RegexValue(const RegexNode& node);
  Value EvalArray(const ArrayNode& node, const Value& input, const FramePtr& env);
  Value EvalVariable(const LeafNode& node, const Value& input, const FramePtr& env);
  Value EvalCondition(const ConditionNode& node, const Value& input, const FramePtr& env);
  Value EvalBlock(const BlockNode& node, const Value& input, const FramePtr& env);
  Value EvalApplyOp(const ApplyNode& node, const Value& input, const FramePtr& env);
  Value EvalLambda(const LambdaNode& node, const Value& input, const FramePtr& env);
  Value EvalTransform(const TransformNode& node, const FramePtr& env);

  // Paths (evaluator_path.cc).
 public:
  Value EvalPath(const PathNode& node, const Value& input, const FramePtr& env);
  Value EvalFilter(const Node& predicate, const Value& input, const FramePtr& env);
  Value EvalGroup(const GroupSpec& spec, const Value& input, const FramePtr& env);
  Value EvalSort(const SortNode& node, const Value& input, const FramePtr& env);
  FramePtr FrameFromTuple(const FramePtr& env, const Value& tuple);

 private:
  Value EvalStep(const Node& step, const StepInput& input, const FramePtr& env, bool last);
  Value EvalTupleStep(const Node& step, const StepInput& input, const Value& tuples,
                      const FramePtr& env);
  Value EvalStages(const std::vector<Stage>& stages, Value input, const FramePtr& env);
  Value GroupValues(const GroupSpec& spec, std::vector<GroupEntry>& groups, bool reduce,
                    const FramePtr& env);

  // Calls (evaluator_call.cc).
 public:
  Value EvalCall(const CallNode& node, const Value& input, const FramePtr& env,
                 const Value* apply_to);
  Value EvalPartial(const CallNode& node, const Value& input, const FramePtr& env);

 private:
  Value ApplyInner(const Value& fn, std::vector<Value>& args, const Value& input,
                   const FramePtr& env);
  Value ApplyLambda(const LambdaFn& fn, std::vector<Value>& args);
  Value PartialLambda(const LambdaFn& lambda, const std::vector<Value>& args,
                      const std::vector<bool>& holes, const FramePtr& env);
  Value ApplyTransform(const TransformFn& fn, std::vector<Value>& args);
  Value ApplyRegex(const RegexFn& fn, std::vector<Value>& args);

  void CheckStack();

  const EvalOptions& options_;
  int64_t now_millis_;
  int depth_ = 0;
  uint32_t ticks_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::function<void()> time_check_;
  uintptr_t stack_limit_ = 0;  // lowest usable stack address
  std::vector<std::weak_ptr<Frame>> cyclic_frames_;
};

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_EVALUATOR_H_
