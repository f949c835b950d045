// asl/expressions/payload.cc
//
// Payload templates compile into a small tree: constants (whole constant
// subtrees are folded into one prebuilt Json), objects, arrays, JSONPath
// paths, intrinsic calls and JSONata expressions. Evaluation only walks
// the tree; nothing is parsed at run time.
#include "asl/expressions/payload.h"

#include <cctype>
#include <map>
#include <optional>

#include "asl/expressions/intrinsics.h"
#include "asl/jsonata/jsonata.h"
#include "asl/expressions/jsonpath.h"

namespace sfn::asl {
namespace {

constexpr char kQueryEvaluationError[] = "States.QueryEvaluationError";

// One compiled "{% ... %}" string.
struct Expr {
  std::string text;  // between the delimiters, trimmed
  std::shared_ptr<const jsonata::Expression> compiled;
};

bool IsExpressionString(const Json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.AsString();
  return s.size() >= 4 && s.compare(0, 2, "{%") == 0 && s.compare(s.size() - 2, 2, "%}") == 0;
}

// "Output" + "a/b" -> "Output/a/b"; "Output" + "[0]" -> "Output[0]".
std::string JoinLocation(std::string_view field, std::string_view relative) {
  if (field.empty()) return std::string(relative);
  if (relative.empty()) return std::string(field);
  std::string out(field);
  if (relative[0] != '[') out += '/';
  out += relative;
  return out;
}

std::string Describe(const Expr& e, std::string_view location) {
  return "The JSONata expression '" + e.text + "' specified for the field '" +
         std::string(location) + "'";
}

Result<Expr> CompileExpr(const std::string& s, std::string_view location) {
  Expr e;
  size_t begin = 2, end = s.size() - 2;
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  e.text = s.substr(begin, end - begin);
  jsonata::JsonataError error;
  e.compiled = jsonata::Expression::Compile(e.text, &error);
  if (!e.compiled) {
    return AslError{kQueryEvaluationError, Describe(e, location) + " could not be parsed. " +
                                               error.code + ": " + error.message};
  }
  return e;
}

// The JSONata bindings for one evaluation, built on first use so that
// templates without expressions pay nothing.
class JsonataScope {
 public:
  explicit JsonataScope(const EvalContext& ctx) : ctx_(ctx) {}
  const jsonata::EvalOptions& Options() {
    if (options_.bindings) return options_;
    Json::Object states;
    if (ctx_.input) states.emplace_back("input", *ctx_.input);
    if (ctx_.context) states.emplace_back("context", *ctx_.context);
    if (ctx_.result) states.emplace_back("result", *ctx_.result);
    if (ctx_.error_output) states.emplace_back("errorOutput", *ctx_.error_output);
    bindings_.emplace("states", Json::MakeObject(std::move(states)));
    options_.bindings = &bindings_;
    options_.variables = ctx_.variables;
    options_.env = ctx_.env;
    return options_;
  }
  const EvalContext& ctx() const { return ctx_; }

 private:
  const EvalContext& ctx_;
  std::map<std::string, Json> bindings_;
  jsonata::EvalOptions options_;
};

Result<Json> EvaluateExpr(const Expr& e, JsonataScope* scope, std::string_view location) {
  jsonata::EvalResult r = e.compiled->Evaluate(scope->ctx().input, scope->Options());
  if (!r.ok) {
    return AslError{kQueryEvaluationError, Describe(e, location) +
                                               " threw an error during evaluation. " +
                                               r.error.code + ": " + r.error.message};
  }
  if (!r.defined) {
    return AslError{kQueryEvaluationError,
                    Describe(e, location) + " returned nothing (undefined)."};
  }
  return std::move(r.value);
}

void AddUnique(const std::string& name, std::vector<std::string>* out) {
  if (name == "states") return;  // the reserved JSONata binding, not a variable
  for (const std::string& s : *out)
    if (s == name) return;
  out->push_back(name);
}

}  // namespace

// ------------------------------------------------------------------ nodes

struct PayloadTemplate::Node {
  enum class Kind { kConstant, kObject, kArray, kPath, kIntrinsic, kJsonata };
  Kind kind = Kind::kConstant;
  Json constant;                  // kConstant
  std::vector<std::string> keys;  // kObject: output names, parallel to children
  std::vector<Node> children;     // kObject / kArray
  std::string field;   // kPath/kIntrinsic: "k.$"; kJsonata: location relative to the template
  JsonPath path;       // kPath
  IntrinsicCall call;  // kIntrinsic
  Expr expr;           // kJsonata
};

namespace {

using Node = PayloadTemplate::Node;

// Turns an object or array node whose children are all constant into one
// prebuilt constant.
void Fold(Node* node) {
  for (const Node& c : node->children)
    if (c.kind != Node::Kind::kConstant) return;
  if (node->kind == Node::Kind::kObject) {
    Json::Object members;
    for (size_t i = 0; i < node->children.size(); ++i)
      members.emplace_back(node->keys[i], node->children[i].constant);
    node->constant = Json::MakeObject(std::move(members));
  } else {
    Json::Array items;
    for (const Node& c : node->children) items.push_back(c.constant);
    node->constant = Json::MakeArray(std::move(items));
  }
  node->kind = Node::Kind::kConstant;
  node->keys.clear();
  node->children.clear();
}

std::optional<AslError> CompileNode(const Json& v, QueryLanguage language,
                                    const std::string& location, Node* out);

std::optional<AslError> CompileDollarKey(const std::string& key, const Json& v, Node* out) {
  out->field = key;
  const std::string* text = v.is_string() ? &v.AsString() : nullptr;
  if (text && !text->empty() && (*text)[0] == '$') {
    Result<JsonPath> path = JsonPath::Compile(*text);
    if (path.ok()) {
      out->kind = Node::Kind::kPath;
      out->path = std::move(path).value();
      return std::nullopt;
    }
  } else if (text && IntrinsicCall::LooksLikeCall(*text)) {
    Result<IntrinsicCall> call = IntrinsicCall::Compile(*text);
    if (call.ok()) {
      out->kind = Node::Kind::kIntrinsic;
      out->call = std::move(call).value();
      return std::nullopt;
    }
  }
  return AslError{"States.Runtime", IntrinsicCall::InvalidFieldCause(key)};
}

std::optional<AslError> CompileObject(const Json& v, QueryLanguage language,
                                      const std::string& location, Node* out) {
  out->kind = Node::Kind::kObject;
  for (const auto& [key, value] : v.AsObject()) {
    Node child;
    bool dollar = language == QueryLanguage::kJsonPath && key.size() >= 2 &&
                  key.compare(key.size() - 2, 2, ".$") == 0;
    std::optional<AslError> error =
        dollar ? CompileDollarKey(key, value, &child)
               : CompileNode(value, language, JoinLocation(location, key), &child);
    if (error) return error;
    out->keys.push_back(dollar ? key.substr(0, key.size() - 2) : key);
    out->children.push_back(std::move(child));
  }
  Fold(out);
  return std::nullopt;
}

std::optional<AslError> CompileNode(const Json& v, QueryLanguage language,
                                    const std::string& location, Node* out) {
  if (v.is_object()) return CompileObject(v, language, location, out);
  if (v.is_array()) {
    out->kind = Node::Kind::kArray;
    for (size_t i = 0; i < v.size(); ++i) {
      out->children.emplace_back();
      std::string at = location + "[" + std::to_string(i) + "]";
      if (auto error = CompileNode(v.AsArray()[i], language, at, &out->children.back()))
        return error;
    }
    Fold(out);
    return std::nullopt;
  }
  if (language == QueryLanguage::kJsonata && IsExpressionString(v)) {
    Result<Expr> e = CompileExpr(v.AsString(), location);
    if (!e.ok()) return e.error();
    out->kind = Node::Kind::kJsonata;
    out->expr = std::move(e).value();
    out->field = location;
    return std::nullopt;
  }
  out->constant = v;
  return std::nullopt;
}

struct EvalState {
  JsonataScope scope;
  std::string_view field;
};

Result<Json> EvalNode(const Node& n, EvalState* st) {
  const EvalContext& ctx = st->scope.ctx();
  switch (n.kind) {
    case Node::Kind::kConstant:
      return n.constant;
    case Node::Kind::kPath:
      return n.path.Select(ctx, n.field);
    case Node::Kind::kIntrinsic:
      return n.call.Evaluate(ctx, n.field);
    case Node::Kind::kJsonata:
      return EvaluateExpr(n.expr, &st->scope, JoinLocation(st->field, n.field));
    case Node::Kind::kObject: {
      Json::Object members;
      members.reserve(n.children.size());
      for (size_t i = 0; i < n.children.size(); ++i) {
        Result<Json> v = EvalNode(n.children[i], st);
        if (!v.ok()) return v;
        members.emplace_back(n.keys[i], std::move(v).value());
      }
      return Json::MakeObject(std::move(members));
    }
    case Node::Kind::kArray: {
      Json::Array items;
      items.reserve(n.children.size());
      for (const Node& c : n.children) {
        Result<Json> v = EvalNode(c, st);
        if (!v.ok()) return v;
        items.push_back(std::move(v).value());
      }
      return Json::MakeArray(std::move(items));
    }
  }
  return Json();
}

void CollectVariables(const Node& n, std::vector<std::string>* out) {
  switch (n.kind) {
    case Node::Kind::kPath:
      if (n.path.root() == JsonPath::Root::kVariable) AddUnique(n.path.variable_name(), out);
      break;
    case Node::Kind::kIntrinsic:
      for (const std::string& v : n.call.VariableReferences()) AddUnique(v, out);
      break;
    case Node::Kind::kJsonata:
      for (const std::string& v : n.expr.compiled->VariableReferences()) AddUnique(v, out);
      break;
    default:
      for (const Node& c : n.children) CollectVariables(c, out);
  }
}

}  // namespace

// ------------------------------------------------------------------ PayloadTemplate

Result<PayloadTemplate> PayloadTemplate::Compile(const Json& tmpl, QueryLanguage language) {
  return Compile(tmpl, language, std::string_view());
}

Result<PayloadTemplate> PayloadTemplate::Compile(const Json& tmpl, QueryLanguage language,
                                                 std::string_view field) {
  auto root = std::make_shared<Node>();
  if (auto error = CompileNode(tmpl, language, std::string(), root.get())) return *error;
  // Compile-time causes name the whole location; run-time ones are joined
  // with the field when they happen.
  PayloadTemplate t;
  t.root_ = std::move(root);
  t.field_ = std::string(field);
  return t;
}

Result<Json> PayloadTemplate::Evaluate(const EvalContext& ctx) const {
  return Evaluate(ctx, field_);
}

Result<Json> PayloadTemplate::Evaluate(const EvalContext& ctx, std::string_view field) const {
  if (!root_) return Json();
  if (root_->kind == Node::Kind::kConstant) return root_->constant;
  EvalState st{JsonataScope(ctx), field};
  return EvalNode(*root_, &st);
}

bool PayloadTemplate::is_constant() const { return !root_ || root_->kind == Node::Kind::kConstant; }

std::vector<std::string> PayloadTemplate::VariableReferences() const {
  std::vector<std::string> out;
  if (root_) CollectVariables(*root_, &out);
  return out;
}

// ------------------------------------------------------------------ JsonataValue

struct JsonataValue::Impl {
  bool expression = false;
  Json constant;
  Expr expr;
  std::string field;
};

Result<JsonataValue> JsonataValue::Compile(const Json& value) {
  return Compile(value, std::string_view());
}

Result<JsonataValue> JsonataValue::Compile(const Json& value, std::string_view field) {
  auto impl = std::make_shared<Impl>();
  impl->field = std::string(field);
  if (IsExpressionString(value)) {
    Result<Expr> e = CompileExpr(value.AsString(), field);
    if (!e.ok()) return e.error();
    impl->expression = true;
    impl->expr = std::move(e).value();
  } else {
    impl->constant = value;
  }
  JsonataValue v;
  v.impl_ = std::move(impl);
  return v;
}

Result<Json> JsonataValue::Evaluate(const EvalContext& ctx) const {
  if (!impl_) return Json();
  if (!impl_->expression) return impl_->constant;
  JsonataScope scope(ctx);
  return EvaluateExpr(impl_->expr, &scope, impl_->field);
}

bool JsonataValue::is_expression() const { return impl_ && impl_->expression; }

const std::string& JsonataValue::expression_text() const {
  static const std::string kEmpty;
  return impl_ ? impl_->expr.text : kEmpty;
}

std::vector<std::string> JsonataValue::VariableReferences() const {
  std::vector<std::string> out;
  if (is_expression())
    for (const std::string& v : impl_->expr.compiled->VariableReferences()) AddUnique(v, &out);
  return out;
}

AslError JsonataValue::UnexpectedType(std::string_view expected, const Json& value) const {
  std::string field = impl_ ? impl_->field : std::string();
  return AslError{kQueryEvaluationError,
                  "The JSONata expression '" + expression_text() + "' specified for the field '" +
                      field + "' returned an unexpected result type. Expected '" +
                      std::string(expected) + "', but was '" + TypeName(value.type()) +
                      "' for value: " + Dump(value)};
}

}  // namespace sfn::asl
