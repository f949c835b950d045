// testing/doc_node.cc
#include "testing/doc_node.h"

#include <algorithm>
#include <cctype>

#include "testing/yaml_document.h"

namespace sfn::testing {
namespace {

std::string WithArticle(Json::Type type) {
  const std::string name = TypeName(type);
  const bool vowel = name[0] == 'a' || name[0] == 'o';
  return (vowel ? "an " : "a ") + name;
}

bool IsPlainKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::string JoinKeys(const std::vector<std::string_view>& keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

}  // namespace

std::string KeyPathPart(std::string_view key) {
  if (IsPlainKey(key)) return "." + std::string(key);
  std::string out = "[";
  DumpStringTo(key, &out);
  return out + "]";
}

DocNode::DocNode(const Json& root, const DocSource& source) : DocNode(&root, &source, "", "") {}

DocNode::DocNode(const Json* value, const DocSource* source, std::string pointer, std::string path)
    : value_(value), source_(source), pointer_(std::move(pointer)), path_(std::move(path)) {}

int DocNode::line() const {
  return source_->lines == nullptr ? 1 : LineOf(*source_->lines, pointer_);
}

DocNode DocNode::Member(const std::string& key) const {
  std::string pointer = pointer_;
  AppendPointerToken(key, &pointer);
  std::string part = KeyPathPart(key);
  // A top-level key reads "mocks", not ".mocks".
  if (path_.empty() && part[0] == '.') part.erase(0, 1);
  return DocNode(value_->Find(key), source_, std::move(pointer), path_ + part);
}

DocNode DocNode::Item(size_t index) const {
  std::string pointer = pointer_;
  AppendPointerToken(std::to_string(index), &pointer);
  return DocNode(&value_->AsArray()[index], source_, std::move(pointer),
                 path_ + "[" + std::to_string(index) + "]");
}

AslError DocNode::Error(std::string_view message) const {
  std::string text = source_->origin + ":" + std::to_string(line()) + ": ";
  if (!path_.empty()) text += path_ + ": ";
  return AslError{source_->error_name, text + std::string(message)};
}

Status DocNode::ExpectType(Json::Type type) const {
  const bool ok = type == Json::Type::kDouble ? value_->is_number() : value_->type() == type;
  if (ok) return Status::OK();
  return Error("expected " + WithArticle(type) + ", got " + TypeName(value_->type()));
}

Status DocNode::ExpectObject(const std::vector<std::string_view>& allowed,
                             const std::vector<std::string_view>& required) const {
  if (Status s = ExpectType(Json::Type::kObject); !s.ok()) return s;
  for (const auto& [key, unused] : value_->AsObject()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string pointer = pointer_;
    AppendPointerToken(key, &pointer);
    // The container's path, the key's own line.
    DocNode at_key(value_, source_, pointer, path_);
    return at_key.Error("unknown key '" + key + "' (expected one of: " + JoinKeys(allowed) + ")");
  }
  for (std::string_view key : required) {
    if (!Has(key)) return Error("missing required key '" + std::string(key) + "'");
  }
  return Status::OK();
}

Status DocNode::ForEachMember(
    const std::function<Status(const std::string& key, const DocNode& member)>& visit) const {
  if (Status s = ExpectType(Json::Type::kObject); !s.ok()) return s;
  for (const auto& [key, unused] : value_->AsObject()) {
    if (Status s = visit(key, Member(key)); !s.ok()) return s;
  }
  return Status::OK();
}

Result<std::string> DocNode::String() const {
  if (Status s = ExpectType(Json::Type::kString); !s.ok()) return s.error();
  return value_->AsString();
}

}  // namespace sfn::testing
