// testing/test_file_mocks.cc: the `mocks` objects of a test file.
#include <algorithm>

#include "asl/core/json.h"
#include "testing/test_file.h"
#include "testing/test_file_internal.h"

namespace sfn::testing {
namespace internal {
namespace {

Status ParseThrow(const DocNode& node, MockAnswer* out) {
  if (Status s = node.ExpectObject(KeysOf(Keys::kThrow), {"error"}); !s.ok()) return s;
  Result<std::string> error = node.Member("error").String();
  if (!error.ok()) return error.error();
  if (error.value().empty()) return node.Member("error").Error("must not be empty");
  out->kind = MockAnswer::Kind::kThrow;
  out->error = error.value();
  if (node.Has("cause")) {
    Result<std::string> cause = node.Member("cause").String();
    if (!cause.ok()) return cause.error();
    out->cause = cause.value();
  }
  return Status::OK();
}

Status ParseAnswer(const DocNode& node, MockAnswer* out) {
  if (Status s = node.ExpectObject(KeysOf(Keys::kAnswer)); !s.ok()) return s;
  const bool has_return = node.Has("return"), has_throw = node.Has("throw");
  if (has_return && has_throw) return node.Error("'return' and 'throw' exclude each other");
  if (!has_return && !has_throw) return node.Error("expected one of the keys 'return' or 'throw'");
  if (has_throw) return ParseThrow(node.Member("throw"), out);
  out->kind = MockAnswer::Kind::kReturn;
  out->value = node.Member("return").value();
  return Status::OK();
}

Status ParseMock(const DocNode& node, Mock* out) {
  if (node.value().is_object()) {
    out->every_attempt = true;
    out->answers.emplace_back();
    return ParseAnswer(node, &out->answers.back());
  }
  if (!node.value().is_array()) {
    return node.Error(std::string("expected an answer ({return: ...} or {throw: ...}) or a list "
                                  "of answers, got ") +
                      TypeName(node.value().type()));
  }
  if (node.value().size() == 0) return node.Error("expected at least one answer");
  for (size_t i = 0; i < node.value().size(); ++i) {
    out->answers.emplace_back();
    if (Status s = ParseAnswer(node.Item(i), &out->answers.back()); !s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace

Status ParseMocks(const DocNode& node, std::vector<Mock>* out) {
  return node.ForEachMember([out](const std::string& key, const DocNode& member) -> Status {
    if (key.empty()) return member.Error("a state name or resource ARN must not be empty");
    Mock mock;
    mock.target = key;
    mock.line = member.line();
    if (Status s = ParseMock(member, &mock); !s.ok()) return s;
    out->push_back(std::move(mock));
    return Status::OK();
  });
}

}  // namespace internal

const MockAnswer* Mock::AnswerFor(int attempt) const {
  if (answers.empty() || attempt < 0) return nullptr;
  if (every_attempt) return &answers.front();
  return attempt < static_cast<int>(answers.size()) ? &answers[attempt] : nullptr;
}

std::vector<Mock> EffectiveMocks(const TestFile& file, const TestCase& test_case) {
  if (!test_case.mock_config_path.empty()) return {};
  std::vector<Mock> mocks = file.mocks;
  for (const Mock& own : test_case.mocks) {
    auto same = std::find_if(mocks.begin(), mocks.end(),
                             [&](const Mock& m) { return m.target == own.target; });
    if (same != mocks.end()) {
      *same = own;
    } else {
      mocks.push_back(own);
    }
  }
  return mocks;
}

}  // namespace sfn::testing
