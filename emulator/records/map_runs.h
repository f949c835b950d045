// emulator/records/map_runs.h
//
// The Map Runs of Distributed Map states: one record per run (its ARN, the
// execution that started it, its settings) and the child executions it
// started, kept while the process lives so that ListMapRuns,
// DescribeMapRun, UpdateMapRun, ListExecutions --map-run-arn and
// DescribeExecution of a child can answer. The engine starts runs, adds
// children and ends runs; the counters DescribeMapRun reports are read from
// the children's own status, so they cannot drift from what
// DescribeExecution says. A run still going when its execution ends is
// aborted. Thread-safe; the children are shared with the engine.
#ifndef SFN_EMULATOR_RECORDS_MAP_RUNS_H_
#define SFN_EMULATOR_RECORDS_MAP_RUNS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/records/execution.h"

namespace sfn::emulator {

class MapRuns {
 public:
  enum class Status { kRunning, kSucceeded, kFailed, kAborted };
  // One child execution: the item (or batch) `index` of the run.
  struct Child {
    std::shared_ptr<Execution> execution;
    int64_t index = 0;
    int64_t item_count = 1;   // items it processes (a batch holds several)
    bool superseded = false;  // an EXPRESS child replaced by a redrive's new one
  };
  // DescribeMapRun's itemCounts / executionCounts.
  struct Counts {
    int64_t pending = 0;
    int64_t running = 0;
    int64_t succeeded = 0;
    int64_t failed = 0;
    int64_t timed_out = 0;
    int64_t aborted = 0;
    int64_t total = 0;
    int64_t results_written = 0;
    int64_t failures_not_redrivable = 0;
    int64_t pending_redrive = 0;
  };
  struct Record {
    std::string arn;
    std::string execution_arn;
    std::string state_machine_arn;  // "...:stateMachine:<machine>/<label>"
    Status status = Status::kRunning;
    int64_t start_ms = 0;
    int64_t stop_ms = 0;
    int64_t max_concurrency = 0;
    int64_t tolerated_failure_count = 0;
    double tolerated_failure_percentage = 0;
    // Whether the Map set each threshold (or UpdateMapRun did): with
    // neither, one failure fails the run.
    bool has_tolerated_count = false;
    bool has_tolerated_percentage = false;
    int64_t total = 0;            // children the run will start (items or batches)
    int64_t total_items = 0;      // items over all children
    std::vector<Child> children;  // in start order
    int64_t pending_redrive = 0;  // unsuccessful children a redrive has yet to rerun
    int64_t redrive_count = 0;
    int64_t redrive_ms = 0;  // 0: never redriven
    int64_t sequence = 0;    // start order, for listing
    // Read back from the state file, which keeps a run's counts but not its
    // child executions: what CountChildren answers for a run without children.
    std::optional<Counts> saved_item_counts;
    std::optional<Counts> saved_execution_counts;
  };

  void Start(Record record);
  // Registers a child execution of run `arn` (false: no such run).
  bool AddChild(const std::string& arn, Child child);
  // Ends the run (no-op when it already ended).
  void Finish(const std::string& arn, Status status, int64_t now_ms);
  // Aborts every run of `execution_arn` still running; returns their
  // children that are still running, for the caller to stop.
  std::vector<std::shared_ptr<Execution>> AbortRunning(const std::string& execution_arn,
                                                       int64_t now_ms);
  // The run's children still running.
  std::vector<std::shared_ptr<Execution>> RunningChildren(const std::string& arn) const;
  // A redrive of the parent reopens the run: RUNNING again, redriveCount
  // + 1, `pending` unsuccessful children to rerun. Returns the new count
  // (0: no such run).
  int64_t Redrive(const std::string& arn, int64_t pending, int64_t now_ms);
  // One unsuccessful child was rerun (pendingRedrive - 1); `replaced`
  // marks an EXPRESS child that a new execution replaces.
  void ChildRedriven(const std::string& arn, const Execution* replaced);
  std::optional<Record> Describe(const std::string& arn) const;
  // The settings a running Map reads each time a child starts or ends,
  // without copying the run's children (Describe copies them all).
  struct Limits {
    int64_t max_concurrency = 0;
    bool has_tolerated_count = false;
    int64_t tolerated_failure_count = 0;
    bool has_tolerated_percentage = false;
    double tolerated_failure_percentage = 0;
  };
  std::optional<Limits> LimitsOf(const std::string& arn) const;
  // The child that ran item `index` last (a redrive's, not the one it
  // superseded); null when none did.
  std::shared_ptr<Execution> ChildAt(const std::string& arn, int64_t index) const;
  // A child execution by its ARN, with the ARN of its run.
  std::shared_ptr<Execution> FindChild(const std::string& execution_arn) const;
  // The runs of one execution, oldest first.
  std::vector<Record> List(const std::string& execution_arn) const;
  // UpdateMapRun: false when the run does not exist.
  bool Update(const std::string& arn, std::optional<int64_t> max_concurrency,
              std::optional<int64_t> tolerated_failure_count,
              std::optional<double> tolerated_failure_percentage);
  // Drops the runs of these executions (they were evicted from the Store).
  void ForgetExecutions(const std::vector<std::string>& execution_arns);

  // Every run, in start order (the state file saves them).
  std::vector<Record> All() const;
  // Replaces every run with `records` (read back from the state file).
  void Restore(std::vector<Record> records);
  // Counts changes, so that the state file is saved only when needed.
  uint64_t changes() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Record> runs_;                                    // by ARN; guarded by mu_
  std::unordered_map<std::string, std::shared_ptr<Execution>> children_;  // by ARN; guarded by mu_
  int64_t next_sequence_ = 0;                                             // guarded by mu_
  uint64_t changes_ = 0;                                                  // guarded by mu_
};

// The counts of a run's children (by_items: each child weighs its items).
MapRuns::Counts CountChildren(const MapRuns::Record& record, bool by_items);

const char* MapRunStatusName(MapRuns::Status status);

// The registry the engine and the API share (one per process).
MapRuns& ProcessMapRuns();

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_MAP_RUNS_H_
