// bench/workload.cc
#include "bench/workload.h"

#include <fstream>
#include <sstream>

namespace sfn::bench {
namespace {

struct Shape {
  const char* name;
  const char* type;
  int64_t executions;
  int64_t transitions_per_exec;
  double unscaled_seconds;
};

// Counts from bench/workloads/README.md; WS from its Comment.
constexpr Shape kShapes[] = {
    {"W1", "STANDARD", 10000, 10, 0},   {"W2", "EXPRESS", 1, 20001, 0},
    {"W3", "STANDARD", 1, 2002, 0},     {"W4", "STANDARD", 1000, 31, 0},
    {"W5", "STANDARD", 1000, 1, 0},     {"WS", "STANDARD", 1, 0, 14.0},
};

const Json* Member(const Json& v, std::string_view key) { return v.Find(key); }

bool IsInt(const Json* v, int64_t want) { return v && v->is_int() && v->AsInt() == want; }
bool IsTrue(const Json* v) { return v && v->is_bool() && v->AsBool(); }

std::string CheckW1(const Json& out) {
  const Json* last = Member(out, "last");
  Json want = ParseJson(R"({"step":10,"customerId":"c-42","total":129.48})").value;
  if (!last || *last != want) return "W1: $.last is not " + Dump(want);
  return "";
}

std::string CheckW2(const Json& out) {
  if (!out.is_array() || out.size() != 10000) return "W2: output is not an array of 10000";
  const Json::Array& items = out.AsArray();
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].size() != 2 || !IsInt(Member(items[i], "n"), static_cast<int64_t>(i)) ||
        !IsTrue(Member(items[i], "ok"))) {
      return "W2: item " + std::to_string(i) + " is " + Dump(items[i]);
    }
  }
  size_t bytes = Dump(out).size();
  if (bytes != 208891) return "W2: output is " + std::to_string(bytes) + " bytes, not 208891";
  return "";
}

std::string CheckW4(const Json& out) {
  const Json* branches = Member(out, "branches");
  if (!branches || !branches->is_array() || branches->size() != 10) {
    return "W4: $.branches is not an array of 10";
  }
  for (size_t k = 0; k < 10; ++k) {
    const Json& b = branches->AsArray()[k];
    if (!IsInt(Member(b, "branch"), static_cast<int64_t>(k + 1)) || !IsTrue(Member(b, "ok"))) {
      return "W4: branches[" + std::to_string(k) + "] is " + Dump(b);
    }
  }
  return "";
}

std::string CheckWs(const Json& out) {
  const Json* caught = Member(out, "caught");
  const Json* error = caught ? Member(*caught, "Error") : nullptr;
  if (!IsInt(Member(out, "x"), 1) || !error || !error->is_string() ||
      error->AsString() != "Bench.Flaky") {
    return "WS: output is " + Dump(out);
  }
  return "";
}

}  // namespace

const std::vector<std::string>& StandardWorkloads() {
  static const std::vector<std::string> kNames = {"W1", "W2", "W3", "W4", "W5"};
  return kNames;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

std::string LoadWorkload(const std::string& dir, const std::string& name, Workload* out) {
  const Shape* shape = nullptr;
  for (const Shape& s : kShapes) {
    if (name == s.name) shape = &s;
  }
  if (!shape) return "unknown workload " + name;
  std::string input;
  if (!ReadFile(dir + "/" + name + ".json", &out->definition_text) ||
      !ReadFile(dir + "/" + name + ".input.json", &input)) {
    return "cannot read " + dir + "/" + name + "{.json,.input.json}";
  }
  JsonParseResult parsed = ParseJson(input);
  if (!parsed.ok) return name + ".input.json: " + parsed.error.message;
  out->name = name;
  out->type = shape->type;
  out->input = parsed.value;
  out->input_text = Dump(parsed.value);
  out->executions = shape->executions;
  out->transitions_per_exec = shape->transitions_per_exec;
  out->unscaled_seconds = shape->unscaled_seconds;
  return "";
}

std::string CheckOutput(const Workload& w, const Json& output) {
  if (w.name == "W1") return CheckW1(output);
  if (w.name == "W2") return CheckW2(output);
  if (w.name == "W3") {
    Json want = ParseJson(R"({"i":1000,"limit":1000})").value;
    return output == want ? "" : "W3: output is " + Dump(output);
  }
  if (w.name == "W4") return CheckW4(output);
  if (w.name == "W5") return output == w.input ? "" : "W5: output differs from the input";
  if (w.name == "WS") return CheckWs(output);
  return "no check for " + w.name;
}

int64_t CountTransitions(const std::vector<std::string>& event_types) {
  static constexpr std::string_view kSuffix = "StateExited";
  int64_t n = 0;
  for (const std::string& t : event_types) {
    if (t.size() >= kSuffix.size() && t.compare(t.size() - kSuffix.size(), kSuffix.size(),
                                                kSuffix) == 0) {
      ++n;
    }
  }
  return n;
}

}  // namespace sfn::bench
