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

bool MapRuns::AddChild(const std::string& arn, Child child) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end()) return false;
  children_[child.execution->spec().arn] = child.execution;
  it->second.children.push_back(std::move(child));
  return true;
}

void MapRuns::Finish(const std::string& arn, Status status, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end() || it->second.status != Status::kRunning) return;
  it->second.status = status;
  it->second.stop_ms = now_ms;
  it->second.pending_redrive = 0;
}

std::vector<std::shared_ptr<Execution>> MapRuns::AbortRunning(const std::string& execution_arn,
                                                              int64_t now_ms) {
  std::vector<std::string> running;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [arn, r] : runs_) {
      if (r.execution_arn == execution_arn && r.status == Status::kRunning) running.push_back(arn);
    }
  }
  std::vector<std::shared_ptr<Execution>> children;
  for (const auto& arn : running) {
    Finish(arn, Status::kAborted, now_ms);
    for (auto& child : RunningChildren(arn)) children.push_back(std::move(child));
  }
  return children;
}

std::vector<std::shared_ptr<Execution>> MapRuns::RunningChildren(const std::string& arn) const {
  std::vector<std::shared_ptr<Execution>> out;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runs_.find(arn);
  if (it == runs_.end()) return out;
  for (const Child& c : it->second.children) {
    if (!c.superseded && c.execution->running()) out.push_back(c.execution);
  }
  return out;
}

int64_t MapRuns::Redrive(const std::string& arn, int64_t pending, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end()) return 0;
  Record& r = it->second;
  r.status = Status::kRunning;
  r.stop_ms = 0;
  r.pending_redrive = pending;
  r.redrive_ms = now_ms;
  return ++r.redrive_count;
}

void MapRuns::ChildRedriven(const std::string& arn, const Execution* replaced) {
  std::lock_guard<std::mutex> lock(mu_);
  ++changes_;
  auto it = runs_.find(arn);
  if (it == runs_.end()) return;
  Record& r = it->second;
  if (r.pending_redrive > 0) --r.pending_redrive;
  if (replaced == nullptr) return;
  for (Child& c : r.children) {
    if (c.execution.get() == replaced) c.superseded = true;
  }
}

std::optional<MapRuns::Record> MapRuns::Describe(const std::string& arn) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runs_.find(arn);
  if (it == runs_.end()) return std::nullopt;
  return it->second;
}

std::optional<MapRuns::Limits> MapRuns::LimitsOf(const std::string& arn) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runs_.find(arn);
  if (it == runs_.end()) return std::nullopt;
  const Record& r = it->second;
  return Limits{r.max_concurrency, r.has_tolerated_count, r.tolerated_failure_count,
                r.has_tolerated_percentage, r.tolerated_failure_percentage};
}

std::shared_ptr<Execution> MapRuns::ChildAt(const std::string& arn, int64_t index) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runs_.find(arn);
  if (it == runs_.end()) return nullptr;
  const std::vector<Child>& children = it->second.children;
  for (auto c = children.rbegin(); c != children.rend(); ++c) {
    if (!c->superseded && c->index == index) return c->execution;
  }
  return nullptr;
}

std::shared_ptr<Execution> MapRuns::FindChild(const std::string& execution_arn) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = children_.find(execution_arn);
  return it == children_.end() ? nullptr : it->second;
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
  if (tolerated_failure_count) {
    r.tolerated_failure_count = *tolerated_failure_count;
    r.has_tolerated_count = true;
  }
  if (tolerated_failure_percentage) {
    r.tolerated_failure_percentage = *tolerated_failure_percentage;
    r.has_tolerated_percentage = true;
  }
  return true;
}

MapRuns::Counts CountChildren(const MapRuns::Record& record, bool by_items) {
  // A run read back from the state file has its counts but not its children.
  const auto& saved = by_items ? record.saved_item_counts : record.saved_execution_counts;
  if (record.children.empty() && saved) return *saved;
  MapRuns::Counts c;
  c.total = by_items ? record.total_items : record.total;
  int64_t started = 0;
  for (const MapRuns::Child& child : record.children) {
    if (child.superseded) continue;
    const int64_t w = by_items ? child.item_count : 1;
    started += w;
    switch (child.execution->end().status) {
      case ExecutionStatus::kRunning:
        c.running += w;
        break;
      case ExecutionStatus::kSucceeded:
        c.succeeded += w;
        break;
      case ExecutionStatus::kFailed:
        c.failed += w;
        break;
      case ExecutionStatus::kTimedOut:
        c.timed_out += w;
        break;
      case ExecutionStatus::kAborted:
        c.aborted += w;
        break;
    }
  }
  c.pending = std::max<int64_t>(0, c.total - started);
  c.results_written = c.succeeded;
  c.pending_redrive = record.pending_redrive;
  return c;
}

void MapRuns::ForgetExecutions(const std::vector<std::string>& execution_arns) {
  const std::unordered_set<std::string> gone(execution_arns.begin(), execution_arns.end());
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = runs_.begin(); it != runs_.end();) {
    if (!gone.count(it->second.execution_arn)) {
      ++it;
      continue;
    }
    for (const Child& child : it->second.children) children_.erase(child.execution->spec().arn);
    it = runs_.erase(it);
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
  children_.clear();
  next_sequence_ = 0;
  for (Record& r : records) {
    r.sequence = next_sequence_++;
    for (const Child& child : r.children) children_[child.execution->spec().arn] = child.execution;
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
