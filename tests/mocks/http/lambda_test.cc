// tests/mocks/http/lambda_test.cc
#include "mocks/http/lambda.h"

#include <doctest/doctest.h>

#include <regex>

#include "tests/support/mocks_test_util.h"

using namespace sfn::mocks;
using sfn::Json;
using sfn::mocks::testing::Base64Decode;
using sfn::testing::ParseOrDie;

namespace {

std::string Resolve(const std::string& name) {
  Json value(name);
  auto result = ResolveFunctionName(&value, "eu-west-1", "123456789012");
  return result.ok() ? result.value().Full() : "error: " + result.error().error;
}

}  // namespace

TEST_CASE("ParseFunctionArn") {
  auto plain = ParseFunctionArn("arn:aws:lambda:us-east-1:000000000000:function:identity");
  REQUIRE(plain);
  CHECK(plain->region == "us-east-1");
  CHECK(plain->account == "000000000000");
  CHECK(plain->name == "identity");
  CHECK(plain->qualifier == "");
  auto qualified = ParseFunctionArn("arn:aws-cn:lambda:cn-north-1:1:function:f:prod");
  REQUIRE(qualified);
  CHECK(qualified->partition == "aws-cn");
  CHECK(qualified->qualifier == "prod");
  CHECK(qualified->Full() == "arn:aws-cn:lambda:cn-north-1:1:function:f:prod");
  CHECK(qualified->Unqualified() == "arn:aws-cn:lambda:cn-north-1:1:function:f");
  CHECK(ParseFunctionArn("arn:aws:lambda:us-east-1:1:function:f:$LATEST")->qualifier == "");
  CHECK_FALSE(ParseFunctionArn("arn:aws:states:us-east-1:1:activity:a"));
  CHECK_FALSE(ParseFunctionArn("arn:aws:lambda:us-east-1:1:layer:f"));
  CHECK_FALSE(ParseFunctionArn("arn:aws:lambda:us-east-1:1:function:bad name"));
}

TEST_CASE("ResolveFunctionName accepts names, partial and full ARNs") {
  CHECK(Resolve("MyFn") == "arn:aws:lambda:eu-west-1:123456789012:function:MyFn");
  CHECK(Resolve("MyFn:live") == "arn:aws:lambda:eu-west-1:123456789012:function:MyFn:live");
  CHECK(Resolve("MyFn:$LATEST") == "arn:aws:lambda:eu-west-1:123456789012:function:MyFn");
  CHECK(Resolve("000000000000:function:MyFn") ==
        "arn:aws:lambda:eu-west-1:000000000000:function:MyFn");
  CHECK(Resolve("000000000000:function:MyFn:3") ==
        "arn:aws:lambda:eu-west-1:000000000000:function:MyFn:3");
  CHECK(Resolve("arn:aws:lambda:us-east-1:000000000000:function:identity") ==
        "arn:aws:lambda:us-east-1:000000000000:function:identity");
  CHECK(Resolve("bad name") == "error: Lambda.AWSLambdaException");
  CHECK(Resolve("a:b:c") == "error: Lambda.AWSLambdaException");
  auto missing = ResolveFunctionName(nullptr, "eu-west-1", "1");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().cause.rfind(
            "1 validation error detected: Value null at 'functionName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ",
            0) == 0);
}

TEST_CASE("IsLambdaInvokeResource") {
  CHECK(IsLambdaInvokeResource("arn:aws:states:::lambda:invoke"));
  CHECK(IsLambdaInvokeResource("arn:aws:states:::lambda:invoke.waitForTaskToken"));
  CHECK(IsLambdaInvokeResource("arn:aws-us-gov:states:::lambda:invoke"));
  CHECK_FALSE(IsLambdaInvokeResource("arn:aws:states:::lambda:invokeAsync"));
  CHECK_FALSE(IsLambdaInvokeResource("arn:aws:lambda:us-east-1:1:function:f"));
}

TEST_CASE("InvokeEvent: what the function receives for Payload") {
  CHECK(sfn::Dump(InvokeEvent(nullptr).value()) == "{}");
  Json null;
  CHECK(sfn::Dump(InvokeEvent(&null).value()) == "{}");
  Json object = ParseOrDie(R"({"a":[1]})");
  CHECK(sfn::Dump(InvokeEvent(&object).value()) == R"({"a":[1]})");
  // A string is the raw request body (as recorded from AWS: "0.0" arrives as 0.0).
  for (const auto& [text, event] :
       std::vector<std::pair<std::string, std::string>>{{"0.0", "0.0"},
                                                        {"\"HelloWorld\"", "\"HelloWorld\""},
                                                        {"[]", "[]"},
                                                        {"true", "true"},
                                                        {"", "{}"}}) {
    Json payload(text);
    CHECK(sfn::Dump(InvokeEvent(&payload).value()) == event);
  }
  Json bad("not json");
  auto result = InvokeEvent(&bad);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().error == "Lambda.InvalidRequestContentException");
  CHECK(result.error().cause.rfind(
            "Could not parse request body into json: Could not parse payload into json: ", 0) == 0);
}

TEST_CASE("WrapInvokeResult has the shape AWS recorded") {
  Json wrapped = WrapInvokeResult(ParseOrDie(R"("HelloWorld!")"), "$LATEST");
  std::vector<std::string> keys;
  for (const auto& member : wrapped.AsObject()) keys.push_back(member.first);
  CHECK(keys == std::vector<std::string>{"ExecutedVersion", "Payload", "SdkHttpMetadata",
                                         "SdkResponseMetadata", "StatusCode"});
  CHECK(sfn::Dump(*wrapped.Find("Payload")) == "\"HelloWorld!\"");
  CHECK(wrapped.Find("StatusCode")->AsInt() == 200);
  const Json& metadata = *wrapped.Find("SdkHttpMetadata");
  const Json& headers = *metadata.Find("HttpHeaders");
  CHECK(headers.Find("Content-Length")->AsString() == "13");
  CHECK(headers.Find("X-Amz-Executed-Version")->AsString() == "$LATEST");
  std::vector<std::string> all_keys;
  for (const auto& member : metadata.Find("AllHttpHeaders")->AsObject())
    all_keys.push_back(member.first);
  CHECK(all_keys == std::vector<std::string>{"X-Amz-Executed-Version",
                                             "x-amzn-Remapped-Content-Length", "Connection",
                                             "x-amzn-RequestId", "Content-Length", "Date",
                                             "X-Amzn-Trace-Id", "Content-Type"});
  CHECK(sfn::Dump(*metadata.Find("AllHttpHeaders")->Find("Content-Length")) == R"(["13"])");
  CHECK(metadata.Find("HttpStatusCode")->AsInt() == 200);
  CHECK(wrapped.Find("SdkResponseMetadata")->Find("RequestId")->AsString() ==
        headers.Find("x-amzn-RequestId")->AsString());

  Json tailed = WrapInvokeResult(Json(), "7", InvokeLog{true, "bG9n", "ignored"});
  CHECK(tailed.Find("LogResult")->AsString() == "bG9n");
  CHECK(tailed.Find("ExecutedVersion")->AsString() == "7");
  CHECK(tailed.Find("SdkHttpMetadata")->Find("HttpHeaders")->Find("X-Amz-Log-Result")->AsString() ==
        "bG9n");
}

TEST_CASE("ParseInvocationType") {
  CHECK(ParseInvocationType(nullptr) == InvocationType::kRequestResponse);
  Json event("Event"), dry_run("DryRun"), sync("RequestResponse"), number(1);
  CHECK(ParseInvocationType(&event) == InvocationType::kEvent);
  CHECK(ParseInvocationType(&dry_run) == InvocationType::kDryRun);
  CHECK(ParseInvocationType(&sync) == InvocationType::kRequestResponse);
  CHECK(ParseInvocationType(&number) == InvocationType::kRequestResponse);
}

TEST_CASE("WrapAcceptedInvokeResult: 202 for Event, 204 for DryRun, an empty Payload") {
  Json event = WrapAcceptedInvokeResult(InvocationType::kEvent);
  std::vector<std::string> keys;
  for (const auto& member : event.AsObject()) keys.push_back(member.first);
  CHECK(keys == std::vector<std::string>{"Payload", "SdkHttpMetadata", "SdkResponseMetadata",
                                         "StatusCode"});
  CHECK(event.Find("Payload")->AsString() == "");
  CHECK(event.Find("StatusCode")->AsInt() == 202);
  const Json& metadata = *event.Find("SdkHttpMetadata");
  CHECK(metadata.Find("HttpStatusCode")->AsInt() == 202);
  CHECK(metadata.Find("HttpHeaders")->Find("Content-Length")->AsString() == "0");
  CHECK(metadata.Find("HttpHeaders")->Find("X-Amz-Executed-Version") == nullptr);
  CHECK(event.Find("SdkResponseMetadata")->Find("RequestId")->AsString() ==
        metadata.Find("HttpHeaders")->Find("x-amzn-RequestId")->AsString());
  Json dry_run = WrapAcceptedInvokeResult(InvocationType::kDryRun);
  CHECK(dry_run.Find("StatusCode")->AsInt() == 204);
  CHECK(dry_run.Find("SdkHttpMetadata")->Find("HttpStatusCode")->AsInt() == 204);
}

TEST_CASE("WrapInvokeResult frames a program's log as Lambda does") {
  Json wrapped = WrapInvokeResult(Json(1), "$LATEST", InvokeLog{true, "", "hello\nworld"});
  std::string id = wrapped.Find("SdkResponseMetadata")->Find("RequestId")->AsString();
  CHECK(Base64Decode(wrapped.Find("LogResult")->AsString()) ==
        "START RequestId: " + id + " Version: $LATEST\nhello\nworld\nEND RequestId: " + id + "\n");
  // Asked for with nothing logged: the frame alone, as AWS always returns one.
  Json quiet = WrapInvokeResult(Json(1), "$LATEST", InvokeLog{true, "", ""});
  CHECK(Base64Decode(quiet.Find("LogResult")->AsString()).rfind("START RequestId: ", 0) == 0);
  CHECK(WrapInvokeResult(Json(1), "$LATEST", InvokeLog{false, "", "x"}).Find("LogResult") ==
        nullptr);
}

TEST_CASE("FunctionNotFound reads as AWS's error") {
  auto function = *ParseFunctionArn("arn:aws:lambda:us-east-1:123456789012:function:nope");
  sfn::AslError error = FunctionNotFound(function);
  CHECK(error.error == "Lambda.ResourceNotFoundException");
  std::regex cause(
      "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\\$LATEST "
      "\\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
      "[0-9a-f-]{36}; Proxy: null\\)");
  CHECK(std::regex_match(error.cause, cause));
  function.qualifier = "prod";
  CHECK(FunctionNotFound(function).cause.rfind(
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:prod (", 0) ==
        0);
}

TEST_CASE("FunctionError: errorType names the error, the document is the cause") {
  sfn::AslError error =
      FunctionError(ParseOrDie(R"({"errorType":"Exception","errorMessage":"boom"})"));
  CHECK(error.error == "Exception");
  Json cause = ParseOrDie(error.cause);
  std::vector<std::string> keys;
  for (const auto& member : cause.AsObject()) keys.push_back(member.first);
  CHECK(keys == std::vector<std::string>{"errorMessage", "errorType", "requestId", "stackTrace"});
  CHECK(cause.Find("errorMessage")->AsString() == "boom");

  // A runtime's complete document is passed on as it is.
  std::string full = R"({"errorMessage":"m","errorType":"E","requestId":"r","stackTrace":["x"]})";
  CHECK(FunctionError(ParseOrDie(full)).cause == full);

  sfn::AslError unknown = FunctionError(ParseOrDie(R"({"errorMessage":"Task timed out"})"));
  CHECK(unknown.error == "Lambda.Unknown");
  CHECK(unknown.cause ==
        "The cause could not be determined because Lambda did not return an error type. Returned "
        "payload: {\"errorMessage\":\"Task timed out\"}");
  CHECK(FunctionError(Json("segfault")).cause ==
        "The cause could not be determined because Lambda did not return an error type. Returned "
        "payload: segfault");
}

TEST_CASE("Lambda service errors") {
  CHECK(FunctionTimeoutPayload(3).Find("errorType")->AsString() == "Sandbox.Timedout");
  CHECK(FunctionTimeoutPayload(3)
            .Find("errorMessage")
            ->AsString()
            .find(" Error: Task timed out after 3.00 seconds") != std::string::npos);
  sfn::AslError unreachable = LambdaUnreachable("127.0.0.1:3001", "could not connect");
  CHECK(unreachable.error == "Lambda.SdkClientException");
  CHECK(unreachable.cause ==
        "Unable to execute HTTP request: Connect to 127.0.0.1:3001 failed: could not connect");
  sfn::AslError service =
      LambdaServiceError(404, "ResourceNotFound", "Function not found: x", "rid");
  CHECK(service.error == "Lambda.ResourceNotFoundException");
  CHECK(service.cause ==
        "Function not found: x (Service: AWSLambda; Status Code: 404; Error Code: "
        "ResourceNotFoundException; Request ID: rid; Proxy: null)");
  CHECK(LambdaServiceError(429, "TooManyRequestsException:http://x", "slow", "r").error ==
        "Lambda.TooManyRequestsException");
}
