// bench/testrunner_bench.h
//
// Test-runner mode: `sfn-local test` on a generated test file, timed as a
// child process. Prepare() writes, into a fresh temporary folder, W1 with
// its Pass states turned into Tasks (same Parameters and ResultPath) and a
// *.sfn-test.json of N cases whose Tasks are answered by mocks by state
// name (each answer is what the Pass state would have produced, so the
// output is W1's); every case expects SUCCEEDED and W1's full output. Each
// round runs `sfn-local test FOLDER --jobs J` for every J and checks the
// "N passed, 0 failed" line. The folder is removed on destruction. Use from
// the harness's main thread.
#ifndef SFN_BENCH_TESTRUNNER_BENCH_H_
#define SFN_BENCH_TESTRUNNER_BENCH_H_

#include <string>
#include <vector>

#include "bench/report.h"
#include "bench/workload.h"

namespace sfn::bench {

struct TestRunnerBenchOptions {
  std::string binary;  // path of sfn-local
  int cases = 1000;
  std::vector<int> jobs = {1, 2};  // one run each per round, in this order
};

class TestRunnerBench {
 public:
  explicit TestRunnerBench(TestRunnerBenchOptions options) : options_(std::move(options)) {}
  ~TestRunnerBench();
  TestRunnerBench(const TestRunnerBench&) = delete;
  TestRunnerBench& operator=(const TestRunnerBench&) = delete;

  // Writes the definition and the test file for `w1`; "" or what went wrong.
  std::string Prepare(const Workload& w1);
  // One Sample per --jobs value: workload "W1-test-jobsJ", mode "test",
  // cases_per_s, wall_ms, peak_rss_kib; ok only if the run passed. Even
  // rounds take the --jobs values in reverse order, so neither always runs
  // first.
  std::vector<Sample> RunRound(int round) const;
  const std::string& folder() const { return folder_; }

 private:
  Sample RunOnce(int jobs) const;

  TestRunnerBenchOptions options_;
  std::string folder_;  // "" until Prepare
};

}  // namespace sfn::bench

#endif  // SFN_BENCH_TESTRUNNER_BENCH_H_
