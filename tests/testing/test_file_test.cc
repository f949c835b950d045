// tests/testing/test_file_test.cc
#include "testing/test_file.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace sfn::testing {
namespace {

constexpr const char* kOrigin = "tests/orders.sfn-test.yaml";

TestFile ParseOrDie(std::string_view text, bool json = false) {
  Result<TestFile> file = ParseTestFile(text, kOrigin, json);
  REQUIRE_MESSAGE(file.ok(), file.error().cause);
  return file.value();
}

std::string ErrorOf(std::string_view text, bool json = false) {
  Result<TestFile> file = ParseTestFile(text, kOrigin, json);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().error == "InvalidTestFile");
  return file.error().cause;
}

// A valid file whose first case's expect is `expect` (one flow mapping).
std::string WithExpect(const std::string& expect) {
  return "stateMachine: m.json\n"
         "cases:\n"
         "  - expect: " +
         expect + "\n";
}

constexpr const char* kFull = R"(stateMachine: ../orders.asl.json
routes: ../routes.json
mocks:
  ChargeCard: [{throw: {error: Gateway.Timeout, cause: slow}}, {return: {paymentId: p-1}}]
  "arn:aws:lambda:us-east-1:123456789012:function:Ship": {return: {shipped: true}}
cases:
  - name: pays after one retry
    input: {orderId: o-1}
    mocks:
      Validate: {throw: {error: Bad}}
      ChargeCard: {return: 1}
    expect:
      status: SUCCEEDED
      output: {paymentId: p-1}
      path: [Validate, ChargeCard, Ship]
      states:
        ChargeCard: {attempts: 2, output: {paymentId: p-1}}
        Validate: {input: {orderId: o-1}, error: Bad}
  - mockConfig: mocks/MockConfigFile.json#HappyPath
    expect: {status: SUCCEEDED, outputContains: {a: 1}}
  - expect: {status: FAILED, error: E, cause: C}
)";

TEST_CASE("ParseTestFile: the whole format") {
  const TestFile file = ParseOrDie(kFull);
  CHECK(file.path == kOrigin);
  CHECK(file.base_dir == "tests");
  CHECK(file.state_machine_ref == "../orders.asl.json");
  CHECK(file.state_machine == "orders.asl.json");
  CHECK(file.routes_path == "routes.json");
  REQUIRE(file.mocks.size() == 2);
  const Mock& charge = file.mocks[0];
  CHECK(charge.target == "ChargeCard");
  CHECK(charge.line == 4);
  CHECK_FALSE(charge.is_resource());
  CHECK_FALSE(charge.every_attempt);
  REQUIRE(charge.answers.size() == 2);
  CHECK(charge.answers[0].kind == MockAnswer::Kind::kThrow);
  CHECK(charge.answers[0].error == "Gateway.Timeout");
  CHECK(charge.answers[0].cause == "slow");
  CHECK(charge.answers[1].kind == MockAnswer::Kind::kReturn);
  CHECK(Dump(charge.answers[1].value) == R"({"paymentId":"p-1"})");
  CHECK(charge.AnswerFor(0) == &charge.answers[0]);
  CHECK(charge.AnswerFor(1) == &charge.answers[1]);
  CHECK(charge.AnswerFor(2) == nullptr);  // Step Functions Local repeats nothing either
  const Mock& ship = file.mocks[1];
  CHECK(ship.is_resource());
  CHECK(ship.every_attempt);
  CHECK(ship.line == 5);
  CHECK(ship.AnswerFor(7) == &ship.answers[0]);

  REQUIRE(file.cases.size() == 3);
  const TestCase& first = file.cases[0];
  CHECK(first.name == "pays after one retry");
  CHECK(first.line == 7);
  CHECK(Dump(first.input) == R"({"orderId":"o-1"})");
  CHECK(first.mocks.size() == 2);
  CHECK(first.expect.status == ExpectedStatus::kSucceeded);
  CHECK(Dump(*first.expect.output) == R"({"paymentId":"p-1"})");
  CHECK_FALSE(first.expect.output_contains.has_value());
  CHECK(*first.expect.path == std::vector<std::string>{"Validate", "ChargeCard", "Ship"});
  REQUIRE(first.expect.states.size() == 2);
  CHECK(first.expect.states[0].state == "ChargeCard");
  CHECK(first.expect.states[0].line == 17);
  CHECK(*first.expect.states[0].attempts == 2);
  CHECK_FALSE(first.expect.states[0].input.has_value());
  CHECK(first.expect.states[1].state == "Validate");
  CHECK(*first.expect.states[1].error == "Bad");
  CHECK(Dump(*first.expect.states[1].input) == R"({"orderId":"o-1"})");

  const TestCase& second = file.cases[1];
  CHECK(second.name == "HappyPath");
  CHECK(second.mock_config_path == "tests/mocks/MockConfigFile.json");
  CHECK(second.mock_config_case == "HappyPath");
  CHECK(Dump(second.input) == "{}");
  CHECK(Dump(*second.expect.output_contains) == R"({"a":1})");

  const TestCase& third = file.cases[2];
  CHECK(third.name == "case 3");
  CHECK(third.expect.status == ExpectedStatus::kFailed);
  CHECK(*third.expect.error == "E");
  CHECK(*third.expect.cause == "C");
  CHECK_FALSE(third.expect.path.has_value());

  SUBCASE("EffectiveMocks: the case's replace the file's by key, the rest are appended") {
    const std::vector<Mock> mocks = EffectiveMocks(file, first);
    REQUIRE(mocks.size() == 3);
    CHECK(mocks[0].target == "ChargeCard");
    CHECK(mocks[0].every_attempt);
    CHECK(mocks[0].line == 11);
    CHECK(mocks[1].target == ship.target);
    CHECK(mocks[2].target == "Validate");
    CHECK(EffectiveMocks(file, second).empty());
    CHECK(EffectiveMocks(file, third).size() == 2);
  }
}

TEST_CASE("ParseTestFile: references") {
  SUBCASE("template with a logical id") {
    const TestFile file = ParseOrDie(
        "stateMachine: ../infra/template.json#OrdersMachine\ncases: [{expect: {status: "
        "SUCCEEDED}}]");
    CHECK(file.state_machine == "infra/template.json#OrdersMachine");
  }
  SUBCASE("absolute paths stay as they are") {
    const TestFile file = ParseOrDie(
        "stateMachine: /abs/m.json\nroutes: /abs/r.json\ncases: [{expect: {status: ABORTED}}]");
    CHECK(file.state_machine == "/abs/m.json");
    CHECK(file.routes_path == "/abs/r.json");
    CHECK(file.cases[0].expect.status == ExpectedStatus::kAborted);
  }
  SUBCASE("a file with no folder") {
    Result<TestFile> file = ParseTestFile(
        "stateMachine: m.json\ncases: [{expect: {status: TIMED_OUT}}]", "t.sfn-test.yaml", false);
    REQUIRE(file.ok());
    CHECK(file.value().base_dir.empty());
    CHECK(file.value().state_machine == "m.json");
  }
}

TEST_CASE("ParseTestFile: JSON files") {
  const std::string text = R"({
  "stateMachine": "m.json",
  "cases": [
    {"input": {"n": 1.0},
     "expect": {"status": "SUCCEEDED", "outptu": 1}}
  ]
})";
  CHECK(ErrorOf(text, true) ==
        "tests/orders.sfn-test.yaml:5: cases[0].expect: unknown key 'outptu' (expected one of: "
        "status, error, cause, output, outputContains, path, states)");
  const TestFile file = ParseOrDie(R"({"stateMachine": "m.json", "cases": [
    {"input": {"n": 1.0, "s": "a\/b"}, "expect": {"status": "SUCCEEDED"}}]})",
                                   true);
  CHECK(Dump(file.cases[0].input) == R"({"n":1.0,"s":"a/b"})");
  CHECK(ErrorOf("{\n  \"stateMachine\": \"m.json\",\n  \"cases\": [}\n", true) ==
        "tests/orders.sfn-test.yaml:3:13: not valid JSON: Invalid value.");
}

TEST_CASE("ParseTestFile: YAML syntax errors name the file and line") {
  CHECK(ErrorOf("stateMachine: m.json\nstateMachine: n.json\n") ==
        "tests/orders.sfn-test.yaml:2:1: duplicate key 'stateMachine'");
  CHECK(ErrorOf("a: [1\n") ==
        "tests/orders.sfn-test.yaml:2:1: not valid YAML: end of sequence flow not found");
  CHECK(ErrorOf("stateMachine: m.json\ncases: [{expect: {status: .nan}}]\n") ==
        "tests/orders.sfn-test.yaml:2:27: '.nan' cannot be represented in JSON");
}

TEST_CASE("ParseTestFile: the top level") {
  const std::string prefix = "tests/orders.sfn-test.yaml:";
  CHECK(ErrorOf("") == prefix + "1: expected an object, got null");
  CHECK(ErrorOf("- a\n") == prefix + "1: expected an object, got array");
  CHECK(ErrorOf("# c\nstateMachine: m.json\nrouts: r.json\n") ==
        prefix + "3: unknown key 'routs' (expected one of: stateMachine, routes, mocks, cases)");
  CHECK(ErrorOf("\ncases: [{expect: {status: SUCCEEDED}}]\n") ==
        prefix + "2: missing required key 'stateMachine'");
  CHECK(ErrorOf("stateMachine: m.json\n") == prefix + "1: missing required key 'cases'");
  CHECK(ErrorOf("stateMachine: 3\ncases: []\n") ==
        prefix + "1: stateMachine: expected a string, got number");
  CHECK(ErrorOf("stateMachine: ''\ncases: []\n") ==
        prefix + "1: stateMachine: expected a file name, got ''");
  CHECK(ErrorOf("stateMachine: '#Id'\ncases: []\n") ==
        prefix + "1: stateMachine: expected a file name, got '#Id'");
  CHECK(ErrorOf("stateMachine: m.json\nroutes: [a]\ncases: []\n") ==
        prefix + "2: routes: expected a string, got array");
  CHECK(ErrorOf("stateMachine: m.json\nroutes: ''\ncases: []\n") ==
        prefix + "2: routes: must not be empty");
  CHECK(ErrorOf("stateMachine: m.json\ncases: {}\n") ==
        prefix + "2: cases: expected an array, got object");
  CHECK(ErrorOf("stateMachine: m.json\ncases: []\n") ==
        prefix + "2: cases: expected at least one case");
}

TEST_CASE("ParseTestFile: cases") {
  const std::string prefix = "tests/orders.sfn-test.yaml:";
  const std::string head = "stateMachine: m.json\ncases:\n";
  CHECK(ErrorOf(head + "  - 3\n") == prefix + "3: cases[0]: expected an object, got number");
  CHECK(ErrorOf(head + "  - name: a\n") == prefix + "3: cases[0]: missing required key 'expect'");
  CHECK(ErrorOf(head + "  - expect: {status: SUCCEEDED}\n  - expect: {status: SUCCEEDED}\n"
                       "    timeoutSeconds: 3\n") ==
        prefix +
            "5: cases[1]: unknown key 'timeoutSeconds' (expected one of: name, input, mocks, "
            "mockConfig, expect)");
  CHECK(ErrorOf(head + "  - name: 1\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "3: cases[0].name: expected a string, got number");
  CHECK(ErrorOf(head + "  - name: ''\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "3: cases[0].name: must not be empty");
  CHECK(ErrorOf(head + "  - name: a\n    expect: {status: SUCCEEDED}\n"
                       "  - name: a\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "5: cases[1].name: duplicate case name 'a' (first at line 3)");
  CHECK(ErrorOf(head + "  - name: case 2\n    expect: {status: SUCCEEDED}\n"
                       "  - expect: {status: SUCCEEDED}\n") ==
        prefix + "5: cases[1]: duplicate case name 'case 2' (first at line 3)");
  CHECK(ErrorOf(head + "  - expect: 1\n") ==
        prefix + "3: cases[0].expect: expected an object, got number");
  CHECK(ErrorOf(head + "  - mockConfig: 1\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "3: cases[0].mockConfig: expected a string, got number");
  for (const char* bad : {"M.json", "#Case", "M.json#"}) {
    CAPTURE(bad);
    CHECK(ErrorOf(head + "  - mockConfig: '" + bad + "'\n    expect: {status: SUCCEEDED}\n") ==
          prefix + "3: cases[0].mockConfig: expected 'FILE#TestCase', got '" + bad + "'");
  }
  CHECK(ErrorOf(head +
                "  - mocks: {}\n    mockConfig: M.json#C\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "4: cases[0].mockConfig: mocks and mockConfig exclude each other");
  CHECK(ErrorOf(head + "  - mocks: []\n    expect: {status: SUCCEEDED}\n") ==
        prefix + "3: cases[0].mocks: expected an object, got array");
}

TEST_CASE("ParseTestFile: expect") {
  const std::string prefix = "tests/orders.sfn-test.yaml:3: cases[0].expect";
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, outptu: 1}")) ==
        prefix +
            ": unknown key 'outptu' (expected one of: status, error, cause, output, "
            "outputContains, path, states)");
  CHECK(ErrorOf(WithExpect("{}")) == prefix + ": missing required key 'status'");
  CHECK(ErrorOf(WithExpect("{status: 1}")) == prefix + ".status: expected a string, got number");
  CHECK(ErrorOf(WithExpect("{status: PASSED}")) ==
        prefix +
            ".status: unknown status 'PASSED' (expected one of: SUCCEEDED, FAILED, "
            "TIMED_OUT, ABORTED)");
  CHECK(ErrorOf(WithExpect("{status: FAILED, error: 1}")) ==
        prefix + ".error: expected a string, got number");
  CHECK(ErrorOf(WithExpect("{status: FAILED, cause: [x]}")) ==
        prefix + ".cause: expected a string, got array");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, error: E}")) ==
        prefix + ".error: not allowed with status SUCCEEDED");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, cause: C}")) ==
        prefix + ".cause: not allowed with status SUCCEEDED");
  CHECK(ErrorOf(WithExpect("{status: FAILED, output: 1}")) ==
        prefix + ".output: not allowed with status FAILED: only SUCCEEDED has an output");
  CHECK(ErrorOf(WithExpect("{status: TIMED_OUT, outputContains: {}}")) ==
        prefix +
            ".outputContains: not allowed with status TIMED_OUT: only SUCCEEDED has an output");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, output: 1, outputContains: 1}")) ==
        prefix + ".outputContains: output and outputContains exclude each other");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, path: A}")) ==
        prefix + ".path: expected an array, got string");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, path: [A, 2]}")) ==
        prefix + ".path[1]: expected a string, got number");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, states: [A]}")) ==
        prefix + ".states: expected an object, got array");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, states: {A: 1}}")) ==
        prefix + ".states.A: expected an object, got number");
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, states: {A: {atempts: 1}}}")) ==
        prefix +
            ".states.A: unknown key 'atempts' (expected one of: input, output, attempts, "
            "error)");
  for (const char* bad : {"0", "1.5", "'2'", "-1", "2000000"}) {
    CAPTURE(bad);
    CHECK(ErrorOf(WithExpect(std::string("{status: SUCCEEDED, states: {Get Item: {attempts: ") +
                             bad + "}}}")) ==
          prefix + ".states[\"Get Item\"].attempts: expected a whole number of at least 1");
  }
  CHECK(ErrorOf(WithExpect("{status: SUCCEEDED, states: {A: {error: {}}}}")) ==
        prefix + ".states.A.error: expected a string, got object");
  const TestFile file = ParseOrDie(WithExpect("{status: SUCCEEDED, states: {A: {}}, path: []}"));
  CHECK(file.cases[0].expect.states[0].state == "A");
  CHECK(file.cases[0].expect.path->empty());
}

TEST_CASE("ParseTestFile: mocks") {
  const std::string prefix = "tests/orders.sfn-test.yaml:";
  const std::string tail = "cases: [{expect: {status: SUCCEEDED}}]\n";
  auto mocks = [&](const std::string& body) {
    return ErrorOf("stateMachine: m.json\nmocks:\n" + body + tail);
  };
  CHECK(ErrorOf("stateMachine: m.json\nmocks: 1\n" + tail) ==
        prefix + "2: mocks: expected an object, got number");
  CHECK(mocks("  A: 1\n") ==
        prefix +
            "3: mocks.A: expected an answer ({return: ...} or {throw: ...}) or a list of "
            "answers, got number");
  CHECK(mocks("  A: []\n") == prefix + "3: mocks.A: expected at least one answer");
  CHECK(mocks("  '': {return: 1}\n") ==
        prefix + "3: mocks[\"\"]: a state name or resource ARN must not be empty");
  CHECK(mocks("  A: {}\n") == prefix + "3: mocks.A: expected one of the keys 'return' or 'throw'");
  CHECK(mocks("  A: {Return: 1}\n") ==
        prefix + "3: mocks.A: unknown key 'Return' (expected one of: return, throw)");
  CHECK(mocks("  A: {return: 1, throw: {error: E}}\n") ==
        prefix + "3: mocks.A: 'return' and 'throw' exclude each other");
  CHECK(mocks("  A:\n    - {return: 1}\n    - 2\n") ==
        prefix + "5: mocks.A[1]: expected an object, got number");
  CHECK(mocks("  A: {throw: E}\n") == prefix + "3: mocks.A.throw: expected an object, got string");
  CHECK(mocks("  A: {throw: {cause: C}}\n") ==
        prefix + "3: mocks.A.throw: missing required key 'error'");
  CHECK(mocks("  A: {throw: {error: E, Cause: C}}\n") ==
        prefix + "3: mocks.A.throw: unknown key 'Cause' (expected one of: error, cause)");
  CHECK(mocks("  A: {throw: {error: ''}}\n") ==
        prefix + "3: mocks.A.throw.error: must not be empty");
  CHECK(mocks("  A: {throw: {error: 1}}\n") ==
        prefix + "3: mocks.A.throw.error: expected a string, got number");
  CHECK(mocks("  A: {throw: {error: E, cause: 1}}\n") ==
        prefix + "3: mocks.A.throw.cause: expected a string, got number");
  CHECK(ErrorOf("stateMachine: m.json\ncases:\n  - expect: {status: SUCCEEDED}\n"
                "    mocks: {B: {throw: {error: E, cause: 1}}}\n") ==
        prefix + "4: cases[0].mocks.B.throw.cause: expected a string, got number");
  const TestFile file = ParseOrDie("stateMachine: m.json\nmocks: {A: {return: null}}\n" + tail);
  CHECK(file.mocks[0].answers[0].value.is_null());
}

TEST_CASE("LoadTestFile and IsTestFilePath") {
  CHECK(IsTestFilePath("a/orders.sfn-test.yaml"));
  CHECK(IsTestFilePath("orders.sfn-test.yml"));
  CHECK(IsTestFilePath("orders.sfn-test.json"));
  CHECK_FALSE(IsTestFilePath("orders.yaml"));
  CHECK_FALSE(IsTestFilePath(".sfn-test.yaml"));
  Result<TestFile> missing = LoadTestFile("/nonexistent/x.sfn-test.yaml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().error == "InvalidTestFile");
  CHECK(missing.error().cause ==
        "/nonexistent/x.sfn-test.yaml: cannot read: No such file or directory");
}

TEST_CASE("LoadTestFile reads YAML and JSON files, with their lines") {
  std::string pattern = (std::filesystem::temp_directory_path() / "sfn-testfile-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string yaml = dir + "/a.sfn-test.yaml";
  const std::string json = dir + "/a.sfn-test.json";
  std::ofstream(yaml) << "stateMachine: m.json\ncases:\n  - expect: {status: SUCCEEDED}\n";
  std::ofstream(json) << "{\"stateMachine\": \"m.json\",\n \"cases\": [\n  {\"expect\": {}}]}";
  const Result<TestFile> file = LoadTestFile(yaml);
  REQUIRE_MESSAGE(file.ok(), file.error().cause);
  CHECK(file.value().path == yaml);
  CHECK(file.value().state_machine == dir + "/m.json");
  CHECK(file.value().cases[0].line == 3);
  CHECK(LoadTestFile(json).error().cause ==
        json + ":3: cases[0].expect: missing required key 'status'");
  std::ofstream(json) << "{\"stateMachine\": \"m.json\",\n \"cases\": [}";
  CHECK(LoadTestFile(json).error().cause == json + ":2:12: not valid JSON: Invalid value.");
  std::filesystem::remove_all(dir);
}

// The schema for editors, held to the parser's own key tables.
Json LoadSchema() {
  std::ifstream in(std::string(SFN_SOURCE_DIR) + "/schemas/sfn-test.schema.json");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  JsonParseResult parsed = ParseJson(text.str());
  REQUIRE_MESSAGE(parsed.ok, parsed.error.message);
  return parsed.value;
}

const Json* AtPointer(const Json& root, std::string_view pointer) {
  const Json* node = &root;
  while (!pointer.empty() && node != nullptr) {
    pointer.remove_prefix(1);
    const size_t slash = pointer.find('/');
    node = node->Find(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? "" : pointer.substr(slash);
  }
  return node;
}

TEST_CASE("schemas/sfn-test.schema.json") {
  const Json schema = LoadSchema();
  REQUIRE(schema.is_object());
  CHECK(schema.Find("$schema")->AsString() == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema.Find("type")->AsString() == "object");
  CHECK(Dump(*schema.Find("required")) == R"(["stateMachine","cases"])");
  REQUIRE(schema.Find("$defs") != nullptr);
  REQUIRE(schema.Find("properties") != nullptr);

  SUBCASE("every object the parser checks has exactly its keys, and no others") {
    for (const KeyTable& table : TestFileKeyTables()) {
      CAPTURE(table.schema_pointer);
      const Json* object = AtPointer(schema, table.schema_pointer);
      REQUIRE(object != nullptr);
      REQUIRE(object->Find("properties") != nullptr);
      std::set<std::string> in_schema, in_parser(table.keys.begin(), table.keys.end());
      for (const auto& [key, unused] : object->Find("properties")->AsObject())
        in_schema.insert(key);
      CHECK(in_schema == in_parser);
      REQUIRE(object->Find("additionalProperties") != nullptr);
      CHECK(*object->Find("additionalProperties") == Json(false));
    }
  }
  SUBCASE("statuses") {
    const Json* status = AtPointer(schema, "/$defs/expect/properties/status/enum");
    REQUIRE(status != nullptr);
    CHECK(Dump(*status) == R"(["SUCCEEDED","FAILED","TIMED_OUT","ABORTED"])");
    for (ExpectedStatus s : {ExpectedStatus::kSucceeded, ExpectedStatus::kFailed,
                             ExpectedStatus::kTimedOut, ExpectedStatus::kAborted}) {
      CHECK(Dump(*status).find(std::string("\"") + StatusName(s) + "\"") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace sfn::testing
