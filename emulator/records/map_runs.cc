// emulator/records/map_runs.cc
#include "emulator/records/map_runs.h"

#include <algorithm>
#include <unordered_set>

namespace sfn::emulator {

void MapRuns::Start(Record record) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  record.sequence = next_sequence_++;
  std::string arn = record.arn;
  runs_[arn] = std::move(record);
}

void MapRuns::IterationStarted(const std::string& arn) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  if (auto it = runs_.find(arn); it != runs_.end()) ++it->second.started;
}

void MapRuns::IterationEnded(const std::string& arn, bool ok, bool aborted) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end()) return;
  Record& r = it->second;
  ++(ok ? r.succeeded : aborted ? r.aborted : r.failed);
}

void MapRuns::Finish(const std::string& arn, Status status, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end() || it->second.status != Status::kRunning) return;
  Record& r = it->second;
  r.status = status;
  r.stop_ms = now_ms;
  // Iterations cut short by the end, and items never started, are aborted.
  const int64_t unfinished = r.total - (r.succeeded + r.failed + r.aborted);
  r.aborted += std::max<int64_t>(0, unfinished);
  r.started = r.total;
}

void MapRuns::AbortRunning(const std::string& execution_arn, int64_t now_ms) {
  std::vector<std::string> running;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [arn, r] : runs_) {
      if (r.execution_arn == execution_arn && r.status == Status::kRunning) running.push_back(arn);
    }
  }
  for (const auto& arn : running) Finish(arn, Status::kAborted, now_ms);
}

std::optional<MapRuns::Record> MapRuns::Describe(const std::string& arn) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runs_.find(arn);
  if (it == runs_.end()) return std::nullopt;
  return it->second;
}

std::vector<MapRuns::Record> MapRuns::List(const std::string& execution_arn) const {
  std::vector<Record> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [arn, r] : runs_) {
      if (r.execution_arn == execution_arn) out.push_back(r);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Record& a, const Record& b) { return a.sequence < b.sequence; });
  return out;
}

bool MapRuns::Update(const std::string& arn, std::optional<int64_t> max_concurrency,
                     std::optional<int64_t> tolerated_failure_count,
                     std::optional<double> tolerated_failure_percentage) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end()) return false;
  Record& r = it->second;
  if (max_concurrency) r.max_concurrency = *max_concurrency;
  if (tolerated_failure_count) r.tolerated_failure_count = *tolerated_failure_count;
  if (tolerated_failure_percentage) r.tolerated_failure_percentage = *tolerated_failure_percentage;
  return true;
}

void MapRuns::ForgetExecutions(const std::vector<std::string>& execution_arns) {
  const std::unordered_set<std::string> gone(execution_arns.begin(), execution_arns.end());
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = runs_.begin(); it != runs_.end();) {
    it = gone.count(it->second.execution_arn) ? runs_.erase(it) : std::next(it);
  }
  ++changes_;
}

std::vector<MapRuns::Record> MapRuns::All() const {
  std::vector<Record> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [arn, r] : runs_) out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const Record& a, const Record& b) { return a.sequence < b.sequence; });
  return out;
}

void MapRuns::Restore(std::vector<Record> records) {
  std::lock_guard<std::mutex> lock(mu_);
  runs_.clear();
  next_sequence_ = 0;
  for (Record& r : records) {
    r.sequence = next_sequence_++;
    std::string arn = r.arn;
    runs_[arn] = std::move(r);
  }
  ++changes_;
}

uint64_t MapRuns::changes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return changes_;
}

const char* MapRunStatusName(MapRuns::Status status) {
  switch (status) {
    case MapRuns::Status::kRunning:
      return "RUNNING";
    case MapRuns::Status::kSucceeded:
      return "SUCCEEDED";
    case MapRuns::Status::kFailed:
      return "FAILED";
    case MapRuns::Status::kAborted:
      return "ABORTED";
  }
  return "RUNNING";
}

MapRuns& ProcessMapRuns() {
  static MapRuns* runs = new MapRuns();  // never destroyed: engine threads may outlive main
  return *runs;
}

}  // namespace sfn::emulator
