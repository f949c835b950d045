// asl/interpreter/field_source.cc
//
// Error-path helpers that need a field's source text, which the compiled
// definition does not keep: AWS quotes the JSONata expression of Items when
// it yields something other than an array. Only failing executions pay for
// re-reading the definition.
#include <map>

#include "asl/interpreter/internal.h"
#include "asl/jsonata/jsonata.h"

namespace sfn::asl::internal {

namespace {

// Depth-first search for a state object named `name` holding `field`.
const Json* FindRawState(const Json& node, const std::string& name, std::string_view field,
                         int depth) {
  if (depth > 64) return nullptr;
  if (node.is_object()) {
    if (const Json* states = node.Find("States"); states && states->is_object()) {
      const Json* state = states->Find(name);
      if (state != nullptr && state->Find(field) != nullptr) return state;
    }
    for (const auto& member : node.AsObject()) {
      if (const Json* hit = FindRawState(member.second, name, field, depth + 1)) return hit;
    }
  } else if (node.is_array()) {
    for (const Json& item : node.AsArray()) {
      if (const Json* hit = FindRawState(item, name, field, depth + 1)) return hit;
    }
  }
  return nullptr;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t' || s[e - 1] == '\r')) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string FieldSource(const RunState& run, std::string_view field) {
  if (run.exec == nullptr || run.exec->definition == nullptr) return "";
  JsonParseResult parsed = ParseJson(*run.exec->definition);
  if (!parsed.ok) return "";
  const Json* state = FindRawState(parsed.value, run.state->name, field, 0);
  if (state == nullptr) return "";
  const Json* value = state->Find(field);
  if (!value->is_string()) return Dump(*value);
  std::string_view text = value->AsString();
  if (text.size() >= 4 && text.substr(0, 2) == "{%" && text.substr(text.size() - 2) == "%}") {
    return Trim(text.substr(2, text.size() - 4));
  }
  return std::string(text);
}

bool YieldsFunction(const std::string& source, const EvalContext& ctx) {
  jsonata::JsonataError error;
  auto expr = jsonata::Expression::Compile(source, &error);
  if (!expr) return false;
  Json::Object states;
  if (ctx.input) states.emplace_back("input", *ctx.input);
  if (ctx.context) states.emplace_back("context", *ctx.context);
  std::map<std::string, Json> bindings{{"states", Json::MakeObject(std::move(states))}};
  jsonata::EvalOptions options;
  options.bindings = &bindings;
  options.variables = ctx.variables;
  options.env = ctx.env;
  jsonata::EvalResult r = expr->Evaluate(nullptr, options);
  return r.ok && r.defined && r.has_function;
}

}  // namespace sfn::asl::internal
