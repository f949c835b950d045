// tests/support/json_helpers.h
//
// JSON for tests: ParseOrDie turns the JSON text a test wrote into a Json,
// and fails the test, quoting the text, when it does not parse. Stateless.
#ifndef SFN_TESTS_SUPPORT_JSON_HELPERS_H_
#define SFN_TESTS_SUPPORT_JSON_HELPERS_H_

#include <doctest/doctest.h>

#include <string>

#include "asl/core/json.h"

namespace sfn::testing {

inline Json ParseOrDie(const std::string& text) {
  JsonParseResult parsed = ParseJson(text);
  REQUIRE_MESSAGE(parsed.ok, text);
  return parsed.value;
}

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_JSON_HELPERS_H_
