// testing/test_runner.cc
#include "testing/test_runner.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "testing/test_case_runner.h"

namespace sfn::testing {
namespace {

// "ERROR <file>: <message>", without repeating a file name the message starts with.
std::string ErrorText(const std::string& path, const std::string& error) {
  if (error.rfind(path + ":", 0) == 0) return "ERROR " + error + "\n";
  return "ERROR " + path + ": " + error + "\n";
}

// One unit of work and, once done, its printable text. A file that cannot
// run is one item with no case.
struct Item {
  size_t file = 0;
  const TestCase* test_case = nullptr;
  CaseOutcome outcome;
  std::string text;
  bool done = false;
};

// Runs the items on `jobs` threads; prints each item's text in order as soon
// as it and all before it are done.
class Scheduler {
 public:
  Scheduler(std::vector<PreparedTestFile>* files, std::vector<Item>* items,
            const TestRunOptions& options, std::ostream& out)
      : files_(*files), items_(*items), options_(options), out_(out) {}

  void Run() {
    const int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(items_.size())));
    std::vector<std::thread> threads;
    for (int i = 1; i < jobs; ++i) threads.emplace_back([this] { Work(); });
    Work();
    for (std::thread& t : threads) t.join();
  }

 private:
  void Work() {
    for (size_t i = next_.fetch_add(1); i < items_.size(); i = next_.fetch_add(1)) {
      Item& item = items_[i];
      const PreparedTestFile& file = files_[item.file];
      if (item.test_case == nullptr) {
        item.text = ErrorText(file.path, file.error);
      } else {
        item.outcome = RunTestCase(file, *item.test_case, options_);
        item.text = CaseText(file.path, item.outcome.result);
      }
      std::lock_guard<std::mutex> lock(mu_);
      item.done = true;
      for (; printed_ < items_.size() && items_[printed_].done; ++printed_) {
        out_ << items_[printed_].text;
      }
      out_.flush();
    }
  }

  std::vector<PreparedTestFile>& files_;
  std::vector<Item>& items_;
  const TestRunOptions& options_;
  std::ostream& out_;
  std::atomic<size_t> next_{0};
  std::mutex mu_;
  size_t printed_ = 0;  // guarded by mu_
};

void Tally(const PreparedTestFile& file, std::vector<Item>& items, TestRunSummary* summary) {
  FileRun run;
  run.path = file.path;
  run.error = file.error;
  run.invalid_test_file = file.invalid_test_file;
  run.state_machine = file.file.state_machine;
  run.definition = file.machine != nullptr ? file.definition.definition : "";
  run.watched_files = file.watched_files;
  run.report.path = file.path;
  if (!file.error.empty()) {
    ++summary->failed;
    summary->invalid_test_file = summary->invalid_test_file || file.invalid_test_file;
    CaseResult error;
    error.name = "(file)";
    error.outcome = CaseResult::Outcome::kError;
    error.message = file.error;
    error.type = file.invalid_test_file ? "InvalidTestFile" : "InvalidDefinition";
    run.report.cases.push_back(error);
  }
  for (Item& item : items) {
    if (item.test_case == nullptr) continue;
    const bool passed = item.outcome.result.outcome == CaseResult::Outcome::kPassed;
    ++(passed ? summary->passed : summary->failed);
    run.report.cases.push_back(item.outcome.result);
    if (item.outcome.ran) run.runs.push_back(std::move(item.outcome.run));
  }
  summary->files.push_back(std::move(run));
}

}  // namespace

TestRunSummary RunTests(const std::vector<std::string>& paths, const TestRunOptions& options,
                        std::ostream& out) {
  std::vector<PreparedTestFile> files;
  for (const std::string& path : paths) files.push_back(PrepareTestFile(path));
  std::vector<Item> items;
  std::vector<size_t> first_item;  // per file, its first item
  for (size_t f = 0; f < files.size(); ++f) {
    first_item.push_back(items.size());
    if (!files[f].error.empty()) {
      items.emplace_back();
      items.back().file = f;
      continue;
    }
    for (const TestCase& c : files[f].file.cases) {
      items.emplace_back();
      items.back().file = f;
      items.back().test_case = &c;
    }
  }
  first_item.push_back(items.size());
  Scheduler(&files, &items, options, out).Run();
  TestRunSummary summary;
  for (size_t f = 0; f < files.size(); ++f) {
    std::vector<Item> own(std::make_move_iterator(items.begin() + first_item[f]),
                          std::make_move_iterator(items.begin() + first_item[f + 1]));
    Tally(files[f], own, &summary);
  }
  out << SummaryLine(summary) << "\n";
  out.flush();
  return summary;
}

}  // namespace sfn::testing
