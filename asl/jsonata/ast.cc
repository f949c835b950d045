// asl/jsonata/ast.cc
#include "asl/jsonata/ast.h"

namespace sfn::asl::jsonata {

const char* NodeTypeName(NodeType t) {
  switch (t) {
    case NodeType::kPath:
      return "path";
    case NodeType::kBinary:
      return "binary";
    case NodeType::kNegate:
    case NodeType::kArray:
    case NodeType::kObject:
      return "unary";
    case NodeType::kName:
      return "name";
    case NodeType::kString:
      return "string";
    case NodeType::kNumber:
      return "number";
    case NodeType::kValue:
      return "value";
    case NodeType::kWildcard:
      return "wildcard";
    case NodeType::kDescendant:
      return "descendant";
    case NodeType::kParent:
      return "parent";
    case NodeType::kCondition:
      return "condition";
    case NodeType::kBlock:
      return "block";
    case NodeType::kBind:
      return "bind";
    case NodeType::kRegex:
      return "regex";
    case NodeType::kFunction:
      return "function";
    case NodeType::kPartial:
      return "partial";
    case NodeType::kVariable:
      return "variable";
    case NodeType::kLambda:
      return "lambda";
    case NodeType::kApply:
      return "apply";
    case NodeType::kTransform:
      return "transform";
    case NodeType::kSort:
      return "sort";
    case NodeType::kPlaceholder:
      return "operator";
  }
  return "unknown";
}

void ForEachChild(const Node& n, const std::function<void(const Node&)>& visit) {
  auto each = [&](const NodePtr& p) {
    if (p) visit(*p);
  };
  auto group = [&](const GroupSpec& g) {
    for (const auto& pair : g.pairs) {
      each(pair.first);
      each(pair.second);
    }
  };
  switch (n.type) {
    case NodeType::kPath:
      for (const NodePtr& s : static_cast<const PathNode&>(n).steps) each(s);
      break;
    case NodeType::kBinary:
      each(static_cast<const BinaryNode&>(n).lhs);
      each(static_cast<const BinaryNode&>(n).rhs);
      break;
    case NodeType::kNegate:
      each(static_cast<const NegateNode&>(n).expr);
      break;
    case NodeType::kArray:
      for (const NodePtr& i : static_cast<const ArrayNode&>(n).items) each(i);
      break;
    case NodeType::kObject:
      group(static_cast<const ObjectNode&>(n).spec);
      break;
    case NodeType::kCondition: {
      const auto& c = static_cast<const ConditionNode&>(n);
      each(c.condition);
      each(c.then_branch);
      each(c.else_branch);
      break;
    }
    case NodeType::kBlock:
      for (const NodePtr& e : static_cast<const BlockNode&>(n).exprs) each(e);
      break;
    case NodeType::kBind:
      each(static_cast<const BindNode&>(n).rhs);
      break;
    case NodeType::kFunction:
    case NodeType::kPartial: {
      const auto& c = static_cast<const CallNode&>(n);
      each(c.procedure);
      for (const NodePtr& a : c.args) each(a);
      break;
    }
    case NodeType::kLambda:
      each(static_cast<const LambdaNode&>(n).body);
      break;
    case NodeType::kApply:
      each(static_cast<const ApplyNode&>(n).lhs);
      each(static_cast<const ApplyNode&>(n).rhs);
      break;
    case NodeType::kTransform: {
      const auto& t = static_cast<const TransformNode&>(n);
      each(t.pattern);
      each(t.update);
      each(t.remove);
      break;
    }
    case NodeType::kSort:
      for (const SortTerm& t : static_cast<const SortNode&>(n).terms) each(t.expr);
      break;
    default:
      break;
  }
  for (const Stage& s : n.predicate) each(s.expr);
  for (const Stage& s : n.stages) each(s.expr);
  if (n.group) group(*n.group);
}

}  // namespace sfn::asl::jsonata
