// tests/asl/jsonata/jsonata_test.cc
//
// The public Expression API: Step Functions additions, limits that end
// runaway expressions with an error, thread safety, variable references.
#include "asl/jsonata/jsonata.h"

#include <doctest/doctest.h>
#include <pthread.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/support/deep_values.h"
#include "tests/asl/jsonata/jsonata_test_util.h"

namespace sfn::asl::jsonata {
namespace {

using testing::Run;
using testing::RunPlain;

TEST_CASE("Step Functions functions") {
  CHECK(Run("$partition([1, 2, 3, 4, 5], 2)") == "[[1,2],[3,4],[5]]");
  CHECK(Run("$partition([1, 2], 5)") == "[[1,2]]");
  CHECK(Run("$partition([1, 2], -1)") == "D3137: Second argument must be zero or greater");
  CHECK(Run("$range(0, 6, 2)") == "[0,2,4,6]");
  CHECK(Run("$range(0, 5, 2)") == "[0,2,4]");
  CHECK(Run("$range(5, 1, -2)") == "[5,3,1]");
  CHECK(Run("$range(1, 5, -1)") == "undefined");
  CHECK(Run("$range(3, 3, 1)") == "3");
  CHECK(Run("$range(1, 9, 9)") == "1");
  CHECK(Run("$hash('input', 'SHA-1')") == "\"140f86aae51ab9e1cda9b4254fe98a74eb54c1a1\"");
  CHECK(Run("$hash('abc', 'MD5')") == "\"900150983cd24fb0d6963f7d28e17f72\"");
  CHECK(Run("$hash('abc', 'SHA-256')") ==
        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
  CHECK(Run("$length($hash('abc', 'SHA-384')) & ',' & $length($hash('abc', 'SHA-512'))") ==
        "\"96,128\"");
  CHECK(Run("$hash('abc', 'SHA-3')") ==
        "D3137: Hash algorithm 'SHA-3' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
  CHECK(Run("$hash(1, 'MD5')") ==
        "T0410: Argument 1 of function \"hash\" does not match function signature");
  CHECK(Run("$random(42)") == "0.7275636800328681");
  CHECK(Run("$random(0)") == "0.730967787376657");
  CHECK(Run("$parse('{\"a\": [1, 2]}').a[1]") == "2");
  CHECK(Run("$parse('{oops')") == "D3137: Invalid JSON");
  testing::FixedEnvironment env;
  EvalOptions options;
  options.env = &env;
  CHECK(Run("$uuid()", "", options) == "\"123e4567-e89b-42d3-a456-426614174000\"");
  CHECK(Run("$random()", "", options) == "0.25");
  CHECK(Run("$uuid() ~> $length()") == "36");
  CHECK(Run("$eval('1 + 1')") == "T1006: Attempted to invoke a non-function");
}

TEST_CASE("Plain JSONata has $eval but not the Step Functions functions") {
  CHECK(RunPlain("$eval('1 + 1')") == "2");
  CHECK(RunPlain("$range(0, 6, 2)") == "T1006: Attempted to invoke a non-function");
  CHECK(RunPlain("$random(42)") ==
        "T0410: Argument 1 of function \"random\" does not match function signature");
}

TEST_CASE("Limits end runaway expressions with an error") {
  SUBCASE("non-tail recursion hits the depth limit") {
    CHECK(Run("($f := function($n){ $n + $f($n + 1) }; $f(0))") ==
          "D1011: Stack overflow. Check for non-terminating recursive function.  Consider "
          "rewriting as tail-recursive");
  }
  SUBCASE("very deep recursion without a depth limit still stops on the stack guard") {
    EvalOptions options;
    options.limits.max_depth = 0;
    CHECK(Run("($f := function($n){ $n + $f($n + 1) }; $f(0))", "", options).rfind("D1011:", 0) ==
          0);
  }
  SUBCASE("an endless tail loop hits the time limit") {
    EvalOptions options;
    options.limits.max_time_ms = 50;
    CHECK(Run("($f := function($n){ $f($n + 1) }; $f(0))", "", options) ==
          "D1012: Evaluation timeout after 50 milliseconds. Check for infinite loop");
  }
  SUBCASE("huge ranges are refused") {
    CHECK(Run("$range(0, 1e15, 1)") ==
          "D2015: The maximum sequence length of 10000000 was exceeded.");
    EvalOptions options;
    options.limits.max_sequence = 1000;
    CHECK(Run("[1..5000]", "", options) ==
          "D2015: The maximum sequence length of 1000 was exceeded.");
    CHECK(Run("$count([1..1000])", "", options) == "1000");
  }
  SUBCASE("values nested too deeply are refused") {
    CHECK(Run("$reduce([1..5000], function($a, $b){ {'x': $a} }, {})").rfind("D1011:", 0) == 0);
    CHECK(Run("$count($reduce([1..1000], function($a, $b){ {'x': $a} }, {}) ~> $keys())") == "1");
  }
  SUBCASE("catastrophic regular expressions hit the time limit") {
    EvalOptions options;
    options.limits.max_time_ms = 100;
    std::string expr = "$match('" + std::string(40, 'a') + "b', /^(a|aa)+$/)";
    CHECK(Run(expr, "", options).rfind("D1012:", 0) == 0);
  }
}

struct SmallStackRun {
  const char* expr;
  std::string result;
};

void* RunOnSmallStack(void* arg) {
  auto* run = static_cast<SmallStackRun*>(arg);
  EvalOptions options;
  options.limits.max_depth = 0;  // only the stack guard stops it
  run->result = Run(run->expr, "", options);
  return nullptr;
}

std::string RunWithStack(const char* expr, size_t stack_bytes) {
  SmallStackRun run{expr, ""};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  pthread_create(&thread, &attr, RunOnSmallStack, &run);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return run.result;
}

TEST_CASE("Threads with small stacks get an error, not a crash") {
  CHECK(RunWithStack("[1..3].($ * 2)", 256 * 1024) == "[2,4,6]");
  CHECK(RunWithStack("($f := function($n){ $n + $f($n + 1) }; $f(0))", 256 * 1024)
            .rfind("D1011:", 0) == 0);
  CHECK(RunWithStack("($f := function($n){ $n + $f($n + 1) }; $f(0))", 2 * 1024 * 1024)
            .rfind("D1011:", 0) == 0);
}

TEST_CASE("One compiled expression evaluates on many threads at once") {
  JsonataError error;
  auto expr = Expression::Compile(
      "($f := function($n, $a){ $n = 0 ? $a : $f($n - 1, $a + $n) }; "
      "{'sum': $f(items[0], 0), 'names': items[1].$uppercase(name)})",
      &error);
  REQUIRE(expr);
  Json input = ParseJson(R"({"items": [200, [{"name": "a"}, {"name": "b"}]]})").value;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        EvalResult r = expr->Evaluate(&input, EvalOptions());
        if (r.ok && Dump(r.value) == R"({"sum":20100,"names":["A","B"]})") ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(good == 800);
}

TEST_CASE("VariableReferences lists the variables an expression reads") {
  auto refs = [](const char* text) {
    std::string out;
    for (const std::string& r : Expression::Compile(text, nullptr)->VariableReferences())
      out += r + " ";
    return out;
  };
  CHECK(refs("$states.input.a & $x") == "states x ");
  CHECK(refs("($y := 1; $sum([$y, $z, $x]))") == "z x ");
  CHECK(refs("function($p){ $p + $q }") == "q ");
  CHECK(refs("$ & $$") == "");
}

TEST_CASE("Undefined input, null input and errors through the API") {
  auto expr = Expression::Compile("$", nullptr);
  EvalResult undefined = expr->Evaluate(nullptr, EvalOptions());
  CHECK(undefined.ok);
  CHECK(!undefined.defined);
  Json null_input;
  EvalResult null_result = expr->Evaluate(&null_input, EvalOptions());
  CHECK(null_result.defined);
  CHECK(Dump(null_result.value) == "null");
  JsonataError error;
  CHECK(!Expression::Compile("(", &error));
  CHECK(error.code == "S0203");
  CHECK(error.position == 1);
  EvalResult failed = Expression::Compile("$foo()", nullptr)->Evaluate(nullptr, EvalOptions());
  CHECK(!failed.ok);
  CHECK(failed.error.code == "T1006");
  CHECK(failed.error.token == "foo");
  CHECK(failed.error.position == 5);
}

}  // namespace
}  // namespace sfn::asl::jsonata

namespace sfn::asl::jsonata {
namespace {

// Input JSON is walked without recursion ($string, =, **, $merge); a copy
// deeper than built values may nest fails with D1011 before it gets there.
TEST_CASE("Expressions take the deepest accepted input on a small stack") {
  const std::string text = sfn::testing::NestedObjectText(sfn::testing::kDeepestInput);
  const std::map<std::string, Json> bindings = {{"other", ParseJson(text).value}};
  sfn::testing::RunOnSmallStack([&] {
    EvalOptions options;
    options.bindings = &bindings;
    CHECK(testing::Run("$string($)", text, options) == Dump(Json(text)));
    CHECK(testing::Run("$ = $other", text, options) == "true");
    CHECK(testing::Run("$count($.**.leaf)", text, options) == "1");
    CHECK(testing::Run("$count($.**)", text, options) == "10001");  // 10,000 objects, 1 leaf
    CHECK(testing::Run("$keys($merge([$, {'b': 1}]))", text, options) == R"(["a","b"])");
  });
  // A copy recurses, but stops at the nesting built values may have (2000),
  // which fits an eighth of a default (8 MiB) thread stack even under ASan.
  sfn::testing::RunOnSmallStack(
      [&] { CHECK(testing::Run("$clone($)", text).rfind("D1011:", 0) == 0); }, 1024 * 1024);
}

}  // namespace
}  // namespace sfn::asl::jsonata
