// fuzz/routes_fuzz.cc: the routes file (`serve --config`) from arbitrary
// text: ParseRoutesConfig (definition files are not read), then the route
// table it builds, matched against a few resources of each kind.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "mocks/route_table.h"
#include "mocks/routes_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfn::JsonParseResult doc = sfn::ParseJson(sfn::fuzz::AsText(data, size));
  if (!doc.ok) return 0;
  auto config = sfn::mocks::ParseRoutesConfig(doc.value, "/base", "routes.json");
  if (!config.ok()) return 0;
  sfn::mocks::RouteTable table(config.value().routes);
  for (const char* resource :
       {"arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:lambda:us-east-1:123456789012:function:f:live",
        "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:us-east-1:123456789012:activity:a", "arn:aws:states:::http:invoke",
        "arn:aws:states:::aws-sdk:s3:getObject"})
    (void)table.Find(resource);
  return 0;
}
