// asl/interpreter/result_writer.h
//
// What a Distributed Map's ResultWriter writes, as AWS writes it: under
// <Prefix>/<Map Run UUID>/ one file per status that has children
// (SUCCEEDED_0.json, FAILED_0.json, PENDING_0.json; a JSON array, or JSON
// Lines with OutputType JSONL) and manifest.json ({"DestinationBucket",
// "MapRunArn", "ResultFiles": {"FAILED", "PENDING", "SUCCEEDED": [{"Key",
// "Size"}]}}). Each child is recorded as Transformation says: NONE the
// execution's record (ExecutionArn, Input, Output, Name, StartDate,
// StopDate, Status, ...), COMPACT its output, FLATTEN its output with arrays
// spliced in; failed children always as NONE. Pure functions; any thread.
#ifndef SFN_ASL_INTERPRETER_RESULT_WRITER_H_
#define SFN_ASL_INTERPRETER_RESULT_WRITER_H_

#include <string>
#include <vector>

#include "asl/core/json.h"
#include "asl/interpreter/interpreter.h"

namespace sfn::asl {

struct ResultExport {
  std::string map_run_arn;
  std::string bucket;
  std::string prefix;                   // "" or a folder, with or without the final '/'
  std::string output_type = "JSON";     // JSON | JSONL
  std::string transformation = "NONE";  // NONE | COMPACT | FLATTEN
};

struct ExportFile {
  std::string key;
  std::string body;
};

// The result files then manifest.json (always last).
std::vector<ExportFile> ExportFiles(const std::vector<ChildRun>& children, const ResultExport& e);

// The Map's output when a WriterConfig shapes the results without
// exporting them: the children's records in `transformation`.
Json TransformedResults(const std::vector<ChildRun>& children, const std::string& transformation,
                        const std::string& map_run_arn);

// A child's execution record as the result files hold it (Transformation NONE).
Json ChildRecord(const ChildRun& child, const std::string& map_run_arn);

// The Map Run's UUID (its ARN's last ':' part).
std::string MapRunId(const std::string& map_run_arn);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_RESULT_WRITER_H_
