// cli/validate_command.cc
#include "cli/validate_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "testing/validate_files.h"

namespace sfn::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format = "text";
};

int RunValidate(const ValidateOptions& o) {
  std::vector<testing::ValidatedFile> results;
  for (const std::string& file : o.files) results.push_back(testing::ValidateDefinitionFile(file));
  if (o.format == "json") {
    std::cout << Dump(testing::ValidationJson(results)) << "\n";
  } else {
    for (const testing::ValidatedFile& r : results) {
      const std::string text = testing::ValidationText(r);
      (r.error.empty() ? std::cout : std::cerr) << text;
    }
  }
  std::cout.flush();
  return testing::ValidationExitCode(results);
}

}  // namespace

void AddValidateCommand(CLI::App* app, std::function<int()>* run) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* validate = app->add_subcommand(
      "validate", "Check state machine definitions as ValidateStateMachineDefinition does");
  validate
      ->add_option("files", options->files,
                   "ASL files (JSON or YAML), or templates: template.yaml#LogicalId")
      ->required();
  validate->add_option("--format", options->format, "Output: text lines or one JSON document")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  validate->callback([options, run] { *run = [options] { return RunValidate(*options); }; });
}

}  // namespace sfn::cli
