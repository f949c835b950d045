// asl/definition/parser.cc
//
// ParseDefinition: JSON text -> StateMachine or AWS's diagnostics. This file
// holds the entry point, the top level and programs ({StartAt, States}),
// and the wording of the InvalidDefinition message. States are built in
// definition_states.cc, definition_choice.cc and definition_map.cc.
#include "asl/definition/parser.h"

#include <algorithm>
#include <utility>

#include "asl/definition/definition.h"
#include "asl/definition/builder.h"
#include "asl/definition/json_syntax.h"
#include "asl/definition/validator.h"

namespace sfn::asl {
namespace internal {

std::string PrintedLocation(const std::string& location) {
  return location.empty() ? "/" : location;
}

void Builder::Error(const std::string& location, std::string message, const char* code) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  d.location = PrintedLocation(location);
  diagnostics_.push_back(std::move(d));
}

void Builder::UnlocatedError(std::string message, const char* code) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
}

void Builder::ValueError(std::string message) {
  if (value_error_.empty()) value_error_ = std::move(message);
}

void Builder::NoteVariable(const std::string& state, const std::string& variable) {
  // $states is the reserved JSONata input/context variable, not an Assign one.
  if (variable.empty() || variable == "states") return;
  variables_[state].insert(variable);
}

void Builder::NoteVariables(const std::string& state, const std::vector<std::string>& variables) {
  for (const std::string& v : variables) NoteVariable(state, v);
}

Json Builder::VariableReferences() const {
  // AWS lists states and names in sorted order; null when nothing is read.
  if (variables_.empty()) return Json();
  Json::Object members;
  for (const auto& [state, names] : variables_) {
    Json::Array list(names.begin(), names.end());
    members.emplace_back(state, Json::MakeArray(std::move(list)));
  }
  return Json::MakeObject(std::move(members));
}

const Json* StateContext::Field(std::string_view key) const {
  if (hidden.count(std::string(key))) return nullptr;
  return obj.Find(key);
}

void StateContext::Error(std::string_view field, std::string message) const {
  b.Error(At(field), std::move(message));
}

namespace {

// "These fields are required: [States, StartAt]" lists States first, as AWS does.
bool CheckProgramShape(Builder& b, const Json& obj, const std::string& location,
                       const std::vector<std::string>& extra_fields) {
  for (const auto& [key, value] : obj.AsObject()) {
    (void)value;
    if (key == "StartAt" || key == "States") continue;
    if (std::find(extra_fields.begin(), extra_fields.end(), key) != extra_fields.end()) continue;
    b.Error(location, "Field '" + key + "' is not supported");
  }
  std::vector<std::string> missing;
  if (!obj.Find("States")) missing.push_back("States");
  if (!obj.Find("StartAt")) missing.push_back("StartAt");
  if (!missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
    b.Error(location, "These fields are required: [" + list + "]");
    return false;
  }
  bool ok = true;
  if (!obj.Find("StartAt")->is_string()) {
    b.Error(location + "/StartAt", "Expected value of type: String");
    ok = false;
  }
  if (!obj.Find("States")->is_object()) {
    b.Error(location + "/States", "Expected value of type: Object");
    ok = false;
  } else if (obj.Find("States")->AsObject().empty()) {
    b.Error(location + "/States", "Value cannot be empty");
    ok = false;
  }
  return ok;
}

}  // namespace

namespace {

// AWS's limit on a state name, in characters (Unicode code points).
constexpr size_t kMaxStateNameLength = 80;

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

std::shared_ptr<Program> BuildProgram(Builder& b, const Json& obj, const std::string& location,
                                      QueryLanguage ql,
                                      const std::vector<std::string>& extra_fields) {
  auto program = std::make_shared<Program>();
  size_t errors_before = b.error_count();
  if (!CheckProgramShape(b, obj, location, extra_fields)) return program;
  if (const Json* comment = obj.Find("Comment"); comment && !comment->is_string()) {
    b.Error(location + "/Comment", "Expected value of type: String");
  }
  program->start_at = obj.Find("StartAt")->AsString();
  for (const auto& [name, value] : obj.Find("States")->AsObject()) {
    if (!b.NoteStateName(name)) {
      b.Error(location + "/States/" + name, "Duplicate State name: " + name, kDuplicateStateName);
    }
    if (CodePoints(name) > kMaxStateNameLength) {
      b.Error(location + "/States/" + name,
              "Invalid State name: State '" + name +
                  "' exceeds the 80-character limit allowed by the service",
              kInvalidStateName);
    }
    std::unique_ptr<State> state = BuildState(b, name, value, location + "/States/" + name, ql);
    if (!state) continue;
    program->by_name[name] = state.get();
    program->states.push_back(std::move(state));
  }
  // Transition checks on a half-built program would report states as
  // unreachable only because a broken neighbour was skipped.
  if (b.error_count() == errors_before) ValidateTransitions(b, *program, location);
  return program;
}

namespace {

// Jackson's default nesting limit; it also bounds the builder's recursion.
constexpr size_t kMaxNestingDepth = 1000;

const std::vector<std::string> kTopLevelExtras = {"Comment", "TimeoutSeconds", "Version",
                                                  "QueryLanguage"};

bool ReadQueryLanguage(Builder& b, const Json& obj, const std::string& location,
                       QueryLanguage* out) {
  const Json* ql = obj.Find("QueryLanguage");
  if (!ql) return true;
  if (ql->is_string() && ql->AsString() == "JSONPath") {
    *out = QueryLanguage::kJsonPath;
  } else if (ql->is_string() && ql->AsString() == "JSONata") {
    *out = QueryLanguage::kJsonata;
  } else {
    b.Error(location + "/QueryLanguage",
            "Value should be one of the following: [JSONPath, JSONata]");
    return false;
  }
  return true;
}

void ReadTopLevelScalars(Builder& b, const Json& obj, StateMachine* machine) {
  if (const Json* comment = obj.Find("Comment")) {
    if (comment->is_string()) machine->comment = comment->AsString();
  }
  if (const Json* version = obj.Find("Version")) {
    if (!version->is_string()) {
      b.Error("/Version", "Expected value of type: String");
    } else if (version->AsString() != "1.0") {
      b.Error("/Version", "Value should be one of the following: [1.0]");
    } else {
      machine->version = version->AsString();
    }
  }
  if (const Json* timeout = obj.Find("TimeoutSeconds")) {
    if (!timeout->is_int()) {
      b.Error("/TimeoutSeconds", "Expected value of type: Integer");
    } else if (timeout->AsInt() < 1 || timeout->AsInt() > 99999999) {
      b.Error("/TimeoutSeconds", "Value should be between 1 and 99999999");
    } else {
      machine->timeout_seconds = timeout->AsInt();
    }
  }
}

std::shared_ptr<StateMachine> BuildMachine(Builder& b, const Json& root, std::string_view text) {
  auto machine = std::make_shared<StateMachine>();
  machine->definition = std::string(text);
  QueryLanguage ql = QueryLanguage::kJsonPath;
  ReadQueryLanguage(b, root, "", &ql);
  machine->query_language = ql;
  b.set_top_level_ql(ql);
  ReadTopLevelScalars(b, root, machine.get());
  std::shared_ptr<Program> program = BuildProgram(b, root, "", ql, kTopLevelExtras);
  machine->program = std::move(*program);
  machine->variable_references = b.VariableReferences();
  return machine;
}

bool OnlyWhitespace(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Python's repr() of a str: the Label errors are printed that way.
std::string PythonRepr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == quote) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

}  // namespace
}  // namespace internal

std::string FormatInvalidDefinitionMessage(const std::vector<Diagnostic>& diagnostics) {
  std::string joined;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != "ERROR") continue;
    if (!joined.empty()) joined += ", ";
    joined += d.code + ": " + d.message;
    // A JSON syntax message already ends with its "[Source: ...]" location.
    if (!d.location.empty() && d.code != internal::kInvalidJsonDescription) {
      joined += " at " + d.location;
    } else if (d.code == internal::kMissingEndState) {
      joined += " at null";  // AWS names no location for it
    }
  }
  return "Invalid State Machine Definition: '" + joined + "'";
}

namespace internal {
namespace {

// Reads the text as AWS's Jackson does; on failure, adds the diagnostic.
bool ReadDefinitionJson(std::string_view text, Json* root, std::vector<Diagnostic>* out) {
  JsonParseResult parsed = ParseJson(text, kMaxNestingDepth);
  bool too_deep = !parsed.ok && parsed.error.message == "Document nested too deeply";
  if (!parsed.ok && !too_deep) {
    if (size_t length = FirstDocumentLength(text)) {
      parsed = ParseJson(text.substr(0, length), kMaxNestingDepth);
    }
  }
  Diagnostic d;
  if (too_deep) {
    d.code = kInvalidJsonDescription;
    d.message = "Document nesting depth (" + std::to_string(kMaxNestingDepth + 1) +
                ") exceeds the maximum allowed (" + std::to_string(kMaxNestingDepth) +
                ", from `StreamReadConstraints.getMaxNestingDepth()`)";
  } else if (!parsed.ok && !OnlyWhitespace(text)) {
    d = JsonSyntaxDiagnostic(text);
  } else if (!parsed.ok || !parsed.value.is_object()) {
    // Jackson reads empty text as a missing node, which is not an object.
    d.code = kSchemaValidationFailed;
    d.message = "Definition must be a valid JSON object";
  } else {
    *root = std::move(parsed.value);
    return true;
  }
  out->push_back(std::move(d));
  return false;
}

}  // namespace
}  // namespace internal

ParseResult ParseDefinition(std::string_view text, const ParseOptions& options) {
  using namespace internal;
  ParseResult result;
  Builder b(options.type == "EXPRESS");
  std::shared_ptr<StateMachine> machine;
  Json root;
  if (ReadDefinitionJson(text, &root, &result.diagnostics)) {
    machine = BuildMachine(b, root, text);
    result.diagnostics = b.TakeDiagnostics();
  }
  if (!b.value_error().empty()) {
    result.invalid_definition_message = "Error=ValueError Args=[" + PythonRepr(b.value_error()) +
                                        "] in definition '" + std::string(text) + "'.";
    return result;
  }
  // Only ERROR diagnostics refuse the definition; WARNINGs are advice.
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != "ERROR") continue;
    result.invalid_definition_message = FormatInvalidDefinitionMessage(result.diagnostics);
    return result;
  }
  result.machine = std::move(machine);
  return result;
}

}  // namespace sfn::asl
