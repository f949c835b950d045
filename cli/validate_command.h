// cli/validate_command.h
//
// `sfn-local validate [--format text|json] FILE...`: prints the diagnostics
// ValidateStateMachineDefinition gives for each definition file or template
// reference (testing/validate_files.h), one `file: location: SEVERITY CODE:
// message` line each, or one JSON document. Exit status 0 without errors
// (warnings alone pass), 1 when any file has an error, 2 for a bad command
// line or a file that cannot be read or loaded.
#ifndef SFN_CLI_VALIDATE_COMMAND_H_
#define SFN_CLI_VALIDATE_COMMAND_H_

#include <functional>

namespace CLI {
class App;
}

namespace sfn::cli {

// Adds the subcommand to `app`; when the command line chooses it, `*run`
// is set to the function that runs it and returns the exit status.
void AddValidateCommand(CLI::App* app, std::function<int()>* run);

}  // namespace sfn::cli

#endif  // SFN_CLI_VALIDATE_COMMAND_H_
