// tests/asl/jsonata/text_test.cc
#include "asl/jsonata/text.h"

#include <doctest/doctest.h>

#include <cmath>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/signature.h"

namespace sfn::asl::jsonata {
namespace {

TEST_CASE("NumberToString follows Number.prototype.toString") {
  CHECK(NumberToString(0) == "0");
  CHECK(NumberToString(-0.0) == "0");
  CHECK(NumberToString(1) == "1");
  CHECK(NumberToString(-1.5) == "-1.5");
  CHECK(NumberToString(0.1 + 0.2) == "0.30000000000000004");
  CHECK(NumberToString(123456789012345680000.0) == "123456789012345680000");
  CHECK(NumberToString(1e21) == "1e+21");
  CHECK(NumberToString(1.5e300) == "1.5e+300");
  CHECK(NumberToString(0.000001) == "0.000001");
  CHECK(NumberToString(1e-7) == "1e-7");
  CHECK(NumberToString(NAN) == "NaN");
  CHECK(NumberToString(-INFINITY) == "-Infinity");
}

TEST_CASE("NumberToFixed and RoundToPrecision round half up like JavaScript") {
  CHECK(NumberToFixed(2.5, 0) == "3");
  CHECK(NumberToFixed(1.005, 2) == "1.00");  // 1.005 is really 1.00499999999999989...
  CHECK(NumberToFixed(0.5, 3) == "0.500");
  CHECK(NumberToFixed(99.995, 1) == "100.0");
  CHECK(NumberToFixed(-1.25, 1) == "-1.3");
  CHECK(RoundToPrecision(0.1 + 0.2, 15) == 0.3);
  CHECK(RoundToPrecision(1e-6, 15) == 1e-6);
  CHECK(RoundToPrecision(123456.7890123456789, 15) == 123456.789012346);
}

TEST_CASE("UTF-8 helpers") {
  CHECK(DecodeUtf8("a\xC3\xA9\xF0\x9F\x98\x80") == U"a\u00e9\U0001F600");
  CHECK(DecodeUtf8("\xFF"
                   "a\xC3") == U"\uFFFDa\uFFFD");
  CHECK(EncodeUtf8(U"\u00e9\U0001F600") == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(CodePointCount("a\xC3\xA9\xF0\x9F\x98\x80") == 3);
  CHECK(Utf16Length(U"a\U0001F600") == 3);
  CHECK(ToUpperString("\xC3\xA9t\xC3\xA9 \xCE\xB1") == "\xC3\x89T\xC3\x89 \xCE\x91");
  CHECK(ToLowerString("\xD0\x9F\xD0\xA0\xD0\x98") == "\xD0\xBF\xD1\x80\xD0\xB8");
}

TEST_CASE("StringifyForString matches JSON.stringify with $string's rules") {
  Value v = Value::FromJson(ParseJson(R"({"a": [1, 2.5, "x\n"], "b": null, "c": {}})").value);
  CHECK(StringifyForString(v, false) == R"({"a":[1,2.5,"x\n"],"b":null,"c":{}})");
  CHECK(StringifyForString(Value::Array({Value::Number(1)}), true) == "[\n  1\n]");
  CHECK_THROWS_AS(StringifyForString(Value::Array({Value::Number(INFINITY)}), false),
                  JsonataException);
}

TEST_CASE("Signature validation") {
  auto sig = Signature::Parse("<s-nn?:s>");
  std::vector<Value> got = sig->Validate({Value::Number(1)}, Value::String("ctx"));
  REQUIRE(got.size() == 3);
  CHECK(got[0].AsString() == "ctx");
  CHECK(got[1].AsNumber() == 1);
  CHECK(got[2].IsUndefined());
  auto arr = Signature::Parse("<a<n>:n>");
  got = arr->Validate({Value::Number(5)}, Value());
  CHECK(got[0].IsArray());
  try {
    arr->Validate({Value::String("x")}, Value());
    FAIL("expected T0412");
  } catch (const JsonataException& e) {
    CHECK(e.error().code == "T0412");
    CHECK(e.error().index == 1);
    CHECK(e.error().type == "numbers");
  }
  try {
    Signature::Parse("<nn:n>")->Validate({Value::Number(1), Value::String("b")}, Value());
    FAIL("expected T0410");
  } catch (const JsonataException& e) {
    CHECK(e.error().code == "T0410");
    CHECK(e.error().index == 2);
  }
}

}  // namespace
}  // namespace sfn::asl::jsonata
