// asl/interpreter/variables.cc
#include "asl/interpreter/variables.h"

#include "asl/core/errors.h"
#include "asl/expressions/payload.h"

namespace sfn::asl {

const Json* VariableScope::Find(std::string_view name) const {
  for (const VariableScope* s = this; s != nullptr; s = s->outer_) {
    for (const auto& v : s->vars_) {
      if (v.first == name) return &v.second;
    }
  }
  return nullptr;
}

void VariableScope::Set(std::string_view name, Json value) {
  for (auto& v : vars_) {
    if (v.first == name) {
      v.second = std::move(value);
      return;
    }
  }
  vars_.emplace_back(std::string(name), std::move(value));
}

Result<Assignment> EvaluateAssign(const PayloadTemplate& assign, const EvalContext& ctx) {
  Result<Json> r = assign.Evaluate(ctx);
  if (!r.ok()) return r.error();
  Assignment out;
  out.values = std::move(r).value();
  Json::Object details;
  size_t total = 0;
  if (out.values.is_object()) {
    for (const auto& [name, value] : out.values.AsObject()) {
      std::string text = Dump(value);
      total += text.size();
      details.emplace_back(name, Json(std::move(text)));
    }
  }
  if (total > kMaxAssignBytes) {
    return AslError{std::string(kStatesDataLimitExceeded),
                    "The assigned variables exceed the maximum size of 262144 bytes."};
  }
  out.details = Json::MakeObject(std::move(details));
  return out;
}

void Commit(const Assignment& assignment, VariableScope* scope) {
  if (!assignment.values.is_object()) return;
  for (const auto& [name, value] : assignment.values.AsObject()) scope->Set(name, value);
}

}  // namespace sfn::asl
