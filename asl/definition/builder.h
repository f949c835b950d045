// asl/definition/builder.h
//
// Internal to the definition parser (definition_*.cc, validator.cc): the
// per-parse Builder that collects AWS-worded diagnostics, and the
// StateContext through which one state's JSON object is read. A Builder
// lives for one ParseDefinition call on one thread; nothing here is shared.
// Locations are JSON-Pointer-like paths as AWS prints them: "" is the root
// (printed "/"), "/States/A", "/States/P/Branches[0]/States/B/Next".
#ifndef SFN_ASL_DEFINITION_BUILDER_H_
#define SFN_ASL_DEFINITION_BUILDER_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/definition/definition.h"
#include "asl/definition/diagnostic.h"
#include "asl/core/json.h"

namespace sfn::asl::internal {

inline constexpr char kSchemaValidationFailed[] = "SCHEMA_VALIDATION_FAILED";
inline constexpr char kMissingTransitionTarget[] = "MISSING_TRANSITION_TARGET";
inline constexpr char kInvalidJsonDescription[] = "INVALID_JSON_DESCRIPTION";
inline constexpr char kDuplicateStateName[] = "DUPLICATE_STATE_NAME";
inline constexpr char kInvalidStateName[] = "INVALID_STATE_NAME";
inline constexpr char kMissingEndState[] = "MISSING_END_STATE";

// "/" for the root, the location itself otherwise.
std::string PrintedLocation(const std::string& location);

class Builder {
 public:
  // `express`: the machine is of type EXPRESS (no .sync or .waitForTaskToken).
  explicit Builder(bool express) : express_(express) {}
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  bool express() const { return express_; }
  // The machine's QueryLanguage: the default of every state, at any depth.
  // A state's own QueryLanguage does not pass to the states it contains.
  QueryLanguage top_level_ql() const { return top_level_ql_; }
  void set_top_level_ql(QueryLanguage ql) { top_level_ql_ = ql; }

  void Error(const std::string& location, std::string message,
             const char* code = kSchemaValidationFailed);
  // A problem of the whole machine that AWS names no location for.
  void UnlocatedError(std::string message, const char* code);
  // Map Label problems, which AWS reports in a form of its own ("Error=
  // ValueError Args=[...] in definition '...'"). Only the first is kept.
  void ValueError(std::string message);

  size_t error_count() const { return diagnostics_.size(); }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic> TakeDiagnostics() { return std::move(diagnostics_); }
  const std::string& value_error() const { return value_error_; }

  // State names are unique across the whole machine, nested ones included.
  // Returns false when `name` was already used.
  bool NoteStateName(const std::string& name) { return state_names_.insert(name).second; }

  // variableReferences: the variables read by the state named `state`.
  void NoteVariable(const std::string& state, const std::string& variable);
  void NoteVariables(const std::string& state, const std::vector<std::string>& variables);
  Json VariableReferences() const;

 private:
  const bool express_;
  QueryLanguage top_level_ql_ = QueryLanguage::kJsonPath;
  std::vector<Diagnostic> diagnostics_;
  std::string value_error_;
  std::map<std::string, std::set<std::string>> variables_;
  std::set<std::string> state_names_;
};

// One state's JSON object while it is being read. Fields reported as not
// allowed are hidden from Field() so no second diagnostic is raised for them.
struct StateContext {
  Builder& b;
  const Json& obj;
  std::string name;
  std::string location;  // "/States/A" (with the enclosing program's prefix)
  QueryLanguage ql = QueryLanguage::kJsonPath;
  std::set<std::string> hidden;

  bool jsonata() const { return ql == QueryLanguage::kJsonata; }
  const Json* Field(std::string_view key) const;
  bool Has(std::string_view key) const { return Field(key) != nullptr; }
  std::string At(std::string_view field) const { return location + "/" + std::string(field); }
  void Error(std::string_view field, std::string message) const;
  void ErrorHere(std::string message) const { b.Error(location, std::move(message)); }
};

// --- Programs and states (definition_parser.cc, definition_states.cc) -----

// Builds {StartAt, States} found at `location`; `extra_fields` are the other
// members allowed there (Comment, ProcessorConfig, ...). `ql` is the
// machine's QueryLanguage, the default of the program's states.
std::shared_ptr<Program> BuildProgram(Builder& b, const Json& obj, const std::string& location,
                                      QueryLanguage ql,
                                      const std::vector<std::string>& extra_fields);
std::unique_ptr<State> BuildState(Builder& b, const std::string& name, const Json& obj,
                                  const std::string& location, QueryLanguage inherited);

std::unique_ptr<State> BuildChoice(StateContext& ctx);    // definition_choice.cc
std::unique_ptr<State> BuildMap(StateContext& ctx);       // definition_map.cc
std::unique_ptr<State> BuildParallel(StateContext& ctx);  // definition_states.cc
// A Map's ItemReader, ItemBatcher and ResultWriter (parse_distributed.cc).
void ReadDistributedFields(StateContext& ctx, MapState* state);

// --- Field readers (definition_fields.cc) ----------------------------------

using FieldNames = std::vector<std::string_view>;

// A nested object (Retry/Catch entry, Choice rule, ItemProcessor) read
// through the same helpers as its state.
StateContext SubContext(StateContext& ctx, const Json& obj, const std::string& location);
// Reports members not in `allowed`, or in the other query language's list,
// at the object's location and hides them. Returns false if any was found.
bool CheckObjectFields(StateContext& ctx, const FieldNames& allowed,
                       const FieldNames& jsonpath_only, const FieldNames& jsonata_only);

// "Expected value of type: String" at the field (wording not confirmed
// against AWS).
void TypeError(const StateContext& ctx, std::string_view field, std::string_view expected);

// Reads the common fields (Comment, Next/End, InputPath, OutputPath, Output,
// Assign) into `state`. `transitions` is false for Choice, Succeed and Fail.
void ReadCommonFields(StateContext& ctx, State* state, bool transitions);

// A JSONPath field. kReference demands a ReferencePath (ItemsPath);
// kResultPath also forbids the Context object and variables.
enum class PathRule { kAny, kReference, kResultPath };
OptionalPath ReadPath(StateContext& ctx, std::string_view field, PathRule rule);
std::optional<PayloadTemplate> ReadTemplate(StateContext& ctx, std::string_view field);
std::optional<PayloadTemplate> ReadAssign(StateContext& ctx, const Json& value,
                                          const std::string& location);

// Integer/number fields with an optional "...Path" (JSONPath) or a JSONata
// expression. `min`/`max` bound constants.
enum class NumberKind { kInteger, kNumber };
DynamicValue ReadDynamicNumber(StateContext& ctx, std::string_view field, NumberKind kind,
                               double min, std::optional<double> max);
// String fields with an optional "...Path" (Fail Error/Cause).
DynamicValue ReadDynamicString(StateContext& ctx, std::string_view field);

std::vector<Retrier> ReadRetry(StateContext& ctx);
std::vector<Catcher> ReadCatch(StateContext& ctx);

// Compiles a JSONata string field ("{% %}" or a literal) and notes the
// variables it reads. Returns false (after a diagnostic) on failure.
bool CompileJsonata(StateContext& ctx, const Json& value, const std::string& location,
                    JsonataValue* out);
// Notes the variable a compiled path reads, if any.
void NotePathVariable(StateContext& ctx, const JsonPath& path);

bool IsJsonataExpression(const Json& value);
// RFC 3339 as AWS accepts it: "2016-03-14T01:59:00Z", fractions, offsets.
bool IsRfc3339Timestamp(std::string_view text);

// --- Task resources (definition_resource.cc) -------------------------------

// Checks a Task's Resource ARN; sets `pattern`. Reports through ctx.
void CheckResource(StateContext& ctx, const std::string& resource, TaskPattern* pattern);

}  // namespace sfn::asl::internal

#endif  // SFN_ASL_DEFINITION_BUILDER_H_
