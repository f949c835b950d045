// cli/serve_state.h
//
// What `sfn-local serve` keeps and for how long:
//   --max-executions N        closed executions kept (oldest closed evicted
//                             first; running ones never; 0: no limit)
//   --max-execution-age D     evict executions closed longer ago than D
//                             (e.g. 90s, 30m, 24h, 7d)
//   --state-file FILE         keep the state on disk across restarts
// ServeState applies them to the records and, at shutdown, stops the
// executions still running (ABORTED, redrivable) and writes the file a last
// time. Used on the main thread only.
#ifndef SFN_CLI_SERVE_STATE_H_
#define SFN_CLI_SERVE_STATE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "emulator/engine/engine.h"
#include "emulator/persist/state_keeper.h"
#include "emulator/records/store.h"

namespace CLI {
class App;
}

namespace sfn::cli {

struct ServeStateOptions {
  size_t max_executions = 10000;
  std::string max_age;  // "" or a duration
  std::string state_file;
};

void AddServeStateOptions(CLI::App* serve, ServeStateOptions* options);

// "90s", "30m", "24h", "7d", "1500ms" in milliseconds; -1 when not one.
int64_t ParseDurationMs(const std::string& text);

class ServeState {
 public:
  ServeState(const ServeStateOptions& options, emulator::Store* store);
  // Sets the retention and loads the state file; false (after printing why)
  // when the file cannot be used.
  bool Load();
  void Start();
  // Stops every running execution (bounded), then saves; prints a save
  // failure. Returns the exit status: 0, or 1 when the file was not saved.
  int Shutdown(emulator::Engine* engine);

 private:
  const ServeStateOptions options_;
  emulator::Store* store_;
  std::unique_ptr<emulator::StateKeeper> keeper_;
};

}  // namespace sfn::cli

#endif  // SFN_CLI_SERVE_STATE_H_
