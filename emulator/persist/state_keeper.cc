// emulator/persist/state_keeper.cc
#include "emulator/persist/state_keeper.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "emulator/persist/atomic_file.h"

namespace sfn::emulator {

StateKeeper::StateKeeper(Registries records, StateKeeperOptions options)
    : records_(records), options_(std::move(options)) {}

StateKeeper::~StateKeeper() { Stop(); }

Status StateKeeper::Load() {
  if (options_.path.empty()) return Status::OK();
  RemoveStaleTemporaries(options_.path);
  bool missing = false;
  Result<std::string> text = ReadWholeFile(options_.path, &missing);
  if (!text.ok()) return text.error();
  size_t ended = 0;
  if (!missing) {
    Status restored = RestoreState(text.value(), options_.now_ms(), records_, &ended);
    if (!restored.ok()) {
      return AslError{"StateFile", "state file " + options_.path + ": " + restored.error().cause};
    }
  }
  std::lock_guard<std::mutex> lock(save_mu_);
  if (!missing) {
    loaded_ = true;
    // What was just read needs no writing back, unless the restore changed
    // it (executions found running were ended).
    if (ended == 0) saved_ = Fingerprint();
    return Status::OK();
  }
  // A new file is written at once: a place that cannot be written to is
  // found at start-up, not at the first change.
  const uint64_t now = Fingerprint();
  Status written = WriteFileAtomically(options_.path, SerializeState(records_, options_.now_ms()));
  if (!written.ok()) {
    return AslError{"StateFile", "state file " + options_.path + ": " + written.error().cause};
  }
  saved_ = now;
  loaded_ = true;
  return Status::OK();
}

uint64_t StateKeeper::Fingerprint() const {
  // Each counter only grows, so their sum changes whenever one does.
  return records_.store->changes() + records_.activities->changes() + records_.map_runs->changes();
}

Status StateKeeper::SaveIfChanged() {
  if (options_.path.empty()) return Status::OK();
  std::lock_guard<std::mutex> lock(save_mu_);
  if (!loaded_) return Status::OK();  // a file refused at start-up stays as it is
  const uint64_t now = Fingerprint();
  if (now == saved_) return Status::OK();
  Status written = WriteFileAtomically(options_.path, SerializeState(records_, options_.now_ms()));
  if (!written.ok()) {
    if (written.error().cause != last_error_) {
      std::cerr << "sfn-local: state file not saved: " << written.error().cause << "\n";
    }
    last_error_ = written.error().cause;
    return written;
  }
  last_error_.clear();
  saved_ = now;
  return Status::OK();
}

void StateKeeper::Start() {
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

void StateKeeper::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  auto pause = std::chrono::milliseconds(options_.interval_ms);
  while (!stopping_) {
    cv_.wait_for(lock, pause);
    if (stopping_) break;
    lock.unlock();
    records_.store->Sweep();
    const auto started = std::chrono::steady_clock::now();
    SaveIfChanged();  // a failure is reported; the next change tries again
    // A large state takes a while to write: rest four times as long, so
    // that saving never takes more than a fifth of a core.
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    pause = std::max(std::chrono::milliseconds(options_.interval_ms), 4 * took);
    lock.lock();
  }
}

Status StateKeeper::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Status::OK();
    stopping_ = true;
  }
  cv_.notify_all();
  if (started_ && thread_.joinable()) thread_.join();
  return SaveIfChanged();
}

}  // namespace sfn::emulator
