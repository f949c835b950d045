// asl/jsonata/ast_builder.cc
//
// The post-parse stage (jsonata-js's processAST): flattens '.' chains into
// path steps, attaches predicates and index bindings to steps, resolves
// which step each parent operator (%) refers to, and wraps tail calls in
// lambdas so the evaluator can run them in a loop.
#include <unordered_map>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/parse_tree.h"

namespace sfn::asl::jsonata {

namespace {

BinaryOp OpFromText(const std::string& op) {
  static const auto* table = new std::unordered_map<std::string, BinaryOp>{
      {"+", BinaryOp::kAdd},   {"-", BinaryOp::kSub}, {"*", BinaryOp::kMul},
      {"/", BinaryOp::kDiv},   {"%", BinaryOp::kMod}, {"=", BinaryOp::kEq},
      {"!=", BinaryOp::kNe},   {"<", BinaryOp::kLt},  {"<=", BinaryOp::kLe},
      {">", BinaryOp::kGt},    {">=", BinaryOp::kGe}, {"&", BinaryOp::kConcat},
      {"and", BinaryOp::kAnd}, {"or", BinaryOp::kOr}, {"in", BinaryOp::kIn},
      {"..", BinaryOp::kRange}};
  return table->at(op);
}

[[noreturn]] void StaticError(const char* code, int64_t position, Value token = Value(),
                              Value value = Value()) {
  Error e;
  e.code = code;
  e.position = position;
  e.token = std::move(token);
  if (value.IsDefined()) {
    e.value = std::move(value);
    e.has_value = true;
  }
  Throw(std::move(e));
}

Node* LastStep(Node* n) {
  if (n->type != NodeType::kPath) return n;
  return static_cast<PathNode*>(n)->steps.back().get();
}

class Builder {
 public:
  NodePtr Build(PNode* expr);

 private:
  NodePtr BuildBinary(PNode* expr);
  NodePtr BuildPath(PNode* expr);
  NodePtr BuildPredicate(PNode* expr);
  NodePtr BuildFocus(PNode* expr);
  NodePtr BuildIndex(PNode* expr);
  NodePtr BuildOrderBy(PNode* expr);
  NodePtr BuildUnary(PNode* expr);
  NodePtr BuildCall(PNode* expr);
  NodePtr BuildLambda(PNode* expr);
  NodePtr BuildLeaf(PNode* expr);
  NodePtr BuildLiteral(PNode* expr);
  NodePtr BuildCondition(PNode* expr);
  NodePtr BuildBlock(PNode* expr);
  NodePtr BuildOperator(PNode* expr);
  std::unique_ptr<GroupSpec> BuildGroup(PNode* expr, Node* ancestry_target);

  std::shared_ptr<Slot> SeekParent(Node* node, std::shared_ptr<Slot> slot);
  void ResolveAncestry(PathNode* path);
  static void PushAncestry(Node* result, const Node* value);
  static NodePtr TailCallOptimize(NodePtr expr);

  int ancestor_label_ = 0;
  int ancestor_index_ = 0;
};

void Builder::PushAncestry(Node* result, const Node* value) {
  if (value->seeking_parent.empty() && value->type != NodeType::kParent) return;
  for (const auto& s : value->seeking_parent) result->seeking_parent.push_back(s);
  if (value->type == NodeType::kParent)
    result->seeking_parent.push_back(static_cast<const ParentNode*>(value)->slot);
}

std::shared_ptr<Slot> Builder::SeekParent(Node* node, std::shared_ptr<Slot> slot) {
  switch (node->type) {
    case NodeType::kName:
    case NodeType::kWildcard:
      if (--slot->level == 0) {
        if (node->ancestor) slot->label = node->ancestor->label;  // share the existing label
        node->ancestor = slot;
        node->tuple = true;
      }
      break;
    case NodeType::kParent:
      ++slot->level;
      break;
    case NodeType::kBlock: {
      auto* block = static_cast<BlockNode*>(node);
      if (!block->exprs.empty()) {
        block->tuple = true;
        slot = SeekParent(block->exprs.back().get(), slot);
      }
      break;
    }
    case NodeType::kPath: {
      auto* path = static_cast<PathNode*>(node);
      path->tuple = true;
      int index = static_cast<int>(path->steps.size()) - 1;
      slot = SeekParent(path->steps[static_cast<size_t>(index--)].get(), slot);
      while (slot->level > 0 && index >= 0)
        slot = SeekParent(path->steps[static_cast<size_t>(index--)].get(), slot);
      break;
    }
    default:
      StaticError("S0217", node->position, Value::String(NodeTypeName(node->type)));
  }
  return slot;
}

void Builder::ResolveAncestry(PathNode* path) {
  Node* last = path->steps.back().get();
  std::vector<std::shared_ptr<Slot>> slots = last->seeking_parent;
  if (last->type == NodeType::kParent) slots.push_back(static_cast<ParentNode*>(last)->slot);
  for (auto slot : slots) {
    int index = static_cast<int>(path->steps.size()) - 2;
    while (slot->level > 0) {
      if (index < 0) {
        path->seeking_parent.push_back(slot);
        break;
      }
      Node* step = path->steps[static_cast<size_t>(index--)].get();
      // Contiguous steps that bind the focus count as one.
      while (index >= 0 && step->has_focus() &&
             path->steps[static_cast<size_t>(index)]->has_focus())
        step = path->steps[static_cast<size_t>(index--)].get();
      slot = SeekParent(step, slot);
    }
  }
}

NodePtr Builder::TailCallOptimize(NodePtr expr) {
  if (expr->type == NodeType::kFunction && expr->predicate.empty()) {
    auto thunk = std::make_unique<LambdaNode>(expr->position);
    thunk->thunk = true;
    thunk->body = std::move(expr);
    return thunk;
  }
  if (expr->type == NodeType::kCondition) {
    auto* c = static_cast<ConditionNode*>(expr.get());
    c->then_branch = TailCallOptimize(std::move(c->then_branch));
    if (c->else_branch) c->else_branch = TailCallOptimize(std::move(c->else_branch));
  } else if (expr->type == NodeType::kBlock) {
    auto* b = static_cast<BlockNode*>(expr.get());
    if (!b->exprs.empty()) b->exprs.back() = TailCallOptimize(std::move(b->exprs.back()));
  }
  return expr;
}

NodePtr Builder::BuildPath(PNode* expr) {
  NodePtr lstep = Build(expr->lhs.get());
  std::unique_ptr<PathNode> result;
  if (lstep->type == NodeType::kPath) {
    result.reset(static_cast<PathNode*>(lstep.release()));
  } else {
    result = std::make_unique<PathNode>(lstep->position);
    bool is_parent = lstep->type == NodeType::kParent;
    std::shared_ptr<Slot> slot = is_parent ? static_cast<ParentNode*>(lstep.get())->slot : nullptr;
    result->steps.push_back(std::move(lstep));
    if (is_parent) result->seeking_parent = {slot};
  }
  NodePtr rest = Build(expr->rhs.get());
  if (rest->type == NodeType::kPath) {
    for (auto& s : static_cast<PathNode*>(rest.get())->steps) result->steps.push_back(std::move(s));
  } else {
    if (!rest->predicate.empty()) rest->stages = std::move(rest->predicate);
    rest->predicate.clear();
    result->steps.push_back(std::move(rest));
  }
  for (auto& step : result->steps) {
    if (step->type == NodeType::kNumber || step->type == NodeType::kValue)
      StaticError("S0213", step->position, Value(), static_cast<LeafNode*>(step.get())->value);
    if (step->type == NodeType::kString) {
      auto* leaf = static_cast<LeafNode*>(step.get());
      leaf->type = NodeType::kName;
      leaf->name = leaf->value.AsString();
    }
    if (step->keep_array) result->keep_singleton_array = true;
  }
  Node* first = result->steps.front().get();
  if (first->type == NodeType::kArray) first->cons_array = true;
  Node* last = result->steps.back().get();
  if (last->type == NodeType::kArray) last->cons_array = true;
  ResolveAncestry(result.get());
  return result;
}

NodePtr Builder::BuildPredicate(PNode* expr) {
  NodePtr result = Build(expr->lhs.get());
  bool in_path = result->type == NodeType::kPath;
  Node* step = LastStep(result.get());
  if (step->group) StaticError("S0209", expr->position);
  NodePtr predicate = Build(expr->rhs.get());
  if (!predicate->seeking_parent.empty()) {
    for (const auto& slot : predicate->seeking_parent) {
      if (slot->level == 1) {
        SeekParent(step, slot);
      } else {
        --slot->level;
      }
    }
    PushAncestry(step, predicate.get());
  }
  Stage stage;
  stage.expr = std::move(predicate);
  stage.position = expr->position;
  (in_path ? step->stages : step->predicate).push_back(std::move(stage));
  return result;
}

NodePtr Builder::BuildFocus(PNode* expr) {
  NodePtr result = Build(expr->lhs.get());
  Node* step = LastStep(result.get());
  if (!step->stages.empty() || !step->predicate.empty()) StaticError("S0215", expr->position);
  if (step->type == NodeType::kSort) StaticError("S0216", expr->position);
  if (expr->keep_array) step->keep_array = true;
  step->focus = expr->rhs->token.text;
  step->tuple = true;
  return result;
}

NodePtr Builder::BuildIndex(PNode* expr) {
  NodePtr result = Build(expr->lhs.get());
  Node* step = result.get();
  if (result->type == NodeType::kPath) {
    step = LastStep(result.get());
  } else {
    auto path = std::make_unique<PathNode>(result->position);
    if (!step->predicate.empty()) {
      step->stages = std::move(step->predicate);
      step->predicate.clear();
    }
    path->steps.push_back(std::move(result));
    result = std::move(path);
  }
  const std::string& var = expr->rhs->token.text;
  if (step->stages.empty()) {
    step->index = var;
  } else {
    Stage stage;
    stage.is_index = true;
    stage.variable = var;
    stage.position = expr->position;
    step->stages.push_back(std::move(stage));
  }
  step->tuple = true;
  return result;
}

NodePtr Builder::BuildOrderBy(PNode* expr) {
  NodePtr result = Build(expr->lhs.get());
  if (result->type != NodeType::kPath) {
    auto path = std::make_unique<PathNode>(result->position);
    path->steps.push_back(std::move(result));
    result = std::move(path);
  }
  auto sort = std::make_unique<SortNode>(expr->position);
  for (PTerm& term : expr->terms) {
    SortTerm t;
    t.descending = term.descending;
    t.expr = Build(term.expr.get());
    PushAncestry(sort.get(), t.expr.get());
    sort->terms.push_back(std::move(t));
  }
  auto* path = static_cast<PathNode*>(result.get());
  path->steps.push_back(std::move(sort));
  ResolveAncestry(path);
  return result;
}

std::unique_ptr<GroupSpec> Builder::BuildGroup(PNode* expr, Node* ancestry_target) {
  auto spec = std::make_unique<GroupSpec>();
  spec->position = expr->position;
  for (auto& pair : expr->pairs) {
    NodePtr key = Build(pair.first.get());
    if (ancestry_target) PushAncestry(ancestry_target, key.get());
    NodePtr value = Build(pair.second.get());
    if (ancestry_target) PushAncestry(ancestry_target, value.get());
    spec->pairs.emplace_back(std::move(key), std::move(value));
  }
  return spec;
}

NodePtr Builder::BuildBinary(PNode* expr) {
  const std::string& op = expr->id;
  if (op == ".") return BuildPath(expr);
  if (op == "[") return BuildPredicate(expr);
  if (op == "@") return BuildFocus(expr);
  if (op == "#") return BuildIndex(expr);
  if (op == "^") return BuildOrderBy(expr);
  if (op == "{") {
    NodePtr result = Build(expr->lhs.get());
    if (result->group) StaticError("S0210", expr->position);
    result->group = BuildGroup(expr, nullptr);
    return result;
  }
  if (op == ":=") {
    auto bind = std::make_unique<BindNode>(expr->position);
    bind->variable = expr->lhs->token.text;
    bind->rhs = Build(expr->rhs.get());
    PushAncestry(bind.get(), bind->rhs.get());
    return bind;
  }
  if (op == "~>") {
    auto apply = std::make_unique<ApplyNode>(expr->position);
    apply->lhs = Build(expr->lhs.get());
    apply->rhs = Build(expr->rhs.get());
    apply->keep_array = apply->lhs->keep_array || apply->rhs->keep_array;
    return apply;
  }
  auto bin = std::make_unique<BinaryNode>(OpFromText(op), op, expr->position);
  bin->lhs = Build(expr->lhs.get());
  bin->rhs = Build(expr->rhs.get());
  PushAncestry(bin.get(), bin->lhs.get());
  PushAncestry(bin.get(), bin->rhs.get());
  return bin;
}

NodePtr Builder::BuildUnary(PNode* expr) {
  if (expr->id == "[") {
    auto arr = std::make_unique<ArrayNode>(expr->position);
    for (auto& item : expr->items) {
      NodePtr v = Build(item.get());
      PushAncestry(arr.get(), v.get());
      arr->items.push_back(std::move(v));
    }
    return arr;
  }
  if (expr->id == "{") {
    auto obj = std::make_unique<ObjectNode>(expr->position);
    obj->spec = std::move(*BuildGroup(expr, obj.get()));
    return obj;
  }
  NodePtr operand = Build(expr->expression.get());
  if (operand->type == NodeType::kNumber) {
    auto* leaf = static_cast<LeafNode*>(operand.get());
    leaf->value = Value::Number(-leaf->value.AsNumber());
    return operand;
  }
  auto neg = std::make_unique<NegateNode>(expr->position);
  PushAncestry(neg.get(), operand.get());
  neg->expr = std::move(operand);
  return neg;
}

NodePtr Builder::BuildCall(PNode* expr) {
  auto call = std::make_unique<CallNode>(
      expr->type == PType::kPartial ? NodeType::kPartial : NodeType::kFunction, expr->position);
  for (auto& arg : expr->items) {
    NodePtr a = Build(arg.get());
    PushAncestry(call.get(), a.get());
    call->args.push_back(std::move(a));
  }
  call->procedure = Build(expr->procedure.get());
  const Node* proc = call->procedure.get();
  if (proc->type == NodeType::kPath) {
    const Node* first = static_cast<const PathNode*>(proc)->steps[0].get();
    if (first->type == NodeType::kName) call->proc_name = static_cast<const LeafNode*>(first)->name;
  } else if (proc->type == NodeType::kVariable) {
    call->proc_name = static_cast<const LeafNode*>(proc)->name;
  }
  return call;
}

NodePtr Builder::BuildLambda(PNode* expr) {
  auto lambda = std::make_unique<LambdaNode>(expr->position);
  for (const auto& arg : expr->items) lambda->params.push_back(arg->token.text);
  lambda->signature = expr->signature;
  lambda->body = TailCallOptimize(Build(expr->body.get()));
  return lambda;
}

NodePtr Builder::BuildLeaf(PNode* expr) {
  const Token& t = expr->token;
  switch (expr->type) {
    case PType::kName: {
      auto name = std::make_unique<LeafNode>(NodeType::kName, expr->position);
      name->name = t.text;
      name->value = Value::String(t.text);
      name->keep_array = expr->keep_array;
      auto path = std::make_unique<PathNode>(expr->position);
      path->keep_singleton_array = expr->keep_array;
      path->steps.push_back(std::move(name));
      return path;
    }
    case PType::kVariable: {
      auto var = std::make_unique<LeafNode>(NodeType::kVariable, expr->position);
      var->name = t.text;
      return var;
    }
    case PType::kString:
    case PType::kNumber:
    case PType::kValue:
      return BuildLiteral(expr);
    case PType::kRegex: {
      auto re = std::make_unique<RegexNode>(expr->position);
      re->regex = t.regex;
      return re;
    }
    case PType::kWildcard:
      return std::make_unique<WildcardNode>(NodeType::kWildcard, expr->position);
    case PType::kDescendant:
      return std::make_unique<WildcardNode>(NodeType::kDescendant, expr->position);
    case PType::kParent: {
      auto parent = std::make_unique<ParentNode>(expr->position);
      parent->slot = std::make_shared<Slot>();
      parent->slot->label = "!" + std::to_string(ancestor_label_++);
      parent->slot->level = 1;
      parent->slot->index = ancestor_index_++;
      return parent;
    }
    default:
      return nullptr;
  }
}

NodePtr Builder::BuildLiteral(PNode* expr) {
  NodeType nt = expr->type == PType::kString   ? NodeType::kString
                : expr->type == PType::kNumber ? NodeType::kNumber
                                               : NodeType::kValue;
  auto leaf = std::make_unique<LeafNode>(nt, expr->position);
  leaf->value = expr->TokenValue();
  if (nt == NodeType::kString) leaf->name = expr->token.text;
  return leaf;
}

NodePtr Builder::BuildCondition(PNode* expr) {
  auto c = std::make_unique<ConditionNode>(expr->position);
  c->condition = Build(expr->condition.get());
  PushAncestry(c.get(), c->condition.get());
  c->then_branch = Build(expr->then_branch.get());
  PushAncestry(c.get(), c->then_branch.get());
  if (expr->else_branch) {
    c->else_branch = Build(expr->else_branch.get());
    PushAncestry(c.get(), c->else_branch.get());
  }
  return c;
}

// Whether evaluating `n` can bind a variable in the enclosing scope.
bool BindsInScope(const Node& n) {
  if (n.type == NodeType::kBind) return true;
  if (n.type == NodeType::kBlock || n.type == NodeType::kLambda) return false;  // own scopes
  bool binds = false;
  ForEachChild(n, [&](const Node& c) { binds = binds || BindsInScope(c); });
  return binds;
}

NodePtr Builder::BuildBlock(PNode* expr) {
  auto b = std::make_unique<BlockNode>(expr->position);
  for (auto& item : expr->items) {
    NodePtr part = Build(item.get());
    PushAncestry(b.get(), part.get());
    if (part->cons_array ||
        (part->type == NodeType::kPath && static_cast<PathNode*>(part.get())->steps[0]->cons_array))
      b->cons_array = true;
    b->exprs.push_back(std::move(part));
  }
  b->needs_frame = false;
  for (const NodePtr& e : b->exprs) b->needs_frame = b->needs_frame || BindsInScope(*e);
  return b;
}

// An operator token standing alone: `and`, `or` and `in` used as names,
// or the `?` placeholder of a partial application.
NodePtr Builder::BuildOperator(PNode* expr) {
  if (expr->id == "and" || expr->id == "or" || expr->id == "in") {
    expr->type = PType::kName;
    return BuildLeaf(expr);
  }
  if (expr->id == "?")
    return std::make_unique<WildcardNode>(NodeType::kPlaceholder, expr->position);
  StaticError("S0201", expr->position, expr->TokenValue());
}

NodePtr Builder::Build(PNode* expr) {
  NodePtr result;
  switch (expr->type) {
    case PType::kBinary:
      result = BuildBinary(expr);
      break;
    case PType::kUnary:
      result = BuildUnary(expr);
      break;
    case PType::kFunction:
    case PType::kPartial:
      result = BuildCall(expr);
      break;
    case PType::kLambda:
      result = BuildLambda(expr);
      break;
    case PType::kCondition:
      result = BuildCondition(expr);
      break;
    case PType::kTransform: {
      auto t = std::make_unique<TransformNode>(expr->position);
      t->pattern = Build(expr->pattern.get());
      t->update = Build(expr->update.get());
      if (expr->remove) t->remove = Build(expr->remove.get());
      result = std::move(t);
      break;
    }
    case PType::kBlock:
      result = BuildBlock(expr);
      break;
    case PType::kOperator:
      result = BuildOperator(expr);
      break;
    case PType::kEnd:
      StaticError("S0207", expr->position, expr->TokenValue());
    default:
      result = BuildLeaf(expr);
  }
  if (!result) StaticError("S0206", expr->position, expr->TokenValue());
  if (expr->keep_array) result->keep_array = true;
  return result;
}

}  // namespace

NodePtr BuildAst(PNode* tree) {
  Builder builder;
  NodePtr root = builder.Build(tree);
  if (root->type == NodeType::kParent || !root->seeking_parent.empty())
    StaticError("S0217", root->position, Value::String(NodeTypeName(root->type)));
  return root;
}

}  // namespace sfn::asl::jsonata
