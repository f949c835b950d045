// testing/cfn_template.cc
#include "testing/cfn_template.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

namespace sfn::testing {
namespace {

constexpr int kMaxDepth = 1000;

// Thrown inside this file only; CfnTemplate's entry points turn it into an
// AslError.
struct ResolveError {
  std::string pointer;
  std::string message;
};

// `pointer` extended by one member name or index (RFC 6901 escaping).
std::string Child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Child(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::vector<std::string> SplitText(const std::string& text, const std::string& delimiter) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t at = delimiter.empty() ? std::string::npos : text.find(delimiter, start);
    parts.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + delimiter.size();
  }
}

Json StringArray(const std::vector<std::string>& items) {
  Json::Array out(items.begin(), items.end());
  return Json::MakeArray(std::move(out));
}

bool IsIntrinsic(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.AsObject()[0].first;
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

}  // namespace

// Resolves intrinsic functions for one call into CfnTemplate; remembers which
// resources' names are being resolved, to report a cycle instead of looping.
class TemplateResolver {
 public:
  explicit TemplateResolver(const CfnTemplate& t) : t_(t) {}

  Json Value(const Json& value, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) {
      throw ResolveError{pointer, "nesting deeper than " + std::to_string(kMaxDepth) + " levels"};
    }
    if (IsIntrinsic(value)) {
      const Json::Member& call = value.AsObject()[0];
      return Call(call.first, call.second, Child(pointer, call.first), depth);
    }
    if (value.is_array()) {
      Json::Array items;
      for (size_t i = 0; i < value.size(); ++i) {
        items.push_back(Value(value.AsArray()[i], Child(pointer, i), depth + 1));
      }
      return Json::MakeArray(std::move(items));
    }
    if (value.is_object()) {
      Json::Object members;
      for (const Json::Member& m : value.AsObject()) {
        members.emplace_back(m.first, Value(m.second, Child(pointer, m.first), depth + 1));
      }
      return Json::MakeObject(std::move(members));
    }
    return value;
  }

  std::string Name(std::string_view logical_id, const std::string& pointer) {
    const std::string id(logical_id);
    if (std::find(naming_.begin(), naming_.end(), id) != naming_.end()) {
      throw ResolveError{pointer, "circular reference through the name of '" + id + "'"};
    }
    const std::string_view property = NameProperty(t_.TypeOf(id));
    const Json* resource = t_.Resource(id);
    const Json* properties = resource ? resource->Find("Properties") : nullptr;
    const Json* name = properties && !property.empty() ? properties->Find(property) : nullptr;
    if (name == nullptr) return id;
    naming_.push_back(id);
    const std::string where = Child(Child(Child("/Resources", id), "Properties"), property);
    std::string text = Text(Value(*name, where, 0), where, std::string(property));
    naming_.pop_back();
    return text;
  }

 private:
  using Function = Json (TemplateResolver::*)(const Json&, const std::string&, int);

  Json Call(const std::string& name, const Json& argument, const std::string& pointer, int depth) {
    static const std::pair<std::string_view, Function> kFunctions[] = {
        {"Ref", &TemplateResolver::Ref},
        {"Fn::GetAtt", &TemplateResolver::GetAtt},
        {"Fn::Join", &TemplateResolver::Join},
        {"Fn::Sub", &TemplateResolver::Sub},
        {"Fn::Select", &TemplateResolver::Select},
        {"Fn::Split", &TemplateResolver::Split},
        {"Fn::FindInMap", &TemplateResolver::FindInMap},
        {"Fn::GetAZs", &TemplateResolver::GetAZs},
    };
    for (const auto& [fn_name, fn] : kFunctions) {
      if (fn_name == name) return (this->*fn)(argument, pointer, depth + 1);
    }
    throw ResolveError{pointer, "unsupported intrinsic function " + name};
  }

  // A scalar as text, the way CloudFormation joins and substitutes it.
  std::string Text(const Json& value, const std::string& pointer, const std::string& what) {
    if (value.is_string()) return value.AsString();
    if (value.is_number() || value.is_bool()) return Dump(value);
    throw ResolveError{
        pointer, what + " must be a string, not " +
                     (value.is_null() ? "null" : std::string("an ") + TypeName(value.type()))};
  }

  // [a, b, ...] with exactly `count` items, resolved.
  Json::Array Arguments(const Json& argument, const std::string& pointer, int depth, size_t count,
                        const char* shape) {
    const Json resolved = Value(argument, pointer, depth);
    if (!resolved.is_array() || resolved.size() != count) {
      throw ResolveError{pointer, pointer.substr(pointer.rfind('/') + 1) + " needs " + shape};
    }
    return resolved.AsArray();
  }

  Json Ref(const Json& argument, const std::string& pointer, int) {
    if (!argument.is_string()) throw ResolveError{pointer, "Ref needs a name"};
    std::optional<Json> value = Lookup(argument.AsString(), pointer);
    if (!value) {
      throw ResolveError{pointer, "Ref to '" + argument.AsString() +
                                      "': no parameter, pseudo parameter or resource of that name"};
    }
    return *value;
  }

  Json GetAtt(const Json& argument, const std::string& pointer, int depth) {
    if (argument.is_string()) {
      const std::string& text = argument.AsString();
      const size_t dot = text.find('.');
      if (dot != std::string::npos)
        return Attribute(text.substr(0, dot), text.substr(dot + 1), pointer);
    }
    const Json::Array args = Arguments(argument, pointer, depth, 2, "[resource, attribute]");
    return Attribute(Text(args[0], pointer, "Fn::GetAtt's resource"),
                     Text(args[1], pointer, "Fn::GetAtt's attribute"), pointer);
  }

  Json Attribute(const std::string& id, const std::string& attribute, const std::string& pointer) {
    if (t_.Resource(id) == nullptr) {
      throw ResolveError{pointer, "Fn::GetAtt of '" + id + "': no resource of that name"};
    }
    const std::string type = t_.TypeOf(id);
    std::optional<std::string> value =
        AttributeValue(type, Name(id, pointer), attribute, t_.deployment_);
    if (!value) {
      throw ResolveError{pointer, "Fn::GetAtt attribute '" + attribute + "' of '" + id + "' (" +
                                      type +
                                      ") is not supported; Arn, *Arn, *Name and QueueUrl are"};
    }
    return Json(*value);
  }

  Json Join(const Json& argument, const std::string& pointer, int depth) {
    const Json::Array args = Arguments(argument, pointer, depth, 2, "[delimiter, [values]]");
    if (!args[0].is_string() || !args[1].is_array()) {
      throw ResolveError{pointer, "Fn::Join needs [delimiter, [values]]"};
    }
    std::string out;
    for (size_t i = 0; i < args[1].size(); ++i) {
      if (i > 0) out += args[0].AsString();
      out += Text(args[1].AsArray()[i], Child(Child(pointer, 1), i), "a value to join");
    }
    return Json(out);
  }

  Json Sub(const Json& argument, const std::string& pointer, int depth) {
    Json vars = Json::MakeObject({});
    const Json* text = &argument;
    if (argument.is_array() && argument.size() == 2 && argument.AsArray()[1].is_object()) {
      text = &argument.AsArray()[0];
      vars = Value(argument.AsArray()[1], Child(pointer, 1), depth);
    }
    if (!text->is_string()) {
      throw ResolveError{pointer, "Fn::Sub needs a string or [string, {variables}]"};
    }
    return Json(Substitute(text->AsString(), vars, pointer));
  }

  // Replaces each ${X} of `text`; ${!X} stands for the text ${X}.
  std::string Substitute(const std::string& text, const Json& vars, const std::string& pointer) {
    std::string out;
    size_t pos = 0;
    while (true) {
      const size_t open = text.find("${", pos);
      const size_t close = open == std::string::npos ? open : text.find('}', open + 2);
      if (close == std::string::npos) return out + text.substr(pos);
      out += text.substr(pos, open - pos);
      const std::string name = text.substr(open + 2, close - open - 2);
      out += name.rfind('!', 0) == 0 ? "${" + name.substr(1) + "}" : Variable(name, vars, pointer);
      pos = close + 1;
    }
  }

  std::string Variable(const std::string& name, const Json& vars, const std::string& pointer) {
    const std::string what = "Fn::Sub variable '" + name + "'";
    if (const Json* var = vars.Find(name)) return Text(*var, pointer, what);
    const size_t dot = name.find('.');
    if (dot != std::string::npos && t_.Resource(name.substr(0, dot)) != nullptr) {
      return Attribute(name.substr(0, dot), name.substr(dot + 1), pointer).AsString();
    }
    std::optional<Json> value = Lookup(name, pointer);
    if (!value) {
      throw ResolveError{pointer, what + ": no variable, parameter, pseudo parameter or resource " +
                                      "of that name"};
    }
    return Text(*value, pointer, what);
  }

  Json Select(const Json& argument, const std::string& pointer, int depth) {
    const Json::Array args = Arguments(argument, pointer, depth, 2, "[index, [values]]");
    const std::string index_text = Text(args[0], pointer, "Fn::Select's index");
    const bool numeric = !index_text.empty() && index_text.size() < 10 &&
                         std::all_of(index_text.begin(), index_text.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!numeric || !args[1].is_array() || std::stoul(index_text) >= args[1].size()) {
      throw ResolveError{pointer, "Fn::Select index " + index_text + " is not within the " +
                                      std::to_string(args[1].size()) + " values"};
    }
    return args[1].AsArray()[std::stoul(index_text)];
  }

  Json Split(const Json& argument, const std::string& pointer, int depth) {
    const Json::Array args = Arguments(argument, pointer, depth, 2, "[delimiter, string]");
    return StringArray(SplitText(Text(args[1], pointer, "Fn::Split's source"),
                                 Text(args[0], pointer, "Fn::Split's delimiter")));
  }

  Json FindInMap(const Json& argument, const std::string& pointer, int depth) {
    const Json::Array args = Arguments(argument, pointer, depth, 3, "[map, key, key]");
    const Json* found = t_.doc_.Find("Mappings");
    std::string path;
    for (const Json& key : args) {
      const std::string text = Text(key, pointer, "a Fn::FindInMap key");
      path += (path.empty() ? "" : "/") + text;
      found = found ? found->Find(text) : nullptr;
    }
    if (found == nullptr) throw ResolveError{pointer, "Fn::FindInMap: no Mappings entry " + path};
    return *found;
  }

  Json GetAZs(const Json&, const std::string&, int) {
    const std::string& region = t_.deployment_.region;
    return StringArray({region + "a", region + "b", region + "c"});
  }

  // A parameter, pseudo parameter or resource, as Ref sees it.
  std::optional<Json> Lookup(const std::string& name, const std::string& pointer) {
    if (std::optional<Json> parameter = Parameter(name, pointer)) return parameter;
    if (std::optional<std::string> pseudo = PseudoParameter(name, t_.deployment_)) {
      return Json(*pseudo);
    }
    if (t_.Resource(name) == nullptr) return std::nullopt;
    return Json(RefValue(t_.TypeOf(name), Name(name, pointer), t_.deployment_));
  }

  std::optional<Json> Parameter(const std::string& name, const std::string& pointer) {
    const Json* parameters = t_.doc_.Find("Parameters");
    const Json* declared = parameters ? parameters->Find(name) : nullptr;
    const auto given = t_.parameters_.find(name);
    if (declared == nullptr && given == t_.parameters_.end()) return std::nullopt;
    std::string value;
    if (given != t_.parameters_.end()) {
      value = given->second;
    } else if (const Json* fallback = declared->Find("Default")) {
      value = Text(*fallback, Child(Child("/Parameters", name), "Default"), "a Default");
    } else {
      throw ResolveError{pointer, "parameter '" + name + "' has no Default and no value was given"};
    }
    const Json* type = declared ? declared->Find("Type") : nullptr;
    const bool list =
        type && type->is_string() &&
        (type->AsString() == "CommaDelimitedList" || type->AsString().rfind("List<", 0) == 0);
    return list ? StringArray(SplitText(value, ",")) : Json(value);
  }

  const CfnTemplate& t_;
  std::vector<std::string> naming_;
};

CfnTemplate::CfnTemplate(Json doc, Deployment deployment,
                         std::map<std::string, std::string> parameters)
    : doc_(std::move(doc)),
      resources_(*doc_.Find("Resources")),
      deployment_(std::move(deployment)),
      parameters_(std::move(parameters)) {}

bool CfnTemplate::IsTemplate(const Json& doc) {
  const Json* resources = doc.Find("Resources");
  return resources != nullptr && resources->is_object();
}

Result<CfnTemplate> CfnTemplate::Create(Json doc, Deployment deployment,
                                        std::map<std::string, std::string> parameters) {
  if (!IsTemplate(doc)) return AslError{kInvalidTemplate, "no Resources object"};
  return CfnTemplate(std::move(doc), std::move(deployment), std::move(parameters));
}

const Json* CfnTemplate::Resource(std::string_view logical_id) const {
  const Json* resource = resources_.Find(logical_id);
  return resource && resource->is_object() ? resource : nullptr;
}

std::string CfnTemplate::TypeOf(std::string_view logical_id) const {
  const Json* resource = Resource(logical_id);
  const Json* type = resource ? resource->Find("Type") : nullptr;
  return type && type->is_string() ? type->AsString() : std::string();
}

std::vector<std::string> CfnTemplate::LogicalIdsOfType(
    const std::vector<std::string_view>& types) const {
  std::vector<std::string> ids;
  for (const Json::Member& m : resources_.AsObject()) {
    if (std::find(types.begin(), types.end(), TypeOf(m.first)) != types.end()) {
      ids.push_back(m.first);
    }
  }
  return ids;
}

Result<Json> CfnTemplate::Resolve(const Json& value, const std::string& pointer) const {
  try {
    return TemplateResolver(*this).Value(value, pointer, 0);
  } catch (const ResolveError& e) {
    return AslError{kInvalidTemplate, e.pointer + ": " + e.message};
  }
}

Result<std::string> CfnTemplate::PhysicalName(std::string_view logical_id) const {
  try {
    return TemplateResolver(*this).Name(logical_id, Child("/Resources", logical_id));
  } catch (const ResolveError& e) {
    return AslError{kInvalidTemplate, e.pointer + ": " + e.message};
  }
}

}  // namespace sfn::testing
