// emulator/api/definition_validation.cc
#include "emulator/api/definition_validation.h"

#include "emulator/api/response_shapes.h"

namespace sfn::emulator {

Json DefinitionValidationAnswer(const asl::ParseResult& parsed, bool include_warnings,
                                size_t max_results) {
  Json::Array diagnostics;
  bool failed = parsed.machine == nullptr;
  size_t found = 0;
  for (const asl::Diagnostic& d : parsed.diagnostics) {
    failed = failed || d.severity == "ERROR";
    if (d.severity != "ERROR" && !include_warnings) continue;
    if (++found > max_results) continue;
    diagnostics.push_back(ObjectBuilder()
                              .Add("severity", Json(d.severity))
                              .Add("code", Json(d.code))
                              .Add("message", Json(d.message))
                              .AddNonEmpty("location", d.location)
                              .Build());
  }
  return ObjectBuilder()
      .Add("result", Json(failed ? "FAIL" : "OK"))
      .Add("diagnostics", Json::MakeArray(std::move(diagnostics)))
      .Add("truncated", Json(found > max_results))
      .Build();
}

}  // namespace sfn::emulator
