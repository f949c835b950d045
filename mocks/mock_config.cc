// mocks/mock_config.cc
#include "mocks/mock_config.h"

#include <sys/stat.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "mocks/file_text.h"

namespace sfn::mocks {

struct AttemptRange {
  int first = 0;
  int last = 0;
  MockedAnswer answer;
};

struct MockConfig::Data {
  using States = std::unordered_map<std::string, std::string>;  // state -> response name
  using Cases = std::unordered_map<std::string, States>;
  std::unordered_map<std::string, Cases> machines;
  std::unordered_map<std::string, std::vector<AttemptRange>> responses;
};

namespace {

const char kErrorName[] = "InvalidMockConfig";

AslError Invalid(const std::string& where, const std::string& what) {
  return AslError{kErrorName, where + ": " + what};
}

bool ParseInt(std::string_view text, int* value) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size() && *value >= 0;
}

// "3" -> [3, 3]; "1-2" -> [1, 2].
bool ParseAttemptKey(const std::string& key, AttemptRange* range) {
  size_t dash = key.find('-');
  if (dash == std::string::npos) {
    if (!ParseInt(key, &range->first)) return false;
    range->last = range->first;
    return true;
  }
  std::string_view text = key;
  return ParseInt(text.substr(0, dash), &range->first) &&
         ParseInt(text.substr(dash + 1), &range->last) && range->first <= range->last;
}

Status ParseAnswer(const Json& spec, const std::string& where, MockedAnswer* answer) {
  const Json* returned = spec.is_object() ? spec.Find("Return") : nullptr;
  const Json* thrown = spec.is_object() ? spec.Find("Throw") : nullptr;
  if ((returned == nullptr) == (thrown == nullptr))
    return Invalid(where, "needs exactly one of \"Return\" and \"Throw\"");
  if (returned != nullptr) {
    answer->kind = MockedAnswer::Kind::kReturn;
    answer->value = *returned;
    return Status::OK();
  }
  const Json* error = thrown->is_object() ? thrown->Find("Error") : nullptr;
  const Json* cause = thrown->is_object() ? thrown->Find("Cause") : nullptr;
  if (error == nullptr || !error->is_string())
    return Invalid(where, "\"Throw\" needs a string \"Error\"");
  if (cause != nullptr && !cause->is_string())
    return Invalid(where, "\"Throw\".\"Cause\" must be a string");
  answer->kind = MockedAnswer::Kind::kThrow;
  answer->error = error->AsString();
  answer->cause = cause != nullptr ? cause->AsString() : "";
  return Status::OK();
}

Status ParseResponses(const Json& responses, const std::string& origin, MockConfig::Data* data) {
  if (!responses.is_object()) return Invalid(origin, "\"MockedResponses\" must be an object");
  for (const auto& [name, attempts] : responses.AsObject()) {
    std::string where = origin + ": MockedResponses." + name;
    if (!attempts.is_object()) return Invalid(where, "must be an object keyed by attempt");
    std::vector<AttemptRange>& ranges = data->responses[name];
    for (const auto& [key, spec] : attempts.AsObject()) {
      AttemptRange range;
      if (!ParseAttemptKey(key, &range))
        return Invalid(where, "invalid attempt key \"" + key + "\" (expected \"N\" or \"N-M\")");
      if (Status s = ParseAnswer(spec, where + "." + key, &range.answer); !s.ok()) return s;
      ranges.push_back(std::move(range));
    }
  }
  return Status::OK();
}

Status ParseTestCases(const Json& cases, const std::string& where, const MockConfig::Data& data,
                      MockConfig::Data::Cases* out) {
  if (!cases.is_object()) return Invalid(where, "\"TestCases\" must be an object");
  for (const auto& [case_name, states] : cases.AsObject()) {
    std::string here = where + ".TestCases." + case_name;
    if (!states.is_object()) return Invalid(here, "must map state names to mocked responses");
    MockConfig::Data::States& mapped = (*out)[case_name];
    for (const auto& [state, response] : states.AsObject()) {
      if (!response.is_string()) return Invalid(here + "." + state, "must name a mocked response");
      if (data.responses.count(response.AsString()) == 0)
        return Invalid(here + "." + state, "mocked response \"" + response.AsString() +
                                               "\" is not defined in \"MockedResponses\"");
      mapped[state] = response.AsString();
    }
  }
  return Status::OK();
}

Result<std::shared_ptr<const MockConfig::Data>> Parse(const Json& doc, const std::string& origin) {
  if (!doc.is_object()) return Invalid(origin, "the top level must be an object");
  auto data = std::make_shared<MockConfig::Data>();
  if (const Json* responses = doc.Find("MockedResponses")) {
    if (Status s = ParseResponses(*responses, origin, data.get()); !s.ok()) return s.error();
  }
  const Json* machines = doc.Find("StateMachines");
  if (machines != nullptr && !machines->is_object())
    return Invalid(origin, "\"StateMachines\" must be an object");
  for (size_t i = 0; machines != nullptr && i < machines->size(); ++i) {
    const auto& [name, machine] = machines->AsObject()[i];
    std::string where = origin + ": StateMachines." + name;
    const Json* cases = machine.is_object() ? machine.Find("TestCases") : nullptr;
    if (cases == nullptr) return Invalid(where, "needs an object \"TestCases\"");
    if (Status s = ParseTestCases(*cases, where, *data, &data->machines[name]); !s.ok())
      return s.error();
  }
  return std::shared_ptr<const MockConfig::Data>(std::move(data));
}

Result<std::shared_ptr<const MockConfig::Data>> ReadAndParse(const std::string& path) {
  std::string text, error;
  if (!ReadFileText(path, &text, &error)) return Invalid(path, "cannot read: " + error);
  JsonParseResult parsed = ParseJson(text);
  if (!parsed.ok)
    return Invalid(path, "not valid JSON at offset " + std::to_string(parsed.error.offset) + ": " +
                             parsed.error.message);
  return Parse(parsed.value, path);
}

// Identifies one version of the file; "" when it cannot be read.
std::string FileStamp(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "";
  return std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec) + "/" +
         std::to_string(info.st_size) + "/" + std::to_string(info.st_ino);
}

}  // namespace

MockConfig::MockConfig() = default;
MockConfig::~MockConfig() = default;

Result<std::unique_ptr<MockConfig>> MockConfig::Open(const std::string& path, Log log) {
  std::string stamp = FileStamp(path);
  auto data = ReadAndParse(path);
  if (!data.ok()) return data.error();
  std::unique_ptr<MockConfig> config(new MockConfig());
  config->path_ = path;
  config->log_ = log ? std::move(log)
                     : [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  config->data_ = std::move(data).value();
  config->stamp_ = stamp;
  return config;
}

Result<std::unique_ptr<MockConfig>> MockConfig::FromJson(const Json& doc,
                                                         const std::string& origin) {
  auto data = Parse(doc, origin);
  if (!data.ok()) return data.error();
  std::unique_ptr<MockConfig> config(new MockConfig());
  config->data_ = std::move(data).value();
  return config;
}

std::shared_ptr<const MockConfig::Data> MockConfig::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (path_.empty()) return data_;
  std::string stamp = FileStamp(path_);
  if (stamp == stamp_) return data_;
  stamp_ = stamp;  // a broken version is reported once, not at every lookup
  if (stamp.empty()) {
    log_("sfn-local: mock config " + path_ + " cannot be read; keeping the last good version");
    return data_;
  }
  auto data = ReadAndParse(path_);
  if (data.ok()) {
    data_ = std::move(data).value();
    log_("sfn-local: mock config " + path_ + " reloaded");
  } else {
    log_("sfn-local: " + data.error().cause + " (keeping the last good version)");
  }
  return data_;
}

bool MockConfig::HasTestCase(std::string_view machine, std::string_view test_case) const {
  std::shared_ptr<const Data> data = Current();
  auto m = data->machines.find(std::string(machine));
  return m != data->machines.end() && m->second.count(std::string(test_case)) != 0;
}

MockedAnswer MockConfig::Find(std::string_view machine, std::string_view test_case,
                              std::string_view state, int attempt) const {
  std::shared_ptr<const Data> data = Current();
  MockedAnswer answer;
  auto m = data->machines.find(std::string(machine));
  if (m == data->machines.end()) return answer;
  auto c = m->second.find(std::string(test_case));
  if (c == m->second.end()) return answer;
  auto s = c->second.find(std::string(state));
  if (s == c->second.end()) return answer;
  for (const AttemptRange& range : data->responses.at(s->second))
    if (attempt >= range.first && attempt <= range.last) return range.answer;
  answer.kind = MockedAnswer::Kind::kMissing;
  answer.error = "States.Runtime";
  answer.cause = "The mocked response \"" + s->second + "\" of state \"" + std::string(state) +
                 "\" in test case \"" + std::string(test_case) + "\" has no entry for attempt " +
                 std::to_string(attempt) + ".";
  return answer;
}

}  // namespace sfn::mocks
