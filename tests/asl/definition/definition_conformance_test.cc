// tests/asl/definition/definition_conformance_test.cc
//
// Runs ParseDefinition over every AWS-recorded conformance case beside the
// checkout (../shared/conformance/aws-recorded, see its FORMAT.md): cases
// with expect.createError must be rejected with exactly expect.message, all
// others must be accepted. The definition is serialised as the recording
// client sent it (Python's json.dumps defaults), because 89 recorded
// messages echo that text. Skipped when the suite is not there.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "asl/core/json.h"

namespace fs = std::filesystem;
using sfn::Json;

namespace {

void AppendUtf16Escape(unsigned code, std::string* out) {
  char buf[16];
  snprintf(buf, sizeof(buf), "\\u%04x", code & 0xFFFF);
  *out += buf;
}

// json.dumps(s) with ensure_ascii: only ' '..'~' stay literal.
void PythonDumpString(const std::string& s, std::string* out) {
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += n;
    switch (cp) {
      case '"':
        *out += "\\\"";
        continue;
      case '\\':
        *out += "\\\\";
        continue;
      case '\n':
        *out += "\\n";
        continue;
      case '\r':
        *out += "\\r";
        continue;
      case '\t':
        *out += "\\t";
        continue;
      case '\b':
        *out += "\\b";
        continue;
      case '\f':
        *out += "\\f";
        continue;
    }
    if (cp >= 0x20 && cp <= 0x7E) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x10000) {
      AppendUtf16Escape(cp, out);
    } else {
      cp -= 0x10000;
      AppendUtf16Escape(0xD800 + (cp >> 10), out);
      AppendUtf16Escape(0xDC00 + (cp & 0x3FF), out);
    }
  }
  *out += '"';
}

// Python's repr(float): the shortest round-tripping digits, positional for
// exponents in [-4, 16), scientific ("1e-05", "1.5e+16") otherwise.
std::string PythonFloat(double d) {
  char buf[64];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    snprintf(buf, sizeof(buf), "%.*e", precision - 1, d);
    if (strtod(buf, nullptr) == d) break;
  }
  std::string sci(buf);
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits = sci.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exponent < -4 || exponent >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    snprintf(buf, sizeof(buf), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += buf;
  } else if (exponent < 0) {
    out = "0." + std::string(-exponent - 1, '0') + digits;
  } else {
    if (digits.size() <= static_cast<size_t>(exponent) + 1) {
      digits += std::string(exponent + 1 - digits.size(), '0');
      out = digits + ".0";
    } else {
      out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
    }
  }
  return (negative ? "-" : "") + out;
}

// json.dumps(value) with default separators (", " and ": ").
void PythonDump(const Json& v, std::string* out) {
  switch (v.type()) {
    case Json::Type::kNull:
      *out += "null";
      break;
    case Json::Type::kBool:
      *out += v.AsBool() ? "true" : "false";
      break;
    case Json::Type::kInt:
      *out += std::to_string(v.AsInt());
      break;
    case Json::Type::kDouble:
      *out += PythonFloat(v.AsDouble());
      break;
    case Json::Type::kString:
      PythonDumpString(v.AsString(), out);
      break;
    case Json::Type::kArray: {
      *out += '[';
      bool first = true;
      for (const Json& item : v.AsArray()) {
        if (!first) *out += ", ";
        first = false;
        PythonDump(item, out);
      }
      *out += ']';
      break;
    }
    case Json::Type::kObject: {
      *out += '{';
      bool first = true;
      for (const auto& [key, member] : v.AsObject()) {
        if (!first) *out += ", ";
        first = false;
        PythonDumpString(key, out);
        *out += ": ";
        PythonDump(member, out);
      }
      *out += '}';
      break;
    }
  }
}

fs::path SuiteRoot() {
  // <checkout>/../shared/conformance/aws-recorded
  return fs::path(SFN_SOURCE_DIR).parent_path() / "shared" / "conformance" / "aws-recorded";
}

}  // namespace

TEST_CASE("Python json.dumps serialisation used for recorded definitions") {
  std::string out;
  PythonDump(sfn::ParseJson(R"({"a":[1,2.5,1e20,0.0001,100.0,null,true],"b":"x\u0080\n"})").value,
             &out);
  CHECK(out == R"({"a": [1, 2.5, 1e+20, 0.0001, 100.0, null, true], "b": "x\u0080\n"})");
}

TEST_CASE("every AWS-recorded definition is accepted or rejected as AWS did") {
  fs::path root = SuiteRoot();
  if (!fs::exists(root)) {
    MESSAGE("skipped: " << root.string() << " not found");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() == ".json") files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  int accepted = 0, rejected = 0, failures = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    sfn::JsonParseResult parsed = sfn::ParseJson(text.str());
    REQUIRE(parsed.ok);
    const Json& test_case = parsed.value;
    std::string definition;
    PythonDump(*test_case.Find("definition"), &definition);
    sfn::asl::ParseResult result = sfn::asl::ParseDefinition(definition);
    const Json& expect = *test_case.Find("expect");
    INFO(file.string());
    if (expect.Find("createError")) {
      const Json* message = expect.Find("message");
      bool ok =
          !result.machine && (!message || result.invalid_definition_message == message->AsString());
      CHECK_MESSAGE(ok, result.invalid_definition_message);
      ok ? ++rejected : ++failures;
    } else {
      CHECK_MESSAGE(result.machine != nullptr, result.invalid_definition_message);
      result.machine ? ++accepted : ++failures;
    }
  }
  MESSAGE(accepted << " accepted, " << rejected << " rejected as recorded, " << failures
                   << " wrong, of " << files.size());
  CHECK(files.size() > 1000);
}
