// emulator/records/metrics.cc
#include "emulator/records/metrics.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace sfn::emulator {
namespace {

constexpr char kSeparator = '\0';  // between the parts of a composite series key

std::string Key(std::string_view a, std::string_view b) {
  std::string key(a);
  key.push_back(kSeparator);
  key.append(b);
  return key;
}

std::pair<std::string_view, std::string_view> SplitKey(const std::string& key) {
  const size_t at = key.find(kSeparator);
  return {std::string_view(key).substr(0, at), std::string_view(key).substr(at + 1)};
}

void Family(std::string* out, const char* name, const char* type, const char* help) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += EscapeHelp(help);
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

// One sample line: name{labels} value. `labels` alternate name and value.
void Sample(std::string* out, std::string_view name,
            std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
            std::string_view value) {
  out->append(name);
  if (labels.size() > 0) {
    out->push_back('{');
    bool first = true;
    for (const auto& [label, label_value] : labels) {
      if (!first) out->push_back(',');
      first = false;
      out->append(label);
      out->append("=\"");
      out->append(EscapeLabelValue(label_value));
      out->push_back('"');
    }
    out->push_back('}');
  }
  out->push_back(' ');
  out->append(value);
  out->push_back('\n');
}

std::string Number(uint64_t n) { return std::to_string(n); }

std::string Float(double d, const char* format) {
  char text[64];
  std::snprintf(text, sizeof(text), format, d);
  return text;
}

uint64_t Load(const std::atomic<uint64_t>& a) { return a.load(std::memory_order_relaxed); }

// The exposition format escapes \ and newline everywhere, and " in label
// values.
std::string Escape(std::string_view text, bool quotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || (quotes && c == '"')) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) { return Escape(value, true); }

std::string EscapeHelp(std::string_view text) { return Escape(text, false); }

template <typename T>
T& Metrics::Find(std::shared_mutex& mu, std::map<std::string, std::unique_ptr<T>, std::less<>>& map,
                 std::string_view key) {
  {
    std::shared_lock<std::shared_mutex> read(mu);
    auto it = map.find(key);
    if (it != map.end()) return *it->second;
  }
  std::unique_lock<std::shared_mutex> write(mu);
  auto& slot = map[std::string(key)];
  if (!slot) slot = std::make_unique<T>();
  return *slot;
}

Metrics::MachineSeries& Metrics::Machine(const std::string& arn) {
  return Find(machines_mu_, machines_, arn);
}

void Metrics::ExecutionStarted(const std::string& state_machine) {
  Machine(state_machine).started.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ExecutionRedriven(const std::string& state_machine) {
  Machine(state_machine).redriven.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ExecutionEnded(const std::string& state_machine, ExecutionStatus status) {
  MachineSeries& m = Machine(state_machine);
  switch (status) {
    case ExecutionStatus::kSucceeded:
      m.succeeded.fetch_add(1, std::memory_order_relaxed);
      break;
    case ExecutionStatus::kFailed:
      m.failed.fetch_add(1, std::memory_order_relaxed);
      break;
    case ExecutionStatus::kTimedOut:
      m.timed_out.fetch_add(1, std::memory_order_relaxed);
      break;
    case ExecutionStatus::kAborted:
      m.aborted.fetch_add(1, std::memory_order_relaxed);
      break;
    case ExecutionStatus::kRunning:
      break;
  }
}

void Metrics::TaskCall(std::string_view kind, std::string_view outcome) {
  Find(tasks_mu_, tasks_, Key(kind, outcome)).value.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ApiRequest(std::string_view action, int status, int64_t micros) {
  ActionSeries& h = Find(requests_mu_, requests_, action);
  const int index =
      std::clamp(status, ActionSeries::kFirstStatus,
                 ActionSeries::kFirstStatus + static_cast<int>(h.by_status.size()) - 1) -
      ActionSeries::kFirstStatus;
  h.by_status[static_cast<size_t>(index)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(micros) / 1e6;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      h.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  h.sum_micros.fetch_add(static_cast<uint64_t>(micros < 0 ? 0 : micros), std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::SetRetainedExecutions(std::function<int64_t()> source) {
  std::lock_guard<std::mutex> lock(retained_mu_);
  retained_ = std::move(source);
}

void Metrics::RenderExecutions(std::string* out) const {
  struct Column {
    const char* name;
    const char* help;
    std::atomic<uint64_t> MachineSeries::*field;
  };
  static const Column kColumns[] = {
      {"sfn_executions_started_total", "Executions started, per state machine.",
       &MachineSeries::started},
      {"sfn_executions_succeeded_total", "Executions that ended SUCCEEDED.",
       &MachineSeries::succeeded},
      {"sfn_executions_failed_total", "Executions that ended FAILED.", &MachineSeries::failed},
      {"sfn_executions_timed_out_total", "Executions that ended TIMED_OUT.",
       &MachineSeries::timed_out},
      {"sfn_executions_aborted_total", "Executions that ended ABORTED.", &MachineSeries::aborted},
      {"sfn_executions_redriven_total", "Executions redriven (RedriveExecution).",
       &MachineSeries::redriven},
  };
  std::shared_lock<std::shared_mutex> read(machines_mu_);
  for (const Column& c : kColumns) {
    Family(out, c.name, "counter", c.help);
    for (const auto& [arn, m] : machines_)
      Sample(out, c.name, {{"state_machine", arn}}, Number(Load((*m).*c.field)));
  }
  Family(out, "sfn_executions_running", "gauge", "Executions running now, per state machine.");
  for (const auto& [arn, m] : machines_) {
    const uint64_t in = Load(m->started) + Load(m->redriven);
    const uint64_t out_count =
        Load(m->succeeded) + Load(m->failed) + Load(m->timed_out) + Load(m->aborted);
    Sample(out, "sfn_executions_running", {{"state_machine", arn}},
           Number(in > out_count ? in - out_count : 0));
  }
}

void Metrics::RenderTasks(std::string* out) const {
  Family(out, "sfn_state_transitions_total", "counter",
         "State transitions (states entered) in all executions.");
  Sample(out, "sfn_state_transitions_total", {}, Number(Load(state_transitions_)));
  Family(out, "sfn_task_calls_total", "counter",
         "Task state calls, by how they were answered (route kind) and outcome.");
  std::shared_lock<std::shared_mutex> read(tasks_mu_);
  for (const auto& [key, counter] : tasks_) {
    auto [kind, outcome] = SplitKey(key);
    Sample(out, "sfn_task_calls_total", {{"kind", kind}, {"outcome", outcome}},
           Number(Load(counter->value)));
  }
}

void Metrics::RenderRequests(std::string* out) const {
  std::shared_lock<std::shared_mutex> read(requests_mu_);
  Family(out, "sfn_api_requests_total", "counter", "API requests, by action and HTTP status.");
  for (const auto& [action, h] : requests_) {
    for (size_t i = 0; i < h->by_status.size(); ++i) {
      const uint64_t n = Load(h->by_status[i]);
      if (n == 0) continue;
      Sample(out, "sfn_api_requests_total",
             {{"action", action},
              {"status", std::to_string(static_cast<int>(i) + ActionSeries::kFirstStatus)}},
             Number(n));
    }
  }
  constexpr const char* kName = "sfn_api_request_duration_seconds";
  Family(out, kName, "histogram", "Time to answer an API request, by action.");
  for (const auto& [action, h] : requests_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += Load(h->buckets[i]);
      Sample(out, "sfn_api_request_duration_seconds_bucket",
             {{"action", action}, {"le", Float(kLatencyBuckets[i], "%g")}}, Number(cumulative));
    }
    // Read after the buckets, so never below their sum (a request counted
    // between the two reads shows in +Inf only, as it will once done).
    const uint64_t count = std::max(Load(h->count), cumulative);
    Sample(out, "sfn_api_request_duration_seconds_bucket", {{"action", action}, {"le", "+Inf"}},
           Number(count));
    Sample(out, "sfn_api_request_duration_seconds_sum", {{"action", action}},
           Float(static_cast<double>(Load(h->sum_micros)) / 1e6, "%.6f"));
    Sample(out, "sfn_api_request_duration_seconds_count", {{"action", action}}, Number(count));
  }
}

std::string Metrics::Render() const {
  std::string out;
  RenderExecutions(&out);
  int64_t retained = 0;
  {
    std::lock_guard<std::mutex> lock(retained_mu_);
    if (retained_) retained = retained_();
  }
  Family(&out, "sfn_executions_retained", "gauge",
         "Executions kept in memory (running and closed) that the API can read.");
  Sample(&out, "sfn_executions_retained", {}, std::to_string(retained));
  RenderTasks(&out);
  RenderRequests(&out);
  return out;
}

}  // namespace sfn::emulator
