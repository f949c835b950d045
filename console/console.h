// console/console.h
//
// The web console that `sfn-local serve` shows at GET / (turned off with
// --no-console): a single page (console/assets/) that reads and acts only
// through the Step Functions API (same-origin POST / with X-Amz-Target),
// plus what the page cannot get from the API, all read-only GETs:
//   /console/graph.svg?stateMachineArn=... | ?executionArn=...
//       the definition laid out by Graphviz, states classed by outcome
//   /console/api/outline?executionArn=...
//       per-state outcome, attempts, input, output, error (from the history)
//   /console/api/waiting-tasks
//       the .waitForTaskToken and activity tasks waiting for an answer
// The Console reads through Service::Call like any client and changes
// nothing. Thread-safe: Handle runs on server threads concurrently.
#ifndef SFN_CONSOLE_CONSOLE_H_
#define SFN_CONSOLE_CONSOLE_H_

#include <functional>
#include <string>
#include <vector>

#include "emulator/api/actions.h"
#include "emulator/api/server.h"
#include "emulator/engine/task_tokens.h"

namespace sfn::console {

struct ConsoleOptions {
  const emulator::Service* service = nullptr;  // borrowed; must outlive the Console
  emulator::CallContext context;               // the region and account pages read
  // The tasks waiting for a callback (Engine::WaitingTasks).
  std::function<std::vector<emulator::WaitingTask>()> waiting_tasks;
  // The activity tasks no worker took yet (Activities::QueuedTokens).
  std::function<std::vector<std::string>()> queued_activity_tokens;
};

class Console {
 public:
  explicit Console(ConsoleOptions options) : options_(std::move(options)) {}

  emulator::PageAnswer Handle(const emulator::PageRequest& request) const;

 private:
  emulator::PageAnswer Graph(const emulator::PageRequest& request) const;
  emulator::PageAnswer Outline(const emulator::PageRequest& request) const;
  emulator::PageAnswer WaitingTasks() const;

  ConsoleOptions options_;
};

}  // namespace sfn::console

#endif  // SFN_CONSOLE_CONSOLE_H_
