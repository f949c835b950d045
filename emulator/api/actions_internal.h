// emulator/api/actions_internal.h
//
// Shared by the actions_*.cc files only: the environment a handler runs in,
// the handlers of the action table, the input shapes they are validated
// against, and small helpers for turning Store answers into responses.
// Handlers are stateless functions; everything they touch is thread-safe.
#ifndef SFN_EMULATOR_API_ACTIONS_INTERNAL_H_
#define SFN_EMULATOR_API_ACTIONS_INTERNAL_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "asl/core/json.h"
#include "emulator/api/actions.h"
#include "emulator/api/api_error.h"
#include "emulator/records/arn.h"
#include "emulator/api/response_shapes.h"
#include "emulator/engine/clock.h"
#include "emulator/api/page_token.h"
#include "emulator/api/request.h"
#include "emulator/api/response_shapes.h"
#include "emulator/records/arn.h"
#include "emulator/records/store.h"

namespace sfn::emulator::actions {

struct Env {
  Store& store;
  ExecutionRunner& runner;
  const CallContext& ctx;
  const std::atomic<bool>& stopping;
  const ServiceHooks& hooks;
  Activities& activities;
};

using Handler = ApiResult (*)(const Env& env, const Json& request);

struct Action {
  std::string_view name;
  const Shape* input;
  Handler handler;
};

// The action table (actions.cc); sorted by name.
const Action* FindAction(std::string_view name);

// ---- input shapes (actions_shapes.cc), named as in the botocore model
extern const Shape kCreateStateMachineInput, kDescribeStateMachineInput, kUpdateStateMachineInput,
    kDeleteStateMachineInput, kListStateMachinesInput, kValidateStateMachineDefinitionInput,
    kStartExecutionInput, kStartSyncExecutionInput, kDescribeExecutionInput, kListExecutionsInput,
    kStopExecutionInput, kGetExecutionHistoryInput, kDescribeStateMachineForExecutionInput,
    kTagResourceInput, kUntagResourceInput, kListTagsForResourceInput,
    kPublishStateMachineVersionInput, kListStateMachineVersionsInput,
    kDeleteStateMachineVersionInput, kCreateStateMachineAliasInput, kDescribeStateMachineAliasInput,
    kUpdateStateMachineAliasInput, kDeleteStateMachineAliasInput, kListStateMachineAliasesInput,
    kSendTaskSuccessInput, kSendTaskFailureInput, kSendTaskHeartbeatInput,
    kCreateActivityInput, kDescribeActivityInput, kDeleteActivityInput, kListActivitiesInput,
    kGetActivityTaskInput, kTestStateInput, kListMapRunsInput, kDescribeMapRunInput,
    kUpdateMapRunInput, kRedriveExecutionInput;

// ---- handlers
ApiResult CreateStateMachine(const Env& env, const Json& req);
ApiResult DescribeStateMachine(const Env& env, const Json& req);
ApiResult UpdateStateMachine(const Env& env, const Json& req);
ApiResult DeleteStateMachine(const Env& env, const Json& req);
ApiResult ListStateMachines(const Env& env, const Json& req);
ApiResult ValidateStateMachineDefinition(const Env& env, const Json& req);
ApiResult StartExecution(const Env& env, const Json& req);
ApiResult StartSyncExecution(const Env& env, const Json& req);
ApiResult DescribeExecution(const Env& env, const Json& req);
ApiResult ListExecutions(const Env& env, const Json& req);
ApiResult StopExecution(const Env& env, const Json& req);
ApiResult GetExecutionHistory(const Env& env, const Json& req);
ApiResult DescribeStateMachineForExecution(const Env& env, const Json& req);
ApiResult TagResource(const Env& env, const Json& req);
ApiResult UntagResource(const Env& env, const Json& req);
ApiResult ListTagsForResource(const Env& env, const Json& req);
ApiResult PublishStateMachineVersion(const Env& env, const Json& req);
ApiResult ListStateMachineVersions(const Env& env, const Json& req);
ApiResult DeleteStateMachineVersion(const Env& env, const Json& req);
ApiResult CreateStateMachineAlias(const Env& env, const Json& req);
ApiResult DescribeStateMachineAlias(const Env& env, const Json& req);
ApiResult UpdateStateMachineAlias(const Env& env, const Json& req);
ApiResult DeleteStateMachineAlias(const Env& env, const Json& req);
ApiResult ListStateMachineAliases(const Env& env, const Json& req);
ApiResult SendTaskSuccess(const Env& env, const Json& req);
ApiResult SendTaskFailure(const Env& env, const Json& req);
ApiResult SendTaskHeartbeat(const Env& env, const Json& req);
ApiResult CreateActivity(const Env& env, const Json& req);
ApiResult DescribeActivity(const Env& env, const Json& req);
ApiResult DeleteActivity(const Env& env, const Json& req);
ApiResult ListActivities(const Env& env, const Json& req);
ApiResult GetActivityTask(const Env& env, const Json& req);
ApiResult TestState(const Env& env, const Json& req);
ApiResult RedriveExecution(const Env& env, const Json& req);
ApiResult ListMapRuns(const Env& env, const Json& req);
ApiResult DescribeMapRun(const Env& env, const Json& req);
ApiResult UpdateMapRun(const Env& env, const Json& req);

// ---- StartExecution's parts (actions_executions.cc), shared with
// Service::StartExecution
// Starts the execution a validated StartExecution request asks for: a new
// one, or the stored one a repeated request (same name and input) stands
// for. EXPRESS executions are started but not stored. `after_answer`: the
// first states may run once the caller has answered (ExecutionRunner::
// StartAfterAnswer).
std::variant<std::shared_ptr<Execution>, ApiError> StartFromRequest(const Env& env, const Json& req,
                                                                    bool after_answer = false);
// The action's answer: {"executionArn", "startDate"}.
Json StartedResponse(const Execution& e);

// The execution named by the request's executionArn: one the Store keeps,
// or a Distributed Map's child (with its parent's revision); InvalidArn or
// ExecutionDoesNotExist otherwise.
std::variant<ExecutionRecord, ApiError> FindAnyExecution(const Env& env, const Json& req);

// ---- helpers (actions.cc)
// An empty object: the answer of actions without output.
Json Empty();
// The Tag list of a request member ([{"key", "value"}]).
std::vector<Tag> ReadTags(const Json* tags);
// Checks the execution input text as AWS does: InvalidExecutionInput with
// Jackson's message, or the parsed value.
std::variant<Json, ApiError> ParseExecutionInput(const std::string& text);
// How Page finds where the previous page ended: the item whose key equals
// the cursor, or (for lists sorted by key) the first key after it, so a page
// survives the removal of the item it ended at.
enum class KeyOrder { kExact, kAscending, kDescending };
// A page of `items` after `cursor` (the key of the last item of the
// previous page) of at most `page.max_results`, with the nextToken for list
// `list_id` when more remain. `key` gives an item's cursor. A cursor that
// matches no item (kExact) is InvalidToken.
template <typename T, typename KeyFn>
std::variant<std::pair<std::vector<T>, std::string>, ApiError> Page(
    const std::vector<T>& items, const PageRequest& page, std::string_view list_id, KeyFn key,
    KeyOrder order = KeyOrder::kExact);
// The ARN of an action that takes only an unqualified state machine ARN:
// a version, alias or Map label ARN names no such state machine
// (StateMachineDoesNotExist); anything else not a state machine is InvalidArn.
std::variant<ParsedArn, ApiError> UnqualifiedMachineArn(const std::string& text);
// A numeric cursor that sorts as text ("00000000000000000042").
std::string NumericKey(int64_t n);

template <typename T, typename KeyFn>
std::variant<std::pair<std::vector<T>, std::string>, ApiError> Page(const std::vector<T>& items,
                                                                    const PageRequest& page,
                                                                    std::string_view list_id,
                                                                    KeyFn key, KeyOrder order) {
  size_t begin = 0;
  if (page.cursor) {
    const std::string& c = *page.cursor;
    begin = order == KeyOrder::kExact ? items.size() + 1 : items.size();
    for (size_t i = 0; i < items.size(); ++i) {
      std::string k = key(items[i]);
      bool after = order == KeyOrder::kAscending ? k > c : k < c;
      if (order == KeyOrder::kExact ? k == c : after) {
        begin = order == KeyOrder::kExact ? i + 1 : i;
        break;
      }
    }
    if (begin > items.size()) return InvalidTokenError();
  }
  size_t end = std::min(items.size(), begin + page.max_results);
  std::pair<std::vector<T>, std::string> out;
  out.first.assign(items.begin() + static_cast<std::ptrdiff_t>(begin),
                   items.begin() + static_cast<std::ptrdiff_t>(end));
  if (end < items.size()) out.second = EncodePageToken(list_id, key(items[end - 1]));
  return out;
}

}  // namespace sfn::emulator::actions

#endif  // SFN_EMULATOR_API_ACTIONS_INTERNAL_H_
