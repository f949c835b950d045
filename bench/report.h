// bench/report.h
//
// Figures and their presentation. Every measurement of one round is a
// Sample (workload, mode, implementation, named values); Report keeps them
// all, takes medians across rounds, prints one JSON object per line per
// figure (--json) or the table of our figures against the best peer with
// the targets. Not thread-safe: filled from the harness's main thread.
#ifndef SFN_BENCH_REPORT_H_
#define SFN_BENCH_REPORT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace sfn::bench {

constexpr char kOurs[] = "sfn-local";

struct Sample {
  std::string workload;      // "W1", "DescribeExecution", "startup", ...
  std::string mode;          // "engine" | "api" | "test" | "peer"
  std::string impl = kOurs;  // "sfn-local" | "als" | "statebox"
  bool ok = true;
  std::string error;
  std::vector<std::pair<std::string, double>> values;  // in print order

  void Set(const std::string& key, double value);
  // The value of `key`, or `fallback`.
  double Get(const std::string& key, double fallback = -1) const;
};

// The p-th percentile (0..100) by nearest rank; 0 for an empty set.
double Percentile(std::vector<double> v, double p);
double Median(std::vector<double> v);

class Report {
 public:
  void Add(Sample s);
  // Medians across rounds, one Sample per (workload, mode, impl) in first
  // seen order, each value's spread beside it as <key>_min and <key>_max;
  // ok only if every round was ok (the first error is kept).
  std::vector<Sample> Medians() const;
  // One JSON object per line per figure.
  void PrintJson(std::ostream& out) const;
  // Our figures, the best peer's, the ratio and the target, then the
  // failures. Also the environment notes (`notes`, one per line).
  void PrintTable(std::ostream& out, const std::vector<std::string>& notes) const;

 private:
  std::vector<Sample> samples_;
};

}  // namespace sfn::bench

#endif  // SFN_BENCH_REPORT_H_
