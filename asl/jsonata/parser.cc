// asl/jsonata/parser.cc
//
// Top-down operator precedence (Pratt) parsing, with the binding powers and
// error codes of jsonata-js's parser. Produces the intermediate tree of
// parse_tree.h.
#include <algorithm>
#include <unordered_map>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/parse_tree.h"

namespace sfn::asl::jsonata {

namespace {

// Deeper trees are refused: the later stages recurse over the tree.
constexpr int kMaxTreeDepth = 1000;

const std::unordered_map<std::string_view, int>& BindingPowers() {
  static const auto* table = new std::unordered_map<std::string_view, int>{
      {".", 75},    {"[", 80},     {"]", 0},         {"{", 70},     {"}", 0},   {"(", 80},
      {")", 0},     {",", 0},      {"@", 80},        {"#", 80},     {";", 0},   {":", 0},
      {"?", 20},    {"+", 50},     {"-", 50},        {"*", 60},     {"/", 60},  {"%", 60},
      {"|", 0},     {"=", 40},     {"<", 40},        {">", 40},     {"^", 40},  {"**", 0},
      {"..", 0},    {":=", 10},    {"!=", 40},       {"<=", 40},    {">=", 40}, {"~>", 40},
      {"?:", 40},   {"??", 40},    {"and", 30},      {"or", 25},    {"in", 40}, {"&", 50},
      {"(end)", 0}, {"(name)", 0}, {"(literal)", 0}, {"(regex)", 0}};
  return *table;
}

int Lbp(const PNode& n) {
  auto it = BindingPowers().find(n.id);
  return it == BindingPowers().end() ? 0 : it->second;
}

int Height(const PNode* n) { return n ? n->depth : 0; }

// Records the height of `n` from its children (already measured).
void Measure(PNode* n) {
  int h = 0;
  for (const PNode* c : {n->lhs.get(), n->rhs.get(), n->expression.get(), n->procedure.get(),
                         n->body.get(), n->condition.get(), n->then_branch.get(),
                         n->else_branch.get(), n->pattern.get(), n->update.get(), n->remove.get()})
    h = std::max(h, Height(c));
  for (const auto& c : n->items) h = std::max(h, Height(c.get()));
  for (const auto& p : n->pairs) h = std::max({h, Height(p.first.get()), Height(p.second.get())});
  for (const auto& t : n->terms) h = std::max(h, Height(t.expr.get()));
  n->depth = h + 1;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source), lexer_(source) {}

  PNodePtr Parse() {
    Advance();
    PNodePtr expr = Expression(0);
    if (node_->id != "(end)") SyntaxError("S0201", *node_);
    return expr;
  }

 private:
  [[noreturn]] void SyntaxError(const char* code, const PNode& at, const char* expected = nullptr) {
    Error e;
    e.code = code;
    e.position = at.position;
    e.token = at.TokenValue();
    if (expected) {
      e.value = Value::String(expected);
      e.has_value = true;
    }
    Throw(std::move(e));
  }

  // Moves to the next token; when `id` is given the current one must be it.
  void Advance(const char* id = nullptr, bool infix = false) {
    if (id && node_->id != id) SyntaxError(node_->id == "(end)" ? "S0203" : "S0202", *node_, id);
    Token t = lexer_.Next(infix);
    auto n = std::make_unique<PNode>();
    n->position = t.position;
    switch (t.type) {
      case TokenType::kEnd:
        n->id = std::string("(end)");
        n->type = PType::kEnd;
        n->position = static_cast<int64_t>(source_.size());
        break;
      case TokenType::kName:
        n->id = std::string("(name)");
        n->type = PType::kName;
        break;
      case TokenType::kVariable:
        n->id = std::string("(name)");
        n->type = PType::kVariable;
        break;
      case TokenType::kOperator:
        n->id = t.text;
        n->type = PType::kOperator;
        if (!BindingPowers().count(n->id)) {
          Error e;
          e.code = "S0204";
          e.position = t.position;
          e.token = Value::String(t.text);
          Throw(std::move(e));
        }
        break;
      case TokenType::kString:
      case TokenType::kNumber:
      case TokenType::kValue:
        n->id = std::string("(literal)");
        n->type = t.type == TokenType::kString   ? PType::kString
                  : t.type == TokenType::kNumber ? PType::kNumber
                                                 : PType::kValue;
        break;
      case TokenType::kRegex:
        n->id = std::string("(regex)");
        n->type = PType::kRegex;
        break;
    }
    n->token = std::move(t);
    node_ = std::move(n);
  }

  PNodePtr Take() {
    PNodePtr t = std::move(node_);
    return t;
  }

  PNodePtr Expression(int rbp) {
    if (++nesting_ > kMaxTreeDepth) SyntaxError("S0201", *node_);
    PNodePtr t = Take();
    Advance(nullptr, true);
    PNodePtr left = Nud(std::move(t));
    Measure(left.get());
    while (rbp < Lbp(*node_)) {
      t = Take();
      Advance();
      left = Led(std::move(t), std::move(left));
      Measure(left.get());
      if (left->depth > kMaxTreeDepth) SyntaxError("S0201", *node_);
    }
    --nesting_;
    return left;
  }

  PNodePtr Nud(PNodePtr t);
  PNodePtr Led(PNodePtr t, PNodePtr left);
  PNodePtr Binding(PNodePtr t, PNodePtr left);
  PNodePtr Conditional(PNodePtr t, PNodePtr left);
  PNodePtr Call(PNodePtr t, PNodePtr left);
  void LambdaTail(PNode* t);
  PNodePtr Objects(PNodePtr t, PNodePtr left);
  PNodePtr ArrayConstructor(PNodePtr t);
  PNodePtr Predicate(PNodePtr t, PNodePtr left);
  PNodePtr OrderBy(PNodePtr t, PNodePtr left);

  std::string_view source_;
  Lexer lexer_;
  PNodePtr node_;
  int nesting_ = 0;
};

PNodePtr Parser::Nud(PNodePtr t) {
  const std::string& id = t->id;
  if (id == "(end)" || id == "(name)" || id == "(literal)" || id == "(regex)" || id == "and" ||
      id == "or" || id == "in")
    return t;
  if (id == "-") {
    t->expression = Expression(70);
    t->type = PType::kUnary;
    return t;
  }
  if (id == "*" || id == "**" || id == "%") {
    t->type = id == "*" ? PType::kWildcard : id == "**" ? PType::kDescendant : PType::kParent;
    return t;
  }
  if (id == "(") {
    while (node_->id != ")") {
      t->items.push_back(Expression(0));
      if (node_->id != ";") break;
      Advance(";");
    }
    Advance(")", true);
    t->type = PType::kBlock;
    return t;
  }
  if (id == "[") return ArrayConstructor(std::move(t));
  if (id == "{") return Objects(std::move(t), nullptr);
  if (id == "|") {
    t->type = PType::kTransform;
    t->pattern = Expression(0);
    Advance("|");
    t->update = Expression(0);
    if (node_->id == ",") {
      Advance(",");
      t->remove = Expression(0);
    }
    Advance("|");
    return t;
  }
  SyntaxError("S0211", *t);
}

PNodePtr Parser::ArrayConstructor(PNodePtr t) {
  if (node_->id != "]") {
    for (;;) {
      PNodePtr item = Expression(0);
      if (node_->id == "..") {
        auto range = std::make_unique<PNode>();
        range->type = PType::kBinary;
        range->id = std::string("..");
        range->position = node_->position;
        range->lhs = std::move(item);
        Advance("..");
        range->rhs = Expression(0);
        Measure(range.get());
        item = std::move(range);
      }
      t->items.push_back(std::move(item));
      if (node_->id != ",") break;
      Advance(",");
    }
  }
  Advance("]", true);
  t->type = PType::kUnary;
  return t;
}

PNodePtr Parser::Objects(PNodePtr t, PNodePtr left) {
  if (node_->id != "}") {
    for (;;) {
      PNodePtr name = Expression(0);
      Advance(":");
      PNodePtr value = Expression(0);
      t->pairs.emplace_back(std::move(name), std::move(value));
      if (node_->id != ",") break;
      Advance(",");
    }
  }
  Advance("}", true);
  t->pairs_form = true;
  if (!left) {
    t->type = PType::kUnary;
  } else {
    t->lhs = std::move(left);
    t->type = PType::kBinary;
  }
  return t;
}

PNodePtr Parser::Led(PNodePtr t, PNodePtr left) {
  const std::string id = t->id;
  if (id == "(") return Call(std::move(t), std::move(left));
  if (id == "[") return Predicate(std::move(t), std::move(left));
  if (id == "^") return OrderBy(std::move(t), std::move(left));
  if (id == "{") return Objects(std::move(t), std::move(left));
  if (id == ":=" || id == "@" || id == "#") return Binding(std::move(t), std::move(left));
  if (id == "?" || id == "?:" || id == "??") return Conditional(std::move(t), std::move(left));
  // Plain left-associative binary operators.
  int bp = Lbp(*t);
  if (bp == 0) SyntaxError("S0211", *t);
  t->lhs = std::move(left);
  t->rhs = Expression(bp);
  t->type = PType::kBinary;
  return t;
}

// `$v := value`, `step@$v`, `step#$i`: the variable must be a $name.
PNodePtr Parser::Binding(PNodePtr t, PNodePtr left) {
  if (t->id == ":=") {
    if (left->type != PType::kVariable) SyntaxError("S0212", *left);
    t->lhs = std::move(left);
    t->rhs = Expression(Lbp(*t) - 1);  // right associative
    t->type = PType::kBinary;
    return t;
  }
  t->lhs = std::move(left);
  t->rhs = Expression(80);
  if (t->rhs->type != PType::kVariable) {
    Error e;
    e.code = "S0214";
    e.position = t->rhs->position;
    e.token = Value::String(t->id);
    Throw(std::move(e));
  }
  t->type = PType::kBinary;
  return t;
}

// `c ? a : b`, `a ?: b` (a if truthy) and `a ?? b` (a if it exists).
PNodePtr Parser::Conditional(PNodePtr t, PNodePtr left) {
  const std::string id = t->id;
  t->type = PType::kCondition;
  if (id == "?") {
    t->condition = std::move(left);
    t->then_branch = Expression(0);
    if (node_->id == ":") {
      Advance(":");
      t->else_branch = Expression(0);
    }
    return t;
  }
  if (id == "?:") {
    t->condition = left->Clone();
  } else {
    auto call = std::make_unique<PNode>();
    call->type = PType::kFunction;
    call->id = std::string("(");
    call->position = t->position;
    auto exists = std::make_unique<PNode>();
    exists->type = PType::kVariable;
    exists->id = std::string("(name)");
    exists->token.type = TokenType::kVariable;
    exists->token.text = "exists";
    call->procedure = std::move(exists);
    call->items.push_back(left->Clone());
    Measure(call.get());
    t->condition = std::move(call);
  }
  t->then_branch = std::move(left);
  t->else_branch = Expression(0);
  return t;
}

PNodePtr Parser::Call(PNodePtr t, PNodePtr left) {
  t->procedure = std::move(left);
  t->type = PType::kFunction;
  if (node_->id != ")") {
    for (;;) {
      if (node_->type == PType::kOperator && node_->id == "?") {
        t->type = PType::kPartial;
        auto placeholder = std::make_unique<PNode>();
        placeholder->id = std::string("?");
        placeholder->type = PType::kOperator;
        placeholder->token = node_->token;
        placeholder->position = node_->position;
        t->items.push_back(std::move(placeholder));
        Advance("?");
      } else {
        t->items.push_back(Expression(0));
      }
      if (node_->id != ",") break;
      Advance(",");
    }
  }
  Advance(")", true);
  const PNode& proc = *t->procedure;
  if (proc.type == PType::kName &&
      (proc.token.text == "function" || proc.token.text == "\xCE\xBB")) {
    LambdaTail(t.get());
  }
  return t;
}

void Parser::LambdaTail(PNode* t) {
  for (size_t i = 0; i < t->items.size(); ++i) {
    const PNode& arg = *t->items[i];
    if (arg.type != PType::kVariable) {
      Error e;
      e.code = "S0208";
      e.position = arg.position;
      e.token = arg.TokenValue();
      e.value = Value::Number(static_cast<double>(i + 1));
      e.has_value = true;
      Throw(std::move(e));
    }
  }
  t->type = PType::kLambda;
  if (node_->id == "<") {
    int64_t sig_pos = node_->position;
    int depth = 1;
    std::string sig = "<";
    while (depth > 0 && node_->id != "{" && node_->id != "(end)") {
      Advance();
      if (node_->id == ">") {
        --depth;
      } else if (node_->id == "<") {
        ++depth;
      }
      Value v = node_->TokenValue();
      sig += v.IsString() ? v.AsString() : node_->token.text;
    }
    Advance(">");
    t->signature = Signature::Parse(sig, sig_pos);
  }
  Advance("{");
  t->body = Expression(0);
  Advance("}");
}

PNodePtr Parser::Predicate(PNodePtr t, PNodePtr left) {
  if (node_->id == "]") {
    // `[]`: keep singleton arrays on the step.
    PNode* step = left.get();
    while (step && step->type == PType::kBinary && step->id == "[" && !step->pairs_form)
      step = step->lhs.get();
    step->keep_array = true;
    Advance("]");
    return left;
  }
  t->lhs = std::move(left);
  t->rhs = Expression(0);
  t->type = PType::kBinary;
  Advance("]", true);
  return t;
}

PNodePtr Parser::OrderBy(PNodePtr t, PNodePtr left) {
  Advance("(");
  for (;;) {
    PTerm term;
    if (node_->id == "<") {
      Advance("<");
    } else if (node_->id == ">") {
      term.descending = true;
      Advance(">");
    }
    term.expr = Expression(0);
    t->terms.push_back(std::move(term));
    if (node_->id != ",") break;
    Advance(",");
  }
  Advance(")");
  t->lhs = std::move(left);
  t->type = PType::kBinary;
  return t;
}

}  // namespace

Value PNode::TokenValue() const {
  switch (token.type) {
    case TokenType::kEnd:
      return Value::String("(end)");
    case TokenType::kNumber:
      return Value::Number(token.number);
    case TokenType::kValue:
      return token.value_kind == 0 ? Value::Null() : Value::Bool(token.value_kind == 2);
    case TokenType::kRegex:
      return Value::Object({});
    default:
      return Value::String(token.text);
  }
}

PNodePtr PNode::Clone() const {
  auto c = std::make_unique<PNode>();
  c->id = id;
  c->type = type;
  c->token = token;
  c->position = position;
  auto clone = [](const PNodePtr& p) { return p ? p->Clone() : nullptr; };
  c->lhs = clone(lhs);
  c->rhs = clone(rhs);
  c->expression = clone(expression);
  c->procedure = clone(procedure);
  c->body = clone(body);
  c->condition = clone(condition);
  c->then_branch = clone(then_branch);
  c->else_branch = clone(else_branch);
  c->pattern = clone(pattern);
  c->update = clone(update);
  c->remove = clone(remove);
  for (const auto& i : items) c->items.push_back(clone(i));
  for (const auto& p : pairs) c->pairs.emplace_back(clone(p.first), clone(p.second));
  for (const auto& t : terms) c->terms.push_back({t.descending, clone(t.expr)});
  c->signature = signature;
  c->keep_array = keep_array;
  c->pairs_form = pairs_form;
  c->depth = depth;
  return c;
}

PNodePtr ParseTree(std::string_view source) {
  Parser parser(source);
  return parser.Parse();
}

}  // namespace sfn::asl::jsonata
