// mocks/routes_config.cc
#include "mocks/routes_config.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

#include "mocks/file_text.h"
#include "mocks/http/url.h"
#include "mocks/process/program_lookup.h"

namespace sfn::mocks {
namespace {

const char kErrorName[] = "InvalidRoutesConfig";
const char kKinds[] = "exec, http, lambdaEndpoint, return, throw, echo";

AslError Invalid(const std::string& where, const std::string& what) {
  return AslError{kErrorName, where + ": " + what};
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || path[0] == '/') return path;
  return base_dir + "/" + path;
}

// The absolute folder holding `path`, so that programs started later from
// another working directory still find their relative paths.
std::string AbsoluteDirName(const std::string& path) {
  std::error_code ignored;
  return std::filesystem::absolute(path, ignored).lexically_normal().parent_path().string();
}

// Reads a whole file; false with `error` set when it cannot.
const std::string* StringField(const Json& object, const char* key) {
  const Json* value = object.Find(key);
  return value != nullptr && value->is_string() ? &value->AsString() : nullptr;
}

// A name a program can read with getenv: letters, digits and '_', not
// starting with a digit; not one of the SFN_* variables that carry the
// task's identity; a value without NUL (which would cut it short).
Status CheckEnvironmentVariable(const std::string& name, const std::string& value,
                                const std::string& where) {
  const bool valid = !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                     });
  if (!valid)
    return Invalid(where, "\"env\" name \"" + name +
                              "\" is not a variable name (letters, digits and _, not starting "
                              "with a digit)");
  if (name.compare(0, 4, "SFN_") == 0)
    return Invalid(where, "\"env\" name \"" + name +
                              "\" is reserved: sfn-local sets the SFN_* variables for each task");
  if (value.find('\0') != std::string::npos)
    return Invalid(where, "\"env\" value of \"" + name + "\" contains a NUL character");
  return Status::OK();
}

constexpr int kMaxProcesses = 64;

// Parses "persistent" and "processes" (the warm mode of an exec route).
Status ParsePersistent(const Json& spec, const std::string& where, Route* route) {
  if (const Json* persistent = spec.Find("persistent")) {
    if (!persistent->is_bool()) return Invalid(where, "\"persistent\" must be true or false");
    route->persistent = persistent->AsBool();
  }
  const Json* processes = spec.Find("processes");
  if (processes == nullptr) return Status::OK();
  if (!route->persistent)
    return Invalid(where, "\"processes\" applies only with \"persistent\": true");
  double count = processes->is_number() ? processes->AsDouble() : 0;
  if (count < 1 || count > kMaxProcesses || count != static_cast<int>(count))
    return Invalid(
        where, "\"processes\" must be a whole number from 1 to " + std::to_string(kMaxProcesses));
  route->processes = static_cast<int>(count);
  return Status::OK();
}

// Parses "exec" and its companions into `route`.
Status ParseExec(const Json& spec, const std::string& base_dir, const std::string& where,
                 Route* route) {
  const Json* exec = spec.Find("exec");
  if (!exec->is_array() || exec->size() == 0)
    return Invalid(where, "\"exec\" must be a non-empty array of strings");
  for (const Json& arg : exec->AsArray()) {
    if (!arg.is_string()) return Invalid(where, "\"exec\" must be a non-empty array of strings");
    route->argv.push_back(arg.AsString());
  }
  if (route->argv[0].empty()) return Invalid(where, "\"exec\" names an empty program");
  route->cwd = base_dir;
  if (const Json* cwd = spec.Find("cwd")) {
    if (!cwd->is_string() || cwd->AsString().empty())
      return Invalid(where, "\"cwd\" must be a non-empty string");
    route->cwd = ResolvePath(base_dir, cwd->AsString());
  }
  if (Status s = ParsePersistent(spec, where, route); !s.ok()) return s;
  if (const Json* env = spec.Find("env")) {
    if (!env->is_object()) return Invalid(where, "\"env\" must be an object of strings");
    for (const auto& [name, value] : env->AsObject()) {
      if (!value.is_string()) return Invalid(where, "\"env\" must be an object of strings");
      if (Status s = CheckEnvironmentVariable(name, value.AsString(), where); !s.ok()) return s;
      route->env.emplace_back(name, value.AsString());
    }
  }
  return Status::OK();
}

Status ParseUrlField(const Json& spec, const char* key, const std::string& where, Route* route) {
  const std::string* url = StringField(spec, key);
  if (url == nullptr || !ParseUrl(*url))
    return Invalid(where, std::string("\"") + key + "\" must be an http:// or https:// URL");
  route->url = *url;
  return Status::OK();
}

Status ParseThrow(const Json& spec, const std::string& where, Route* route) {
  const Json& thrown = *spec.Find("throw");
  const std::string* error = thrown.is_object() ? StringField(thrown, "error") : nullptr;
  if (error == nullptr && thrown.is_object()) error = StringField(thrown, "Error");
  if (error == nullptr || error->empty())
    return Invalid(where, "\"throw\" must be an object with a string \"error\"");
  route->error = *error;
  const std::string* cause = StringField(thrown, "cause");
  if (cause == nullptr) cause = StringField(thrown, "Cause");
  if (cause != nullptr) route->cause = *cause;
  return Status::OK();
}

// Which kind a route spec names; false when it names none or several.
bool FindKind(const Json& spec, RouteKind* kind, const char** key) {
  static const std::pair<const char*, RouteKind> kKeys[] = {
      {"exec", RouteKind::kExec},     {"http", RouteKind::kHttp},
      {"url", RouteKind::kHttp},      {"lambdaEndpoint", RouteKind::kLambdaEndpoint},
      {"return", RouteKind::kReturn}, {"throw", RouteKind::kThrow},
      {"echo", RouteKind::kEcho}};
  int found = 0;
  for (const auto& [name, value] : kKeys) {
    if (spec.Find(name) == nullptr) continue;
    *kind = value;
    *key = name;
    ++found;
  }
  return found == 1;
}

Status CheckFields(const Json& spec, const std::string& where) {
  static const char* const kKnown[] = {
      "resource",       "exec",    "http",       "url",      "lambdaEndpoint",
      "return",         "throw",   "echo",       "cwd",      "env",
      "timeoutSeconds", "comment", "persistent", "processes"};
  for (const auto& member : spec.AsObject()) {
    bool known = false;
    for (const char* name : kKnown) known = known || member.first == name;
    if (!known) return Invalid(where, "unknown field \"" + member.first + "\"");
  }
  return Status::OK();
}

Status ParseOptions(const Json& spec, RouteKind kind, const std::string& where, Route* route) {
  bool is_exec = kind == RouteKind::kExec;
  if (!is_exec && (spec.Find("cwd") != nullptr || spec.Find("env") != nullptr))
    return Invalid(where, "\"cwd\" and \"env\" apply only to \"exec\" routes");
  if (!is_exec && (spec.Find("persistent") != nullptr || spec.Find("processes") != nullptr))
    return Invalid(where, "\"persistent\" and \"processes\" apply only to \"exec\" routes");
  const Json* timeout = spec.Find("timeoutSeconds");
  if (timeout == nullptr) return Status::OK();
  bool remote = is_exec || kind == RouteKind::kHttp || kind == RouteKind::kLambdaEndpoint;
  if (!remote) return Invalid(where, "\"timeoutSeconds\" applies only to exec and HTTP routes");
  if (!timeout->is_number() || timeout->AsDouble() <= 0)
    return Invalid(where, "\"timeoutSeconds\" must be a positive number");
  route->timeout_seconds = timeout->AsDouble();
  return Status::OK();
}

// That an exec route's working directory and program exist, so that a
// typo fails at start-up rather than at the first task.
Status CheckExecFiles(const Route& route, const std::string& where) {
  std::string error;
  std::string path;
  if (!route.cwd.empty() && !CheckWorkingDirectory(route.cwd, &error)) return Invalid(where, error);
  if (!FindProgram(route.argv[0], route.cwd, &path, &error)) return Invalid(where, error);
  return Status::OK();
}

Result<Route> ParseRoute(const Json& spec, const std::string& base_dir, const std::string& where,
                         bool check_files) {
  if (!spec.is_object()) return Invalid(where, "a route must be an object");
  const std::string* resource = StringField(spec, "resource");
  if (resource == nullptr || resource->empty())
    return Invalid(where, "\"resource\" must be a non-empty string");
  std::string here = where + " (" + *resource + ")";
  if (Status s = CheckFields(spec, here); !s.ok()) return s.error();
  Route route;
  route.resource = *resource;
  const char* key = nullptr;
  if (!FindKind(spec, &route.kind, &key))
    return Invalid(here, std::string("a route needs exactly one of ") + kKinds);
  Status status;
  switch (route.kind) {
    case RouteKind::kExec:
      status = ParseExec(spec, base_dir, here, &route);
      break;
    case RouteKind::kHttp:
    case RouteKind::kLambdaEndpoint:
      status = ParseUrlField(spec, key, here, &route);
      break;
    case RouteKind::kReturn:
      route.value = *spec.Find("return");
      break;
    case RouteKind::kThrow:
      status = ParseThrow(spec, here, &route);
      break;
    case RouteKind::kEcho:
      if (!spec.Find("echo")->is_bool() || !spec.Find("echo")->AsBool())
        status = Invalid(here, "\"echo\" must be true");
      break;
  }
  if (!status.ok()) return status.error();
  if (Status s = ParseOptions(spec, route.kind, here, &route); !s.ok()) return s.error();
  if (check_files && route.kind == RouteKind::kExec) {
    if (Status s = CheckExecFiles(route, here); !s.ok()) return s.error();
  }
  return route;
}

Result<StateMachinePreload> ParsePreload(const Json& spec, const std::string& base_dir,
                                         const std::string& where, bool read_definition) {
  if (!spec.is_object()) return Invalid(where, "a state machine entry must be an object");
  StateMachinePreload preload;
  const std::string* name = StringField(spec, "name");
  if (name == nullptr || name->empty())
    return Invalid(where, "\"name\" must be a non-empty string");
  preload.name = *name;
  const std::string* definition = StringField(spec, "definition");
  if (definition == nullptr || definition->empty())
    return Invalid(where, "\"definition\" must name a definition file");
  preload.definition_path = ResolvePath(base_dir, *definition);
  if (const Json* type = spec.Find("type")) {
    if (!type->is_string() || (type->AsString() != "STANDARD" && type->AsString() != "EXPRESS"))
      return Invalid(where, "\"type\" must be \"STANDARD\" or \"EXPRESS\"");
    preload.type = type->AsString();
  }
  if (const std::string* role = StringField(spec, "roleArn")) preload.role_arn = *role;
  std::string error;
  if (read_definition && !ReadFileText(preload.definition_path, &preload.definition, &error))
    return Invalid(where, "cannot read " + preload.definition_path + ": " + error);
  return preload;
}

}  // namespace

Result<RoutesConfig> ParseRoutesConfig(const Json& doc, const std::string& base_dir,
                                       const std::string& origin, bool read_definitions) {
  if (!doc.is_object())
    return Invalid(origin, "the top level must be an object with \"routes\" and \"stateMachines\"");
  for (const auto& member : doc.AsObject())
    if (member.first != "routes" && member.first != "stateMachines" && member.first != "comment")
      return Invalid(origin, "unknown top-level field \"" + member.first + "\"");
  RoutesConfig config;
  const Json* routes = doc.Find("routes");
  if (routes != nullptr && !routes->is_array())
    return Invalid(origin, "\"routes\" must be an array");
  for (size_t i = 0; routes != nullptr && i < routes->size(); ++i) {
    std::string where = origin + ": routes[" + std::to_string(i) + "]";
    Result<Route> route = ParseRoute(routes->AsArray()[i], base_dir, where, read_definitions);
    if (!route.ok()) return route.error();
    config.routes.push_back(std::move(route).value());
  }
  const Json* machines = doc.Find("stateMachines");
  if (machines != nullptr && !machines->is_array())
    return Invalid(origin, "\"stateMachines\" must be an array");
  for (size_t i = 0; machines != nullptr && i < machines->size(); ++i) {
    std::string where = origin + ": stateMachines[" + std::to_string(i) + "]";
    auto preload = ParsePreload(machines->AsArray()[i], base_dir, where, read_definitions);
    if (!preload.ok()) return preload.error();
    config.state_machines.push_back(std::move(preload).value());
  }
  return config;
}

Result<RoutesConfig> LoadRoutesConfig(const std::string& path) {
  std::string text;
  std::string error;
  if (!ReadFileText(path, &text, &error)) return AslError{kErrorName, path + ": cannot read: " + error};
  JsonParseResult parsed = ParseJson(text);
  if (!parsed.ok)
    return AslError{kErrorName, path + ": not valid JSON at offset " +
                                    std::to_string(parsed.error.offset) + ": " +
                                    parsed.error.message};
  return ParseRoutesConfig(parsed.value, AbsoluteDirName(path), path, /*read_definitions=*/true);
}

}  // namespace sfn::mocks
