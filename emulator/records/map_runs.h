// emulator/records/map_runs.h
//
// The Map Runs of Distributed Map states: one record per run (its ARN, the
// execution that started it, its settings and its item counts), kept while
// the process lives so that ListMapRuns, DescribeMapRun and UpdateMapRun can
// answer. The engine reports starts, iterations and ends; a run still going
// when its execution ends is aborted. Thread-safe.
#ifndef SFN_EMULATOR_RECORDS_MAP_RUNS_H_
#define SFN_EMULATOR_RECORDS_MAP_RUNS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sfn::emulator {

class MapRuns {
 public:
  enum class Status { kRunning, kSucceeded, kFailed, kAborted };
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
    int64_t total = 0;
    int64_t started = 0;
    int64_t succeeded = 0;
    int64_t failed = 0;
    int64_t aborted = 0;
    int64_t sequence = 0;  // start order, for listing
  };

  void Start(Record record);
  void IterationStarted(const std::string& arn);
  void IterationEnded(const std::string& arn, bool ok, bool aborted);
  // Ends the run; items never started count as aborted.
  void Finish(const std::string& arn, Status status, int64_t now_ms);
  // Aborts every run of `execution_arn` still running.
  void AbortRunning(const std::string& execution_arn, int64_t now_ms);
  std::optional<Record> Describe(const std::string& arn) const;
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
  std::map<std::string, Record> runs_;  // by ARN; guarded by mu_
  int64_t next_sequence_ = 0;           // guarded by mu_
  uint64_t changes_ = 0;                // guarded by mu_
};

const char* MapRunStatusName(MapRuns::Status status);

// The registry the engine and the API share (one per process).
MapRuns& ProcessMapRuns();

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_MAP_RUNS_H_
