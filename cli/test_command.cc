// cli/test_command.cc
#include "cli/test_command.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "testing/coverage.h"
#include "testing/junit_report.h"
#include "testing/test_runner.h"

namespace sfn::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths;
  std::string junit;
  bool coverage = false;
  std::string coverage_json;
  int jobs = 1;
  bool watch = false;
  bool real_time = false;
  std::string s3_dir;
};

bool WriteFile(const std::string& path, const std::string& text, const char* what) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (out) return true;
  std::cerr << "sfn-local: " << what << ": cannot write " << path << ": " << std::strerror(errno)
            << "\n";
  return false;
}

// One run over all files, with the reports the options ask for.
int RunOnce(const TestOptions& o, std::vector<std::string>* watched) {
  Result<std::vector<std::string>> files = testing::FindTestFiles(o.paths);
  if (!files.ok()) {
    std::cerr << "sfn-local: " << files.error().cause << "\n";
    return 2;
  }
  if (files.value().empty()) {
    // A CI job that finds nothing to run should not look green.
    std::cerr << "sfn-local: no test files (*.sfn-test.yaml, *.sfn-test.yml, *.sfn-test.json) "
                 "found\n";
    return 1;
  }
  testing::TestRunOptions run_options;
  run_options.jobs = o.jobs;
  run_options.real_time = o.real_time;
  run_options.s3_dir = o.s3_dir;
  const testing::TestRunSummary summary = testing::RunTests(files.value(), run_options, std::cout);
  int code = summary.ExitCode();
  std::vector<testing::FileResult> reports;
  for (const testing::FileRun& f : summary.files) {
    reports.push_back(f.report);
    watched->insert(watched->end(), f.watched_files.begin(), f.watched_files.end());
  }
  if (!o.junit.empty() && !WriteFile(o.junit, testing::JunitXml(reports), "--junit")) code = 2;
  if (o.coverage || !o.coverage_json.empty()) {
    const auto coverage = testing::ComputeCoverage(summary.files);
    if (o.coverage) std::cout << testing::CoverageText(coverage) << std::flush;
    if (!o.coverage_json.empty() &&
        !WriteFile(o.coverage_json, Dump(testing::CoverageJson(coverage)) + "\n",
                   "--coverage-json")) {
      code = 2;
    }
  }
  return code;
}

using Stamps = std::map<std::string, std::filesystem::file_time_type>;

// The modification times of `files`, and the test files the paths now find
// (a new or removed test file is a change too).
Stamps StampsOf(const TestOptions& o, const std::vector<std::string>& files) {
  Stamps stamps;
  std::vector<std::string> all = files;
  Result<std::vector<std::string>> found = testing::FindTestFiles(o.paths);
  if (found.ok()) all.insert(all.end(), found.value().begin(), found.value().end());
  for (const std::string& f : all) {
    std::error_code ec;
    stamps[f] = std::filesystem::last_write_time(f, ec);
  }
  return stamps;
}

// Polls every 500 ms; returns false when SIGINT or SIGTERM arrives (main()
// blocks both, so they are taken here, between polls).
bool WaitForChange(const TestOptions& o, const std::vector<std::string>& watched) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  const Stamps before = StampsOf(o, watched);
  const timespec half_second{0, 500 * 1000 * 1000};
  while (true) {
    if (sigtimedwait(&signals, nullptr, &half_second) > 0) return false;
    if (StampsOf(o, watched) != before) return true;
  }
}

int RunTestCommand(const TestOptions& o) {
  if (!o.watch) {
    // Ctrl-C should end a long run at once, as for any command.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    std::vector<std::string> watched;
    return RunOnce(o, &watched);
  }
  int code = 0;
  while (true) {
    std::vector<std::string> watched;
    code = RunOnce(o, &watched);
    std::cout << "watching for changes (Ctrl-C ends)\n" << std::flush;
    if (!WaitForChange(o, watched)) return code;
    std::cout << "\n";
  }
}

}  // namespace

void AddTestCommand(CLI::App* app, std::function<int()>* run) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* test = app->add_subcommand("test", "Run *.sfn-test.yaml test files offline");
  test->add_option("paths", o->paths,
                   "Test files, or folders searched for *.sfn-test.{yaml,yml,json} (default: .)");
  test->add_option("--junit", o->junit, "Write the results as JUnit XML to FILE");
  test->add_flag("--coverage", o->coverage,
                 "Print states, Choice rules, Catchers and Retriers exercised, and the price");
  test->add_option("--coverage-json", o->coverage_json, "Write the coverage as JSON to FILE");
  test->add_option("--jobs,-j", o->jobs, "Cases run at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  test->add_flag("--watch", o->watch, "Run again when a test file or what it uses changes");
  test->add_flag("--real-time", o->real_time, "Wait on the wall clock instead of virtual time");
  test->add_option("--s3-dir", o->s3_dir,
                   "Answer S3 (ItemReader, ResultWriter, aws-sdk:s3) from DIR: bucket = sub-folder")
      ->check(CLI::ExistingDirectory);
  test->callback([o, run] {
    if (o->paths.empty()) o->paths.push_back(".");
    *run = [o] { return RunTestCommand(*o); };
  });
}

}  // namespace sfn::cli
