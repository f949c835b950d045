// asl/jsonata/jsonata.cc
//
// Expression: compiles source text to the AST and runs an Evaluator over it
// for each call. Errors thrown inside the engine are caught here and become
// JsonataError values.
#include "asl/jsonata/jsonata.h"

#include <chrono>
#include <new>
#include <unordered_set>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/parse_tree.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

JsonataError ToPublic(const Error& e) {
  JsonataError out;
  out.code = e.code;
  out.message = RenderMessage(e);
  out.position = e.position;
  if (e.token.IsString()) {
    out.token = e.token.AsString();
  } else if (e.token.IsDefined()) {
    out.token = StringifyForMessage(e.token);
  }
  return out;
}

// Collects the free variables of an expression (see VariableReferences).
class ReferenceCollector {
 public:
  void Visit(const Node& n) {
    switch (n.type) {
      case NodeType::kVariable:
        Use(static_cast<const LeafNode&>(n).name);
        return;
      case NodeType::kBind:
        bound_.insert(static_cast<const BindNode&>(n).variable);
        break;
      case NodeType::kLambda:
        for (const std::string& p : static_cast<const LambdaNode&>(n).params) bound_.insert(p);
        break;
      case NodeType::kFunction:
      case NodeType::kPartial: {
        const auto& c = static_cast<const CallNode&>(n);
        // A built-in called by name is not a variable the state reads.
        if (c.procedure->type == NodeType::kVariable &&
            (LookupBuiltin(c.proc_name, true).IsDefined() ||
             LookupBuiltin(c.proc_name, false).IsDefined())) {
          for (const NodePtr& a : c.args) Visit(*a);
          for (const Stage& s : n.predicate) Visit(*s.expr);
          for (const Stage& s : n.stages) Visit(*s.expr);
          return;
        }
        break;
      }
      default:
        break;
    }
    ForEachChild(n, [this](const Node& c) { Visit(c); });
  }

  std::vector<std::string> Result() const {
    std::vector<std::string> out;
    for (const std::string& name : order_)
      if (!bound_.count(name)) out.push_back(name);
    return out;
  }

 private:
  void Use(const std::string& name) {
    if (name.empty() || name == "$") return;
    if (seen_.insert(name).second) order_.push_back(name);
  }

  std::vector<std::string> order_;
  std::unordered_set<std::string> seen_, bound_;
};

class CompiledExpression : public Expression {
 public:
  explicit CompiledExpression(std::shared_ptr<const Node> root) : root_(std::move(root)) {
    ReferenceCollector collector;
    collector.Visit(*root_);
    references_ = collector.Result();
  }

  EvalResult Evaluate(const Json* input, const EvalOptions& options) const override;
  std::vector<std::string> VariableReferences() const override { return references_; }

 private:
  std::shared_ptr<const Node> root_;
  std::vector<std::string> references_;
};

EvalResult CompiledExpression::Evaluate(const Json* input, const EvalOptions& options) const {
  EvalResult result;
  int64_t now = options.env ? options.env->NowMillis()
                            : std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  try {
    Evaluator ev(options, now);
    Value in = input ? Value::FromJson(*input) : Value();
    ev.root->Set("$", in);
    Value context = in;
    if (in.IsArray()) {
      // The input array is one item, not a sequence to map over.
      context = Value::Sequence({in});
      context.Set(Value::kOuterWrapper);
    }
    Value v = ev.Eval(*root_, context, ev.root);
    if (v.IsDefined()) {
      result.defined = true;
      result.value = v.ToJson(&result.has_function);
    }
  } catch (const JsonataException& ex) {
    result.ok = false;
    result.error = ToPublic(ex.error());
  } catch (const std::bad_alloc&) {
    Error e;
    e.code = "D2015";
    e.value = Value::Number(static_cast<double>(options.limits.max_sequence));
    result.ok = false;
    result.error = ToPublic(e);
  }
  return result;
}

}  // namespace

std::shared_ptr<const Expression> Expression::Compile(std::string_view text, JsonataError* error) {
  try {
    PNodePtr tree = ParseTree(text);
    std::shared_ptr<const Node> root = BuildAst(tree.get());
    return std::make_shared<CompiledExpression>(std::move(root));
  } catch (const JsonataException& ex) {
    if (error) *error = ToPublic(ex.error());
    return nullptr;
  }
}

}  // namespace sfn::asl::jsonata
