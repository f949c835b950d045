// testing/yaml_document.cc
#include "testing/yaml_document.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>
#include <set>
#include <vector>

namespace sfn::testing {
namespace {

constexpr const char* kErrorName = "InvalidYaml";
// Aliases can make a small text expand enormously ("billion laughs"); a test
// file never comes near this many values.
constexpr size_t kMaxValues = 1000000;
// yaml-cpp's own parser stops at 500 levels; this guards the conversion.
constexpr int kMaxDepth = 500;

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// The conversion's one private error, caught in ParseYamlDocument.
struct ConvertError {
  int line;
  std::string message;
};

int LineOfMark(const YAML::Mark& mark) { return mark.line < 0 ? 1 : mark.line + 1; }

bool IsBool(const std::string& s, bool* value) {
  static const std::set<std::string> kTrue = {"true", "True", "TRUE"};
  static const std::set<std::string> kFalse = {"false", "False", "FALSE"};
  *value = kTrue.count(s) > 0;
  return *value || kFalse.count(s) > 0;
}

bool AllOf(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

constexpr std::string_view kDigits = "0123456789";

// YAML 1.2 core schema integers: decimal, 0o octal, 0x hexadecimal. Values
// past int64 become doubles, as JSON numbers would. (Hand-written rather than
// std::regex, whose matcher recurses per character.)
bool ParseInt(const std::string& s, Json* out) {
  int base = 10;
  std::string digits = s;
  if (s.rfind("0o", 0) == 0 && AllOf(std::string_view(s).substr(2), "01234567")) {
    base = 8;
    digits = s.substr(2);
  } else if (s.rfind("0x", 0) == 0 &&
             AllOf(std::string_view(s).substr(2), "0123456789abcdefABCDEF")) {
    base = 16;
    digits = s.substr(2);
  } else {
    const size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (!AllOf(std::string_view(s).substr(sign), kDigits)) return false;
    if (sign && s[0] == '+') digits.erase(0, 1);
  }
  int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    *out = Json(value);
  } else {
    *out = Json(base == 10 ? std::strtod(digits.c_str(), nullptr)
                           : static_cast<double>(std::strtoull(digits.c_str(), nullptr, base)));
  }
  return true;
}

// [-+]? ( .digits | digits ( . digits? )? ) ( [eE] [-+]? digits )?
bool ParseFloat(const std::string& s, Json* out) {
  std::string_view rest = s;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) rest.remove_prefix(1);
  const size_t exponent = rest.find_first_of("eE");
  std::string_view mantissa = rest.substr(0, exponent);
  const size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) {
    if (!AllOf(mantissa, kDigits)) return false;
  } else {
    std::string_view whole = mantissa.substr(0, dot), fraction = mantissa.substr(dot + 1);
    if (whole.empty()
            ? !AllOf(fraction, kDigits)
            : !(AllOf(whole, kDigits) && (fraction.empty() || AllOf(fraction, kDigits)))) {
      return false;
    }
  }
  if (exponent != std::string_view::npos) {
    std::string_view e = rest.substr(exponent + 1);
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
    if (!AllOf(e, kDigits)) return false;
  }
  *out = Json(std::strtod(s.c_str(), nullptr));
  return true;
}

bool IsInfinityOrNan(const std::string& s) {
  static const std::set<std::string> kSpecial = {".inf",  ".Inf",  ".INF",  "+.inf",
                                                 "+.Inf", "+.INF", "-.inf", "-.Inf",
                                                 "-.INF", ".nan",  ".NaN",  ".NAN"};
  return kSpecial.count(s) > 0;
}

// A plain (unquoted, untagged) scalar, resolved by the core schema.
Json ResolvePlain(const std::string& s, int line) {
  bool b = false;
  if (IsBool(s, &b)) return Json(b);
  Json number;
  if (ParseInt(s, &number) || ParseFloat(s, &number)) return number;
  if (IsInfinityOrNan(s)) throw ConvertError{line, "'" + s + "' cannot be represented in JSON"};
  return Json(s);
}

// A scalar with an explicit core tag (!!str, !!int, ...).
Json ResolveTagged(const std::string& s, const std::string& tag, int line) {
  const std::string kind = tag.substr(kCoreTag.size());
  Json value;
  bool b = false;
  if (kind == "str") return Json(s);
  if (kind == "null" && (s.empty() || YAML::IsNullString(s))) return Json();
  if (kind == "bool" && IsBool(s, &b)) return Json(b);
  if (kind == "int" && ParseInt(s, &value)) return value;
  if (kind == "float" && (ParseInt(s, &value) || ParseFloat(s, &value))) {
    return Json(value.AsDouble());
  }
  throw ConvertError{line, "'" + s + "' is not a valid !!" + kind};
}

Json ConvertScalar(const YAML::Node& node) {
  const int line = LineOfMark(node.Mark());
  const std::string& tag = node.Tag();
  if (tag == "!") return Json(node.Scalar());  // quoted
  if (tag == "?" || tag.empty()) return ResolvePlain(node.Scalar(), line);
  if (tag.rfind(kCoreTag, 0) == 0) return ResolveTagged(node.Scalar(), tag, line);
  throw ConvertError{line, "unsupported tag '" + tag + "'"};
}

class Converter {
 public:
  explicit Converter(std::map<std::string, int>* lines) : lines_(lines) {}

  Json Convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (++values_ > kMaxValues) {
      throw ConvertError{LineOfMark(node.Mark()), "the document expands to too many values"};
    }
    if (depth > kMaxDepth) throw ConvertError{LineOfMark(node.Mark()), "nesting too deep"};
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        return ConvertScalar(node);
      case YAML::NodeType::Sequence:
        return ConvertSequence(node, pointer, depth);
      case YAML::NodeType::Map:
        return ConvertMap(node, pointer, depth);
      default:
        return Json();
    }
  }

 private:
  Json ConvertSequence(const YAML::Node& node, const std::string& pointer, int depth) {
    Json::Array items;
    for (const YAML::Node& item : node) {
      std::string item_pointer = pointer;
      AppendPointerToken(std::to_string(items.size()), &item_pointer);
      (*lines_)[item_pointer] = LineOfMark(item.Mark());
      items.push_back(Convert(item, item_pointer, depth + 1));
    }
    return Json::MakeArray(std::move(items));
  }

  Json ConvertMap(const YAML::Node& node, const std::string& pointer, int depth) {
    Json::Object members;
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const int line = LineOfMark(it->first.Mark());
      if (!it->first.IsScalar()) throw ConvertError{line, "a mapping key must be a scalar"};
      const std::string& key = it->first.Scalar();
      if (!seen.insert(key).second) throw ConvertError{line, "duplicate key '" + key + "'"};
      std::string member_pointer = pointer;
      AppendPointerToken(key, &member_pointer);
      (*lines_)[member_pointer] = line;
      members.emplace_back(key, Convert(it->second, member_pointer, depth + 1));
    }
    return Json::MakeObject(std::move(members));
  }

  std::map<std::string, int>* lines_;  // borrowed for the converter's lifetime
  size_t values_ = 0;
};

}  // namespace

void AppendPointerToken(std::string_view token, std::string* pointer) {
  pointer->push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer->append("~0");
    } else if (c == '/') {
      pointer->append("~1");
    } else {
      pointer->push_back(c);
    }
  }
}

int LineOf(const std::map<std::string, int>& line_of_pointer, std::string pointer) {
  while (true) {
    auto it = line_of_pointer.find(pointer);
    if (it != line_of_pointer.end()) return it->second;
    if (pointer.empty()) return 1;
    pointer.erase(pointer.rfind('/'));
  }
}

Result<YamlDocument> ParseYamlDocument(std::string_view text) {
  YamlDocument doc;
  try {
    std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      return AslError{kErrorName, std::to_string(LineOfMark(documents[1].Mark())) +
                                      ": expected one YAML document, found " +
                                      std::to_string(documents.size())};
    }
    if (documents.empty()) return doc;
    doc.line_of_pointer[""] = LineOfMark(documents[0].Mark());
    doc.value = Converter(&doc.line_of_pointer).Convert(documents[0], "", 0);
  } catch (const ConvertError& e) {
    return AslError{kErrorName, std::to_string(e.line) + ": " + e.message};
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops at 500 levels and calls it "bad file".
    return AslError{kErrorName, std::to_string(LineOfMark(e.mark)) + ": nesting too deep"};
  } catch (const YAML::Exception& e) {
    return AslError{kErrorName, std::to_string(LineOfMark(e.mark)) + ": " + e.msg};
  }
  return doc;
}

}  // namespace sfn::testing
