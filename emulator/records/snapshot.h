// emulator/records/snapshot.h
//
// The state file's contents (`sfn-local serve --state-file`): everything
// the records hold, as one JSON document, and back.
//
//   {"format": "sfn-local-state", "version": 1, "savedAt": <ms>,
//    "revisions": [...], "stateMachines": [...], "activities": [...],
//    "executions": [...], "mapRuns": [...]}
//
// Revisions are listed once and referred to by index (state machines,
// versions and executions share them). Payloads (inputs, outputs, variable
// values) are kept as JSON text, so the file nests only a few levels
// whatever the executions carried. Dates, revision ids and history event
// ids and timestamps are kept as they were.
//
// Executions still RUNNING when saved (the saver runs while they do) are
// restored ABORTED, with kStoppedError/kStoppedCause and an ExecutionAborted
// event, at the time of the restore, so that they can be redriven: from
// the point the engine recorded, else from the last top-level state their
// history entered, with the variables its StateExited events assigned.
//
// Pure functions over the records' own locks; safe from any thread.
#ifndef SFN_EMULATOR_RECORDS_SNAPSHOT_H_
#define SFN_EMULATOR_RECORDS_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/status.h"
#include "emulator/records/activities.h"
#include "emulator/records/map_runs.h"
#include "emulator/records/store.h"

namespace sfn::emulator {

inline constexpr std::string_view kStateFormat = "sfn-local-state";
inline constexpr int64_t kStateVersion = 1;
// The error and cause of an execution ended because sfn-local stopped.
inline constexpr std::string_view kStoppedError = "SfnLocal.Stopped";
inline constexpr std::string_view kStoppedCause =
    "sfn-local stopped while the execution was running";

struct Registries {
  Store* store = nullptr;
  Activities* activities = nullptr;
  MapRuns* map_runs = nullptr;
};

// The whole state as the text of a state file.
std::string SerializeState(const Registries& from, int64_t now_ms);

// Reads a state file's text into `into`, whose registries must be empty.
// Checks everything before it changes anything: on error nothing is loaded
// and the error's cause says what is wrong and where. `ended_running`
// (optional) receives how many executions were found running and ended.
Status RestoreState(std::string_view text, int64_t now_ms, const Registries& into,
                    size_t* ended_running = nullptr);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_SNAPSHOT_H_
