// mocks/routes_config.h
//
// The routes file (`serve --config FILE`): which local program, HTTP
// endpoint, Lambda endpoint or static answer stands for each Task resource,
// and which state machines to create at start-up.
//
//   {"routes": [
//      {"resource": "arn:aws:lambda:us-east-1:123456789012:function:Charge",
//       "exec": ["python3", "handlers/charge.py"], "cwd": "...", "env": {"K": "V"},
//       "timeoutSeconds": 30},
//      {"resource": "Ship", "exec": ["node", "handlers/ship.mjs"], "persistent": true,
//       "processes": 2},
//      {"resource": "arn:aws:states:::sqs:*", "return": {"MessageId": "m-1"}},
//      {"resource": "arn:aws:lambda:*", "lambdaEndpoint": "http://127.0.0.1:3001"},
//      {"resource": "arn:aws:states:::events:putEvents", "http": "http://127.0.0.1:9000/events"},
//      {"resource": "Refund", "throw": {"error": "RefundFailed", "cause": "no"}},
//      {"resource": "arn:aws:states:::dynamodb:putItem", "echo": true}],
//   "stateMachines": [{"name": "Orders", "definition": "orders.asl.json", "type": "STANDARD"}]}
//
// Relative paths (definition files, cwd) resolve against the file's folder,
// which is also the default working directory of `exec` programs. Values are
// plain data: copy them freely between threads.
#ifndef SFN_MOCKS_ROUTES_CONFIG_H_
#define SFN_MOCKS_ROUTES_CONFIG_H_

#include <string>
#include <utility>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::mocks {

enum class RouteKind { kExec, kHttp, kLambdaEndpoint, kReturn, kThrow, kEcho };

struct Route {
  // An exact resource ARN; a pattern where '*' matches any run of characters;
  // or, for Lambda, a function name or partial ARN ("Charge", "Charge:prod",
  // "123456789012:function:Charge").
  std::string resource;
  RouteKind kind = RouteKind::kReturn;
  // kExec: argv (argv[0] is looked up in PATH); never run through a shell.
  std::vector<std::string> argv;
  std::string cwd;  // kExec: absolute, or empty for the emulator's own
  std::vector<std::pair<std::string, std::string>> env;  // kExec: added to our environment
  std::string url;  // kHttp: the URL to POST to; kLambdaEndpoint: the endpoint's base URL
  double timeout_seconds = 0;  // kExec/kHttp/kLambdaEndpoint: 0 means none
  // kExec: keep `processes` copies of the program running, one task per line
  // on standard input, one answer per line on standard output
  // (mocks/process/persistent_pool.h), instead of one program per task.
  bool persistent = false;
  int processes = 1;
  Json value;         // kReturn
  std::string error;  // kThrow
  std::string cause;  // kThrow
};

// A state machine to create when the emulator starts.
struct StateMachinePreload {
  std::string name;
  std::string definition_path;  // absolute
  std::string definition;       // the file's text, read by LoadRoutesConfig
  std::string type = "STANDARD";
  std::string role_arn;  // may be empty: the emulator picks a default
};

struct RoutesConfig {
  std::vector<Route> routes;  // in file order; the first matching pattern wins
  std::vector<StateMachinePreload> state_machines;
};

// Reads and validates the routes file; each exec route's program must be
// found (in PATH, or relative to its cwd) and be executable, its cwd must be
// a directory. Errors come back as
// AslError{"InvalidRoutesConfig", "<path>: routes[2]: <what is wrong>"}.
Result<RoutesConfig> LoadRoutesConfig(const std::string& path);

// The same from a parsed document. `base_dir` resolves relative paths (empty:
// leave them relative); `origin` names the document in error messages.
// Definition files are read, and exec routes' programs and working
// directories checked (they must exist; a program must be executable), only
// when `read_definitions` is set.
Result<RoutesConfig> ParseRoutesConfig(const Json& doc, const std::string& base_dir,
                                       const std::string& origin, bool read_definitions = false);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_ROUTES_CONFIG_H_
