// tests/asl/jsonata/functions_test.cc
//
// The standard function library, family by family, with exact values and
// error texts.
#include <doctest/doctest.h>

#include "tests/asl/jsonata/jsonata_test_util.h"

namespace sfn::asl::jsonata {
namespace {

using testing::Run;
using testing::RunPlain;

TEST_CASE("String functions") {
  CHECK(Run("$string(1.0)") == "\"1\"");
  CHECK(Run("$string(0.1 + 0.2)") == "\"0.3\"");
  CHECK(Run("$string({'a': [1, 'b']})") == R"("{\"a\":[1,\"b\"]}")");
  CHECK(Run("$string({'a': 1}, true)") == "\"{\\n  \\\"a\\\": 1\\n}\"");
  CHECK(Run("$string(1e21)") == "\"1e+21\"");
  CHECK(Run("$string(1e-7)") == "\"1e-7\"");
  CHECK(Run("$substring('Hello World', 3)") == "\"lo World\"");
  CHECK(Run("$substring('Hello World', -4, 2)") == "\"or\"");
  CHECK(Run("$substring('h\xC3\xA9llo', 1, 2)") == "\"\xC3\xA9l\"");
  CHECK(Run("$substringBefore('a-b-c', '-')") == "\"a\"");
  CHECK(Run("$substringAfter('a-b-c', '-')") == "\"b-c\"");
  CHECK(Run("$uppercase('stra\xC3\x9F"
            "e')") == "\"STRASSE\"");
  CHECK(Run("$lowercase('\xC3\x89T\xC3\x89')") == "\"\xC3\xA9t\xC3\xA9\"");
  CHECK(Run("$length('h\xC3\xA9llo')") == "5");
  CHECK(Run("$trim('  a \\n b  ')") == "\"a b\"");
  CHECK(Run("$pad('x', 4, '#')") == "\"x###\"");
  CHECK(Run("$pad('x', -4)") == "\"   x\"");
  CHECK(Run("$join(['a', 'b'], ', ')") == "\"a, b\"");
  CHECK(Run("$split('a,b,c', ',', 2)") == R"(["a","b"])");
  CHECK(Run("$replace('aaa', 'a', 'b', 2)") == "\"bba\"");
  CHECK(Run("$contains('abc', 'bc')") == "true");
  CHECK(Run("$string()", "\"ctx\"") == "\"ctx\"");
  CHECK(Run("$uppercase(1)") ==
        "T0410: Argument 1 of function \"uppercase\" does not match function signature");
  CHECK(Run("$replace('a', '', 'b')") ==
        "D3010: Second argument of replace function cannot be an empty string");
}

// Found by fuzz/jsonata_fuzz: an undefined argument passes the signature
// check, and these functions read it as a string (std::bad_variant_access,
// which ended the process).
TEST_CASE("An undefined string argument fails with T0410, not a crash") {
  CHECK(Run("$parseInteger('three hundred an thirty', nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$parseInteger('12', nothing)") ==
        "T0410: Argument 2 of function \"parseInteger\" does not match function signature");
  CHECK(Run("$formatInteger(12, nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$formatNumber(12, nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$substringBefore('abc', nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$substringAfter('abc', nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$lookup({'a': 1}, nothing)") == "undefined");
  CHECK(Run("$replace('foo', nothing, 'rr')").rfind("T0410:", 0) == 0);  // null Function&
  CHECK(Run("$match('foo', nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$split('a,b', nothing)").rfind("T0410:", 0) == 0);
  CHECK(Run("$lookup({'a': 1}, 'a')") == "1");
}

// Found by fuzz/jsonata_fuzz: an unreadable timezone makes the date invalid
// (NaN fields, as in JavaScript); converting them to integers was undefined
// behaviour.
TEST_CASE("A date shifted by an unreadable timezone formats without undefined behaviour") {
  const std::string out =
      Run("$fromMillis(1531310400000, '[Y]-[M01]-[D01]T[H01]:[m]:[s][z]', '-`0500')");
  INFO(out);
  CHECK(out.find("NaN") != std::string::npos);
}

// Found by fuzz/jsonata_fuzz: naming the month of an invalid date read an
// array at NaN converted to an integer.
TEST_CASE("Month and day names of an invalid date are NaN") {
  const std::string out = Run("$fromMillis(13597200000/0, 'Week: [w] of [xNn]')");
  INFO(out);
  CHECK(out.find("NaN") != std::string::npos);
}

// Found by fuzz/jsonata_fuzz: a width with many digits overflowed an int.
TEST_CASE("Date picture widths with many digits saturate instead of overflowing") {
  const std::string out = Run("$fromMillis(1521801216617, '[Y" + std::string(60, '2') + "," +
                              std::string(50, '2') + "]-[M01]')");
  INFO(out.substr(0, 80));
  CHECK(out.size() < 2100000);
  CHECK(out.rfind("\"", 0) == 0);
}

TEST_CASE("Encoding functions") {
  CHECK(Run("$base64encode('hello:world')") == "\"aGVsbG86d29ybGQ=\"");
  CHECK(Run("$base64decode('aGVsbG86d29ybGQ=')") == "\"hello:world\"");
  CHECK(Run("$encodeUrlComponent('?x=a b&y=\xC3\xA9')") == "\"%3Fx%3Da%20b%26y%3D%C3%A9\"");
  CHECK(Run("$encodeUrl('https://x.org/a b?q=1#f')") == "\"https://x.org/a%20b?q=1#f\"");
  CHECK(Run("$decodeUrlComponent('%3Fx%3Da%20b')") == "\"?x=a b\"");
  CHECK(Run("$decodeUrl('%3Fa%20b')") == "\"%3Fa b\"");
  CHECK(Run("$decodeUrl('%E0%A4%A')") ==
        "D3140: Malformed URL passed to $decodeUrl(): \"%E0%A4%A\"");
}

TEST_CASE("Numeric and aggregation functions") {
  CHECK(Run("$sum([1, 2, 3.5])") == "6.5");
  CHECK(Run("$count([1, 2]) + $count(nothing)", "{}") == "2");
  CHECK(Run("[$max([3, 9, 1]), $min([3, 9, 1]), $average([1, 2])]") == "[9,1,1.5]");
  CHECK(Run("$max([])") == "undefined");
  CHECK(Run("$sum(['a'])") ==
        "T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"");
  CHECK(Run("[$number('12.5e1'), $number('0x1F'), $number(true)]") == "[125,31,1]");
  CHECK(Run("$number('abc')") == "D3030: Unable to cast value to a number: \"abc\"");
  CHECK(Run("[$floor(-1.5), $ceil(-1.5), $abs(-3)]") == "[-2,-1,3]");
  CHECK(Run("[$round(2.5), $round(3.5), $round(-2.5), $round(1.255, 2), $round(1234, -2)]") ==
        "[2,4,-2,1.26,1200]");
  CHECK(Run("[$sqrt(16), $power(2, 10)]") == "[4,1024]");
  CHECK(Run("$sqrt(-1)") == "D3060: The sqrt function cannot be applied to a negative number: -1");
  CHECK(Run("$power(10, 400)") ==
        "D3061: The power function has resulted in a value that cannot be represented as a JSON "
        "number: base=10, exponent=400");
  CHECK(Run("[$boolean(''), $boolean([0, 1]), $boolean({}), $not(1), $exists(x)]", "{}") ==
        "[false,true,false,false,false]");
}

TEST_CASE("Number formatting") {
  CHECK(Run("$formatNumber(12345.6, '#,###.00')") == "\"12,345.60\"");
  CHECK(Run("$formatNumber(0.14, '01%')") == "\"14%\"");
  CHECK(Run("$formatNumber(1234.5678, '00.000e0')") == "\"12.346e2\"");
  CHECK(Run("$formatNumber(-6, '000;(000)')") == "\"(006)\"");
  CHECK(Run("$formatNumber(1234.5, '#.###,0', {'decimal-separator': ',', "
            "'grouping-separator': '.'})") == "\"1.234,5\"");
  CHECK(Run("$formatNumber(1, '#.#.#')") ==
        "D3081: The sub-picture must not contain more than one instance of the "
        "'decimal-separator' character");
  CHECK(Run("[$formatBase(100, 2), $formatBase(255, 16), $formatBase(-10, 3)]") ==
        R"(["1100100","ff","-101"])");
  CHECK(Run("$formatBase(1, 40)") ==
        "D3100: The radix of the formatBase function must be between 2 and 36.  It was given 40");
  CHECK(Run("$formatInteger(1234567, '#,##0')") == "\"1,234,567\"");
  CHECK(Run("$formatInteger(42, 'w')") == "\"forty-two\"");
  CHECK(Run("$formatInteger(2024, 'I')") == "\"MMXXIV\"");
  CHECK(Run("$formatInteger(28, 'A')") == "\"AB\"");
  CHECK(Run("$formatInteger(3, '1;o')") == "\"3rd\"");
  CHECK(Run("$parseInteger('twelve thousand, four hundred and seventy-six', 'w')") == "12476");
  CHECK(Run("$parseInteger('1,234', '#,##0')") == "1234");
  CHECK(Run("$parseInteger('xlii', 'i')") == "42");
}

TEST_CASE("Array and higher-order functions") {
  CHECK(Run("$append([1], 2)") == "[1,2]");
  CHECK(Run("$reverse([1, 2, 3])") == "[3,2,1]");
  CHECK(Run("$sort([3, 1, 2])") == "[1,2,3]");
  CHECK(Run("$sort(['b', 'a'], function($l, $r){ $l < $r })") == R"(["b","a"])");
  CHECK(Run("$sort([1, 'a'])") ==
        "D3070: The single argument form of the sort function can only be applied to an array "
        "of strings or an array of numbers.  Use the second argument to specify a comparison "
        "function");
  CHECK(Run("$distinct([1, 2, 1, [1], [1]])") == "[1,2,[1]]");
  CHECK(Run("$zip([1, 2, 3], ['a', 'b'])") == R"([[1,"a"],[2,"b"]])");
  CHECK(Run("$filter([1, 2, 3, 4], function($v){ $v % 2 = 0 })") == "[2,4]");
  CHECK(Run("$reduce([1, 2, 3], function($a, $b){ $a + $b }, 10)") == "16");
  CHECK(Run("$reduce([1], function($a){ $a })") ==
        "D3050: The second argument of reduce function must be a function with at least two "
        "arguments");
  CHECK(Run("$single([1, 2, 3], function($v){ $v > 2 })") == "3");
  CHECK(Run("$single([1, 2], function($v){ $v > 0 })") ==
        "D3138: The $single() function expected exactly 1 matching result.  Instead it matched "
        "more.");
  CHECK(Run("$count($shuffle([1, 2, 3]))") == "3");
}

TEST_CASE("Object functions") {
  CHECK(Run("$keys({'a': 1, 'b': 2})") == R"(["a","b"])");
  CHECK(Run("$keys([{'a': 1}, {'b': 2, 'a': 3}])") == R"(["a","b"])");
  CHECK(Run("$lookup({'a': 1}, 'a')") == "1");
  CHECK(Run("$spread({'a': 1, 'b': 2})") == R"([{"a":1},{"b":2}])");
  CHECK(Run("$merge([{'a': 1}, {'a': 2, 'b': 3}])") == R"({"a":2,"b":3})");
  CHECK(Run("$each({'a': 1, 'b': 2}, function($v, $k){ $k & $v })") == R"(["a1","b2"])");
  CHECK(Run("$sift({'a': 1, 'b': 2}, function($v){ $v > 1 })") == R"({"b":2})");
  CHECK(Run("[$type(1), $type('s'), $type(null), $type([]), $type({}), $type($sum)]") ==
        R"(["number","string","null","array","object","function"])");
  CHECK(Run("$error('boom')") == "D3137: boom");
  CHECK(Run("$assert(1 = 2, 'not equal')") == "D3141: not equal");
  CHECK(Run("$assert(1 = 1)") == "undefined");
  CHECK(RunPlain("$eval('[1, 2].($ * 10)')") == "[10,20]");
  CHECK(RunPlain("$eval('1 +')") ==
        "D3120: Syntax error in expression passed to function eval: \"Unexpected end of "
        "expression\"");
  CHECK(RunPlain("$eval('$x(')") ==
        "D3120: Syntax error in expression passed to function eval: \"Expected \\\")\\\" before "
        "end of expression\"");
}

TEST_CASE("Date and time functions") {
  testing::FixedEnvironment env;
  EvalOptions options;
  options.env = &env;
  CHECK(Run("$millis()", "", options) == "1700000000123");
  CHECK(Run("$now()", "", options) == "\"2023-11-14T22:13:20.123Z\"");
  CHECK(Run("$now() = $now() and $millis() = $millis()", "", options) == "true");
  CHECK(Run("$fromMillis(1510067557121)") == "\"2017-11-07T15:12:37.121Z\"");
  CHECK(Run("$fromMillis(1510067557121, '[Y0001]-[M01]-[D01] [H01]:[m01]')") ==
        "\"2017-11-07 15:12\"");
  CHECK(Run("$fromMillis(1510067557121, '[FNn], [D1o] [MNn] [Y] [h]:[m01][P]', '-0500')") ==
        "\"Tuesday, 7th November 2017 10:12am\"");
  CHECK(Run("$fromMillis(0, '[Y]-[M]-[D] [Z]', '+0530')") == "\"1970-1-1 +05:30\"");
  CHECK(Run("$toMillis('2017-11-07T15:12:37.121Z')") == "1510067557121");
  CHECK(Run("$toMillis('2017-11-07')") == "1510012800000");
  CHECK(Run("$toMillis('2018-02-01T09:42:13.123+01:00')") == "1517474533123");
  CHECK(Run("$toMillis('12/31/2023', '[M]/[D]/[Y]')") == "1703980800000");
  CHECK(Run("$toMillis('not a date')") ==
        "D3110: The argument of the toMillis function must be an ISO 8601 formatted timestamp. "
        "Given \"not a date\"");
  CHECK(Run("$fromMillis(0, '[Q]')") ==
        "D3132: Unknown component specifier \"Q\" in date/time picture string");
}

}  // namespace
}  // namespace sfn::asl::jsonata
