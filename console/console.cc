// console/console.cc
#include "console/console.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "console/api_reader.h"
#include "console/assets.h"
#include "console/execution_outline.h"
#include "console/graph_model.h"
#include "console/graph_render.h"
#include "console/json_fields.h"
#include "emulator/api/response_shapes.h"

namespace sfn::console {
namespace {

using emulator::PageAnswer;
using emulator::PageRequest;

constexpr std::string_view kAssetPrefix = "/console/";
constexpr const char* kJson = "application/json";

PageAnswer Text(int status, std::string body) {
  return PageAnswer{status, "text/plain; charset=utf-8", std::move(body)};
}

PageAnswer JsonAnswer(const Json& value) { return PageAnswer{200, kJson, Dump(value)}; }

// The API's own error answer, passed on (its body names the error).
PageAnswer ApiFailure(const ApiAnswer& a) { return PageAnswer{a.http_status, kJson, a.body}; }

std::string Param(const PageRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? "" : it->second;
}

Json Request(std::string_view key, const std::string& value) {
  Json::Object o;
  o.emplace_back(std::string(key), Json(value));
  return Json::MakeObject(std::move(o));
}

std::map<std::string, StateMark> Marks(const ExecutionOutline& outline) {
  std::map<std::string, StateMark> marks;
  for (const auto& [name, s] : outline.states) marks[name] = StateMark{s.outcome, s.retried};
  return marks;
}

PageAnswer Svg(const Json& definition_text, const std::map<std::string, StateMark>& marks,
               bool with_outcomes) {
  JsonParseResult parsed = ParseJson(definition_text.is_string() ? definition_text.AsString() : "");
  if (!parsed.ok || !parsed.value.is_object()) {
    return Text(422, "the state machine's definition is not a JSON object");
  }
  Result<std::string> svg = RenderSvg(DefinitionToDot(parsed.value, marks, with_outcomes));
  if (!svg.ok()) return Text(500, svg.error().cause);
  return PageAnswer{200, "image/svg+xml", std::move(svg).value()};
}

}  // namespace

PageAnswer Console::Handle(const PageRequest& request) const {
  const std::string& path = request.path;
  if (path == "/" || path == "/console" || path == "/console/") {
    const Asset* index = FindAsset("index.html");
    return PageAnswer{200, std::string(ContentTypeOf("index.html")), std::string(index->bytes)};
  }
  if (path == "/console/graph.svg") return Graph(request);
  if (path == "/console/api/outline") return Outline(request);
  if (path == "/console/api/waiting-tasks") return WaitingTasks();
  // serve --watch answers this path itself (before the console's routes);
  // reaching the console means nothing is watched.
  if (path == "/console/api/watch") {
    return PageAnswer{200, kJson, R"({"watching":false,"stateMachines":[]})"};
  }
  if (path.compare(0, kAssetPrefix.size(), kAssetPrefix) == 0) {
    const std::string name = path.substr(kAssetPrefix.size());
    if (const Asset* asset = FindAsset(name)) {
      return PageAnswer{200, std::string(ContentTypeOf(name)), std::string(asset->bytes)};
    }
  }
  return Text(404, "sfn-local console: no page at " + path + "\n");
}

PageAnswer Console::Graph(const PageRequest& request) const {
  ApiReader api(options_.service, options_.context);
  const std::string machine = Param(request, "stateMachineArn");
  const std::string execution = Param(request, "executionArn");
  if (machine.empty() == execution.empty()) {
    return Text(400, "graph.svg needs exactly one of stateMachineArn and executionArn\n");
  }
  if (!machine.empty()) {
    ApiAnswer described = api.Call("DescribeStateMachine", Request("stateMachineArn", machine));
    if (!described.ok()) return ApiFailure(described);
    return Svg(Member(described.value, "definition"), {}, false);
  }
  ApiAnswer described =
      api.Call("DescribeStateMachineForExecution", Request("executionArn", execution));
  if (!described.ok()) return ApiFailure(described);
  ApiAnswer status = api.Call("DescribeExecution", Request("executionArn", execution));
  if (!status.ok()) return ApiFailure(status);
  ApiAnswer history = api.History(execution);
  if (!history.ok()) return ApiFailure(history);
  ExecutionOutline outline =
      OutlineExecution(history.value.AsArray(), StringMember(status.value, "status"));
  return Svg(Member(described.value, "definition"), Marks(outline), true);
}

PageAnswer Console::Outline(const PageRequest& request) const {
  const std::string execution = Param(request, "executionArn");
  if (execution.empty()) return Text(400, "outline needs executionArn\n");
  ApiReader api(options_.service, options_.context);
  ApiAnswer status = api.Call("DescribeExecution", Request("executionArn", execution));
  if (!status.ok()) return ApiFailure(status);
  ApiAnswer history = api.History(execution);
  if (!history.ok()) return ApiFailure(history);
  return JsonAnswer(OutlineToJson(
      OutlineExecution(history.value.AsArray(), StringMember(status.value, "status"))));
}

PageAnswer Console::WaitingTasks() const {
  std::vector<std::string> queued;
  if (options_.queued_activity_tokens) queued = options_.queued_activity_tokens();
  Json::Array tasks;
  if (options_.waiting_tasks) {
    for (const emulator::WaitingTask& t : options_.waiting_tasks()) {
      const bool is_queued = std::find(queued.begin(), queued.end(), t.task_token) != queued.end();
      // An activity task still queued must first be taken with GetActivityTask.
      tasks.push_back(emulator::ObjectBuilder()
                          .Add("taskToken", Json(t.task_token))
                          .Add("executionArn", Json(t.execution_arn))
                          .Add("stateName", Json(t.state_name))
                          .Add("resource", Json(t.resource))
                          .Add("input", Json(t.input))
                          .Add("kind", Json(t.activity ? "activity" : "callback"))
                          .Add("queued", Json(t.activity && is_queued))
                          .Add("since", Json(static_cast<double>(t.since_ms) / 1000.0))
                          .Build());
    }
  }
  Json::Object out;
  out.emplace_back("tasks", Json::MakeArray(std::move(tasks)));
  return JsonAnswer(Json::MakeObject(std::move(out)));
}

std::string_view ContentTypeOf(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace sfn::console
