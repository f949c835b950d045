// asl/definition/definition.h
//
// The compiled state machine: a passive, immutable tree built once by
// ParseDefinition (asl/definition_parser.h) and shared by every execution of
// that definition as std::shared_ptr<const StateMachine>. Every path,
// payload template, intrinsic and JSONata expression in it is already
// compiled. Nothing here changes after parsing, so any number of threads may
// read it without locking. States are owned by their Program; the
// `const State*` pointers handed out stay valid as long as the StateMachine.
#ifndef SFN_ASL_DEFINITION_DEFINITION_H_
#define SFN_ASL_DEFINITION_DEFINITION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/expressions/intrinsics.h"
#include "asl/core/json.h"
#include "asl/expressions/jsonpath.h"
#include "asl/expressions/payload.h"

namespace sfn::asl {

enum class StateType { kTask, kPass, kChoice, kWait, kSucceed, kFail, kParallel, kMap };
// "Task", "Pass", ...: the "Type" value of a state in a definition, also the
// prefix of its history event names ("PassStateEntered").
const char* StateTypeName(StateType type);

// InputPath / OutputPath / ResultPath / ItemsPath: absent means "$", null
// has the field's special meaning (InputPath/OutputPath: {}; ResultPath:
// discard the result and keep the input).
struct OptionalPath {
  bool present = false;
  bool is_null = false;
  JsonPath path;  // when present && !is_null
};

// A field that is a constant, a JSONPath ("...Path" variant) or a JSONata
// expression: TimeoutSeconds, HeartbeatSeconds, Wait Seconds/Timestamp,
// MaxConcurrency, ToleratedFailureCount/Percentage, Fail Error/Cause.
// Fail's ErrorPath/CausePath may also hold an intrinsic call (kIntrinsic).
struct DynamicValue {
  enum class Kind { kAbsent, kConstant, kPath, kExpression, kIntrinsic };
  Kind kind = Kind::kAbsent;
  Json constant;       // kConstant
  JsonPath path;       // kPath (JSONPath mode "...Path" fields)
  JsonataValue expr;   // kExpression (JSONata mode "{% %}")
  std::optional<IntrinsicCall> intrinsic;  // kIntrinsic
  bool present() const { return kind != Kind::kAbsent; }
};

struct Retrier {
  std::vector<std::string> error_equals;
  double interval_seconds = 1;
  int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<double> max_delay_seconds;
  bool jitter_full = false;  // JitterStrategy FULL
};

struct Catcher {
  std::vector<std::string> error_equals;
  std::string next;
  OptionalPath result_path;                // JSONPath mode
  std::optional<PayloadTemplate> output;   // JSONata mode Output
  std::optional<PayloadTemplate> assign;   // Assign (both modes)
};

// Fields common to every state. A state's concrete type is given by `type`;
// downcast with static_cast after checking it.
struct State {
  virtual ~State() = default;
  StateType type = StateType::kPass;
  std::string name;
  std::string comment;
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  std::string next;  // empty when end (or for Choice/Succeed/Fail)
  bool end = false;
  OptionalPath input_path;                 // JSONPath mode
  OptionalPath output_path;                // JSONPath mode
  std::optional<PayloadTemplate> output;   // JSONata mode Output
  std::optional<PayloadTemplate> assign;   // Assign
};

struct PassState : State {
  std::optional<Json> result;
  std::optional<PayloadTemplate> parameters;
  OptionalPath result_path;
};

// How a Task's Resource is integrated, from its ARN suffix.
enum class TaskPattern { kRequestResponse, kSync, kSync2, kWaitForTaskToken };

struct TaskState : State {
  std::string resource;
  TaskPattern pattern = TaskPattern::kRequestResponse;
  std::optional<PayloadTemplate> parameters;       // Parameters (JSONPath) / Arguments (JSONata)
  std::optional<PayloadTemplate> result_selector;  // JSONPath mode
  OptionalPath result_path;
  DynamicValue timeout_seconds;                    // absent: 99999999 as AWS
  DynamicValue heartbeat_seconds;
  std::optional<PayloadTemplate> credentials;
  std::vector<Retrier> retry;
  std::vector<Catcher> catch_;
};

enum class ChoiceOp {
  kAnd, kOr, kNot,
  kStringEquals, kStringLessThan, kStringGreaterThan, kStringLessThanEquals,
  kStringGreaterThanEquals, kStringMatches,
  kNumericEquals, kNumericLessThan, kNumericGreaterThan, kNumericLessThanEquals,
  kNumericGreaterThanEquals,
  kBooleanEquals,
  kTimestampEquals, kTimestampLessThan, kTimestampGreaterThan, kTimestampLessThanEquals,
  kTimestampGreaterThanEquals,
  kIsNull, kIsPresent, kIsNumeric, kIsString, kIsBoolean, kIsTimestamp,
  kCondition,  // JSONata mode
};

struct ChoiceRule {
  ChoiceOp op = ChoiceOp::kCondition;
  JsonPath variable;                    // JSONPath mode comparisons
  Json operand;                         // literal right-hand side
  std::optional<JsonPath> operand_path; // the "...Path" variants
  std::vector<ChoiceRule> children;     // And / Or / Not (one child)
  JsonataValue condition;               // kCondition
  // Top-level rules only:
  std::string next;
  std::optional<PayloadTemplate> assign;
  std::optional<PayloadTemplate> output;  // JSONata mode
};

struct ChoiceState : State {
  std::vector<ChoiceRule> choices;
  std::string default_next;  // empty: none
};

struct WaitState : State {
  enum class Kind { kSeconds, kTimestamp };
  Kind kind = Kind::kSeconds;
  DynamicValue value;  // Seconds / SecondsPath or Timestamp / TimestampPath, or JSONata
};

struct SucceedState : State {};

struct FailState : State {
  DynamicValue error;  // Error / ErrorPath / JSONata Error
  DynamicValue cause;  // Cause / CausePath / JSONata Cause
};

struct Program;

// A Distributed Map's ItemReader: the call that reads the items and how its
// answer is read (ReaderConfig).
struct ItemReaderSpec {
  std::string resource;
  std::optional<PayloadTemplate> arguments;  // Parameters / Arguments
  std::string input_type;                    // JSON, JSONL, CSV, MANIFEST ("": none given)
  std::string csv_header_location = "FIRST_ROW";  // or GIVEN
  std::vector<std::string> csv_headers;           // GIVEN
  char csv_delimiter = ',';
  std::string items_pointer;  // JSON Pointer into a JSON object ("": none)
  DynamicValue max_items;     // MaxItems / MaxItemsPath / JSONata
  // s3:listObjectsV2 with Transformation LOAD_AND_FLATTEN: every listed
  // object is read (as input_type) and its items are the Map's items.
  bool load_and_flatten = false;
};

// ItemBatcher: items grouped per child, each child's input {"BatchInput", "Items"}.
struct ItemBatcherSpec {
  DynamicValue max_items_per_batch;
  DynamicValue max_input_bytes_per_batch;
  std::optional<PayloadTemplate> batch_input;
};

// ResultWriter: where the children's results are exported and in what form.
struct ResultWriterSpec {
  std::string resource;                      // "": WriterConfig only (no export)
  std::optional<PayloadTemplate> arguments;  // Parameters / Arguments {Bucket, Prefix}
  std::string output_type;                   // JSON | JSONL ("": none given)
  std::string transformation;                // NONE | COMPACT | FLATTEN ("": none given)
};

struct ParallelState : State {
  std::vector<std::shared_ptr<const Program>> branches;
  std::optional<PayloadTemplate> parameters;  // Parameters / Arguments
  std::optional<PayloadTemplate> result_selector;
  OptionalPath result_path;
  std::vector<Retrier> retry;
  std::vector<Catcher> catch_;
};

struct MapState : State {
  std::shared_ptr<const Program> processor;  // ItemProcessor or Iterator
  bool distributed = false;                  // ProcessorConfig.Mode == DISTRIBUTED
  std::string execution_type;                // ProcessorConfig.ExecutionType
  OptionalPath items_path;                   // JSONPath mode
  std::optional<PayloadTemplate> items;      // JSONata mode Items (array or expression)
  std::optional<PayloadTemplate> item_selector;  // ItemSelector or legacy Parameters
  DynamicValue max_concurrency;
  DynamicValue tolerated_failure_count;
  DynamicValue tolerated_failure_percentage;
  std::string label;
  bool legacy_iterator = false;              // processor came from "Iterator"
  std::optional<ItemReaderSpec> item_reader;  // distributed mode
  std::optional<ItemBatcherSpec> item_batcher;
  std::optional<ResultWriterSpec> result_writer;
  std::optional<PayloadTemplate> result_selector;
  OptionalPath result_path;
  std::vector<Retrier> retry;
  std::vector<Catcher> catch_;
};

// StartAt plus states: the top level, a Parallel branch or a Map processor.
struct Program {
  std::string start_at;
  std::vector<std::unique_ptr<State>> states;  // in definition order
  std::unordered_map<std::string, const State*> by_name;
  const State* Find(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
  }
};

struct StateMachine {
  Program program;
  std::string definition;  // the text exactly as received
  std::string comment;
  std::string version;
  std::optional<int64_t> timeout_seconds;
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  // DescribeStateMachine's variableReferences: state name -> variable names
  // ("" -> absent when the definition reads no variables).
  Json variable_references;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_DEFINITION_DEFINITION_H_
