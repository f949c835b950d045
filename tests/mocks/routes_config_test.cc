// tests/mocks/routes_config_test.cc
#include "mocks/routes_config.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::testing::ParseOrDie;

namespace {

std::string ErrorOf(const std::string& text) {
  auto result = ParseRoutesConfig(ParseOrDie(text), "/base", "routes.json");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().error == "InvalidRoutesConfig");
  return result.error().cause;
}

}  // namespace

TEST_CASE("ParseRoutesConfig reads every route kind") {
  auto result = ParseRoutesConfig(ParseOrDie(R"({"routes": [
      {"resource": "arn:aws:lambda:us-east-1:1:function:A", "exec": ["python3", "a.py"],
       "cwd": "work", "env": {"K": "V"}, "timeoutSeconds": 2.5},
      {"resource": "arn:aws:states:::sqs:*", "http": "http://127.0.0.1:9/x", "timeoutSeconds": 3},
      {"resource": "arn:aws:states:::events:putEvents", "url": "http://127.0.0.1:9/y"},
      {"resource": "arn:aws:lambda:*", "lambdaEndpoint": "http://127.0.0.1:3001"},
      {"resource": "R", "return": {"a": 1}},
      {"resource": "T", "throw": {"error": "E", "cause": "C"}},
      {"resource": "U", "throw": {"Error": "E2"}},
      {"resource": "V", "echo": true}]})"),
                                  "/base", "routes.json");
  REQUIRE(result.ok());
  const auto& routes = result.value().routes;
  REQUIRE(routes.size() == 8);
  CHECK(routes[0].kind == RouteKind::kExec);
  CHECK(routes[0].argv == std::vector<std::string>{"python3", "a.py"});
  CHECK(routes[0].cwd == "/base/work");
  CHECK(routes[0].env == std::vector<std::pair<std::string, std::string>>{{"K", "V"}});
  CHECK(routes[0].timeout_seconds == 2.5);
  CHECK(routes[1].kind == RouteKind::kHttp);
  CHECK(routes[1].url == "http://127.0.0.1:9/x");
  CHECK(routes[2].kind == RouteKind::kHttp);
  CHECK(routes[3].kind == RouteKind::kLambdaEndpoint);
  CHECK(routes[4].kind == RouteKind::kReturn);
  CHECK(sfn::Dump(routes[4].value) == R"({"a":1})");
  CHECK(routes[5].kind == RouteKind::kThrow);
  CHECK(routes[5].error == "E");
  CHECK(routes[5].cause == "C");
  CHECK(routes[6].error == "E2");
  CHECK(routes[6].cause == "");
  CHECK(routes[7].kind == RouteKind::kEcho);
}

TEST_CASE("exec routes run in the routes file's folder by default") {
  auto result = ParseRoutesConfig(ParseOrDie(R"({"routes": [{"resource": "A", "exec": ["x"]},
      {"resource": "B", "exec": ["x"], "cwd": "/abs"}]})"),
                                  "/base", "routes.json");
  REQUIRE(result.ok());
  CHECK(result.value().routes[0].cwd == "/base");
  CHECK(result.value().routes[1].cwd == "/abs");
}

TEST_CASE("ParseRoutesConfig explains what is wrong") {
  CHECK(ErrorOf("[]") ==
        "routes.json: the top level must be an object with \"routes\" and \"stateMachines\"");
  CHECK(ErrorOf(R"({"route": []})") == "routes.json: unknown top-level field \"route\"");
  CHECK(ErrorOf(R"({"routes": {}})") == "routes.json: \"routes\" must be an array");
  CHECK(ErrorOf(R"({"routes": [1]})") == "routes.json: routes[0]: a route must be an object");
  CHECK(ErrorOf(R"({"routes": [{"exec": ["x"]}]})") ==
        "routes.json: routes[0]: \"resource\" must be a non-empty string");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A"}]})") ==
        "routes.json: routes[0] (A): a route needs exactly one of exec, http, lambdaEndpoint, "
        "return, throw, echo");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "return": 1, "echo": true}]})") ==
        "routes.json: routes[0] (A): a route needs exactly one of exec, http, lambdaEndpoint, "
        "return, throw, echo");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": []}]})") ==
        "routes.json: routes[0] (A): \"exec\" must be a non-empty array of strings");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": ["x", 1]}]})") ==
        "routes.json: routes[0] (A): \"exec\" must be a non-empty array of strings");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": ["x"], "env": {"K": 1}}]})") ==
        "routes.json: routes[0] (A): \"env\" must be an object of strings");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "http": "ftp://x"}]})") ==
        "routes.json: routes[0] (A): \"http\" must be an http:// or https:// URL");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "lambdaEndpoint": 3}]})") ==
        "routes.json: routes[0] (A): \"lambdaEndpoint\" must be an http:// or https:// URL");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "throw": {"cause": "c"}}]})") ==
        "routes.json: routes[0] (A): \"throw\" must be an object with a string \"error\"");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "echo": false}]})") ==
        "routes.json: routes[0] (A): \"echo\" must be true");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "return": 1, "timeoutSeconds": 1}]})") ==
        "routes.json: routes[0] (A): \"timeoutSeconds\" applies only to exec and HTTP routes");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": ["x"], "timeoutSeconds": 0}]})") ==
        "routes.json: routes[0] (A): \"timeoutSeconds\" must be a positive number");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "return": 1, "cwd": "/"}]})") ==
        "routes.json: routes[0] (A): \"cwd\" and \"env\" apply only to \"exec\" routes");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "return": 1, "retrun": 2}]})") ==
        "routes.json: routes[0] (A): unknown field \"retrun\"");
  CHECK(ErrorOf(R"({"stateMachines": [{"name": "M"}]})") ==
        "routes.json: stateMachines[0]: \"definition\" must name a definition file");
  CHECK(ErrorOf(R"({"stateMachines": [{"name": "M", "definition": "m.json", "type": "X"}]})") ==
        "routes.json: stateMachines[0]: \"type\" must be \"STANDARD\" or \"EXPRESS\"");
}

TEST_CASE("LoadRoutesConfig resolves paths against the file's folder") {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("routes_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "machines");
  std::ofstream(dir / "machines" / "hello.asl.json") << R"({"StartAt": "P"})";
  std::ofstream(dir / "routes.json") << R"({"routes": [{"resource": "A", "exec": ["sh", "h.sh"]}],
      "stateMachines": [{"name": "Hello", "definition": "machines/hello.asl.json",
                         "type": "EXPRESS", "roleArn": "arn:aws:iam::1:role/r"}]})";
  auto result = LoadRoutesConfig((dir / "routes.json").string());
  REQUIRE(result.ok());
  CHECK(result.value().routes[0].cwd == dir.string());
  const StateMachinePreload& preload = result.value().state_machines.at(0);
  CHECK(preload.name == "Hello");
  CHECK(preload.type == "EXPRESS");
  CHECK(preload.role_arn == "arn:aws:iam::1:role/r");
  CHECK(preload.definition_path == (dir / "machines" / "hello.asl.json").string());
  CHECK(preload.definition == R"({"StartAt": "P"})");

  std::ofstream(dir / "broken.json") << "{\"routes\": [";
  auto broken = LoadRoutesConfig((dir / "broken.json").string());
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().cause.rfind(
            (dir / "broken.json").string() + ": not valid JSON at offset 12: ", 0) == 0);

  std::ofstream(dir / "missing_def.json")
      << R"({"stateMachines": [{"name": "M", "definition": "nope.json"}]})";
  auto missing = LoadRoutesConfig((dir / "missing_def.json").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().cause == (dir / "missing_def.json").string() +
                                     ": stateMachines[0]: cannot read " +
                                     (dir / "nope.json").string() + ": No such file or directory");

  auto absent = LoadRoutesConfig((dir / "absent.json").string());
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().cause ==
        (dir / "absent.json").string() + ": cannot read: No such file or directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("LoadRoutesConfig refuses an exec route whose program or cwd cannot be used") {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("routes_exec_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "bin");
  std::ofstream(dir / "bin" / "plain.sh") << "echo {}\n";  // not executable
  std::ofstream(dir / "bin" / "run.sh") << "#!/bin/sh\necho {}\n";
  std::filesystem::permissions(dir / "bin" / "run.sh", std::filesystem::perms::owner_all);
  const std::string file = (dir / "routes.json").string();
  auto error_of = [&](const std::string& route) {
    std::ofstream(file) << R"({"routes": [)" + route + "]}";
    auto result = LoadRoutesConfig(file);
    return result.ok() ? std::string("ok") : result.error().cause;
  };
  const std::string where = file + ": routes[0] (A): ";
  CHECK(error_of(R"({"resource": "A", "exec": ["bin/run.sh"]})") == "ok");
  CHECK(error_of(R"({"resource": "A", "exec": ["./run.sh"], "cwd": "bin"})") == "ok");
  CHECK(error_of(R"({"resource": "A", "exec": ["sh", "-c", "x"]})") == "ok");
  CHECK(error_of(R"({"resource": "A", "exec": ["no-such-program-here"]})")
            .rfind(where + "program \"no-such-program-here\" was not found in PATH (", 0) == 0);
  CHECK(error_of(R"({"resource": "A", "exec": ["bin/missing.sh"]})") ==
        where + "program \"bin/missing.sh\" (" + (dir / "bin/missing.sh").string() +
            ") does not exist");
  CHECK(error_of(R"({"resource": "A", "exec": ["bin/plain.sh"]})") ==
        where + "program \"bin/plain.sh\" (" + (dir / "bin/plain.sh").string() +
            ") is not executable");
  CHECK(error_of(R"({"resource": "A", "exec": ["bin"]})").find("was not found in PATH") !=
        std::string::npos);
  CHECK(error_of(R"({"resource": "A", "exec": ["./bin"]})") ==
        where + "program \"./bin\" (" + dir.string() + "/./bin) is a directory");
  CHECK(error_of(R"({"resource": "A", "exec": ["sh"], "cwd": "nowhere"})") ==
        where + "\"cwd\" " + (dir / "nowhere").string() + " does not exist");
  CHECK(error_of(R"({"resource": "A", "exec": ["sh"], "cwd": "bin/run.sh"})") ==
        where + "\"cwd\" " + (dir / "bin/run.sh").string() + " is not a directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("exec routes' env names are variable names, not the task's own SFN_* variables") {
  auto error_of = [](const std::string& env) {
    auto result = ParseRoutesConfig(
        ParseOrDie(R"({"routes": [{"resource": "A", "exec": ["x"], "env": )" + env + "}]}"), "",
        "routes.json");
    return result.ok() ? std::string("ok") : result.error().cause;
  };
  CHECK(error_of(R"({"API_URL": "http://x", "_x1": ""})") == "ok");
  CHECK(error_of(R"({"1X": "v"})") ==
        "routes.json: routes[0] (A): \"env\" name \"1X\" is not a variable name (letters, "
        "digits and _, not starting with a digit)");
  CHECK(error_of(R"({"A=B": "v"})").find("\"A=B\" is not a variable name") != std::string::npos);
  CHECK(error_of(R"({"": "v"})").find("\"\" is not a variable name") != std::string::npos);
  CHECK(error_of(R"({"SFN_TASK_TOKEN": "forged"})") ==
        "routes.json: routes[0] (A): \"env\" name \"SFN_TASK_TOKEN\" is reserved: sfn-local "
        "sets the SFN_* variables for each task");
  CHECK(error_of(R"({"K": "a\u0000b"})") ==
        "routes.json: routes[0] (A): \"env\" value of \"K\" contains a NUL character");
}

TEST_CASE("exec routes' warm mode: \"persistent\" and \"processes\"") {
  auto config = ParseRoutesConfig(
      ParseOrDie(R"({"routes": [{"resource": "A", "exec": ["x"], "persistent": true,
                                 "processes": 3},
                                {"resource": "B", "exec": ["x"], "persistent": true},
                                {"resource": "C", "exec": ["x"]}]})"),
      "/base", "routes.json");
  REQUIRE(config.ok());
  const auto& routes = config.value().routes;
  CHECK((routes[0].persistent && routes[0].processes == 3));
  CHECK((routes[1].persistent && routes[1].processes == 1));
  CHECK_FALSE(routes[2].persistent);
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": ["x"], "persistent": 1}]})") ==
        "routes.json: routes[0] (A): \"persistent\" must be true or false");
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "exec": ["x"], "processes": 2}]})") ==
        "routes.json: routes[0] (A): \"processes\" applies only with \"persistent\": true");
  for (const char* count : {"0", "65", "1.5", "\"2\""}) {
    CHECK(ErrorOf(std::string(R"({"routes": [{"resource": "A", "exec": ["x"], )") +
                  R"("persistent": true, "processes": )" + count + "}]}") ==
          "routes.json: routes[0] (A): \"processes\" must be a whole number from 1 to 64");
  }
  CHECK(ErrorOf(R"({"routes": [{"resource": "A", "return": 1, "persistent": true}]})") ==
        "routes.json: routes[0] (A): \"persistent\" and \"processes\" apply only to \"exec\" "
        "routes");
}
