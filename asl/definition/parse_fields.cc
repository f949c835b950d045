// asl/definition/parse_fields.cc
//
// Readers for the fields many states share: Comment, Next/End, the JSONPath
// fields, payload templates, Assign, and the number/string fields that may
// be constants, "...Path" fields or JSONata expressions. Each compiles what
// it reads and reports problems at the field's location.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "asl/definition/builder.h"
#include "asl/expressions/intrinsics.h"

namespace sfn::asl::internal {

void TypeError(const StateContext& ctx, std::string_view field, std::string_view expected) {
  ctx.Error(field, "Expected value of type: " + std::string(expected));
}

StateContext SubContext(StateContext& ctx, const Json& obj, const std::string& location) {
  return StateContext{ctx.b, obj, ctx.name, location, ctx.ql, {}};
}

bool CheckObjectFields(StateContext& ctx, const FieldNames& allowed,
                       const FieldNames& jsonpath_only, const FieldNames& jsonata_only) {
  auto has = [](const FieldNames& names, const std::string& key) {
    for (std::string_view n : names) {
      if (n == key) return true;
    }
    return false;
  };
  bool ok = true;
  for (const auto& [key, value] : ctx.obj.AsObject()) {
    (void)value;
    std::string message;
    if (!has(allowed, key)) {
      message = "Field '" + key + "' is not supported";
    } else if (ctx.jsonata() && has(jsonpath_only, key)) {
      message = "The QueryLanguage is set to 'JSONata', but field '" + key +
                "' is only supported for the 'JSONPath' QueryLanguage";
    } else if (!ctx.jsonata() && has(jsonata_only, key)) {
      message = "The QueryLanguage is set to 'JSONPath', but field '" + key +
                "' is only supported for the 'JSONata' QueryLanguage";
    } else {
      continue;
    }
    ctx.ErrorHere(std::move(message));
    ctx.hidden.insert(key);
    ok = false;
  }
  return ok;
}

namespace {

// The payload compiler names the failing spot relative to the template
// ("" for its root, "a/b[0]" inside it); messages name it from the field.
std::string QualifyField(std::string cause, std::string_view field) {
  static constexpr std::string_view kMarker = "specified for the field '";
  size_t at = cause.find(kMarker);
  if (at == std::string::npos) return cause;
  size_t start = at + kMarker.size();
  size_t end = cause.find('\'', start);
  if (end == std::string::npos) return cause;
  std::string inner = cause.substr(start, end - start);
  std::string qualified(field);
  if (!inner.empty()) qualified += (inner[0] == '[' ? "" : "/") + inner;
  cause.replace(start, end - start, qualified);
  return cause;
}

// "/States/A/Seconds" -> "Seconds".
std::string_view LastSegment(std::string_view location) {
  size_t slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

}  // namespace

bool IsJsonataExpression(const Json& value) {
  if (!value.is_string()) return false;
  const std::string& s = value.AsString();
  return s.size() >= 4 && s.compare(0, 2, "{%") == 0 && s.compare(s.size() - 2, 2, "%}") == 0;
}

void NotePathVariable(StateContext& ctx, const JsonPath& path) {
  if (path.root() == JsonPath::Root::kVariable) ctx.b.NoteVariable(ctx.name, path.variable_name());
}

bool CompileJsonata(StateContext& ctx, const Json& value, const std::string& location,
                    JsonataValue* out) {
  Result<JsonataValue> compiled = JsonataValue::Compile(value);
  if (!compiled.ok()) {
    ctx.b.Error(location, QualifyField(compiled.error().cause, LastSegment(location)));
    return false;
  }
  *out = std::move(compiled).value();
  if (IsJsonataExpression(value)) {
    // JsonataValue does not list its variables; a one-string template does.
    Result<PayloadTemplate> as_template = PayloadTemplate::Compile(value, QueryLanguage::kJsonata);
    if (as_template.ok()) ctx.b.NoteVariables(ctx.name, as_template.value().VariableReferences());
  }
  return true;
}

OptionalPath ReadPath(StateContext& ctx, std::string_view field, PathRule rule) {
  OptionalPath out;
  const Json* value = ctx.Field(field);
  if (!value) return out;
  if (value->is_null()) {
    out.present = true;
    out.is_null = true;
    return out;
  }
  if (!value->is_string()) {
    TypeError(ctx, field, "String");
    return out;
  }
  const std::string name(field);
  Result<JsonPath> path = JsonPath::Compile(value->AsString());
  if (!path.ok()) {
    ctx.Error(field, "The value for the field '" + name + "' must be a valid JSONPath");
    return out;
  }
  bool reference_ok = rule == PathRule::kAny || path.value().is_reference_path();
  if (rule == PathRule::kResultPath && path.value().root() != JsonPath::Root::kInput) {
    reference_ok = false;
  }
  if (!reference_ok) {
    ctx.Error(field, "The value for the field '" + name + "' must be a valid ReferencePath");
    return out;
  }
  out.present = true;
  out.path = std::move(path).value();
  NotePathVariable(ctx, out.path);
  return out;
}

std::optional<PayloadTemplate> ReadTemplate(StateContext& ctx, std::string_view field) {
  const Json* value = ctx.Field(field);
  if (!value) return std::nullopt;
  Result<PayloadTemplate> compiled = PayloadTemplate::Compile(*value, ctx.ql);
  if (!compiled.ok()) {
    ctx.Error(field, QualifyField(compiled.error().cause, field));
    return std::nullopt;
  }
  ctx.b.NoteVariables(ctx.name, compiled.value().VariableReferences());
  return std::move(compiled).value();
}

namespace {

// Letters, digits and '_' (any non-ASCII character counts as a letter);
// no leading digit. Paths such as "x.y" or "x[2]" cannot be assigned.
bool IsValidVariableName(const std::string& name) {
  if (name.empty()) return false;
  if (isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    unsigned char u = c;
    if (!(isalnum(u) || c == '_' || u >= 0x80)) return false;
  }
  return true;
}

}  // namespace

std::optional<PayloadTemplate> ReadAssign(StateContext& ctx, const Json& value,
                                          const std::string& location) {
  if (!value.is_object()) {
    ctx.b.Error(location, "Expected value of type: Object");
    return std::nullopt;
  }
  bool names_ok = true;
  for (const auto& [key, member] : value.AsObject()) {
    (void)member;
    std::string name = key;
    if (!ctx.jsonata() && name.size() > 2 && name.compare(name.size() - 2, 2, ".$") == 0) {
      name.resize(name.size() - 2);
    }
    if (name == "states") {
      ctx.b.Error(location, "Cannot assign to reserved variable '$states'.",
                  "RESERVED_VARIABLE_NAME");
      names_ok = false;
    } else if (!IsValidVariableName(name)) {
      ctx.b.Error(
          location,
          "Invalid variable name '" + name + "': the variable name contains invalid characters.",
          "INVALID_VARIABLE_NAME");
      names_ok = false;
    }
  }
  if (!names_ok) return std::nullopt;
  Result<PayloadTemplate> compiled = PayloadTemplate::Compile(value, ctx.ql);
  if (!compiled.ok()) {
    ctx.b.Error(location, QualifyField(compiled.error().cause, "Assign"));
    return std::nullopt;
  }
  ctx.b.NoteVariables(ctx.name, compiled.value().VariableReferences());
  return std::move(compiled).value();
}

void ReadCommonFields(StateContext& ctx, State* state, bool transitions) {
  if (const Json* comment = ctx.Field("Comment")) {
    if (comment->is_string()) {
      state->comment = comment->AsString();
    } else {
      TypeError(ctx, "Comment", "String");
    }
  }
  if (transitions) {
    const Json* next = ctx.Field("Next");
    const Json* end = ctx.Field("End");
    if (next && !next->is_string()) TypeError(ctx, "Next", "String");
    if (end && !end->is_bool()) TypeError(ctx, "End", "Boolean");
    bool is_end = end && end->is_bool() && end->AsBool();
    if (next && is_end) {
      ctx.ErrorHere("There should only be one of the following fields: [Next, End]");
    } else if (!next && !is_end) {
      ctx.ErrorHere("This object should have only one of the following fields: [Next, End]");
    } else if (next && next->is_string()) {
      state->next = next->AsString();
    }
    state->end = is_end && !next;
  }
  state->input_path = ReadPath(ctx, "InputPath", PathRule::kAny);
  state->output_path = ReadPath(ctx, "OutputPath", PathRule::kAny);
  state->output = ReadTemplate(ctx, "Output");
  if (const Json* assign = ctx.Field("Assign")) {
    state->assign = ReadAssign(ctx, *assign, ctx.At("Assign"));
  }
}

namespace {

std::string FormatBound(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  char buf[32];
  snprintf(buf, sizeof(buf), "%g", d);
  return buf;
}

void CheckNumber(StateContext& ctx, std::string_view field, const Json& value, NumberKind kind,
                 double min, std::optional<double> max, DynamicValue* out) {
  bool type_ok = kind == NumberKind::kInteger ? value.is_int() : value.is_number();
  if (!type_ok) {
    TypeError(ctx, field, kind == NumberKind::kInteger ? "Integer" : "Number");
    return;
  }
  double d = value.AsDouble();
  if (d < min || (max && d > *max)) {
    std::string range = max ? "between " + FormatBound(min) + " and " + FormatBound(*max)
                            : "greater than or equal to " + FormatBound(min);
    ctx.Error(field, "Value should be " + range);
    return;
  }
  out->kind = DynamicValue::Kind::kConstant;
  out->constant = value;
}

}  // namespace

DynamicValue ReadDynamicNumber(StateContext& ctx, std::string_view field, NumberKind kind,
                               double min, std::optional<double> max) {
  DynamicValue out;
  const std::string name(field);
  const std::string path_name = name + "Path";
  const Json* value = ctx.Field(name);
  const Json* path = ctx.Field(path_name);
  if (value && path) {
    ctx.ErrorHere("There should only be one of the following fields: [" + name + ", " + path_name +
                  "]");
    return out;
  }
  if (path) {
    OptionalPath p = ReadPath(ctx, path_name, PathRule::kAny);
    if (p.present && !p.is_null) {
      out.kind = DynamicValue::Kind::kPath;
      out.path = std::move(p.path);
    }
    return out;
  }
  if (!value) return out;
  if (ctx.jsonata() && IsJsonataExpression(*value)) {
    if (CompileJsonata(ctx, *value, ctx.At(name), &out.expr)) {
      out.kind = DynamicValue::Kind::kExpression;
    }
    return out;
  }
  CheckNumber(ctx, name, *value, kind, min, max, &out);
  return out;
}

namespace {

// Fail's ErrorPath/CausePath accept an intrinsic call as well as a path.
void ReadStringPath(StateContext& ctx, const std::string& path_name, DynamicValue* out) {
  const Json* path = ctx.Field(path_name);
  if (!path->is_string()) {
    TypeError(ctx, path_name, "String");
    return;
  }
  const std::string& text = path->AsString();
  bool fail_field = path_name == "ErrorPath" || path_name == "CausePath";
  if (fail_field && IntrinsicCall::LooksLikeCall(text)) {
    Result<IntrinsicCall> call = IntrinsicCall::Compile(text);
    if (!call.ok()) {
      ctx.Error(path_name, "The value for the field '" + path_name +
                               "' must be a valid JSONPath or a valid intrinsic function call");
      return;
    }
    ctx.b.NoteVariables(ctx.name, call.value().VariableReferences());
    out->kind = DynamicValue::Kind::kIntrinsic;
    out->intrinsic = std::move(call).value();
    return;
  }
  OptionalPath p = ReadPath(ctx, path_name, PathRule::kAny);
  if (p.present && !p.is_null) {
    out->kind = DynamicValue::Kind::kPath;
    out->path = std::move(p.path);
  }
}

}  // namespace

DynamicValue ReadDynamicString(StateContext& ctx, std::string_view field) {
  DynamicValue out;
  const std::string name(field);
  const std::string path_name = name + "Path";
  const Json* value = ctx.Field(name);
  const Json* path = ctx.Field(path_name);
  if (value && path) {
    ctx.ErrorHere("There should only be one of the following fields: [" + name + ", " + path_name +
                  "]");
    return out;
  }
  if (path) {
    ReadStringPath(ctx, path_name, &out);
    return out;
  }
  if (!value) return out;
  if (ctx.jsonata() && IsJsonataExpression(*value)) {
    if (CompileJsonata(ctx, *value, ctx.At(name), &out.expr)) {
      out.kind = DynamicValue::Kind::kExpression;
    }
    return out;
  }
  if (!value->is_string()) {
    TypeError(ctx, name, "String");
    return out;
  }
  out.kind = DynamicValue::Kind::kConstant;
  out.constant = *value;
  return out;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* value) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool IsRfc3339Timestamp(std::string_view s) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(s, 0, 4, &year) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, &month) ||
      s[7] != '-' || !Digits(s, 8, 2, &day) || s[10] != 'T' || !Digits(s, 11, 2, &hour) ||
      s[13] != ':' || !Digits(s, 14, 2, &minute) || s[16] != ':' || !Digits(s, 17, 2, &second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return false;
  }
  size_t pos = 19;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return false;
  }
  if (pos < s.size() && s[pos] == 'Z') return pos + 1 == s.size();
  int oh = 0, om = 0;
  if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || !Digits(s, pos + 1, 2, &oh) ||
      s[pos + 3] != ':' || !Digits(s, pos + 4, 2, &om)) {
    return false;
  }
  return oh <= 23 && om <= 59;
}

}  // namespace sfn::asl::internal
