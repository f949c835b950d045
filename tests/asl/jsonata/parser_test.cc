// tests/asl/jsonata/parser_test.cc
//
// Syntax errors (codes, positions, tokens, messages) and the post-parse
// rules that reject expressions before evaluation.
#include <doctest/doctest.h>

#include <string>

#include "tests/asl/jsonata/jsonata_test_util.h"

namespace sfn::asl::jsonata {
namespace {

using testing::CompileError;
using testing::Run;

TEST_CASE("Parser accepts the whole grammar") {
  for (const char* expr : {"a.b[0].c",
                           "a[b > 1][0]",
                           "**.x",
                           "*.y",
                           "a.%.b",
                           "a@$x.b#$i[$i > 0]",
                           "a^(>b, c)",
                           "a{b: $sum(c)}",
                           "{'k': [1, 2]}",
                           "$x ? 1 : 2",
                           "$x ?: 2",
                           "$x ?? 2",
                           "($f := function($a, $b)<nn:n>{ $a + $b }; $f(1, 2))",
                           "$substring(?, 1)",
                           "λ($x){$x}",
                           "| a | {'b': 1}, ['c'] |",
                           "x ~> $uppercase()",
                           "[1..3]",
                           "a in [1, 2]",
                           "/a[/]b/i",
                           "$not(and or in)",
                           "`quoted name`.x"}) {
    CAPTURE(expr);
    CHECK(CompileError(expr) == "compiled");
  }
}

TEST_CASE("Parser reports syntax errors like jsonata-js") {
  CHECK(CompileError("1 2") == "S0201@3 2: Syntax error: 2");
  CHECK(CompileError("(1; 2") == "S0203@5 (end): Expected \")\" before end of expression");
  CHECK(CompileError("[1, 2") == "S0203@5 (end): Expected \"]\" before end of expression");
  CHECK(CompileError("{'a' 1}") == "S0202@6 1: Expected \":\", got 1");
  CHECK(CompileError("function(a){1}") ==
        "S0208@10 a: Parameter 1 of function definition must be a variable name (start with $)");
  CHECK(CompileError("* 2") == "S0201@3 2: Syntax error: 2");
  CHECK(CompileError(")") == "S0211@1 ): The symbol \")\" cannot be used as a unary operator");
  CHECK(CompileError("a := 1") ==
        "S0212@1 a: The left side of := must be a variable name (start with $)");
  CHECK(CompileError("a.1") ==
        "S0213@3 : The literal value 1 cannot be used as a step within a path expression");
  CHECK(CompileError("a@b") ==
        "S0214@3 @: The right side of \"@\" must be a variable name (start with $)");
  CHECK(CompileError("a[0]@$x") ==
        "S0215@5 : A context variable binding must precede any predicates on a step");
  CHECK(CompileError("a^(b)@$x") ==
        "S0216@6 : A context variable binding must precede the 'order-by' clause on a step");
  CHECK(CompileError("%.a") ==
        "S0217@1 path: The object representing the 'parent' cannot be derived from this "
        "expression");
  CHECK(CompileError("[1]{'x': $}[true]") ==
        "S0209@12 : A predicate cannot follow a grouping expression in a step");
  CHECK(CompileError("[1]{'x': $}{'y': $}") ==
        "S0210@12 : Each step can only have one grouping expression");
}

TEST_CASE("Parser checks lambda signatures") {
  CHECK(CompileError("function($a)<s<s>>{1}") ==
        "S0401@15 : Type parameters can only be applied to functions and arrays");
  CHECK(CompileError("function($a)<(s<s>)>{1}") ==
        "S0402@14 : Choice groups containing parameterized types are not supported");
}

TEST_CASE("Parser refuses absurdly deep nesting instead of crashing") {
  std::string deep(5000, '(');
  deep += "1";
  deep += std::string(5000, ')');
  CHECK(CompileError(deep).rfind("S0201@", 0) == 0);
  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += "+1";
  CHECK(CompileError(chain).rfind("S0201@", 0) == 0);
  std::string ok = "1";
  for (int i = 0; i < 300; ++i) ok += "+1";
  CHECK(Run(ok) == "301");
}

TEST_CASE("Comments are skipped") { CHECK(Run("/* a */ 1 + /* b */ 2 /* c */") == "3"); }

}  // namespace
}  // namespace sfn::asl::jsonata
