// testing/definition_source.cc
#include "testing/definition_source.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "testing/cfn_template.h"
#include "testing/document_file.h"

namespace sfn::testing {
namespace {

constexpr char kCfnType[] = "AWS::StepFunctions::StateMachine";
constexpr char kSamType[] = "AWS::Serverless::StateMachine";

AslError Fail(const std::string& origin, const std::string& message) {
  return AslError{kInvalidDefinitionSource, origin + ": " + message};
}

// Another module's error, re-labelled; its cause already names the file.
AslError Relabel(const AslError& error, const std::string& prefix = "") {
  return AslError{kInvalidDefinitionSource, prefix + error.cause};
}

// "path#Id" -> {path, Id}; a path that exists as given wins over splitting.
std::pair<std::string, std::string> SplitReference(const std::string& reference) {
  const size_t hash = reference.rfind('#');
  std::error_code ignored;
  if (hash == std::string::npos || std::filesystem::exists(reference, ignored)) {
    return {reference, ""};
  }
  return {reference.substr(0, hash), reference.substr(hash + 1)};
}

// "flows/orders.asl.json" -> "orders".
std::string FileStem(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* suffix : {".json", ".yaml", ".yml", ".asl"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      name.resize(name.size() - s.size());
    }
  }
  return name;
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The logical id `wanted` names, or the template's only state machine.
Result<std::string> ChooseStateMachine(const CfnTemplate& tpl, const std::string& path,
                                       const std::string& wanted) {
  const std::vector<std::string> ids = tpl.LogicalIdsOfType({kCfnType, kSamType});
  if (ids.empty()) {
    return Fail(path, std::string("the template has no state machine (") + kCfnType + " or " +
                          kSamType + ")");
  }
  if (wanted.empty()) {
    if (ids.size() == 1) return ids[0];
    return Fail(path, "the template has " + std::to_string(ids.size()) +
                          " state machines; name one as " + path + "#LogicalId: " + JoinIds(ids));
  }
  if (std::find(ids.begin(), ids.end(), wanted) != ids.end()) return wanted;
  const std::string type = tpl.TypeOf(wanted);
  const std::string what =
      tpl.Resource(wanted) == nullptr
          ? "no state machine '" + wanted + "'"
          : "'" + wanted + "' is " + (type.empty() ? "untyped" : type) + ", not a state machine";
  return Fail(path, what + "; the template's state machines: " + JoinIds(ids));
}

// The state machine's properties while reading one from a template.
struct Machine {
  const CfnTemplate* tpl;  // borrowed for the call
  std::string path;        // the template file
  std::string origin;      // path#Id
  std::string pointer;     // "/Resources/Id/Properties"
  Json properties;
  bool sam = false;
};

// A property with its intrinsic functions resolved; null when absent.
Result<Json> Property(const Machine& m, const char* name) {
  const Json* value = m.properties.Find(name);
  if (value == nullptr) return Json();
  Result<Json> resolved = m.tpl->Resolve(*value, m.pointer + "/" + name);
  if (!resolved.ok()) return Relabel(resolved.error(), m.origin + ": ");
  return resolved;
}

Result<std::string> DefinitionObject(const Machine& m) {
  Result<Json> definition = Property(m, "Definition");
  if (!definition.ok()) return definition.error();
  if (!definition.value().is_object()) {
    return Fail(m.origin, m.pointer + "/Definition must be an object, not " +
                              TypeName(definition.value().type()));
  }
  return Dump(definition.value());
}

// SAM's DefinitionUri: a local ASL file. JSON is taken as text, since it
// may hold ${Name} where a number goes until DefinitionSubstitutions apply;
// YAML is converted. SAM resolves no intrinsic functions inside the file.
Result<std::string> DefinitionUri(const Machine& m) {
  const Json& uri = *m.properties.Find("DefinitionUri");
  if (!uri.is_string() || uri.AsString().rfind("s3://", 0) == 0) {
    return Fail(m.origin, "DefinitionUri in S3 is not supported; use a local file or Definition");
  }
  const std::string file =
      (std::filesystem::path(m.path).parent_path() / uri.AsString()).lexically_normal().string();
  const std::string prefix = m.origin + ": DefinitionUri: ";
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) return Relabel(text.error(), prefix);
  if (!LooksLikeYaml(file, text.value())) return text;
  Result<Document> doc = ParseDocument(std::move(text).value(), file, /*yaml=*/true);
  if (!doc.ok()) return Relabel(doc.error(), prefix);
  return Dump(doc.value().value);
}

Result<std::string> DefinitionString(const Machine& m) {
  Result<Json> text = Property(m, "DefinitionString");
  if (!text.ok()) return text.error();
  if (!text.value().is_string()) {
    return Fail(m.origin, m.pointer + "/DefinitionString must be a string, not " +
                              TypeName(text.value().type()));
  }
  return text.value().AsString();
}

// The definition text, before DefinitionSubstitutions.
Result<std::string> DefinitionText(const Machine& m) {
  if (m.properties.Find("Definition")) return DefinitionObject(m);
  if (m.sam) {
    if (m.properties.Find("DefinitionUri")) return DefinitionUri(m);
    return Fail(m.origin, "the state machine has no Definition or DefinitionUri");
  }
  if (m.properties.Find("DefinitionString")) return DefinitionString(m);
  if (m.properties.Find("DefinitionS3Location")) {
    return Fail(m.origin,
                "DefinitionS3Location is not supported; use Definition or DefinitionString, or "
                "load the definition file itself");
  }
  return Fail(m.origin,
              "the state machine has no Definition, DefinitionString or "
              "DefinitionS3Location");
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at)) {
    text->replace(at, from.size(), to);
    at += to.size();
  }
}

// DefinitionSubstitutions: each ${Key} of the text becomes the value, as
// text, the way AWS replaces them (before the definition is parsed).
Status Substitute(const Machine& m, std::string* text) {
  Result<Json> map = Property(m, "DefinitionSubstitutions");
  if (!map.ok()) return map.error();
  if (map.value().is_null()) return Status::OK();
  const std::string where = m.pointer + "/DefinitionSubstitutions";
  if (!map.value().is_object()) return Fail(m.origin, where + " must be an object");
  for (const auto& [key, value] : map.value().AsObject()) {
    if (!value.is_string() && !value.is_number() && !value.is_bool()) {
      return Fail(m.origin, where + "/" + key + " must be a string, number or boolean, not " +
                                TypeName(value.type()));
    }
    ReplaceAll(text, "${" + key + "}", value.is_string() ? value.AsString() : Dump(value));
  }
  return Status::OK();
}

Result<std::string> MachineType(const Machine& m) {
  const char* name = m.sam ? "Type" : "StateMachineType";
  Result<Json> type = Property(m, name);
  if (!type.ok()) return type.error();
  if (type.value().is_null()) return std::string("STANDARD");
  if (type.value() == Json("STANDARD") || type.value() == Json("EXPRESS")) {
    return type.value().AsString();
  }
  return Fail(m.origin, m.pointer + "/" + name + " must be STANDARD or EXPRESS, not " +
                            (type.value().is_string() ? "'" + type.value().AsString() + "'"
                                                      : Dump(type.value())));
}

Result<LoadedDefinition> FromTemplate(const CfnTemplate& tpl, const std::string& path,
                                      const std::string& wanted) {
  Result<std::string> id = ChooseStateMachine(tpl, path, wanted);
  if (!id.ok()) return id.error();
  LoadedDefinition out;
  out.path = path;
  out.logical_id = id.value();
  out.origin = path + "#" + out.logical_id;
  const Json* properties = tpl.Resource(out.logical_id)->Find("Properties");
  Machine m{&tpl,
            path,
            out.origin,
            "/Resources/" + out.logical_id + "/Properties",
            properties && properties->is_object() ? *properties : Json::MakeObject({}),
            tpl.TypeOf(out.logical_id) == kSamType};
  Result<std::string> text = DefinitionText(m);
  if (!text.ok()) return text.error();
  out.definition = std::move(text).value();
  if (Status s = Substitute(m, &out.definition); !s.ok()) return s.error();
  Result<std::string> name = tpl.PhysicalName(out.logical_id);
  if (!name.ok()) return Relabel(name.error(), out.origin + ": ");
  out.name = name.value();
  Result<std::string> type = MachineType(m);
  if (!type.ok()) return type.error();
  out.type = type.value();
  return out;
}

}  // namespace

Result<LoadedDefinition> LoadDefinition(const std::string& reference,
                                        const DefinitionSourceOptions& options) {
  const auto [path, logical_id] = SplitReference(reference);
  Result<Document> doc = ReadDocument(path);
  if (!doc.ok()) return Relabel(doc.error());
  if (CfnTemplate::IsTemplate(doc.value().value)) {
    Deployment deployment{options.region, options.account, options.stack_name};
    Result<CfnTemplate> tpl =
        CfnTemplate::Create(doc.value().value, std::move(deployment), options.parameters);
    if (!tpl.ok()) return Fail(path, tpl.error().cause);
    return FromTemplate(tpl.value(), path, logical_id);
  }
  if (!logical_id.empty()) {
    return Fail(path, "not a CloudFormation template (no Resources object), so '#" + logical_id +
                          "' names nothing");
  }
  LoadedDefinition out;
  out.definition = doc.value().yaml ? Dump(doc.value().value) : doc.value().text;
  out.name = FileStem(path);
  out.origin = path;
  out.path = path;
  return out;
}

}  // namespace sfn::testing
