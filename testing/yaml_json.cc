// testing/yaml_json.cc
#include "testing/yaml_json.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <regex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sfn::testing {
namespace {

constexpr int kMaxDepth = 500;
constexpr size_t kMaxValues = 1000000;

// Thrown inside this file only; YamlToJson turns it into an AslError.
struct ConvertError {
  YAML::Mark mark;
  std::string message;
};

// CloudFormation's short forms that stand for "Fn::<Name>" (the tag is !Name).
const std::unordered_set<std::string>& FnTags() {
  static const std::unordered_set<std::string> tags = {
      "And",    "Base64",      "Cidr", "Equals",       "FindInMap", "GetAZs",
      "If",     "ImportValue", "Join", "Length",       "Not",       "Or",
      "Select", "Split",       "Sub",  "ToJsonString", "Transform", "GetAtt"};
  return tags;
}

std::string Where(const YAML::Mark& mark) {
  if (mark.is_null()) return "";
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) +
         ": ";
}

// Integer text YAML allows but JSON does not ("+1", "007") in JSON's form.
std::string JsonDecimalText(std::string s) {
  if (!s.empty() && s[0] == '+') s.erase(0, 1);
  const size_t digits = (!s.empty() && s[0] == '-') ? 1 : 0;
  size_t first = digits;
  while (first + 1 < s.size() && s[first] == '0' &&
         std::isdigit(static_cast<unsigned char>(s[first + 1]))) {
    ++first;
  }
  s.erase(digits, first - digits);
  if (s.size() > digits && s[digits] == '.') s.insert(digits, "0");
  const size_t dot = s.find('.');
  if (dot != std::string::npos &&
      (dot + 1 == s.size() || !std::isdigit(static_cast<unsigned char>(s[dot + 1])))) {
    s.insert(dot + 1, "0");
  }
  return s;
}

// A plain (unquoted, untagged) scalar under YAML 1.2's core schema.
Json PlainScalar(const std::string& s) {
  static const std::regex kNull("null|Null|NULL|~|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kDecimal(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  static const std::regex kOctal("0o[0-7]+");
  static const std::regex kHex("0x[0-9a-fA-F]+");
  if (std::regex_match(s, kNull)) return Json();
  if (std::regex_match(s, kTrue)) return Json(true);
  if (std::regex_match(s, kFalse)) return Json(false);
  if (std::regex_match(s, kDecimal)) {
    JsonParseResult parsed = ParseJson(JsonDecimalText(s));
    if (parsed.ok) return parsed.value;
  }
  const bool octal = std::regex_match(s, kOctal);
  if (octal || std::regex_match(s, kHex)) {
    errno = 0;
    const long long value = std::strtoll(s.c_str() + 2, nullptr, octal ? 8 : 16);
    if (errno == 0) return Json(static_cast<int64_t>(value));
  }
  return Json(s);
}

class Converter {
 public:
  Json Convert(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) {
      throw ConvertError{node.Mark(),
                         "nesting deeper than " + std::to_string(kMaxDepth) + " levels"};
    }
    if (++values_ > kMaxValues) {
      throw ConvertError{node.Mark(),
                         "aliases expand to more than " + std::to_string(kMaxValues) + " values"};
    }
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag != "?" && tag != "!" && tag.rfind("tag:yaml.org,2002:", 0) != 0) {
      return ShortForm(node, tag, depth);
    }
    switch (node.Type()) {
      case YAML::NodeType::Sequence:
        return Sequence(node, depth);
      case YAML::NodeType::Map:
        return Map(node, depth);
      case YAML::NodeType::Scalar:
        return Scalar(node);
      default:
        return Json();
    }
  }

 private:
  Json Scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return Json(node.Scalar());
    return PlainScalar(node.Scalar());
  }

  Json Sequence(const YAML::Node& node, int depth) {
    Json::Array items;
    items.reserve(node.size());
    for (const YAML::Node& item : node) items.push_back(Convert(item, depth + 1));
    return Json::MakeArray(std::move(items));
  }

  Json Map(const YAML::Node& node, int depth) {
    Json::Object members;
    std::unordered_set<std::string> seen;
    std::vector<std::pair<YAML::Mark, Json>> merges;  // values of `<<` keys
    for (const auto& member : node) {
      const YAML::Node& key = member.first;
      if (!key.IsScalar() && !key.IsNull()) {
        throw ConvertError{key.Mark(), "a mapping key must be a scalar"};
      }
      if (key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<") {
        merges.emplace_back(key.Mark(), Convert(member.second, depth + 1));
        continue;
      }
      std::string name = key.IsNull() ? "null" : key.Scalar();
      if (!seen.insert(name).second) {
        throw ConvertError{key.Mark(), "duplicate key '" + name + "'"};
      }
      members.emplace_back(std::move(name), Convert(member.second, depth + 1));
    }
    for (const auto& [mark, value] : merges) Merge(mark, value, &members, &seen);
    return Json::MakeObject(std::move(members));
  }

  // YAML's merge key (`<<: *base` or `<<: [*a, *b]`), which shared test
  // fixtures use: members the mapping lacks are added after its own, and
  // an earlier merged mapping wins over a later one.
  static void Merge(const YAML::Mark& mark, const Json& value, Json::Object* members,
                    std::unordered_set<std::string>* seen) {
    const Json::Array sources = value.is_array() ? value.AsArray() : Json::Array{value};
    for (const Json& source : sources) {
      if (!source.is_object()) {
        throw ConvertError{mark, "<< merges a mapping or a list of mappings"};
      }
      for (const Json::Member& m : source.AsObject()) {
        if (seen->insert(m.first).second) members->push_back(m);
      }
    }
  }

  // `!Name value`: the argument of a short form is a string when scalar.
  Json ShortForm(const YAML::Node& node, const std::string& tag, int depth) {
    const std::string name = tag.substr(1);
    Json argument;
    if (node.IsSequence()) {
      argument = Sequence(node, depth);
    } else if (node.IsMap()) {
      argument = Map(node, depth);
    } else {
      argument = Json(node.IsScalar() ? node.Scalar() : std::string());
    }
    if (tag == "!Ref" || tag == "!Condition") return Json::MakeObject({{name, argument}});
    if (tag[0] != '!' || FnTags().count(name) == 0) {
      throw ConvertError{node.Mark(), "unknown tag " + tag};
    }
    if (name == "GetAtt" && argument.is_string()) {
      const std::string& text = argument.AsString();
      const size_t dot = text.find('.');
      if (dot == std::string::npos) {
        throw ConvertError{node.Mark(), "!GetAtt needs Resource.Attribute, not '" + text + "'"};
      }
      argument = Json::MakeArray({Json(text.substr(0, dot)), Json(text.substr(dot + 1))});
    }
    return Json::MakeObject({{"Fn::" + name, argument}});
  }

  size_t values_ = 0;
};

}  // namespace

Result<Json> YamlToJson(std::string_view text) {
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.empty()) return Json();
    if (documents.size() > 1) {
      return AslError{kInvalidYaml,
                      Where(documents[1].Mark()) + "a second document; a file holds one"};
    }
    return Converter().Convert(documents[0], 0);
  } catch (const ConvertError& e) {
    return AslError{kInvalidYaml, Where(e.mark) + e.message};
  } catch (const YAML::DeepRecursion&) {
    // yaml-cpp stops at about the same depth, with no useful position.
    return AslError{kInvalidYaml, "nesting deeper than " + std::to_string(kMaxDepth) + " levels"};
  } catch (const YAML::Exception& e) {
    return AslError{kInvalidYaml, Where(e.mark) + e.msg};
  } catch (const std::exception& e) {
    return AslError{kInvalidYaml, e.what()};
  }
}

}  // namespace sfn::testing
