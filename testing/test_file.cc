// testing/test_file.cc: the top level, the cases and their expectations.
#include "testing/test_file.h"

#include <filesystem>
#include <map>

#include "testing/doc_node.h"
#include "testing/document_file.h"
#include "testing/test_file_internal.h"

namespace sfn::testing {
namespace internal {

const std::vector<std::string_view>& KeysOf(Keys which) {
  return TestFileKeyTables()[static_cast<size_t>(which)].keys;
}

}  // namespace internal

using internal::Keys;
using internal::KeysOf;

namespace {

struct StatusNameEntry {
  ExpectedStatus status;
  const char* name;
};
constexpr StatusNameEntry kStatusNames[] = {{ExpectedStatus::kSucceeded, "SUCCEEDED"},
                                            {ExpectedStatus::kFailed, "FAILED"},
                                            {ExpectedStatus::kTimedOut, "TIMED_OUT"},
                                            {ExpectedStatus::kAborted, "ABORTED"}};

std::string Resolve(const std::string& base_dir, const std::string& relative) {
  if (base_dir.empty()) return relative;
  return (std::filesystem::path(base_dir) / relative).lexically_normal().string();
}

Status ParseStatus(const DocNode& node, ExpectedStatus* out) {
  Result<std::string> text = node.String();
  if (!text.ok()) return text.error();
  for (const StatusNameEntry& entry : kStatusNames) {
    if (text.value() == entry.name) {
      *out = entry.status;
      return Status::OK();
    }
  }
  return node.Error("unknown status '" + text.value() +
                    "' (expected one of: SUCCEEDED, FAILED, TIMED_OUT, ABORTED)");
}

Status ParseOptionalString(const DocNode& parent, const char* key,
                           std::optional<std::string>* out) {
  if (!parent.Has(key)) return Status::OK();
  Result<std::string> text = parent.Member(key).String();
  if (!text.ok()) return text.error();
  *out = text.value();
  return Status::OK();
}

Status ParseNames(const DocNode& node, std::optional<std::vector<std::string>>* out) {
  if (Status s = node.ExpectType(Json::Type::kArray); !s.ok()) return s;
  out->emplace();
  for (size_t i = 0; i < node.value().size(); ++i) {
    Result<std::string> name = node.Item(i).String();
    if (!name.ok()) return name.error();
    (*out)->push_back(name.value());
  }
  return Status::OK();
}

Status ParseStateExpectation(const DocNode& node, StateExpectation* out) {
  if (Status s = node.ExpectObject(KeysOf(Keys::kState)); !s.ok()) return s;
  if (node.Has("input")) out->input = node.Member("input").value();
  if (node.Has("output")) out->output = node.Member("output").value();
  if (node.Has("attempts")) {
    const DocNode attempts = node.Member("attempts");
    if (!attempts.value().is_int() || attempts.value().AsInt() < 1 ||
        attempts.value().AsInt() > 1000000) {
      return attempts.Error("expected a whole number of at least 1");
    }
    out->attempts = static_cast<int>(attempts.value().AsInt());
  }
  return ParseOptionalString(node, "error", &out->error);
}

Status ParseStates(const DocNode& node, std::vector<StateExpectation>* out) {
  return node.ForEachMember([out](const std::string& name, const DocNode& member) -> Status {
    StateExpectation expectation;
    expectation.state = name;
    expectation.line = member.line();
    if (Status s = ParseStateExpectation(member, &expectation); !s.ok()) return s;
    out->push_back(std::move(expectation));
    return Status::OK();
  });
}

// The combinations of keys that cannot all hold at once.
Status CheckExpectCombinations(const DocNode& node, const Expectation& e) {
  if (e.status == ExpectedStatus::kSucceeded) {
    for (const char* key : {"error", "cause"}) {
      if (node.Has(key)) return node.Member(key).Error("not allowed with status SUCCEEDED");
    }
  } else {
    for (const char* key : {"output", "outputContains"}) {
      if (node.Has(key)) {
        return node.Member(key).Error(std::string("not allowed with status ") +
                                      StatusName(e.status) + ": only SUCCEEDED has an output");
      }
    }
  }
  if (e.output && e.output_contains) {
    return node.Member("outputContains").Error("output and outputContains exclude each other");
  }
  return Status::OK();
}

Status ParseExpect(const DocNode& node, Expectation* out) {
  if (Status s = node.ExpectObject(KeysOf(Keys::kExpect), {"status"}); !s.ok()) return s;
  if (Status s = ParseStatus(node.Member("status"), &out->status); !s.ok()) return s;
  if (Status s = ParseOptionalString(node, "error", &out->error); !s.ok()) return s;
  if (Status s = ParseOptionalString(node, "cause", &out->cause); !s.ok()) return s;
  if (node.Has("output")) out->output = node.Member("output").value();
  if (node.Has("outputContains")) out->output_contains = node.Member("outputContains").value();
  if (node.Has("path")) {
    if (Status s = ParseNames(node.Member("path"), &out->path); !s.ok()) return s;
  }
  if (node.Has("states")) {
    if (Status s = ParseStates(node.Member("states"), &out->states); !s.ok()) return s;
  }
  return CheckExpectCombinations(node, *out);
}

Status ParseMockConfig(const DocNode& node, const std::string& base_dir, TestCase* out) {
  Result<std::string> text = node.String();
  if (!text.ok()) return text.error();
  const size_t hash = text.value().rfind('#');
  if (hash == std::string::npos || hash == 0 || hash + 1 == text.value().size()) {
    return node.Error("expected 'FILE#TestCase', got '" + text.value() + "'");
  }
  out->mock_config_path = Resolve(base_dir, text.value().substr(0, hash));
  out->mock_config_case = text.value().substr(hash + 1);
  return Status::OK();
}

Status ParseCaseName(const DocNode& node, size_t index, TestCase* out) {
  if (!node.Has("name")) {
    out->name = !out->mock_config_case.empty() ? out->mock_config_case
                                               : "case " + std::to_string(index + 1);
    return Status::OK();
  }
  Result<std::string> name = node.Member("name").String();
  if (!name.ok()) return name.error();
  if (name.value().empty()) return node.Member("name").Error("must not be empty");
  out->name = name.value();
  return Status::OK();
}

Status ParseCase(const DocNode& node, size_t index, const std::string& base_dir, TestCase* out) {
  if (Status s = node.ExpectObject(KeysOf(Keys::kCase), {"expect"}); !s.ok()) return s;
  out->line = node.line();
  if (node.Has("mocks") && node.Has("mockConfig")) {
    return node.Member("mockConfig").Error("mocks and mockConfig exclude each other");
  }
  if (node.Has("mockConfig")) {
    if (Status s = ParseMockConfig(node.Member("mockConfig"), base_dir, out); !s.ok()) return s;
  }
  if (Status s = ParseCaseName(node, index, out); !s.ok()) return s;
  out->input = node.Has("input") ? node.Member("input").value() : Json::MakeObject({});
  if (node.Has("mocks")) {
    if (Status s = internal::ParseMocks(node.Member("mocks"), &out->mocks); !s.ok()) return s;
  }
  return ParseExpect(node.Member("expect"), &out->expect);
}

Status ParseCases(const DocNode& node, const std::string& base_dir, std::vector<TestCase>* out) {
  if (Status s = node.ExpectType(Json::Type::kArray); !s.ok()) return s;
  if (node.value().size() == 0) return node.Error("expected at least one case");
  std::map<std::string, int> line_of_name;
  for (size_t i = 0; i < node.value().size(); ++i) {
    const DocNode item = node.Item(i);
    TestCase test_case;
    if (Status s = ParseCase(item, i, base_dir, &test_case); !s.ok()) return s;
    auto [seen, inserted] = line_of_name.emplace(test_case.name, test_case.line);
    if (!inserted) {
      const DocNode at = item.Has("name") ? item.Member("name") : item;
      return at.Error("duplicate case name '" + test_case.name + "' (first at line " +
                      std::to_string(seen->second) + ")");
    }
    out->push_back(std::move(test_case));
  }
  return Status::OK();
}

Status ParseStateMachine(const DocNode& node, TestFile* out) {
  Result<std::string> ref = node.String();
  if (!ref.ok()) return ref.error();
  const std::string& text = ref.value();
  const size_t hash = text.find('#');
  if (text.empty() || hash == 0) return node.Error("expected a file name, got '" + text + "'");
  out->state_machine_ref = text;
  out->state_machine = hash == std::string::npos
                           ? Resolve(out->base_dir, text)
                           : Resolve(out->base_dir, text.substr(0, hash)) + text.substr(hash);
  return Status::OK();
}

Status ParseRoot(const DocNode& root, TestFile* out) {
  if (Status s = root.ExpectObject(KeysOf(Keys::kFile), {"stateMachine", "cases"}); !s.ok()) {
    return s;
  }
  if (Status s = ParseStateMachine(root.Member("stateMachine"), out); !s.ok()) return s;
  if (root.Has("routes")) {
    Result<std::string> routes = root.Member("routes").String();
    if (!routes.ok()) return routes.error();
    if (routes.value().empty()) return root.Member("routes").Error("must not be empty");
    out->routes_path = Resolve(out->base_dir, routes.value());
  }
  if (root.Has("mocks")) {
    if (Status s = internal::ParseMocks(root.Member("mocks"), &out->mocks); !s.ok()) return s;
  }
  return ParseCases(root.Member("cases"), out->base_dir, &out->cases);
}

// The test file in `doc`, or the document's error under this parser's name.
Result<TestFile> FromDocument(const Result<Document>& doc, const std::string& origin) {
  if (!doc.ok()) return AslError{internal::kErrorName, doc.error().cause};
  DocSource source{origin, internal::kErrorName, &doc.value().line_of_pointer};
  TestFile file;
  file.path = origin;
  file.base_dir = std::filesystem::path(origin).parent_path().string();
  if (Status s = ParseRoot(DocNode(doc.value().value, source), &file); !s.ok()) return s.error();
  return file;
}

}  // namespace

const std::vector<KeyTable>& TestFileKeyTables() {
  // In the order of internal::Keys.
  static const std::vector<KeyTable> kTables = {
      {"", {"stateMachine", "routes", "mocks", "cases"}},
      {"/$defs/case", {"name", "input", "mocks", "mockConfig", "expect"}},
      {"/$defs/expect", {"status", "error", "cause", "output", "outputContains", "path", "states"}},
      {"/$defs/stateExpectation", {"input", "output", "attempts", "error"}},
      {"/$defs/answer", {"return", "throw"}},
      {"/$defs/throw", {"error", "cause"}},
  };
  return kTables;
}

const char* StatusName(ExpectedStatus status) {
  for (const StatusNameEntry& entry : kStatusNames) {
    if (entry.status == status) return entry.name;
  }
  return "UNKNOWN";
}

bool IsTestFilePath(std::string_view path) {
  for (std::string_view suffix : {".sfn-test.yaml", ".sfn-test.yml", ".sfn-test.json"}) {
    if (path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix) {
      return true;
    }
  }
  return false;
}

Result<TestFile> ParseTestFile(std::string_view text, const std::string& origin, bool json) {
  return FromDocument(ParseDocument(std::string(text), origin, !json, JsonLines::kMap), origin);
}

Result<TestFile> LoadTestFile(const std::string& path) {
  return FromDocument(ReadDocument(path, JsonLines::kMap), path);
}

}  // namespace sfn::testing
