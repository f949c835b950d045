// tests/mocks/mock_config_test.cc
#include "mocks/mock_config.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::testing::ParseOrDie;

namespace {

// The AWS documentation's example (AWS-FACTS §3.4).
const char kAwsExample[] = R"({
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath":  { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" },
        "RetryPath":  { "LambdaState": "MockedLambdaRetry",   "SQSState": "MockedSQSSuccess" },
        "HybridPath": { "LambdaState": "MockedLambdaSuccess" }
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": {
      "0": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
    },
    "MockedSQSSuccess": {
      "0": { "Return": { "MD5OfMessageBody": "3bcb6e8e", "MessageId": "3bcb6e8e-8b51" } }
    },
    "MockedLambdaRetry": {
      "0":   { "Throw": { "Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready." } },
      "1-2": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } },
      "3":   { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
    }
  }
})";

std::unique_ptr<MockConfig> Example() {
  auto config = MockConfig::FromJson(ParseOrDie(kAwsExample));
  REQUIRE(config.ok());
  return std::move(config).value();
}

std::string ErrorOf(const std::string& text) {
  auto config = MockConfig::FromJson(ParseOrDie(text), "mocks.json");
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().error == "InvalidMockConfig");
  return config.error().cause;
}

}  // namespace

TEST_CASE("MockConfig finds answers by machine, test case, state and attempt") {
  auto config = Example();
  MockedAnswer happy = config->Find("LambdaSQSIntegration", "HappyPath", "LambdaState", 0);
  CHECK(happy.kind == MockedAnswer::Kind::kReturn);
  CHECK(sfn::Dump(happy.value) ==
        R"({"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}})");
  MockedAnswer first = config->Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 0);
  CHECK(first.kind == MockedAnswer::Kind::kThrow);
  CHECK(first.error == "Lambda.ResourceNotReadyException");
  CHECK(first.cause == "Lambda resource is not ready.");
  for (int attempt : {1, 2}) {
    MockedAnswer retry = config->Find("LambdaSQSIntegration", "RetryPath", "LambdaState", attempt);
    CHECK(retry.kind == MockedAnswer::Kind::kThrow);
    CHECK(retry.error == "Lambda.TimeoutException");
  }
  CHECK(config->Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 3).kind ==
        MockedAnswer::Kind::kReturn);
  MockedAnswer missing = config->Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 4);
  CHECK(missing.kind == MockedAnswer::Kind::kMissing);
  CHECK(missing.error == "States.Runtime");
  CHECK(missing.cause ==
        "The mocked response \"MockedLambdaRetry\" of state \"LambdaState\" in test case "
        "\"RetryPath\" has no entry for attempt 4.");
  // HybridPath leaves SQSState to the real route.
  CHECK(config->Find("LambdaSQSIntegration", "HybridPath", "SQSState", 0).kind ==
        MockedAnswer::Kind::kNotMocked);
  CHECK(config->Find("Other", "HappyPath", "LambdaState", 0).kind ==
        MockedAnswer::Kind::kNotMocked);
}

TEST_CASE("MockConfig::HasTestCase") {
  auto config = Example();
  CHECK(config->HasTestCase("LambdaSQSIntegration", "HappyPath"));
  CHECK_FALSE(config->HasTestCase("LambdaSQSIntegration", "SadPath"));
  CHECK_FALSE(config->HasTestCase("Other", "HappyPath"));
}

TEST_CASE("Return may be any JSON value, Throw's Cause is optional") {
  auto config = MockConfig::FromJson(ParseOrDie(R"({
    "StateMachines": {"M": {"TestCases": {"T": {"A": "R", "B": "E"}}}},
    "MockedResponses": {"R": {"0": {"Return": "text"}}, "E": {"0": {"Throw": {"Error": "X"}}}}})"));
  REQUIRE(config.ok());
  CHECK(sfn::Dump(config.value()->Find("M", "T", "A", 0).value) == "\"text\"");
  CHECK(config.value()->Find("M", "T", "B", 0).cause == "");
}

TEST_CASE("MockConfig explains what is wrong") {
  CHECK(ErrorOf("[]") == "mocks.json: the top level must be an object");
  CHECK(ErrorOf(R"({"MockedResponses": {"R": {"x": {"Return": 1}}}})") ==
        "mocks.json: MockedResponses.R: invalid attempt key \"x\" (expected \"N\" or \"N-M\")");
  CHECK(ErrorOf(R"({"MockedResponses": {"R": {"3-1": {"Return": 1}}}})") ==
        "mocks.json: MockedResponses.R: invalid attempt key \"3-1\" (expected \"N\" or \"N-M\")");
  CHECK(ErrorOf(R"({"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}})") ==
        "mocks.json: MockedResponses.R.0: needs exactly one of \"Return\" and \"Throw\"");
  CHECK(ErrorOf(R"({"MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}})") ==
        "mocks.json: MockedResponses.R.0: \"Throw\" needs a string \"Error\"");
  CHECK(ErrorOf(R"({"StateMachines": {"M": {}}})") ==
        "mocks.json: StateMachines.M: needs an object \"TestCases\"");
  CHECK(ErrorOf(R"({"StateMachines": {"M": {"TestCases": {"T": {"S": "Nope"}}}}})") ==
        "mocks.json: StateMachines.M.TestCases.T.S: mocked response \"Nope\" is not defined in "
        "\"MockedResponses\"");
}

TEST_CASE("MockConfig::Open re-reads the file when it changes") {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("mock_config_test_" + std::to_string(getpid()) + ".json");
  auto write = [&](const std::string& text, long mtime) {
    std::ofstream(path) << text;
    timespec times[2] = {{mtime, 0}, {mtime, 0}};
    REQUIRE(utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
  };
  const char* version1 = R"({"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}},
                             "MockedResponses": {"R": {"0": {"Return": 1}}}})";
  const char* version2 = R"({"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}, "U": {}}}},
                             "MockedResponses": {"R": {"0": {"Return": 2}}}})";
  write(version1, 1000);
  std::vector<std::string> log;
  auto opened =
      MockConfig::Open(path.string(), [&](const std::string& line) { log.push_back(line); });
  REQUIRE(opened.ok());
  MockConfig& config = *opened.value();
  CHECK(config.Find("M", "T", "S", 0).value.AsInt() == 1);
  CHECK_FALSE(config.HasTestCase("M", "U"));

  write(version2, 2000);
  CHECK(config.Find("M", "T", "S", 0).value.AsInt() == 2);
  CHECK(config.HasTestCase("M", "U"));
  CHECK(log == std::vector<std::string>{"sfn-local: mock config " + path.string() + " reloaded"});

  write("{broken", 3000);  // a bad edit keeps the last good version, reported once
  CHECK(config.Find("M", "T", "S", 0).value.AsInt() == 2);
  CHECK(config.Find("M", "T", "S", 0).value.AsInt() == 2);
  REQUIRE(log.size() == 2);
  CHECK(log[1].rfind("sfn-local: " + path.string() + ": not valid JSON at offset ", 0) == 0);
  CHECK(log[1].find("(keeping the last good version)") != std::string::npos);

  auto absent = MockConfig::Open(path.string() + ".absent");
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().cause == path.string() + ".absent: cannot read: No such file or directory");
  std::filesystem::remove(path);
}
