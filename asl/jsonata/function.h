// asl/jsonata/function.h
//
// Run-time values that only exist during one evaluation: variable frames
// and function values (lambdas with their closure, built-ins, partial
// applications, regexes, transforms). Frames are reference counted; a
// lambda stored in the frame it closes over makes a cycle, which the
// Evaluator breaks when the evaluation ends (see Evaluator::Bind).
// Not thread-safe: owned by one evaluation.
#ifndef SFN_ASL_JSONATA_FUNCTION_H_
#define SFN_ASL_JSONATA_FUNCTION_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/signature.h"
#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

class Evaluator;
class Regex;

struct Frame;
using FramePtr = std::shared_ptr<Frame>;

struct Frame {
  explicit Frame(FramePtr p) : parent(std::move(p)) {}
  FramePtr parent;
  std::vector<std::pair<std::string, Value>> vars;

  // The innermost binding of `name` in this frame or its ancestors.
  const Value* Find(std::string_view name) const {
    for (const Frame* f = this; f; f = f->parent.get())
      for (auto it = f->vars.rbegin(); it != f->vars.rend(); ++it)
        if (it->first == name) return &it->second;
    return nullptr;
  }
  void Set(std::string_view name, Value v) {
    for (auto& var : vars) {
      if (var.first == name) {
        var.second = std::move(v);
        return;
      }
    }
    vars.emplace_back(std::string(name), std::move(v));
  }
};

enum class FunctionKind : uint8_t { kLambda, kBuiltin, kPartial, kRegex, kTransform, kNative };

class Function {
 public:
  explicit Function(FunctionKind k) : kind(k) {}
  virtual ~Function() = default;
  // The number of parameters, as jsonata-js's getFunctionArity reports it
  // (higher-order functions pass the index and array only when asked).
  virtual int Arity() const = 0;

  const FunctionKind kind;
  std::shared_ptr<const Signature> signature;  // null: no checking
};

struct LambdaFn : Function {
  LambdaFn() : Function(FunctionKind::kLambda) {}
  int Arity() const override { return static_cast<int>(params->size()); }

  const LambdaNode* node = nullptr;  // borrowed from the AST
  const Node* body = nullptr;
  const std::vector<std::string>* params = nullptr;  // node->params or owned_params
  std::vector<std::string> owned_params;             // after partial application
  Value input;                                       // the context it was defined in
  FramePtr env;
  bool thunk = false;
};

struct CallContext;
using BuiltinImpl = Value (*)(CallContext& ctx, std::vector<Value>& args);

struct BuiltinDef {
  enum class Mode : uint8_t { kAlways, kStandardOnly, kStepFunctionsOnly };
  const char* name;
  const char* signature;
  int arity;  // parameters of the jsonata-js implementation
  BuiltinImpl impl;
  Mode mode = Mode::kAlways;
};

struct BuiltinFn : Function {
  BuiltinFn() : Function(FunctionKind::kBuiltin) {}
  int Arity() const override { return def->arity; }
  const BuiltinDef* def = nullptr;
};

// A built-in (or other non-lambda function) with some arguments fixed;
// `holes` marks the '?' positions filled at call time.
struct PartialFn : Function {
  PartialFn() : Function(FunctionKind::kPartial) {}
  int Arity() const override {
    int n = 0;
    for (bool h : holes) n += h ? 1 : 0;
    return n;
  }
  Value target;
  std::vector<Value> args;
  std::vector<bool> holes;
};

struct RegexFn : Function {
  RegexFn() : Function(FunctionKind::kRegex) {}
  int Arity() const override { return 2; }
  std::shared_ptr<const Regex> regex;
  int64_t position = 0;
};

struct TransformFn : Function {
  TransformFn() : Function(FunctionKind::kTransform) {}
  int Arity() const override { return 1; }
  const TransformNode* node = nullptr;
  FramePtr env;
};

// A function implemented by a C++ closure (regex match continuations,
// function composition with ~>).
struct NativeFn : Function {
  NativeFn() : Function(FunctionKind::kNative) {}
  int Arity() const override { return arity; }
  int arity = 1;
  std::function<Value(Evaluator& ev, std::vector<Value>& args)> call;
};

// What a built-in sees besides its arguments.
struct CallContext {
  Evaluator& ev;
  const Value& input;   // the context value of the call
  const FramePtr& env;  // the calling frame
};

// The built-in named `name` as a function value, or undefined. Honours the
// Step Functions mode (extra functions; no $eval).
Value LookupBuiltin(std::string_view name, bool step_functions);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_FUNCTION_H_
