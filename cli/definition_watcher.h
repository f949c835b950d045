// cli/definition_watcher.h
//
// `serve --config FILE --watch`: the state machines the routes file lists
// under "stateMachines" follow their definition files. Every 300 ms the
// watcher compares each file's modification time and size with what it
// last saw; when they changed and the text differs from the definition in
// force, it calls UpdateStateMachine (through the Service, so the change
// gets exactly the API's checks and a new revision). An edit the API
// refuses (InvalidDefinition with AWS's diagnostic, an unreadable file) is
// logged at warn and kept as that machine's last error; the good definition
// stays in force. The next good edit clears the error.
//
// StatusJson() is what GET /console/api/watch answers:
//   {"watching":true,"stateMachines":[{"name","stateMachineArn",
//    "definitionPath","updates":N,"lastUpdate":"<ISO time>"|null,
//    "error":null|{"error":"InvalidDefinition","cause":"...","at":"<ISO>"}}]}
//
// Threads: Start() runs the polling thread until Stop() (or destruction);
// StatusJson() may be called from any thread. Borrows the Service and the
// ServerLog, which must outlive it (Stop() before they go).
#ifndef SFN_CLI_DEFINITION_WATCHER_H_
#define SFN_CLI_DEFINITION_WATCHER_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulator/api/actions.h"
#include "emulator/records/server_log.h"
#include "mocks/routes_config.h"

namespace sfn::cli {

class DefinitionWatcher {
 public:
  DefinitionWatcher(const std::vector<mocks::StateMachinePreload>& machines,
                    const emulator::Service* service, emulator::CallContext ctx,
                    emulator::ServerLog* log);
  ~DefinitionWatcher();
  DefinitionWatcher(const DefinitionWatcher&) = delete;
  DefinitionWatcher& operator=(const DefinitionWatcher&) = delete;

  void Start();
  void Stop();
  // One round of checks (what the thread does every 300 ms).
  void PollOnce();
  std::string StatusJson() const;

 private:
  struct Watched {
    std::string name;
    std::string arn;
    std::string path;
    std::string definition;  // the text in force
    int64_t mtime_ns = 0;
    int64_t size = -1;
    int updates = 0;
    int64_t last_update_ms = 0;
    std::string error;  // "" : none
    std::string cause;
    int64_t error_ms = 0;
  };
  void Check(Watched* w);
  void Apply(Watched* w, const std::string& text);
  void Fail(Watched* w, const std::string& error, const std::string& cause);

  const emulator::Service* const service_;
  const emulator::CallContext ctx_;
  emulator::ServerLog* const log_;
  mutable std::mutex mu_;
  std::vector<Watched> watched_;  // guarded by mu_ (written only by the polling thread)
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace sfn::cli

#endif  // SFN_CLI_DEFINITION_WATCHER_H_
