// asl/definition/parse_choice.cc
//
// Choice states: JSONPath rules (Variable + one comparison operator, or
// And/Or/Not nesting; only top-level rules carry Next and Assign) and
// JSONata rules (Condition, Next, Assign, Output). Operators are a table.
#include <deque>
#include <string>
#include <utility>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

// What a comparison's right-hand side must be.
enum class Operand { kString, kNumber, kBoolean, kTimestamp, kPath, kTypeTest };

struct Operator {
  std::string_view name;
  ChoiceOp op;
  Operand operand;
};

const std::vector<Operator>& Operators() {
  static const std::vector<Operator> kTable = [] {
    struct Family {
      std::string_view prefix;
      Operand operand;
      std::vector<std::pair<std::string_view, ChoiceOp>> ops;
    };
    const std::vector<Family> families = {
        {"String",
         Operand::kString,
         {{"Equals", ChoiceOp::kStringEquals},
          {"LessThan", ChoiceOp::kStringLessThan},
          {"GreaterThan", ChoiceOp::kStringGreaterThan},
          {"LessThanEquals", ChoiceOp::kStringLessThanEquals},
          {"GreaterThanEquals", ChoiceOp::kStringGreaterThanEquals}}},
        {"Numeric",
         Operand::kNumber,
         {{"Equals", ChoiceOp::kNumericEquals},
          {"LessThan", ChoiceOp::kNumericLessThan},
          {"GreaterThan", ChoiceOp::kNumericGreaterThan},
          {"LessThanEquals", ChoiceOp::kNumericLessThanEquals},
          {"GreaterThanEquals", ChoiceOp::kNumericGreaterThanEquals}}},
        {"Boolean", Operand::kBoolean, {{"Equals", ChoiceOp::kBooleanEquals}}},
        {"Timestamp",
         Operand::kTimestamp,
         {{"Equals", ChoiceOp::kTimestampEquals},
          {"LessThan", ChoiceOp::kTimestampLessThan},
          {"GreaterThan", ChoiceOp::kTimestampGreaterThan},
          {"LessThanEquals", ChoiceOp::kTimestampLessThanEquals},
          {"GreaterThanEquals", ChoiceOp::kTimestampGreaterThanEquals}}},
    };
    // Names are kept alive (and never moved) by this static storage.
    static std::deque<std::string> names;
    std::vector<Operator> table;
    for (const Family& f : families) {
      for (const auto& [suffix, op] : f.ops) {
        names.push_back(std::string(f.prefix) + std::string(suffix));
        table.push_back({names.back(), op, f.operand});
        names.push_back(names.back() + "Path");
        table.push_back({names.back(), op, Operand::kPath});
      }
    }
    table.push_back({"StringMatches", ChoiceOp::kStringMatches, Operand::kString});
    table.push_back({"IsNull", ChoiceOp::kIsNull, Operand::kTypeTest});
    table.push_back({"IsPresent", ChoiceOp::kIsPresent, Operand::kTypeTest});
    table.push_back({"IsNumeric", ChoiceOp::kIsNumeric, Operand::kTypeTest});
    table.push_back({"IsString", ChoiceOp::kIsString, Operand::kTypeTest});
    table.push_back({"IsBoolean", ChoiceOp::kIsBoolean, Operand::kTypeTest});
    table.push_back({"IsTimestamp", ChoiceOp::kIsTimestamp, Operand::kTypeTest});
    return table;
  }();
  return kTable;
}

const Operator* FindOperator(std::string_view name) {
  for (const Operator& op : Operators()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

// The fields of a rule; `top` adds what only top-level rules carry.
FieldNames RuleFields(bool top, bool comment) {
  FieldNames names = {"Variable", "And", "Or", "Not"};
  if (comment) names.push_back("Comment");
  if (top) names.insert(names.end(), {"Next", "Assign", "Output", "Condition"});
  for (const Operator& op : Operators()) names.push_back(op.name);
  return names;
}

bool ReadRule(StateContext& rule, bool top, ChoiceRule* out);

void ReadComparison(StateContext& rule, const Operator& op, const Json& operand, ChoiceRule* out) {
  const std::string name(op.name);
  out->op = op.op;
  const Json* variable = rule.Field("Variable");
  if (!variable) {
    rule.ErrorHere("These fields are required: [Variable]");
  } else {
    OptionalPath path = ReadPath(rule, "Variable", PathRule::kAny);
    if (path.present && !path.is_null) out->variable = path.path;
    if (path.is_null) TypeError(rule, "Variable", "String");
  }
  switch (op.operand) {
    case Operand::kPath: {
      OptionalPath path = ReadPath(rule, name, PathRule::kAny);
      if (path.present && !path.is_null) out->operand_path = path.path;
      if (path.is_null) TypeError(rule, name, "String");
      return;
    }
    case Operand::kString:
    case Operand::kTimestamp:
      if (!operand.is_string()) return TypeError(rule, name, "String");
      if (op.operand == Operand::kTimestamp && !IsRfc3339Timestamp(operand.AsString())) {
        rule.Error(name, "String does not match RFC3339 timestamp");
        return;
      }
      break;
    case Operand::kNumber:
      if (!operand.is_number()) return TypeError(rule, name, "Number");
      break;
    case Operand::kBoolean:
    case Operand::kTypeTest:
      if (!operand.is_bool()) return TypeError(rule, name, "Boolean");
      break;
  }
  out->operand = operand;
}

void ReadLogical(StateContext& rule, const std::string& name, const Json& value, ChoiceRule* out) {
  out->op = name == "And" ? ChoiceOp::kAnd : name == "Or" ? ChoiceOp::kOr : ChoiceOp::kNot;
  if (const Json* variable = rule.Field("Variable")) {
    (void)variable;
    rule.ErrorHere("Field 'Variable' is not supported");
  }
  if (name == "Not") {
    if (!value.is_object()) return TypeError(rule, name, "Object");
    StateContext child = SubContext(rule, value, rule.At("Not"));
    out->children.emplace_back();
    ReadRule(child, false, &out->children.back());
    return;
  }
  if (!value.is_array()) return TypeError(rule, name, "Array");
  if (value.AsArray().empty()) return rule.Error(name, "Value cannot be empty");
  const Json::Array& items = value.AsArray();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = rule.At(name + "[" + std::to_string(i) + "]");
    if (!items[i].is_object()) {
      rule.b.Error(at, "Expected value of type: Object");
      continue;
    }
    StateContext child = SubContext(rule, items[i], at);
    out->children.emplace_back();
    ReadRule(child, false, &out->children.back());
  }
}

// Reads the one operator of a JSONPath rule (comparison or And/Or/Not).
void ReadOperator(StateContext& rule, ChoiceRule* out) {
  std::vector<std::string> present;
  for (const auto& [key, value] : rule.obj.AsObject()) {
    (void)value;
    if (rule.hidden.count(key)) continue;
    if (key == "And" || key == "Or" || key == "Not" || FindOperator(key)) present.push_back(key);
  }
  if (present.empty()) {
    rule.ErrorHere(
        "This object should have only one of the following fields: [And, Or, Not, a comparison "
        "operator]");
    return;
  }
  if (present.size() > 1) {
    std::string list;
    for (const std::string& p : present) list += (list.empty() ? "" : ", ") + p;
    rule.ErrorHere("There should only be one of the following fields: [" + list + "]");
    return;
  }
  const Json& value = *rule.Field(present[0]);
  if (const Operator* op = FindOperator(present[0])) {
    ReadComparison(rule, *op, value, out);
  } else {
    ReadLogical(rule, present[0], value, out);
  }
}

void ReadRuleTarget(StateContext& rule, ChoiceRule* out) {
  const Json* next = rule.Field("Next");
  if (!next) {
    rule.ErrorHere("These fields are required: [Next]");
  } else if (!next->is_string()) {
    TypeError(rule, "Next", "String");
  } else {
    out->next = next->AsString();
  }
  if (const Json* assign = rule.Field("Assign")) {
    out->assign = ReadAssign(rule, *assign, rule.At("Assign"));
  }
  out->output = ReadTemplate(rule, "Output");
}

void ReadJsonataRule(StateContext& rule, ChoiceRule* out) {
  CheckObjectFields(rule, RuleFields(true, true), RuleFields(false, false), {});
  out->op = ChoiceOp::kCondition;
  const Json* condition = rule.Field("Condition");
  if (!condition) {
    rule.ErrorHere("These fields are required: [Condition]");
  } else if (!condition->is_bool() && !IsJsonataExpression(*condition)) {
    TypeError(rule, "Condition", "Boolean");
  } else {
    CompileJsonata(rule, *condition, rule.At("Condition"), &out->condition);
  }
  ReadRuleTarget(rule, out);
}

bool ReadRule(StateContext& rule, bool top, ChoiceRule* out) {
  size_t errors_before = rule.b.error_count();
  if (rule.jsonata()) {
    ReadJsonataRule(rule, out);
  } else {
    CheckObjectFields(rule, RuleFields(top, true), {}, {"Output", "Condition"});
    ReadOperator(rule, out);
    if (top) ReadRuleTarget(rule, out);
  }
  return rule.b.error_count() == errors_before;
}

}  // namespace

std::unique_ptr<State> BuildChoice(StateContext& ctx) {
  auto state = std::make_unique<ChoiceState>();
  ReadCommonFields(ctx, state.get(), false);
  if (const Json* default_next = ctx.Field("Default")) {
    if (default_next->is_string()) {
      state->default_next = default_next->AsString();
    } else {
      TypeError(ctx, "Default", "String");
    }
  }
  const Json* choices = ctx.Field("Choices");
  if (!choices) {
    ctx.ErrorHere("These fields are required: [Choices]");
    return state;
  }
  if (!choices->is_array()) {
    TypeError(ctx, "Choices", "Array");
    return state;
  }
  if (choices->AsArray().empty()) {
    ctx.Error("Choices", "Value cannot be empty");
    return state;
  }
  const Json::Array& items = choices->AsArray();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = ctx.At("Choices[" + std::to_string(i) + "]");
    if (!items[i].is_object()) {
      ctx.b.Error(at, "Expected value of type: Object");
      continue;
    }
    StateContext rule = SubContext(ctx, items[i], at);
    ChoiceRule parsed;
    ReadRule(rule, true, &parsed);
    state->choices.push_back(std::move(parsed));
  }
  return state;
}

}  // namespace sfn::asl::internal
