// emulator/api/request.cc
#include "emulator/api/request.h"

#include <algorithm>
#include <cmath>

namespace sfn::emulator {
namespace {

constexpr std::string_view kModelPackage = "com.amazonaws.swf.service.v2.model.";

// The Java class Coral deserializes a member into (named in its messages).
std::string JavaClass(const Member& m) {
  switch (m.type) {
    case FieldType::kString:
      return "String";
    case FieldType::kInteger:
      return "Integer";
    case FieldType::kLong:
      return "Long";
    case FieldType::kBoolean:
      return "Boolean";
    case FieldType::kList:
      return "List";
    case FieldType::kStructure:
      return std::string(m.shape->name);
  }
  return "";
}

// Coral's token name for a JSON value ("NUMBER_VALUE", ...).
const char* TokenName(const Json& v) {
  switch (v.type()) {
    case Json::Type::kBool:
      return v.AsBool() ? "TRUE_VALUE" : "FALSE_VALUE";
    case Json::Type::kInt:
      return "NUMBER_VALUE";
    case Json::Type::kDouble:
      return "DECIMAL_VALUE";
    case Json::Type::kString:
      return "STRING_VALUE";
    default:
      return "";
  }
}

// The SerializationException message for `v` given where `m` is expected,
// or "" when the JSON type fits.
std::string TypeMismatch(const Json& v, const Member& m) {
  if (v.is_null()) return "";
  const bool scalar_member = m.type != FieldType::kList && m.type != FieldType::kStructure;
  if (v.is_object()) {
    return m.type == FieldType::kStructure ? ""
                                           : "Start of structure or map found where not expected";
  }
  if (v.is_array()) {
    if (m.type == FieldType::kList) return "";
    std::string cls = m.type == FieldType::kStructure ? std::string(kModelPackage) + JavaClass(m)
                                                      : "java.lang." + JavaClass(m);
    return "Unrecognized collection type class " + cls;
  }
  if (!scalar_member) return "Unexpected field type";
  switch (m.type) {
    case FieldType::kString:
      return v.is_string() ? "" : std::string(TokenName(v)) + " cannot be converted to String";
    case FieldType::kBoolean:
      if (v.is_bool()) return "";
      if (v.is_string()) return "Unexpected token received from parser";
      return std::string(TokenName(v)) + " cannot be converted to Boolean";
    default:  // kInteger, kLong: decimals are truncated, not refused
      if (v.is_number()) return "";
      return std::string(TokenName(v)) + " cannot be converted to " + JavaClass(m);
  }
}

std::string CheckTypes(const Json& body, const Shape& shape);

std::string CheckMemberType(const Json& v, const Member& m) {
  std::string err = TypeMismatch(v, m);
  if (!err.empty() || v.is_null()) return err;
  if (m.type == FieldType::kStructure) return CheckTypes(v, *m.shape);
  if (m.type == FieldType::kList) {
    for (const Json& item : v.AsArray()) {
      err = CheckMemberType(item, *m.element);
      if (!err.empty()) return err;
    }
  }
  return "";
}

std::string CheckTypes(const Json& body, const Shape& shape) {
  for (const Member& m : shape.members) {
    const Json* v = body.Find(m.name);
    if (v == nullptr) continue;
    std::string err = CheckMemberType(*v, m);
    if (!err.empty()) return err;
  }
  return "";
}

int64_t NumberValue(const Json& v) {
  return v.is_int() ? v.AsInt() : static_cast<int64_t>(std::trunc(v.AsDouble()));
}

int64_t Length(const Json& v, const Member& m) {
  if (v.is_array()) return static_cast<int64_t>(v.size());
  const std::string& s = v.AsString();
  return m.unit == LengthUnit::kUtf8Bytes ? static_cast<int64_t>(s.size())
                                          : static_cast<int64_t>(Utf16Length(s));
}

bool MatchesPattern(const std::string& s, Pattern p) {
  switch (p) {
    case Pattern::kNone:
      return true;
    case Pattern::kAscii:
      return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
    case Pattern::kCharacterRestrictedName: {
      // ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$
      bool has_non_digit = false;
      for (char c : s) {
        bool digit = c >= '0' && c <= '9';
        bool other =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
        if (!digit && !other) return false;
        has_non_digit = has_non_digit || other;
      }
      return !s.empty() && has_non_digit;
    }
  }
  return true;
}

const char* PatternText(Pattern p) {
  switch (p) {
    case Pattern::kCharacterRestrictedName:
      return "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";
    case Pattern::kAscii:
      return "\\p{ASCII}*";
    case Pattern::kNone:
      return "";
  }
  return "";
}

class ConstraintChecker {
 public:
  void CheckShape(const Json& body, const Shape& shape, const std::string& prefix) {
    for (const Member& m : shape.members) {
      const Json* v = body.Find(m.name);
      CheckMember(v != nullptr && !v->is_null() ? v : nullptr, m, prefix + std::string(m.name));
    }
  }

  std::vector<std::string>& errors() { return errors_; }

 private:
  void Fail(const Json* v, const Member& m, const std::string& path, const std::string& what) {
    std::string text = "Value ";
    if (v == nullptr) {
      text += "null ";
    } else if (!m.sensitive) {
      text.append("'").append(DescribeValue(*v, m)).append("' ");
    }
    errors_.push_back(text + "at '" + path + "' failed to satisfy constraint: Member must " + what);
  }

  void CheckMember(const Json* v, const Member& m, const std::string& path) {
    if (v == nullptr) {
      if (m.required) Fail(v, m, path, "not be null");
      return;
    }
    if (m.type == FieldType::kString || m.type == FieldType::kList) {
      int64_t len = Length(*v, m);
      if (m.min != Member::kNone && len < m.min)
        Fail(v, m, path, "have length greater than or equal to " + std::to_string(m.min));
      if (m.max != Member::kNone && len > m.max)
        Fail(v, m, path, "have length less than or equal to " + std::to_string(m.max));
    }
    if (m.type == FieldType::kInteger || m.type == FieldType::kLong) {
      int64_t n = NumberValue(*v);
      if (m.min != Member::kNone && n < m.min)
        Fail(v, m, path, "have value greater than or equal to " + std::to_string(m.min));
      if (m.max != Member::kNone && n > m.max)
        Fail(v, m, path, "have value less than or equal to " + std::to_string(m.max));
    }
    if (m.type == FieldType::kString) CheckStringRules(*v, m, path);
    if (m.type == FieldType::kStructure) CheckShape(*v, *m.shape, path + ".");
    if (m.type == FieldType::kList) {
      const auto& items = v->AsArray();
      for (size_t i = 0; i < items.size(); ++i) {
        const Json* item = items[i].is_null() ? nullptr : &items[i];
        CheckMember(item, *m.element, path + "." + std::to_string(i + 1) + ".member");
      }
    }
  }

  void CheckStringRules(const Json& v, const Member& m, const std::string& path) {
    const std::string& s = v.AsString();
    if (!m.enum_values.empty() &&
        std::find(m.enum_values.begin(), m.enum_values.end(), s) == m.enum_values.end()) {
      std::string set;
      for (auto e : m.enum_values) set += (set.empty() ? "" : ", ") + std::string(e);
      Fail(&v, m, path, "satisfy enum value set: [" + set + "]");
    }
    if (!MatchesPattern(s, m.pattern)) {
      Fail(&v, m, path,
           std::string("satisfy regular expression pattern: ") + PatternText(m.pattern));
    }
  }

  std::vector<std::string> errors_;
};

std::string DescribeStructure(const Json& value, const Shape& shape) {
  std::string out = std::string(shape.name) + "(";
  bool first = true;
  for (const Member& m : shape.members) {
    out += (first ? "" : ", ") + std::string(m.name) + "=";
    first = false;
    const Json* v = value.Find(m.name);
    if (v == nullptr || v->is_null()) {
      out += "null";
    } else if (m.sensitive) {
      out += "*** Sensitive Data Redacted ***";
    } else {
      out += DescribeValue(*v, m);
    }
  }
  return out + ")";
}

}  // namespace

std::string DescribeValue(const Json& value, const Member& member) {
  switch (value.type()) {
    case Json::Type::kNull:
      return "null";
    case Json::Type::kBool:
      return value.AsBool() ? "true" : "false";
    case Json::Type::kInt:
      return std::to_string(value.AsInt());
    case Json::Type::kDouble:
      return std::to_string(NumberValue(value));
    case Json::Type::kString:
      return value.AsString();
    case Json::Type::kArray: {
      std::string out = "[";
      for (const Json& item : value.AsArray()) {
        if (out.size() > 1) out += ", ";
        out += member.element != nullptr ? DescribeValue(item, *member.element) : Dump(item);
      }
      return out + "]";
    }
    case Json::Type::kObject:
      return member.shape != nullptr ? DescribeStructure(value, *member.shape) : Dump(value);
  }
  return "";
}

std::optional<ApiError> ValidateRequest(const Json& body, const Shape& shape) {
  if (body.is_null()) return ValidateRequest(Json::MakeObject({}), shape);
  std::string type_error = CheckTypes(body, shape);
  if (!type_error.empty()) return SerializationError(type_error);
  ConstraintChecker checker;
  checker.CheckShape(body, shape, "");
  auto& errors = checker.errors();
  if (errors.empty()) return std::nullopt;
  std::string text =
      std::to_string(errors.size()) +
      (errors.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < errors.size(); ++i) text += (i ? "; " : "") + errors[i];
  return ValidationError(text);
}

const Json* GetMember(const Json& body, std::string_view key) {
  const Json* v = body.Find(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<std::string> GetString(const Json& body, std::string_view key) {
  const Json* v = GetMember(body, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return v->AsString();
}

std::optional<int64_t> GetInt(const Json& body, std::string_view key) {
  const Json* v = GetMember(body, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return NumberValue(*v);
}

std::optional<bool> GetBool(const Json& body, std::string_view key) {
  const Json* v = GetMember(body, key);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->AsBool();
}

size_t Utf16Length(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xc0) == 0x80) continue;  // continuation byte
    n += c >= 0xf0 ? 2 : 1;            // 4-byte sequences are surrogate pairs
  }
  return n;
}

}  // namespace sfn::emulator
