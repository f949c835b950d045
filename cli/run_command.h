// cli/run_command.h
//
// `sfn-local run DEFINITION [--input JSON | --input-file F] [--config ROUTES]
// [--mock-config F --test-case NAME] [--history text|json] [--real-time]
// [--clock ISO8601] [--seed N] [--region R] [--account A]`: runs one
// execution in-process (testing/execution_runner.h), in virtual time unless
// --real-time, and prints its output (or, with --history, its history) on
// standard output.
//
// Exit status: 0 SUCCEEDED; 1 FAILED, TIMED_OUT, ABORTED or an execution
// that waits for something nothing answers (the reason on standard error);
// 2 a bad command line, an unreadable file, bad input JSON or an invalid
// definition (AWS's diagnostic, naming the file).
//
// The command line is checked here, not by CLI11 validators, so that every
// mistake exits 2 with one "sfn-local run: ..." line.
#ifndef SFN_CLI_RUN_COMMAND_H_
#define SFN_CLI_RUN_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

namespace sfn::cli {

struct RunCommandOptions {
  std::string definition;  // a file, or template.json#LogicalId
  std::string input;
  std::string input_file;
  std::string config;
  std::string mock_config;
  std::string test_case;
  std::string history;  // "", "text" or "json"
  bool real_time = false;
  std::string s3_dir;  // the local S3 stand-in's folder
  std::string clock;  // ISO 8601 UTC; "" for RunOptions' default
  std::string seed;   // decimal; "" for 0
  std::string region = "us-east-1";
  std::string account = "123456789012";
};

// Adds the `run` subcommand to `app`; parsed values land in `options`
// (borrowed: must outlive the parse). Returns the subcommand, whose
// parsed() says whether to call RunCommand.
CLI::App* AddRunCommand(CLI::App* app, RunCommandOptions* options);

// Runs the parsed command (`command` is what AddRunCommand returned, for
// the arguments it did not recognise); returns the exit status.
int RunCommand(const CLI::App& command, const RunCommandOptions& options);

}  // namespace sfn::cli

#endif  // SFN_CLI_RUN_COMMAND_H_
