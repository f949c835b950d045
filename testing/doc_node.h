// testing/doc_node.h
//
// A read position inside a parsed document: the value, its JSON Pointer, the
// key path shown to people ("cases[1].expect") and where to find its line,
// so that every check of a test file can fail with
// "<file>:<line>: <key path>: <message>". A DocNode borrows the value and
// the DocSource; neither may be destroyed while the node is in use.
#ifndef SFN_TESTING_DOC_NODE_H_
#define SFN_TESTING_DOC_NODE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

struct DocSource {
  std::string origin;                                 // the file name as errors show it
  std::string error_name;                             // AslError::error of every message
  const std::map<std::string, int>* lines = nullptr;  // JSON Pointer → line; may be null
};

class DocNode {
 public:
  // The document's root.
  DocNode(const Json& root, const DocSource& source);

  const Json& value() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& path() const { return path_; }
  int line() const;

  // The member `key` (which must exist) and the item at `index`.
  DocNode Member(const std::string& key) const;
  DocNode Item(size_t index) const;
  bool Has(std::string_view key) const { return value_->Find(key) != nullptr; }

  // "<origin>:<line>: <path>: <message>" (no path part at the root).
  AslError Error(std::string_view message) const;

  // Type checks: "expected a string, got number".
  Status ExpectType(Json::Type type) const;
  // An object whose keys all appear in `allowed` and that has each of
  // `required`. An unknown key is reported at its own line:
  // "unknown key 'outptu' (expected one of: status, error)"; a missing one at
  // the object's: "missing required key 'expect'".
  Status ExpectObject(const std::vector<std::string_view>& allowed,
                      const std::vector<std::string_view>& required = {}) const;
  // Fails unless an object; then calls `visit(key, member)` for each member
  // in order, stopping at the first failure.
  Status ForEachMember(
      const std::function<Status(const std::string& key, const DocNode& member)>& visit) const;
  // A string, as ExpectType(kString) checks it.
  Result<std::string> String() const;

 private:
  DocNode(const Json* value, const DocSource* source, std::string pointer, std::string path);

  const Json* value_;        // borrowed: see the file comment
  const DocSource* source_;  // borrowed
  std::string pointer_;
  std::string path_;
};

// How a key shows in a key path: `.name` for plain names, `["a b"]` otherwise.
std::string KeyPathPart(std::string_view key);

}  // namespace sfn::testing

#endif  // SFN_TESTING_DOC_NODE_H_
