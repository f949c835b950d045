// tests/emulator/api/definition_validation_test.cc
#include "emulator/api/definition_validation.h"

#include <doctest/doctest.h>

namespace sfn::emulator {
namespace {

asl::ParseResult WithDiagnostics() {
  asl::ParseResult r;
  r.diagnostics.push_back({"ERROR", "SCHEMA_VALIDATION_FAILED", "first", "/States/A"});
  r.diagnostics.push_back({"WARNING", "ADVICE", "second", ""});
  r.diagnostics.push_back({"ERROR", "MISSING_TRANSITION_TARGET", "third", "/States/B/Next"});
  return r;
}

TEST_CASE("DefinitionValidationAnswer") {
  SUBCASE("errors only, unless warnings are asked for") {
    CHECK(
        Dump(DefinitionValidationAnswer(WithDiagnostics(), false, 100)) ==
        R"({"result":"FAIL","diagnostics":[{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"first","location":"/States/A"},{"severity":"ERROR","code":"MISSING_TRANSITION_TARGET","message":"third","location":"/States/B/Next"}],"truncated":false})");
  }
  SUBCASE("with warnings; an empty location is left out") {
    const Json answer = DefinitionValidationAnswer(WithDiagnostics(), true, 100);
    CHECK(Dump(answer.Find("diagnostics")->AsArray()[1]) ==
          R"({"severity":"WARNING","code":"ADVICE","message":"second"})");
  }
  SUBCASE("truncated past the limit, still FAIL") {
    const Json answer = DefinitionValidationAnswer(WithDiagnostics(), true, 1);
    CHECK(answer.Find("diagnostics")->size() == 1);
    CHECK(answer.Find("truncated")->AsBool());
    CHECK(answer.Find("result")->AsString() == "FAIL");
  }
  SUBCASE("a valid definition is OK") {
    asl::ParseResult ok =
        asl::ParseDefinition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
    CHECK(Dump(DefinitionValidationAnswer(ok, true, 100)) ==
          R"({"result":"OK","diagnostics":[],"truncated":false})");
  }
}

}  // namespace
}  // namespace sfn::emulator
