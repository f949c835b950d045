// tests/conformance/jsonata_suite.cc
//
// Runs the JSONata test suite (jsonata-js's language-neutral cases, see
// ../shared/conformance/jsonata-suite/TESTSUITE.md) directly against
// asl/jsonata in plain JSONata mode (no Step Functions additions).
//
//   jsonata_suite [-v] [--group NAME] [--case SUBSTRING] SUITE_DIR
//
// Prints each failing case, then one line "jsonata-suite: P passed, F
// failed". Exits 1 when fewer than 98% of the cases pass, 77 (ctest's skip
// code) when SUITE_DIR does not exist.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "asl/jsonata/jsonata.h"

namespace fs = std::filesystem;
using sfn::Json;
namespace jsonata = sfn::asl::jsonata;

namespace {

constexpr int kSkipCode = 77;
constexpr double kRequiredPassRate = 0.98;

struct Options {
  bool verbose = false;
  std::string group;
  std::string case_filter;
  fs::path suite;
};

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// A few cases hold lone UTF-16 surrogates ("\uD800"), which RapidJSON
// refuses. They are kept as JSONata escapes instead (the JSON text gets
// "\\uD800"), so the expression's own string literal produces them.
std::string EncodeLoneSurrogates(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\\u") == 0 && i + 6 <= text.size()) {
      unsigned v = std::stoul(text.substr(i + 2, 4), nullptr, 16);
      bool pair = v >= 0xD800 && v < 0xDC00 && text.compare(i + 6, 2, "\\u") == 0;
      if (v >= 0xD800 && v < 0xE000 && !pair) out.push_back('\\');
    }
    out.push_back(text[i]);
  }
  return out;
}

class Suite {
 public:
  explicit Suite(Options options) : options_(std::move(options)) {}

  int Run() {
    std::vector<fs::path> groups;
    for (const auto& entry : fs::directory_iterator(options_.suite / "groups"))
      if (entry.is_directory()) groups.push_back(entry.path());
    std::sort(groups.begin(), groups.end());
    for (const fs::path& group : groups) {
      if (!options_.group.empty() && group.filename() != options_.group) continue;
      RunGroup(group);
    }
    std::printf("jsonata-suite: %d passed, %d failed\n", passed_, failed_);
    int total = passed_ + failed_;
    return (total > 0 && passed_ >= kRequiredPassRate * total) ? 0 : 1;
  }

 private:
  void RunGroup(const fs::path& group) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(group))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::string name = group.filename().string() + "/" + file.filename().string();
      if (!options_.case_filter.empty() && name.find(options_.case_filter) == std::string::npos)
        continue;
      std::string text;
      ReadFile(file, &text);
      sfn::JsonParseResult parsed = sfn::ParseJson(text);
      if (!parsed.ok) parsed = sfn::ParseJson(EncodeLoneSurrogates(text));
      if (!parsed.ok) {
        Fail(name, "case file is not valid JSON: " + parsed.error.message);
        continue;
      }
      if (parsed.value.is_array()) {
        const Json::Array& cases = parsed.value.AsArray();
        for (size_t i = 0; i < cases.size(); ++i)
          RunCase(name + "[" + std::to_string(i) + "]", group, cases[i]);
      } else {
        RunCase(name, group, parsed.value);
      }
    }
  }

  bool LoadInput(const Json& c, const Json** input, Json* storage, std::string* why) {
    if (const Json* data = c.Find("data")) {
      *input = data;
      return true;
    }
    const Json* dataset = c.Find("dataset");
    if (!dataset || dataset->is_null()) {
      *input = nullptr;
      return true;
    }
    std::string text;
    fs::path path = options_.suite / "datasets" / (dataset->AsString() + ".json");
    if (!ReadFile(path, &text)) {
      *why = "missing dataset " + path.string();
      return false;
    }
    sfn::JsonParseResult parsed = sfn::ParseJson(text);
    if (!parsed.ok) {
      *why = "dataset is not valid JSON";
      return false;
    }
    *storage = parsed.value;
    *input = storage;
    return true;
  }

  void RunCase(const std::string& name, const fs::path& group, const Json& c) {
    if (!options_.case_filter.empty() && name.find(options_.case_filter) == std::string::npos)
      return;
    std::string expr;
    if (const Json* e = c.Find("expr")) {
      expr = e->AsString();
    } else if (const Json* f = c.Find("expr-file")) {
      ReadFile(group / f->AsString(), &expr);
    }
    const Json* input = nullptr;
    Json dataset;
    std::string why;
    if (!LoadInput(c, &input, &dataset, &why)) return Fail(name, why);
    std::map<std::string, Json> bindings;
    if (const Json* b = c.Find("bindings"); b && b->is_object())
      for (const auto& m : b->AsObject()) bindings[m.first] = m.second;
    jsonata::EvalOptions options;
    options.bindings = &bindings;
    options.step_functions = false;
    // jsonata-js has no limits unless the case sets them; keep generous ones.
    options.limits.max_depth = 100000;
    options.limits.max_time_ms = 20000;
    if (c.Find("timelimit") && c.Find("depth")) {
      options.limits.max_time_ms = c.Find("timelimit")->AsInt();
      options.limits.max_depth = static_cast<int>(c.Find("depth")->AsInt());
    }
    jsonata::JsonataError compile_error;
    auto compiled = jsonata::Expression::Compile(expr, &compile_error);
    jsonata::EvalResult result;
    if (!compiled) {
      result.ok = false;
      result.error = compile_error;
    } else {
      result = compiled->Evaluate(input, options);
    }
    Check(name, expr, c, result);
  }

  static bool CodeMatches(const std::string& expected, const std::string& actual) {
    // U1001 is the stack/time guard of jsonata-js's own test runner; the
    // engine reports the same conditions as D1011 and D1012.
    if (expected == "U1001") return actual == "D1011" || actual == "D1012";
    return expected == actual;
  }

  void Check(const std::string& name, const std::string& expr, const Json& c,
             const jsonata::EvalResult& r) {
    std::string got = !r.ok        ? "error " + r.error.code + ": " + r.error.message
                      : !r.defined ? "undefined"
                                   : sfn::Dump(r.value);
    const Json* error = c.Find("error");
    const Json* code = c.Find("code");
    if (error && error->Find("code")) code = error->Find("code");
    bool pass = false;
    std::string expected;
    if (code) {
      expected = "error " + code->AsString();
      pass = !r.ok && CodeMatches(code->AsString(), r.error.code);
      const Json* token = c.Find("token");
      if (error && error->Find("token")) token = error->Find("token");
      if (pass && token && token->is_string()) pass = token->AsString() == r.error.token;
      if (pass && error && error->Find("message"))
        pass = error->Find("message")->AsString() == r.error.message;
    } else if (c.Find("undefinedResult")) {
      expected = "undefined";
      pass = r.ok && !r.defined;
    } else if (const Json* want = c.Find("result")) {
      expected = sfn::Dump(*want);
      pass = r.ok && r.defined && r.value == *want;
    } else {
      expected = "(nothing to check)";
    }
    if (pass) {
      ++passed_;
      return;
    }
    Fail(name, options_.verbose
                   ? "\n  expr:     " + expr + "\n  expected: " + expected + "\n  got:      " + got
                   : "");
  }

  void Fail(const std::string& name, const std::string& detail) {
    ++failed_;
    std::printf("FAIL %s%s%s\n", name.c_str(), detail.empty() || detail[0] == '\n' ? "" : ": ",
                detail.c_str());
  }

  Options options_;
  int passed_ = 0;
  int failed_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v" || arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "--group" && i + 1 < argc) {
      options.group = argv[++i];
    } else if (arg == "--case" && i + 1 < argc) {
      options.case_filter = argv[++i];
    } else {
      options.suite = arg;
    }
  }
  if (options.suite.empty()) {
    std::fprintf(stderr, "usage: jsonata_suite [-v] [--group NAME] [--case TEXT] SUITE_DIR\n");
    return 2;
  }
  if (!fs::is_directory(options.suite / "groups")) {
    std::printf("jsonata-suite: SKIPPED: no JSONata test suite at %s\n", options.suite.c_str());
    return kSkipCode;
  }
  return Suite(std::move(options)).Run();
}
