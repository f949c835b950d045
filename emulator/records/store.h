// emulator/records/store.h
//
// Store: every state machine (with its revisions, versions, aliases and
// tags) and every STANDARD execution, keyed by ARN, with AWS's rules for
// them: name uniqueness and idempotent creation, revision ids, monotonic
// version numbers, alias routing, execution-name uniqueness and idempotent
// StartExecution. Methods return copies or shared immutable snapshots, or
// the ApiError AWS answers.
//
// Closed executions are kept up to a Retention limit (a count, and
// optionally an age): the oldest closed are evicted first, running ones
// never; an evicted execution is unknown afterwards, as an ARN AWS never saw.
//
// Thread-safe: one std::shared_mutex guards the maps (readers share it,
// writers hold it only for the map update). An Execution has its own mutex;
// the Store only holds shared pointers to executions. Definitions are parsed
// by the caller before it calls in, never under the lock. Lock order: the
// Store's mutex, then the closed log's, then an Execution's.
#ifndef SFN_EMULATOR_RECORDS_STORE_H_
#define SFN_EMULATOR_RECORDS_STORE_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "asl/core/json.h"
#include "emulator/api/api_error.h"
#include "emulator/records/arn.h"
#include "emulator/records/execution.h"

namespace sfn::emulator {

// One configuration of a state machine. Immutable once stored: executions
// and versions share it.
struct Revision {
  std::string definition;
  std::shared_ptr<const asl::StateMachine> machine;
  std::string role_arn;
  Json logging_configuration;     // {"level", "includeExecutionData"[, "destinations"]}
  Json tracing_configuration;     // {"enabled"}
  Json encryption_configuration;  // {"type"[, "kmsKeyId", "kmsDataKeyReusePeriodSeconds"]}
  std::string revision_id;        // "" for the revision a state machine was created with
  int64_t update_ms = 0;          // when this revision became current
};

struct Tag {
  std::string key;
  std::string value;
};

struct RoutingEntry {
  std::string version_arn;
  int64_t weight = 0;
};

// What DescribeStateMachine shows for a state machine or one of its versions.
struct MachineView {
  std::string arn;  // as asked: unqualified or version ARN
  std::string name;
  std::string type;  // STANDARD | EXPRESS
  int64_t creation_ms = 0;
  std::shared_ptr<const Revision> revision;
  std::optional<std::string> description;  // versions only
};

struct MachineListItem {
  std::string arn;
  std::string name;
  std::string type;
  int64_t creation_ms = 0;
};

struct VersionListItem {
  std::string arn;
  int64_t number = 0;
  int64_t creation_ms = 0;
};

struct AliasView {
  std::string arn;
  std::string name;
  std::optional<std::string> description;
  std::vector<RoutingEntry> routing;
  int64_t creation_ms = 0;
  int64_t update_ms = 0;
};

// What an execution will run, resolved from a (qualified) state machine ARN.
struct ExecutionTarget {
  std::string machine_arn;  // unqualified
  std::string name;
  std::string type;
  std::shared_ptr<const Revision> revision;
  std::string version_arn;  // "" unless started through a version or an alias
  std::string alias_arn;    // "" unless started through an alias
};

struct ExecutionRecord {
  std::shared_ptr<Execution> execution;
  std::shared_ptr<const Revision> revision;  // what DescribeStateMachineForExecution shows
  uint64_t seq = 0;  // tells a reused ARN from the evicted execution that had it
};

// How many closed executions the Store keeps. 0: no limit.
struct Retention {
  size_t max_executions = 10000;
  int64_t max_age_ms = 0;  // evict executions closed longer ago than this
};

class StoreSnapshot;  // store_snapshot.cc

class Store {
 public:
  using Clock = std::function<int64_t()>;  // Unix epoch milliseconds
  explicit Store(Clock now_ms);
  Store(const Store&) = delete;
  // The Store's clock: the wall clock for `serve`, virtual time for the
  // offline runner (StartExecution's startDate comes from it).
  int64_t NowMillis() const { return now_ms_(); }
  Store& operator=(const Store&) = delete;

  // ---- state machines
  struct NewMachine {
    std::string arn;
    std::string name;
    std::string type;
    std::shared_ptr<const Revision> revision;  // revision_id empty
    bool publish = false;
    std::optional<std::string> version_description;
    std::vector<Tag> tags;
  };
  struct Created {
    std::string arn;
    int64_t creation_ms = 0;
    std::string version_arn;  // "" unless published
  };
  // Creates, or answers an identical earlier request idempotently, or
  // StateMachineAlreadyExists.
  std::variant<Created, ApiError> CreateStateMachine(NewMachine m);

  std::variant<MachineView, ApiError> DescribeStateMachine(const ParsedArn& arn) const;

  struct Update {
    std::optional<std::string> definition;
    std::shared_ptr<const asl::StateMachine> machine;  // parsed `definition`
    std::optional<std::string> role_arn;
    std::optional<Json> logging_configuration;
    std::optional<Json> tracing_configuration;
    std::optional<Json> encryption_configuration;
    bool publish = false;
    std::optional<std::string> version_description;
  };
  struct Updated {
    int64_t update_ms = 0;
    std::string revision_id;  // "" while the machine still has its first revision
    std::string version_arn;  // "" unless published
  };
  std::variant<Updated, ApiError> UpdateStateMachine(const std::string& arn, const Update& u);

  // Removes the state machine with its versions and aliases (no-op when
  // absent). Its executions stay describable.
  void DeleteStateMachine(const std::string& arn);
  // The state machines whose ARN starts with `arn_prefix`, sorted by name.
  std::vector<MachineListItem> ListStateMachines(const std::string& arn_prefix) const;
  // The type of the unqualified state machine, or StateMachineDoesNotExist.
  std::variant<std::string, ApiError> MachineType(const std::string& arn) const;

  // ---- versions
  struct Published {
    std::string arn;
    int64_t creation_ms = 0;
  };
  std::variant<Published, ApiError> PublishVersion(const std::string& arn,
                                                   const std::optional<std::string>& revision_id,
                                                   const std::optional<std::string>& description);
  // Newest first.
  std::variant<std::vector<VersionListItem>, ApiError> ListVersions(const std::string& arn) const;
  // No-op when absent; ConflictException while an alias routes to it.
  std::optional<ApiError> DeleteVersion(const ParsedArn& version_arn);

  // ---- aliases
  struct NewAlias {
    std::string name;
    std::optional<std::string> description;
    std::vector<RoutingEntry> routing;
  };
  std::variant<AliasView, ApiError> CreateAlias(const NewAlias& a);
  std::variant<AliasView, ApiError> DescribeAlias(const ParsedArn& alias_arn) const;
  std::variant<AliasView, ApiError> UpdateAlias(
      const ParsedArn& alias_arn, const std::optional<std::string>& description,
      const std::optional<std::vector<RoutingEntry>>& routing);
  void DeleteAlias(const ParsedArn& alias_arn);
  // Sorted by name; for a version ARN only the aliases routing to it.
  std::variant<std::vector<AliasView>, ApiError> ListAliases(const ParsedArn& arn) const;

  // ---- tags
  std::optional<ApiError> TagResource(const std::string& arn, const std::vector<Tag>& tags);
  std::optional<ApiError> UntagResource(const std::string& arn,
                                        const std::vector<std::string>& keys);
  std::variant<std::vector<Tag>, ApiError> ListTags(const std::string& arn) const;

  // ---- executions
  // The revision and version an execution of `arn` runs (an alias picks a
  // version by its weights).
  std::variant<ExecutionTarget, ApiError> ResolveTarget(const ParsedArn& arn) const;
  // Registers a new STANDARD execution. When one with the same ARN exists:
  // returns it if it is still running with the same input (StartExecution is
  // idempotent then), else ExecutionAlreadyExists. `added` tells which.
  std::variant<std::shared_ptr<Execution>, ApiError> AddExecution(
      std::shared_ptr<Execution> execution, std::shared_ptr<const Revision> revision, bool* added);
  std::optional<ExecutionRecord> FindExecution(const std::string& arn) const;
  // How many executions the Store keeps (running and closed).
  size_t ExecutionCount() const;
  // Executions of `arn` (unqualified: all; version/alias: those started
  // through it), newest first.
  std::variant<std::vector<std::shared_ptr<Execution>>, ApiError> ListExecutions(
      const ParsedArn& arn) const;

  // ---- retention
  // Set before serving (executions that close while it is unbounded are
  // not in the eviction order). `on_evict` is called (with no lock held) with the
  // ARNs of the executions just evicted, so that records kept elsewhere
  // (Map Runs) follow.
  void SetRetention(Retention retention,
                    std::function<void(const std::vector<std::string>&)> on_evict = {});
  // Evicts what the retention allows (AddExecution does it too); for a
  // periodic sweep when an age limit is set.
  void Sweep();
  size_t execution_count() const;

  // Counts every change: to the maps, to an execution's history, an
  // execution's end. Saving the state compares it with its last value.
  uint64_t changes() const { return changes_->load(std::memory_order_relaxed); }

 private:
  friend class StoreSnapshot;
  struct Version {
    int64_t number = 0;
    std::string arn;
    std::shared_ptr<const Revision> revision;
    std::optional<std::string> description;
    int64_t creation_ms = 0;
  };
  struct Alias {
    AliasView view;
  };
  struct Machine {
    std::string arn;
    std::string name;
    std::string type;
    int64_t creation_ms = 0;
    std::shared_ptr<const Revision> current;
    std::map<int64_t, Version> versions;
    int64_t next_version = 1;
    std::map<std::string, Alias> aliases;  // by name
    std::vector<Tag> tags;
    bool created_with_publish = false;
    std::optional<std::string> created_version_description;
    // Oldest first; an entry whose seq no longer matches executions_ is an
    // evicted execution, skipped and dropped when they are many.
    std::vector<std::pair<std::string, uint64_t>> executions;
    size_t evicted = 0;
  };
  // Executions in the order they closed (a redriven one again when it
  // closes again), with the stop date of that close: the eviction order.
  // Shared with the executions' end listeners, which may outlive the Store.
  // Kept only when the retention is bounded: nothing reads it otherwise,
  // and every retained execution would keep an entry.
  struct ClosedLog {
    std::atomic<bool> bounded{false};
    std::mutex mu;
    std::deque<std::pair<std::string, int64_t>> closed;  // guarded by mu
  };

  // Callers hold mu_ (shared or unique).
  const Machine* FindMachine(const std::string& arn) const;
  Machine* FindMachine(const std::string& arn);
  Version& AddVersion(Machine* m, const std::optional<std::string>& description);
  std::optional<ApiError> CheckRouting(const std::vector<RoutingEntry>& routing,
                                       std::string* machine_arn) const;
  bool IdenticalCreate(const Machine& existing, const NewMachine& m) const;
  // Registers `execution` (closed or not) under a new seq; the caller
  // appends it to its machine's list.
  uint64_t Track(const std::shared_ptr<Execution>& execution,
                 std::shared_ptr<const Revision> revision);
  std::vector<std::string> EvictLocked(int64_t now_ms);
  void Evicted(Machine* m);
  void Changed() { changes_->fetch_add(1, std::memory_order_relaxed); }

  Clock now_ms_;
  mutable std::shared_mutex mu_;
  std::map<std::string, Machine> machines_;  // by unqualified ARN
  std::unordered_map<std::string, ExecutionRecord> executions_;
  uint64_t next_seq_ = 1;
  Retention retention_;
  std::function<void(const std::vector<std::string>&)> on_evict_;
  std::shared_ptr<ClosedLog> closed_ = std::make_shared<ClosedLog>();
  std::shared_ptr<std::atomic<uint64_t>> changes_ = std::make_shared<std::atomic<uint64_t>>(0);
};

// AWS's "State Machine Does Not Exist: '<arn>'".
ApiError StateMachineDoesNotExist(const std::string& arn);
// AWS's "Execution Does Not Exist: '<arn>'".
ApiError ExecutionDoesNotExist(const std::string& arn);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_STORE_H_
