// asl/definition/parse_resource.cc
//
// Task Resource ARNs: Lambda function ARNs, activity ARNs, optimized
// service integrations ("arn:aws:states:::sqs:sendMessage.waitForTaskToken")
// and AWS SDK integrations ("arn:aws:states:::aws-sdk:s3:listBuckets").
// AWS rejects integrations it does not offer and, for EXPRESS machines,
// the .sync and .waitForTaskToken patterns and activities.
#include <string>
#include <string_view>
#include <vector>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

struct Integration {
  std::string_view service;
  bool sync;                              // Run a Job (.sync)
  bool callback;                          // Wait for Callback (.waitForTaskToken)
  std::vector<std::string_view> actions;  // empty: any action of the service
};

// The optimized integrations and the patterns each supports (AWS docs,
// "Optimized integrations for Step Functions").
const std::vector<Integration>& Integrations() {
  static const std::vector<Integration> kTable = {
      {"apigateway", false, true, {"invoke"}},
      {"athena",
       true,
       false,
       {"startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"}},
      {"batch", true, false, {"submitJob"}},
      {"bedrock", true, true, {}},
      {"codebuild", true, false, {}},
      {"dynamodb", false, false, {"getItem", "putItem", "updateItem", "deleteItem"}},
      {"ecs", true, true, {"runTask"}},
      {"eks", true, true, {}},
      {"elasticmapreduce", true, false, {}},
      {"emr-containers", true, false, {}},
      {"emr-serverless", true, false, {}},
      {"events", false, true, {"putEvents"}},
      {"glue", true, false, {}},
      {"databrew", true, false, {"startJobRun"}},
      {"lambda", false, true, {"invoke"}},
      {"mediaconvert", true, false, {"createJob"}},
      {"sagemaker", true, false, {}},
      {"sns", false, true, {"publish"}},
      {"sqs", false, true, {"sendMessage"}},
      {"states", true, true, {"startExecution"}},
      {"http", false, false, {"invoke"}},
  };
  return kTable;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Splits "action.sync:2" into "action" and its pattern.
std::string_view SplitPattern(std::string_view action, TaskPattern* pattern) {
  struct Suffix {
    std::string_view text;
    TaskPattern pattern;
  };
  static const Suffix kSuffixes[] = {{".sync:2", TaskPattern::kSync2},
                                     {".sync", TaskPattern::kSync},
                                     {".waitForTaskToken", TaskPattern::kWaitForTaskToken}};
  for (const Suffix& s : kSuffixes) {
    if (action.size() > s.text.size() && action.substr(action.size() - s.text.size()) == s.text) {
      *pattern = s.pattern;
      return action.substr(0, action.size() - s.text.size());
    }
  }
  *pattern = TaskPattern::kRequestResponse;
  return action;
}

// "svc:action[.pattern]" after "arn:<partition>:states:::".
bool KnownIntegration(std::string_view rest, TaskPattern* pattern) {
  if (StartsWith(rest, "aws-sdk:")) {
    std::vector<std::string_view> parts = Split(rest.substr(8), ':');
    if (parts.size() != 2 || parts[0].empty()) return false;
    std::string_view action = SplitPattern(parts[1], pattern);
    return !action.empty() && (*pattern == TaskPattern::kRequestResponse ||
                               *pattern == TaskPattern::kWaitForTaskToken);
  }
  std::vector<std::string_view> parts = Split(rest, ':');
  if (parts.size() == 3 && parts[2] == "2" && parts[1].size() > 5 &&
      parts[1].substr(parts[1].size() - 5) == ".sync") {
    parts = {parts[0], rest.substr(parts[0].size() + 1)};  // "action.sync:2"
  }
  if (parts.size() != 2) return false;
  std::string_view action = SplitPattern(parts[1], pattern);
  for (const Integration& integration : Integrations()) {
    if (integration.service != parts[0]) continue;
    bool action_ok = integration.actions.empty() ? !action.empty() : false;
    for (std::string_view a : integration.actions) action_ok = action_ok || a == action;
    switch (*pattern) {
      case TaskPattern::kRequestResponse:
        return action_ok;
      case TaskPattern::kSync:
        return action_ok && integration.sync;
      case TaskPattern::kSync2:
        return action_ok && integration.service == "states";
      case TaskPattern::kWaitForTaskToken:
        return action_ok && integration.callback;
    }
  }
  return false;
}

// arn:<partition>:<service>:<region>:<account>:<resource...>
bool IsLambdaFunctionArn(const std::vector<std::string_view>& parts) {
  return parts.size() >= 7 && parts.size() <= 8 && parts[2] == "lambda" && !parts[3].empty() &&
         !parts[4].empty() && parts[5] == "function" && !parts[6].empty();
}

bool IsActivityArn(const std::vector<std::string_view>& parts) {
  return parts.size() == 7 && parts[2] == "states" && !parts[3].empty() && !parts[4].empty() &&
         parts[5] == "activity" && !parts[6].empty();
}

}  // namespace

void CheckResource(StateContext& ctx, const std::string& resource, TaskPattern* pattern) {
  *pattern = TaskPattern::kRequestResponse;
  if (!StartsWith(resource, "arn:")) {
    ctx.Error("Resource", "Value is not a valid resource ARN");
    return;
  }
  std::vector<std::string_view> parts = Split(resource, ':');
  bool activity = IsActivityArn(parts);
  bool known = IsLambdaFunctionArn(parts) || activity;
  if (!known && parts.size() >= 6 && parts[2] == "states" && parts[3].empty() && parts[4].empty()) {
    size_t prefix = parts[0].size() + parts[1].size() + parts[2].size() + 5;  // 5 colons
    known = KnownIntegration(std::string_view(resource).substr(prefix), pattern);
  }
  if (!known) {
    ctx.Error("Resource", "The resource provided " + resource +
                              " is not recognized. The value is not a valid resource ARN, or the "
                              "resource is not available in this region.");
    return;
  }
  if (!ctx.b.express()) return;
  if (activity) {
    ctx.Error("Resource", "Express state machine does not support Activity ARN");
  } else if (*pattern == TaskPattern::kSync || *pattern == TaskPattern::kSync2) {
    ctx.Error("Resource", "Express state machine does not support '.sync' service integration");
  } else if (*pattern == TaskPattern::kWaitForTaskToken) {
    // AWS's text has a trailing space before " at /States/...".
    ctx.Error("Resource",
              "Express state machine does not support '.waitForTaskToken' service integration ");
  }
}

}  // namespace sfn::asl::internal
