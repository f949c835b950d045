// tests/asl/jsonata/evaluator_test.cc
//
// The language: paths and sequences, predicates, wildcards, parent and
// positional bindings, constructors, grouping, sorting, operators,
// variables, lambdas, partial application, transforms and errors.
#include <doctest/doctest.h>

#include <string>

#include "tests/asl/jsonata/jsonata_test_util.h"

namespace sfn::asl::jsonata {
namespace {

using testing::Run;

constexpr const char* kShop = R"({"Account": {"Name": "Firefly", "Order": [
  {"OrderID": "order103", "Product": [
    {"Name": "Bowler Hat", "Price": 34.45, "Quantity": 2},
    {"Name": "Trilby hat", "Price": 21.67, "Quantity": 1}]},
  {"OrderID": "order104", "Product": [
    {"Name": "Bowler Hat", "Price": 34.45, "Quantity": 4},
    {"Name": "Cloak", "Price": 107.99, "Quantity": 1}]}]}})";

TEST_CASE("Paths map over sequences and flatten them") {
  CHECK(Run("Account.Name", kShop) == "\"Firefly\"");
  CHECK(Run("Account.Order.OrderID", kShop) == "[\"order103\",\"order104\"]");
  CHECK(Run("Account.Order.Product.Name", kShop) ==
        "[\"Bowler Hat\",\"Trilby hat\",\"Bowler Hat\",\"Cloak\"]");
  CHECK(Run("Account.Order[0].Product[1].Name", kShop) == "\"Trilby hat\"");
  CHECK(Run("Account.Order[-1].OrderID", kShop) == "\"order104\"");
  CHECK(Run("(Account.Order.Product.Name)[0]", kShop) == "\"Bowler Hat\"");
  CHECK(Run("Account.Order.Product[Price > 30].Name", kShop) ==
        "[\"Bowler Hat\",\"Bowler Hat\",\"Cloak\"]");
  CHECK(Run("Account.Order[0].OrderID[]", kShop) == "[\"order103\"]");
  CHECK(Run("Account.Missing", kShop) == "undefined");
  CHECK(Run("Account.*.OrderID", kShop) == "[\"order103\",\"order104\"]");
  CHECK(Run("**.Price", kShop) == "[34.45,21.67,34.45,107.99]");
  CHECK(Run("$[1]", "[1,2,3]") == "2");
  CHECK(Run("$$.Account.Name", kShop) == "\"Firefly\"");
  CHECK(Run("[1,2,3].$", "") == "[1,2,3]");
  CHECK(Run("[[1,2],[3]]", "") == "[[1,2],[3]]");
  CHECK(Run("[1,[2]].$", "") == "[1,2]");
}

TEST_CASE("Parent, focus and index bindings") {
  CHECK(Run("Account.Order.Product.{'id': %.OrderID, 'name': Name}[3]", kShop) ==
        R"({"id":"order104","name":"Cloak"})");
  CHECK(Run("Account.Order#$i.{'i': $i, 'id': OrderID}", kShop) ==
        R"([{"i":0,"id":"order103"},{"i":1,"id":"order104"}])");
  const char* library = R"({"loans": [{"isbn": "a", "who": "Ann"}, {"isbn": "b", "who": "Bob"}],
                            "books": [{"isbn": "b", "title": "Beta"}, {"isbn": "a", "title": "Alpha"}]})";
  CHECK(Run("loans@$l.books@$b[$l.isbn = $b.isbn].{'who': $l.who, 'title': $b.title}", library) ==
        R"([{"who":"Ann","title":"Alpha"},{"who":"Bob","title":"Beta"}])");
}

TEST_CASE("Object constructors, grouping and order-by") {
  CHECK(Run("Account.Order.Product{Name: $sum(Quantity)}", kShop) ==
        R"({"Bowler Hat":6,"Trilby hat":1,"Cloak":1})");
  CHECK(Run("Account.Order.Product^(>Price, Name).Name", kShop) ==
        "[\"Cloak\",\"Bowler Hat\",\"Bowler Hat\",\"Trilby hat\"]");
  CHECK(Run("{'a': 1, 'b': [true, null], 'c': undefinedThing}", "{}") ==
        R"({"a":1,"b":[true,null]})");
  CHECK(Run("{'k': 1, 'k': 2}") == "D1009: Multiple key definitions evaluate to same key: \"k\"");
  CHECK(Run("{1: 2}") == "T1003: Key in object structure must evaluate to a string; got: 1");
}

TEST_CASE("Operators follow JSONata's number, string and undefined rules") {
  CHECK(Run("10 / 4") == "2.5");
  CHECK(Run("7 % 3") == "1");
  CHECK(Run("-(2 * 3)") == "-6");
  CHECK(Run("0.1 + 0.2") == "0.30000000000000004");
  CHECK(Run("nothing + 1", "{}") == "undefined");
  CHECK(Run("nothing = 1", "{}") == "false");
  CHECK(Run("'a' & 1.5 & true & null & [1]") == "\"a1.5truenull[1]\"");
  CHECK(Run("{'a': [1, 2]} = {'a': [1, 2]}") == "true");
  CHECK(Run("'b' > 'a' and 2 >= 2 and $not(1 != 1)") == "true");
  CHECK(Run("not(1)") == "T1005: Attempted to invoke a non-function. Did you mean $not?");
  CHECK(Run("3 in [1, 2, 3]") == "true");
  CHECK(Run("[1..4]") == "[1,2,3,4]");
  CHECK(Run("[0, 2..4, 9]") == "[0,2,3,4,9]");
  CHECK(Run("$count([5..1])") == "0");
  CHECK(Run("true ? 'y' : 'n'") == "\"y\"");
  CHECK(Run("false ? 'y'") == "undefined");
  CHECK(Run("0 ?: 'default'") == "\"default\"");
  CHECK(Run("missing ?? 'fallback'", "{}") == "\"fallback\"");
  CHECK(Run("false ?? 'fallback'") == "false");
}

TEST_CASE("Operator errors") {
  CHECK(Run("'a' + 1") == "T2001: The left side of the \"+\" operator must evaluate to a number");
  CHECK(Run("1 * 'b'") == "T2002: The right side of the \"*\" operator must evaluate to a number");
  CHECK(
      Run("1 < 'a'") ==
      "T2009: The values 1 and \"a\" either side of operator \"<\" must be of the same data type");
  CHECK(Run("true < 1") ==
        "T2010: The expressions either side of operator \"<\" must evaluate to numeric or string "
        "values");
  CHECK(Run("-'a'") == "D1002: Cannot negate a non-numeric value: \"a\"");
  CHECK(Run("[1.5..3]") ==
        "T2003: The left side of the range operator (..) must evaluate to an integer");
  CHECK(Run("[1..1e8]") ==
        "D2014: The size of the sequence allocated by the range operator (..) must not exceed 1e7."
        "  Attempted to allocate 100000000.");
  CHECK(Run("sum(1)") == "T1005: Attempted to invoke a non-function. Did you mean $sum?");
  CHECK(Run("$nothing(1)") == "T1006: Attempted to invoke a non-function");
  CHECK(Run("1 ~> 2") ==
        "T2006: The right side of the function application operator ~> must be a function");
}

TEST_CASE("Variables, blocks and closures") {
  CHECK(Run("($x := 2; $y := $x * 3; [$x, $y])") == "[2,6]");
  CHECK(Run("($x := 1; ($x := 2); $x)") == "1");
  CHECK(Run("($counter := function($n){ function(){ $n + 1 } }; $counter(5)())") == "6");
  CHECK(Run("(function($a, $b){ $a & $b })('x', 'y')") == "\"xy\"");
  CHECK(Run("λ($x){ $x * 2 }(21)") == "42");
  CHECK(Run("($first3 := $substring(?, 0, 3); $first3('Hello'))") == "\"Hel\"");
  CHECK(Run("($add := function($a, $b){ $a + $b }; $inc := $add(?, 1); $inc(41))") == "42");
  CHECK(Run("'hello' ~> $uppercase()") == "\"HELLO\"");
  CHECK(Run("($f := $uppercase ~> $trim; $f('  a b '))") == "\"A B\"");
  CHECK(Run("$map([1, 2, 3], function($v, $i){ $v * $i })") == "[0,2,6]");
  CHECK(Run("($f := function($x)<n:n>{ $x }; $f('a'))") ==
        "T0410: Argument 1 of function \"f\" does not match function signature");
  CHECK(Run("($f := function($x)<n-:n>{ $x * 2 }; (21).$f())") == "42");
  CHECK(Run("states", "{\"states\": 1}") == "1");
  std::map<std::string, Json> bindings{{"states", ParseJson(R"({"input": {"a": 7}})").value}};
  EvalOptions options;
  options.bindings = &bindings;
  CHECK(Run("$states.input.a", "", options) == "7");
}

TEST_CASE("Tail calls run in constant stack") {
  CHECK(Run("($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; "
            "$loop(100000, 0))") == "100000");
  CHECK(Run("($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(20))") ==
        "2432902008176640000");
}

TEST_CASE("Transforms copy and change the input") {
  const char* input = R"({"items": [{"id": 1, "tmp": true}, {"id": 2, "tmp": false}]})";
  CHECK(Run("$ ~> |items|{'seen': true}, ['tmp']|", input) ==
        R"({"items":[{"id":1,"seen":true},{"id":2,"seen":true}]})");
  CHECK(Run("($t := |items[id = 2]|{'id': 20}|; [$t($), [items.id]])", input) ==
        R"([{"items":[{"id":1,"tmp":true},{"id":20,"tmp":false}]},[1,2]])");
  CHECK(Run("$ ~> |items|5|", input) ==
        "T2011: The insert/update clause of the transform expression must evaluate to an "
        "object: 5");
}

TEST_CASE("Regular expressions are JavaScript regexes") {
  CHECK(Run("$match('ababbabbcc', /a(b+)/)") ==
        R"([{"match":"ab","index":0,"groups":["b"]},{"match":"abb","index":2,"groups":["bb"]},)"
        R"({"match":"abb","index":5,"groups":["bb"]}])");
  CHECK(Run("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')") == "\"Smith, John\"");
  CHECK(Run("$split('a1b22c', /\\d+/)") == R"(["a","b","c"])");
  CHECK(Run("$contains('hello$world', /^hello\\$/)") == "true");
  CHECK(Run("$contains('HELLO', /hello/i)") == "true");
  CHECK(Run("$match('', /y*/)") == R"({"match":"","index":0,"groups":[]})");
  CHECK(Run("$match('x', /y*/)") == "D1004: Regular expression matches zero length string");
  CHECK(Run("$replace('abc', /y*/, '-')") ==
        "D1004: Regular expression matches zero length string");
  CHECK(Run("$match('2024-01-02', /(?<y>\\d{4})-(\\d\\d)-\\2?/).groups") == R"(["2024","01"])");
  CHECK(Run("/b+/('abbbc')") == "{\"match\":\"bbb\",\"start\":1,\"end\":4,\"groups\":[]}");
}

TEST_CASE("Results that JSON cannot hold") {
  EvalResult r = Expression::Compile("function($x){$x}", nullptr)->Evaluate(nullptr, EvalOptions());
  CHECK(r.ok);
  CHECK(r.defined);
  CHECK(r.has_function);
  CHECK(Dump(r.value) == "null");
  CHECK(Run("{'f': $sum, 'a': 1}") == R"({"a":1})");
  CHECK(Run("1/0") == "\"Infinity\"");
}

}  // namespace
}  // namespace sfn::asl::jsonata
