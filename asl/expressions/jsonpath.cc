// asl/expressions/jsonpath.cc
//
// The public face of compiled paths: root resolution, the three ways AWS
// words a path that matches nothing, and ResultPath assignment.
#include "asl/expressions/jsonpath.h"

#include "asl/expressions/java_text.h"
#include "asl/expressions/jsonpath_internal.h"

namespace sfn::asl {

using jsonpath_internal::EvaluateSteps;
using jsonpath_internal::MatchContext;
using jsonpath_internal::PathFunction;
using jsonpath_internal::Step;
using jsonpath_internal::StepKind;
using jsonpath_internal::StepList;

namespace {

constexpr char kJaywayProvider[] = "com.jayway.jsonpath.spi.json.JacksonJsonProvider";

const JsonPath::Impl& DefaultImpl() {
  static const JsonPath::Impl* impl = [] {
    auto* i = new JsonPath::Impl;
    i->text.assign(1, '$');
    return i;
  }();
  return *impl;
}

bool IsVariableStart(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

// Jayway's bracket form of one step: ['a'], ['a','b'] or [0].
std::string Fragment(const Step& s) {
  std::string out(1, '[');
  if (s.kind == StepKind::kIndex) return out.append(std::to_string(s.indexes[0])).append("]");
  for (size_t i = 0; i < s.names.size(); ++i) {
    if (i > 0) out += ",";
    out += "'" + s.names[i] + "'";
  }
  return out + "]";
}

std::string Normalized(const StepList& path) {
  std::string out = "$";
  for (const Step& s : path.steps) out += Fragment(s);
  return out;
}

std::string NotAnObject(const Step& s, const std::string& at, const Json& node) {
  return "Expected to find an object with property " + Fragment(s) + " in path " + at +
         " but found '" + JavaClassName(node) +
         "'. This is not a json object according to the JsonProvider: '" + kJaywayProvider + "'.";
}

// `step` could not be applied; a non-object root is worded differently.
std::string Conflict(const JsonPath::Impl& impl, size_t step, const Json& root) {
  if (step == 0 && !root.is_object() && impl.path.steps[0].kind == StepKind::kProperty)
    return "Unable to apply ReferencePath " + impl.text + " to input " + Dump(root);
  const Step& s = impl.path.steps[step];
  std::string name = s.kind == StepKind::kIndex ? std::to_string(s.indexes[0]) : s.names[0];
  return "Unable to apply step \"" + name + "\" to input " + Dump(root);
}

}  // namespace

namespace jsonpath_internal {

// Replays a definite path the way Jayway does, to word its failure.
std::string JaywayFailure(const StepList& path, const Json& start) {
  if (!path.definite) return "Aggregation function attempted to calculate value using empty array";
  std::string at = "$";
  const Json* node = &start;
  for (size_t i = 0; i < path.steps.size(); ++i) {
    const Step& s = path.steps[i];
    bool leaf = i + 1 == path.steps.size();
    if (s.kind == StepKind::kProperty) {
      if (!node->is_object()) return NotAnObject(s, at, *node);
      const Json* child = s.names.size() == 1 ? node->Find(s.names[0]) : node;
      if (!child) {
        if (leaf) break;
        return "Missing property in path " + at + Fragment(s);
      }
      node = child;
    } else {
      if (node->is_null()) return "The path " + at + " is null";
      if (!node->is_array()) {
        return "Filter: " + Fragment(s) +
               " can only be applied to arrays. Current context is: " + JavaToString(*node);
      }
      const Json* child = FindDefinite({s}, *node);
      if (!child) break;
      node = child;
    }
    at += Fragment(s);
  }
  return "No results for path: " + Normalized(path);
}

}  // namespace jsonpath_internal

Result<JsonPath> JsonPath::Compile(std::string_view text) {
  auto impl = std::make_shared<Impl>();
  impl->text = std::string(text);
  auto fail = [&](const std::string& why) {
    return AslError{"States.Runtime", "Invalid JSONPath '" + impl->text + "': " + why};
  };
  if (text.empty() || text[0] != '$') return fail("a path must start with '$'");
  size_t pos = 1;
  if (text.size() > 1 && text[1] == '$') {
    impl->root = Root::kContext;
    pos = 2;
  } else if (text.size() > 1 && IsVariableStart(text[1])) {
    impl->root = Root::kVariable;
    while (pos < text.size() && text[pos] != '.' && text[pos] != '[') ++pos;
    impl->variable = std::string(text.substr(1, pos - 1));
  }
  if (auto error = jsonpath_internal::ParseSteps(text, pos, &impl->path)) return fail(*error);
  impl->reference = impl->path.function == PathFunction::kNone;
  for (const Step& s : impl->path.steps) {
    if (!s.definite()) impl->reference = false;
  }
  JsonPath path;
  path.impl_ = std::move(impl);
  return path;
}

const std::string& JsonPath::text() const { return (impl_ ? *impl_ : DefaultImpl()).text; }
JsonPath::Root JsonPath::root() const { return impl_ ? impl_->root : Root::kInput; }
const std::string& JsonPath::variable_name() const {
  return (impl_ ? *impl_ : DefaultImpl()).variable;
}
bool JsonPath::is_reference_path() const { return !impl_ || impl_->reference; }
bool JsonPath::is_definite() const { return !impl_ || impl_->path.definite; }

const Json* JsonPath::RootValue(const EvalContext& ctx) const {
  switch (root()) {
    case Root::kInput:
      return ctx.input;
    case Root::kContext:
      return ctx.context;
    case Root::kVariable:
      return ctx.variables ? ctx.variables->Find(impl_->variable) : nullptr;
  }
  return nullptr;
}

std::optional<Json> JsonPath::FindIn(const Json& document, const EvalContext& ctx) const {
  if (!impl_) return document;
  MatchContext mc{&document};
  (void)ctx;
  if (impl_->path.definite && impl_->path.function == PathFunction::kNone &&
      (impl_->path.steps.empty() || impl_->path.steps.back().names.size() <= 1)) {
    const Json* found = jsonpath_internal::FindDefinite(impl_->path.steps, document);
    if (!found) return std::nullopt;
    return *found;
  }
  return EvaluateSteps(impl_->path, document, mc);
}

std::optional<Json> JsonPath::Find(const EvalContext& ctx) const {
  const Json* root_value = RootValue(ctx);
  if (!root_value) return std::nullopt;
  return FindIn(*root_value, ctx);
}

Result<Json> JsonPath::Select(const EvalContext& ctx) const {
  const Json* root_value = RootValue(ctx);
  if (root_value) {
    if (std::optional<Json> v = FindIn(*root_value, ctx)) return std::move(*v);
  }
  const Impl& impl = impl_ ? *impl_ : DefaultImpl();
  std::string why = root_value ? jsonpath_internal::JaywayFailure(impl.path, *root_value)
                               : "No results for path: " + Normalized(impl.path);
  return AslError{"States.Runtime", "Invalid path '" + impl.text + "' : " + why};
}

Result<Json> JsonPath::Select(const EvalContext& ctx, std::string_view field) const {
  if (std::optional<Json> v = Find(ctx)) return std::move(*v);
  return AslError{"States.Runtime", "The JSONPath '" + text() + "' specified for the field '" +
                                        std::string(field) + "' could not be found in the input '" +
                                        (ctx.input ? Dump(*ctx.input) : "null") + "'"};
}

Result<Json> JsonPath::SelectReference(const EvalContext& ctx) const {
  if (!impl_) return ctx.input ? *ctx.input : Json();
  if (!impl_->reference) return Select(ctx);
  const Json* root_value = RootValue(ctx);
  static const Json kNull;
  const Json& whole = root_value ? *root_value : kNull;
  const Json* node = &whole;
  const std::vector<Step>& steps = impl_->path.steps;
  for (size_t i = 0; i < steps.size(); ++i) {
    bool ok = steps[i].kind == StepKind::kProperty ? node->is_object() : node->is_array();
    if (!ok) return AslError{kResultPathError, Conflict(*impl_, i, whole)};
    const Json* child = jsonpath_internal::FindDefinite({steps[i]}, *node);
    if (!child) return AslError{kResultPathError, Conflict(*impl_, i, whole)};
    node = child;
  }
  return *node;
}

namespace {

// Rebuilds the objects (or arrays) along the path with `value` at its end.
Result<Json> Put(const JsonPath::Impl& impl, const Json& node, size_t i, const Json& value,
                 const Json& whole) {
  const Step& s = impl.path.steps[i];
  bool last = i + 1 == impl.path.steps.size();
  if (s.kind == StepKind::kProperty) {
    if (!node.is_object()) return AslError{kResultPathError, Conflict(impl, i, whole)};
    if (last) return node.With(s.names[0], value);
    const Json* child = node.Find(s.names[0]);
    Result<Json> inner = Put(impl, child ? *child : Json::MakeObject({}), i + 1, value, whole);
    if (!inner.ok()) return inner;
    return node.With(s.names[0], std::move(inner).value());
  }
  const Json* child = node.is_array() ? jsonpath_internal::FindDefinite({s}, node) : nullptr;
  if (!child) return AslError{kResultPathError, Conflict(impl, i, whole)};
  Json replacement = value;
  if (!last) {
    Result<Json> inner = Put(impl, *child, i + 1, value, whole);
    if (!inner.ok()) return inner;
    replacement = std::move(inner).value();
  }
  Json::Array items = node.AsArray();
  items[child - node.AsArray().data()] = std::move(replacement);
  return Json::MakeArray(std::move(items));
}

}  // namespace

Result<Json> JsonPath::Assign(const Json& root, const Json& value) const {
  if (!impl_ || impl_->path.steps.empty()) return value;
  if (!impl_->reference) {
    return AslError{kResultPathError,
                    "Unable to apply ReferencePath " + impl_->text + " to input " + Dump(root)};
  }
  return Put(*impl_, root, 0, value, root);
}

}  // namespace sfn::asl
