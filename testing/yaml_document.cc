// testing/yaml_document.cc
#include "testing/yaml_document.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>
#include <set>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sfn::testing {
namespace {

// yaml-cpp's own parser stops at 500 levels; aliases can nest deeper, so the
// conversion counts too.
constexpr int kMaxDepth = 500;
// Aliases can make a small text expand enormously ("billion laughs"); no
// definition, template or test file comes near this many values.
constexpr size_t kMaxValues = 1000000;

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// The conversion's one private error, caught in ParseYamlDocument.
struct ConvertError {
  YAML::Mark mark;
  std::string message;
};

int LineOfMark(const YAML::Mark& mark) { return mark.line < 0 ? 1 : mark.line + 1; }
int ColumnOfMark(const YAML::Mark& mark) { return mark.column < 0 ? 1 : mark.column + 1; }

AslError Invalid(const YAML::Mark& mark, const std::string& message) {
  return AslError{kInvalidYaml, std::to_string(LineOfMark(mark)) + ":" +
                                    std::to_string(ColumnOfMark(mark)) + ": " + message};
}

std::string TooDeep() { return "nesting deeper than " + std::to_string(kMaxDepth) + " levels"; }

// A tag as written: "!!int" for the core schema's, "!Ref" for local ones.
std::string ShownTag(const std::string& tag) {
  if (tag.rfind(kCoreTag, 0) == 0) return "!!" + tag.substr(kCoreTag.size());
  return tag;
}

// ---- Scalars, by the core schema ----

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

// A plain (unquoted, untagged) scalar; yaml-cpp has already made the null
// spellings null nodes.
Json ResolvePlain(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  bool b = false;
  if (IsBool(s, &b)) return Json(b);
  Json number;
  if (ParseInt(s, &number) || ParseFloat(s, &number)) return number;
  if (IsInfinityOrNan(s)) {
    throw ConvertError{node.Mark(), "'" + s + "' cannot be represented in JSON"};
  }
  return Json(s);
}

// A scalar with an explicit core tag (!!str, !!int, ...).
Json ResolveTagged(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  const std::string kind = node.Tag().substr(kCoreTag.size());
  Json value;
  bool b = false;
  if (kind == "str") return Json(s);
  if (kind == "null" && (s.empty() || YAML::IsNullString(s))) return Json();
  if (kind == "bool" && IsBool(s, &b)) return Json(b);
  if (kind == "int" && ParseInt(s, &value)) return value;
  if (kind == "float" && (ParseInt(s, &value) || ParseFloat(s, &value))) {
    return Json(value.AsDouble());
  }
  if (kind != "null" && kind != "bool" && kind != "int" && kind != "float") {
    throw ConvertError{node.Mark(), "unsupported tag '!!" + kind + "'"};
  }
  throw ConvertError{node.Mark(), "'" + s + "' is not a valid !!" + kind};
}

Json ConvertScalar(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag == "!") return Json(node.Scalar());  // quoted, or the non-specific tag
  if (tag == "?" || tag.empty()) return ResolvePlain(node);
  if (tag.rfind(kCoreTag, 0) == 0) return ResolveTagged(node);
  throw ConvertError{node.Mark(), "unsupported tag '" + tag + "'"};
}

// ---- CloudFormation's short forms ----

// The short forms that stand for "Fn::<Name>" (the tag is !Name).
const std::unordered_set<std::string>& FnTags() {
  static const std::unordered_set<std::string> tags = {
      "And",    "Base64",      "Cidr", "Equals",       "FindInMap", "GetAZs",
      "If",     "ImportValue", "Join", "Length",       "Not",       "Or",
      "Select", "Split",       "Sub",  "ToJsonString", "Transform", "GetAtt"};
  return tags;
}

// The long form's key of a short-form tag ("!Sub" -> "Fn::Sub"), or "" when
// `tag` is none.
std::string LongFormKey(const std::string& tag) {
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return "";
  const std::string name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return name;
  return FnTags().count(name) > 0 ? "Fn::" + name : "";
}

// "Queue.Attr.Nested" -> ["Queue", "Attr.Nested"], as !GetAtt's scalar form.
Json SplitGetAtt(const YAML::Node& node, const std::string& text) {
  const size_t dot = text.find('.');
  if (dot == std::string::npos) {
    throw ConvertError{node.Mark(), "!GetAtt needs Resource.Attribute, not '" + text + "'"};
  }
  return Json::MakeArray({Json(text.substr(0, dot)), Json(text.substr(dot + 1))});
}

// ---- Collections, with the line map ----

// Converts one document; records lines into `lines` (borrowed for the
// converter's lifetime) as it goes.
class Converter {
 public:
  explicit Converter(std::map<std::string, int>* lines) : lines_(lines) {}

  Json Convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) throw ConvertError{node.Mark(), TooDeep()};
    if (++values_ > kMaxValues) {
      throw ConvertError{node.Mark(),
                         "aliases expand to more than " + std::to_string(kMaxValues) + " values"};
    }
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag[0] == '!' && tag != "!") return ShortForm(node, pointer, depth);
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        return ConvertScalar(node);
      case YAML::NodeType::Sequence:
        CheckCollectionTag(node, "seq");
        return ConvertSequence(node, pointer, depth);
      case YAML::NodeType::Map:
        CheckCollectionTag(node, "map");
        return ConvertMap(node, pointer, depth);
      default:
        return Json();
    }
  }

 private:
  void Record(const std::string& pointer, const YAML::Mark& mark) {
    if (lines_ != nullptr) (*lines_)[pointer] = LineOfMark(mark);
  }

  static std::string Child(const std::string& pointer, std::string_view token) {
    std::string child = pointer;
    AppendPointerToken(token, &child);
    return child;
  }

  static void CheckCollectionTag(const YAML::Node& node, const std::string& kind) {
    const std::string& tag = node.Tag();
    if (tag.empty() || tag == "?" || tag == "!" || tag == std::string(kCoreTag) + kind) return;
    throw ConvertError{node.Mark(), "unsupported tag '" + ShownTag(tag) + "'"};
  }

  Json ConvertSequence(const YAML::Node& node, const std::string& pointer, int depth) {
    Json::Array items;
    items.reserve(node.size());
    for (const YAML::Node& item : node) {
      const std::string item_pointer = Child(pointer, std::to_string(items.size()));
      Record(item_pointer, item.Mark());
      items.push_back(Convert(item, item_pointer, depth + 1));
    }
    return Json::MakeArray(std::move(items));
  }

  Json ConvertMap(const YAML::Node& node, const std::string& pointer, int depth) {
    Json::Object members;
    std::unordered_set<std::string> seen;
    std::vector<std::pair<YAML::Node, YAML::Node>> merges;  // `<<` keys and values
    for (const auto& member : node) {
      const YAML::Node& key = member.first;
      if (!key.IsScalar() && !key.IsNull()) {
        throw ConvertError{key.Mark(), "a mapping key must be a scalar"};
      }
      if (key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<") {
        merges.emplace_back(key, member.second);
        continue;
      }
      std::string name = key.IsNull() ? "null" : key.Scalar();
      if (!seen.insert(name).second) {
        throw ConvertError{key.Mark(), "duplicate key '" + name + "'"};
      }
      const std::string member_pointer = Child(pointer, name);
      Record(member_pointer, key.Mark());
      members.emplace_back(std::move(name), Convert(member.second, member_pointer, depth + 1));
    }
    for (const auto& [key, value] : merges) Merge(key, value, pointer, depth, &members, &seen);
    return Json::MakeObject(std::move(members));
  }

  // YAML's merge key (`<<: *base` or `<<: [*a, *b]`), which shared fixtures
  // use: members the mapping lacks are added after its own, each at the
  // line of the `<<` (the merged values' own lines belong to their anchors).
  void Merge(const YAML::Node& key, const YAML::Node& value, const std::string& pointer, int depth,
             Json::Object* members, std::unordered_set<std::string>* seen) {
    std::map<std::string, int>* lines = std::exchange(lines_, nullptr);
    const Json merged = Convert(value, pointer, depth + 1);
    lines_ = lines;
    const Json::Array sources = merged.is_array() ? merged.AsArray() : Json::Array{merged};
    for (const Json& source : sources) {
      if (!source.is_object()) {
        throw ConvertError{key.Mark(), "<< merges a mapping or a list of mappings"};
      }
      for (const Json::Member& m : source.AsObject()) {
        if (!seen->insert(m.first).second) continue;
        Record(Child(pointer, m.first), key.Mark());
        members->push_back(m);
      }
    }
  }

  // `!Name value` -> {"<long form key>": value}; a scalar argument is a
  // string whatever it looks like (`!Ref 123` -> {"Ref": "123"}).
  Json ShortForm(const YAML::Node& node, const std::string& pointer, int depth) {
    const std::string key = LongFormKey(node.Tag());
    if (key.empty()) throw ConvertError{node.Mark(), "unsupported tag '" + node.Tag() + "'"};
    const std::string inner = Child(pointer, key);
    Record(inner, node.Mark());
    Json argument;
    if (node.IsSequence()) {
      argument = ConvertSequence(node, inner, depth + 1);
    } else if (node.IsMap()) {
      argument = ConvertMap(node, inner, depth + 1);
    } else {
      const std::string text = node.IsScalar() ? node.Scalar() : std::string();
      argument = key == "Fn::GetAtt" ? SplitGetAtt(node, text) : Json(text);
    }
    return Json::MakeObject({{key, std::move(argument)}});
  }

  std::map<std::string, int>* lines_;  // borrowed; null while converting a merge
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
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      return Invalid(documents[1].Mark(),
                     "expected one YAML document, found " + std::to_string(documents.size()));
    }
    if (documents.empty()) return doc;
    doc.line_of_pointer[""] = LineOfMark(documents[0].Mark());
    doc.value = Converter(&doc.line_of_pointer).Convert(documents[0], "", 0);
  } catch (const ConvertError& e) {
    return Invalid(e.mark, e.message);
  } catch (const YAML::DeepRecursion& e) {
    return Invalid(e.mark, TooDeep());  // yaml-cpp's own words are "bad file"
  } catch (const YAML::Exception& e) {
    return Invalid(e.mark, "not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return Invalid(YAML::Mark::null_mark(), e.what());
  }
  return doc;
}

}  // namespace sfn::testing
