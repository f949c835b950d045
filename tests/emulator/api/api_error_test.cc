// tests/emulator/api/api_error_test.cc
#include "emulator/api/api_error.h"

#include <doctest/doctest.h>

using namespace sfn::emulator;

TEST_CASE("Error bodies per source") {
  CHECK(ServiceError("InvalidArn", "m").Body() ==
        R"({"__type":"com.amazonaws.swf.service.v2.model#InvalidArn","message":"m"})");
  CHECK(ValidationError("v").Body() ==
        R"({"__type":"com.amazon.coral.validate#ValidationException","message":"v"})");
  CHECK(SerializationError("").Body() ==
        R"({"__type":"com.amazon.coral.service#SerializationException"})");
  CHECK(UnknownOperationError().Body() ==
        R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
  CHECK(SerializationError("bad").Body() ==
        R"({"__type":"com.amazon.coral.service#SerializationException","Message":"bad"})");
  CHECK(RequestTooLargeError().http_status == 413);
  CHECK(RequestTooLargeError().Body() ==
        R"({"__type":"com.amazon.coral.service#RequestEntityTooLargeException",)"
        R"("message":"Request size exceeds the limit of 1048576 bytes"})");
}

TEST_CASE("ApiResult holds a value or an error") {
  ApiResult ok(sfn::Json(1));
  CHECK(ok.ok());
  CHECK(sfn::Dump(ok.value()) == "1");
  CHECK(ok.Serialized() == "1");
  ApiResult text(std::make_shared<const std::string>(R"({"kept":true})"));
  CHECK(text.ok());
  CHECK(text.Serialized() == R"({"kept":true})");
  ApiResult failed(ServiceError("InvalidArn", "m"));
  CHECK(!failed.ok());
  CHECK(failed.error().Type() == "com.amazonaws.swf.service.v2.model#InvalidArn");
}
