// testing/test_file.h
//
// A test file for `sfn-local test` (*.sfn-test.yaml, *.sfn-test.yml,
// *.sfn-test.json) and its parser. The format (schemas/sfn-test.schema.json
// describes the same keys for editors):
//
//   stateMachine: ../orders.asl.json   # ASL file or template.json#LogicalId, relative to this file
//   routes: ../routes.json             # optional: a routes file (the serve --config format)
//   mocks:                             # optional: answers by state name or resource ARN
//     ChargeCard: [{throw: {error: Gateway.Timeout, cause: slow}}, {return: {paymentId: p-1}}]
//   cases:
//     - name: pays after one retry     # optional, unique; default "case N" (N from 1), or
//                                      # the test case name of a mockConfig case
//       input: {orderId: o-1}          # optional, default {}
//       mocks: {}                      # optional: adds to / replaces file-level mocks by key
//       expect:
//         status: SUCCEEDED            # required: SUCCEEDED, FAILED, TIMED_OUT or ABORTED
//         error: E                     # optional, not with SUCCEEDED; so is cause:
//         output: {...}                # equal; or outputContains: {...} for a subset
//         path: [Validate, ChargeCard] # top-level states entered, in order
//         states: {ChargeCard: {attempts: 2, output: {paymentId: p-1}}}  # input, output,
//                                      # attempts, error
//     - mockConfig: MockConfigFile.json#HappyPath   # a Step Functions Local test case
//       expect: {status: SUCCEEDED}
//
// Mocks: a key starting with "arn:" answers every Task with that resource;
// any other key answers the states of that name (at any depth). A single
// answer ({return: ...} or {throw: {error, cause}}) serves every attempt; a
// list gives one answer per attempt (retries included), and an attempt past
// the end of a list is an error the runner reports, as Step Functions Local
// repeats nothing either. A mockConfig case takes its answers from that file
// only: it may not have `mocks`, and file-level mocks do not apply to it.
//
// The parser checks the format strictly (unknown keys, types, required keys,
// duplicate case names); checks that need the state machine (unknown state
// names) belong to the runner, so the model keeps the line of each mock and
// state key. Errors: AslError{"InvalidTestFile", "<file>:<line>: <key path>:
// <message>"}; a file that is not valid YAML or JSON gets the errors of
// testing/document_file.h ("<file>:<line>:<column>: ..."), under the same
// name. Values are plain data: copy them freely between threads.
#ifndef SFN_TESTING_TEST_FILE_H_
#define SFN_TESTING_TEST_FILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

// One attempt's answer.
struct MockAnswer {
  enum class Kind { kReturn, kThrow };
  Kind kind = Kind::kReturn;
  Json value;         // kReturn: the whole task result
  std::string error;  // kThrow
  std::string cause;  // kThrow; may be empty
};

// The answers for one state name or resource.
struct Mock {
  std::string target;          // the key as written: a state name, or a resource ARN ("arn:...")
  int line = 0;                // of the key, for the runner's messages
  bool every_attempt = false;  // a single answer, not a list
  std::vector<MockAnswer> answers;

  bool is_resource() const { return target.rfind("arn:", 0) == 0; }
  // The answer for `attempt` (from 0), or nullptr past the end of a list.
  const MockAnswer* AnswerFor(int attempt) const;
};

enum class ExpectedStatus { kSucceeded, kFailed, kTimedOut, kAborted };
// "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", as AWS names them.
const char* StatusName(ExpectedStatus status);

// What one state (by name, at the top level or nested) must have done; the
// runner compares its last entry. With nothing set it only says that the
// state was entered.
struct StateExpectation {
  std::string state;
  int line = 0;  // of the key
  std::optional<Json> input;
  std::optional<Json> output;
  std::optional<int> attempts;       // task invocations, retries included; >= 1
  std::optional<std::string> error;  // the error name it failed with
};

struct Expectation {
  ExpectedStatus status = ExpectedStatus::kSucceeded;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::optional<Json> output;                    // equal
  std::optional<Json> output_contains;           // a subset: objects by member, the rest equal
  std::optional<std::vector<std::string>> path;  // top-level states entered, in order
  std::vector<StateExpectation> states;          // in file order
};

struct TestCase {
  std::string name;
  int line = 0;             // where the case starts
  Json input;               // {} when not given
  std::vector<Mock> mocks;  // the case's own, in file order
  // mockConfig "FILE#TestCase": the file resolved against the test file's
  // folder, and the test case name. Both empty when not given.
  std::string mock_config_path;
  std::string mock_config_case;
  Expectation expect;
};

struct TestFile {
  std::string path;      // as given to LoadTestFile / the origin given to ParseTestFile
  std::string base_dir;  // the folder relative references resolve against
  // The definition reference as written, and resolved: the file part joined
  // to base_dir, a "#LogicalId" suffix kept.
  std::string state_machine_ref;
  std::string state_machine;
  std::string routes_path;  // resolved; empty when not given
  std::vector<Mock> mocks;  // file-level, in file order
  std::vector<TestCase> cases;
};

// Whether `path` names a test file by its suffix.
bool IsTestFilePath(std::string_view path);

// Reads and parses the file at `path`, JSON or YAML as ReadDocument
// (testing/document_file.h) decides: *.json is JSON, *.yaml and *.yml YAML.
Result<TestFile> LoadTestFile(const std::string& path);

// Parses `text`; `origin` names the file in messages and its folder is the
// base of relative references. `json` picks strict JSON over YAML (the
// values are the same; a JSON file's syntax errors then name JSON's rules).
Result<TestFile> ParseTestFile(std::string_view text, const std::string& origin, bool json);

// The mocks that apply to `test_case`: the file's, with the case's replacing
// those with the same key and the rest appended; none for a mockConfig case.
std::vector<Mock> EffectiveMocks(const TestFile& file, const TestCase& test_case);

// The keys each object of the format accepts, named by the JSON Pointer of
// the schema object (in schemas/sfn-test.schema.json) that describes it. The
// parser checks against these same tables, so a test can hold the schema to
// them.
struct KeyTable {
  std::string_view schema_pointer;
  std::vector<std::string_view> keys;
};
const std::vector<KeyTable>& TestFileKeyTables();

}  // namespace sfn::testing

#endif  // SFN_TESTING_TEST_FILE_H_
