// testing/test_file_preparation.cc: PrepareTestFile (testing/test_case_runner.h),
// apart from running cases so that it can be tested without an engine.
#include "asl/definition/parser.h"
#include "testing/state_names.h"
#include "testing/test_case_runner.h"

namespace sfn::testing {
namespace {

void AddUnique(const std::string& path, std::vector<std::string>* out) {
  if (path.empty()) return;
  for (const std::string& seen : *out) {
    if (seen == path) return;
  }
  out->push_back(path);
}

void WatchDependencies(PreparedTestFile* prepared) {
  AddUnique(prepared->path, &prepared->watched_files);
  const std::string& ref = prepared->file.state_machine;
  AddUnique(ref.substr(0, ref.find('#')), &prepared->watched_files);
  AddUnique(prepared->file.routes_path, &prepared->watched_files);
  for (const TestCase& c : prepared->file.cases) {
    AddUnique(c.mock_config_path, &prepared->watched_files);
  }
}

}  // namespace

PreparedTestFile PrepareTestFile(const std::string& path) {
  PreparedTestFile prepared;
  prepared.path = path;
  prepared.watched_files.push_back(path);
  Result<TestFile> file = LoadTestFile(path);
  if (!file.ok()) {
    prepared.error = file.error().cause;
    prepared.invalid_test_file = true;
    return prepared;
  }
  prepared.file = std::move(file).value();
  WatchDependencies(&prepared);
  Result<LoadedDefinition> definition = LoadDefinition(prepared.file.state_machine);
  if (!definition.ok()) {
    prepared.error = definition.error().cause;
    return prepared;
  }
  prepared.definition = std::move(definition).value();
  asl::ParseOptions parse_options;
  parse_options.type = prepared.definition.type;
  asl::ParseResult parsed = asl::ParseDefinition(prepared.definition.definition, parse_options);
  if (parsed.machine == nullptr) {
    prepared.error = prepared.definition.origin + ": " + parsed.invalid_definition_message;
    return prepared;
  }
  prepared.error = CheckStateNames(prepared.file, *parsed.machine);
  prepared.invalid_test_file = !prepared.error.empty();
  if (prepared.error.empty()) prepared.machine = parsed.machine;
  return prepared;
}

}  // namespace sfn::testing
