// cli/test_command.h
//
// `sfn-local test [PATH...] [--junit FILE] [--coverage] [--coverage-json FILE]
// [--jobs N] [--watch] [--real-time]`: runs test files
// (testing/test_runner.h) and exits 0 when every case passed, 1 when one
// failed or when no test file is found, 2 for a malformed test file, a
// mock or expected state that names no state, a missing path or a bad
// command line. --watch runs again whenever a test file or what it names
// changes, until SIGINT or SIGTERM. Runs on the main thread, with the signal
// mask main() set up.
#ifndef SFN_CLI_TEST_COMMAND_H_
#define SFN_CLI_TEST_COMMAND_H_

#include <functional>

namespace CLI {
class App;
}

namespace sfn::cli {

// Adds the subcommand to `app`; when the command line chooses it, `*run`
// is set to the function that runs it and returns the exit status.
void AddTestCommand(CLI::App* app, std::function<int()>* run);

}  // namespace sfn::cli

#endif  // SFN_CLI_TEST_COMMAND_H_
