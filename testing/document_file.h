// testing/document_file.h
//
// Reads a JSON or YAML file into Json, with errors that name the file, line
// and column. YAML is chosen by the extension (.yaml, .yml), or when the text
// does not start with '{' or '[' (CloudFormation's .template files are
// either); testing/yaml_document.h reads it. Stateless; safe to call from any
// thread.
#ifndef SFN_TESTING_DOCUMENT_FILE_H_
#define SFN_TESTING_DOCUMENT_FILE_H_

#include <string>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::testing {

// The error name of every ReadDocument failure.
inline constexpr char kInvalidDocument[] = "InvalidDocument";

struct Document {
  Json value;
  std::string text;   // the file's text
  bool yaml = false;  // read as YAML (else `text` is the JSON of `value`)
};

// The whole file; the error is "<path>: cannot read: <reason>".
Result<std::string> ReadTextFile(const std::string& path);

// True when ReadDocument would read `text`, the content of `path`, as YAML.
bool LooksLikeYaml(const std::string& path, const std::string& text);

// Errors: "<path>: cannot read: No such file or directory",
// "<path>:2:7: not valid JSON: Invalid value.", "<path>:4:1: duplicate key
// 'a'", "<path>:3:1: not valid YAML: end of sequence flow not found" (line
// and column from 1; JSON's columns count bytes).
Result<Document> ReadDocument(const std::string& path);

}  // namespace sfn::testing

#endif  // SFN_TESTING_DOCUMENT_FILE_H_
