// emulator/persist/state_keeper.h
//
// StateKeeper keeps the records on disk for `sfn-local serve --state-file`
// and applies the age limit of the execution retention. Load() reads the
// file once at start-up (a missing file is a fresh start; a damaged,
// truncated or foreign one is refused, nothing loaded). Once started, a
// thread wakes every `interval_ms`: it sweeps the Store (evicting
// executions past their age) and, when anything changed since the last
// save, writes the whole state atomically (so at most one write per
// interval, however busy the server; after a long write, the thread rests
// four times as long as the write took). Stop() ends the thread and writes a
// last time. The records are borrowed and must outlive the keeper.
//
// Thread-safe: Load() before Start(); Stop() from any one thread.
#ifndef SFN_EMULATOR_PERSIST_STATE_KEEPER_H_
#define SFN_EMULATOR_PERSIST_STATE_KEEPER_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "asl/core/status.h"
#include "emulator/records/snapshot.h"

namespace sfn::emulator {

struct StateKeeperOptions {
  std::string path;                 // "": keep nothing on disk, only sweep
  int64_t interval_ms = 200;        // the most often the file is written
  std::function<int64_t()> now_ms;  // the wall clock (Unix epoch ms)
};

class StateKeeper {
 public:
  StateKeeper(Registries records, StateKeeperOptions options);
  ~StateKeeper();  // Stop()
  StateKeeper(const StateKeeper&) = delete;
  StateKeeper& operator=(const StateKeeper&) = delete;

  // Reads the state file into the (empty) records. The error's cause names
  // the file and what is wrong with it.
  Status Load();
  void Start();
  // Ends the thread and saves a last time (when there is a file).
  Status Stop();
  // Writes the file now if anything changed since the last write. Never
  // before Load() succeeded: a file refused at start-up is left as it is.
  Status SaveIfChanged();

 private:
  uint64_t Fingerprint() const;
  void Loop();

  const Registries records_;
  const StateKeeperOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  bool started_ = false;
  std::mutex save_mu_;      // one save at a time
  bool loaded_ = false;     // guarded by save_mu_: Load() succeeded, saving allowed
  uint64_t saved_ = ~0ull;  // guarded by save_mu_: the fingerprint last written
  std::string last_error_;  // guarded by save_mu_: reported once, not per attempt
  std::thread thread_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_PERSIST_STATE_KEEPER_H_
