// testing/validate_files.cc
#include "testing/validate_files.h"

#include <limits>

#include "asl/definition/parser.h"
#include "emulator/api/definition_validation.h"
#include "testing/definition_source.h"
#include "testing/document_file.h"

namespace sfn::testing {
namespace {

std::string Member(const Json& object, std::string_view key) {
  const Json* value = object.Find(key);
  return value != nullptr && value->is_string() ? value->AsString() : std::string();
}

Json Validate(const std::string& text, const std::string& type) {
  asl::ParseOptions options;
  options.type = type;
  return emulator::DefinitionValidationAnswer(asl::ParseDefinition(text, options), true,
                                              std::numeric_limits<size_t>::max());
}

// One diagnostic, one line: AWS's JSON syntax messages span several.
std::string OneLine(std::string text) {
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) {
    text.replace(at, 1, "\\n");
  }
  return text;
}

}  // namespace

ValidatedFile ValidateDefinitionFile(const std::string& reference) {
  ValidatedFile out;
  out.file = reference;
  Result<LoadedDefinition> loaded = LoadDefinition(reference);
  if (loaded.ok()) {
    out.answer = Validate(loaded.value().definition, loaded.value().type);
    return out;
  }
  // A JSON definition with a syntax error is for AWS's diagnostics to name.
  if (reference.find('#') == std::string::npos) {
    Result<std::string> text = ReadTextFile(reference);
    if (text.ok() && !LooksLikeYaml(reference, text.value())) {
      out.answer = Validate(text.value(), "STANDARD");
      return out;
    }
  }
  out.error = loaded.error().cause;
  return out;
}

std::string ValidationText(const ValidatedFile& file) {
  if (!file.error.empty()) {
    const bool named = file.error.rfind(file.file, 0) == 0;
    return named ? file.error + "\n" : file.file + ": error: " + file.error + "\n";
  }
  std::string text;
  const Json* diagnostics = file.answer.Find("diagnostics");
  for (const Json& d : diagnostics->AsArray()) {
    std::string location = Member(d, "location");
    text += file.file + ": " + OneLine(location.empty() ? "/" : location) + ": " +
            Member(d, "severity") + " " + Member(d, "code") + ": " + OneLine(Member(d, "message")) +
            "\n";
  }
  return text;
}

Json ValidationJson(const std::vector<ValidatedFile>& files) {
  Json::Array list;
  for (const ValidatedFile& f : files) {
    Json entry = Json::MakeObject({}).With("file", Json(f.file));
    if (!f.error.empty()) entry = entry.With("error", Json(f.error));
    if (f.answer.is_object()) {
      for (const auto& [key, value] : f.answer.AsObject()) entry = entry.With(key, value);
    }
    list.push_back(std::move(entry));
  }
  return Json::MakeObject({{"files", Json::MakeArray(std::move(list))}});
}

int ValidationExitCode(const std::vector<ValidatedFile>& files) {
  int code = 0;
  for (const ValidatedFile& f : files) {
    if (!f.error.empty()) return 2;
    if (Member(f.answer, "result") != "OK") code = 1;
  }
  return code;
}

}  // namespace sfn::testing
