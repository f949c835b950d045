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
      case NodeType::kVariable: Use(static_cast<const LeafNode&>(n).name); break;
      case NodeType::kBind: {
        const auto& b = static_cast<const BindNode&>(n);
        bound_.insert(b.variable);
        Visit(*b.rhs);
        break;
      }
      case NodeType::kLambda: {
        const auto& l = static_cast<const LambdaNode&>(n);
        for (const std::string& p : l.params) bound_.insert(p);
        Visit(*l.body);
        break;
      }
      case NodeType::kFunction:
      case NodeType::kPartial: {
        const auto& c = static_cast<const CallNode&>(n);
        if (c.procedure->type == NodeType::kVariable &&
            (LookupBuiltin(c.proc_name, true).IsDefined() ||
             LookupBuiltin(c.proc_name, false).IsDefined())) {
          called_builtins_.insert(c.proc_name);
        } else {
          Visit(*c.procedure);
        }
        for (const NodePtr& a : c.args) Visit(*a);
        break;
      }
      default: VisitChildren(n);
    }
    for (const Stage& s : n.predicate)
      if (s.expr) Visit(*s.expr);
    for (const Stage& s : n.stages)
      if (s.expr) Visit(*s.expr);
    if (n.group) VisitGroup(*n.group);
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
  void VisitGroup(const GroupSpec& g) {
    for (const auto& p : g.pairs) {
      Visit(*p.first);
      Visit(*p.second);
    }
  }
  void VisitChildren(const Node& n);

  std::vector<std::string> order_;
  std::unordered_set<std::string> seen_, bound_, called_builtins_;
};

void ReferenceCollector::VisitChildren(const Node& n) {
  auto visit = [this](const NodePtr& p) {
    if (p) Visit(*p);
  };
  switch (n.type) {
    case NodeType::kPath:
      for (const NodePtr& s : static_cast<const PathNode&>(n).steps) visit(s);
      break;
    case NodeType::kBinary:
      visit(static_cast<const BinaryNode&>(n).lhs);
      visit(static_cast<const BinaryNode&>(n).rhs);
      break;
    case NodeType::kNegate: visit(static_cast<const NegateNode&>(n).expr); break;
    case NodeType::kArray:
      for (const NodePtr& i : static_cast<const ArrayNode&>(n).items) visit(i);
      break;
    case NodeType::kObject: VisitGroup(static_cast<const ObjectNode&>(n).spec); break;
    case NodeType::kCondition: {
      const auto& c = static_cast<const ConditionNode&>(n);
      visit(c.condition);
      visit(c.then_branch);
      visit(c.else_branch);
      break;
    }
    case NodeType::kBlock:
      for (const NodePtr& e : static_cast<const BlockNode&>(n).exprs) visit(e);
      break;
    case NodeType::kApply:
      visit(static_cast<const ApplyNode&>(n).lhs);
      visit(static_cast<const ApplyNode&>(n).rhs);
      break;
    case NodeType::kTransform: {
      const auto& t = static_cast<const TransformNode&>(n);
      visit(t.pattern);
      visit(t.update);
      visit(t.remove);
      break;
    }
    case NodeType::kSort:
      for (const SortTerm& t : static_cast<const SortNode&>(n).terms) visit(t.expr);
      break;
    default: break;
  }
}

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
