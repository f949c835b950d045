// tests/mocks/route_table_test.cc
#include "mocks/route_table.h"

#include <doctest/doctest.h>

using namespace sfn::mocks;

namespace {

Route Answer(std::string resource, int tag) {
  Route route;
  route.resource = std::move(resource);
  route.kind = RouteKind::kReturn;
  route.value = sfn::Json(tag);
  return route;
}

// The tag of the route found, or -1.
int Tag(const Route* route) {
  return route == nullptr ? -1 : static_cast<int>(route->value.AsInt());
}

FunctionArn Function(const std::string& arn) { return *ParseFunctionArn(arn); }

}  // namespace

TEST_CASE("MatchPattern") {
  CHECK(MatchPattern("abc", "abc"));
  CHECK_FALSE(MatchPattern("abc", "abd"));
  CHECK(MatchPattern("*", ""));
  CHECK(MatchPattern("a*", "a"));
  CHECK(MatchPattern("a*c", "abbbc"));
  CHECK(MatchPattern("a*c*e", "abcdcxe"));
  CHECK_FALSE(MatchPattern("a*c", "abcd"));
  CHECK(
      MatchPattern("arn:aws:states:::sqs:*", "arn:aws:states:::sqs:sendMessage.waitForTaskToken"));
  CHECK(MatchPattern("*:function:Pay*", "arn:aws:lambda:us-east-1:1:function:PayNow"));
  CHECK_FALSE(MatchPattern("*x", "abc"));
}

TEST_CASE("StripIntegrationSuffix") {
  CHECK(StripIntegrationSuffix("arn:aws:states:::glue:startJobRun.sync") ==
        "arn:aws:states:::glue:startJobRun");
  CHECK(StripIntegrationSuffix("arn:aws:states:::states:startExecution.sync:2") ==
        "arn:aws:states:::states:startExecution");
  CHECK(StripIntegrationSuffix("arn:aws:states:::sqs:sendMessage.waitForTaskToken") ==
        "arn:aws:states:::sqs:sendMessage");
  CHECK(StripIntegrationSuffix("arn:aws:states:::sqs:sendMessage").empty());
}

TEST_CASE("RouteTable::Find: exact, then without suffix, then patterns in file order") {
  RouteTable table(
      {Answer("arn:aws:states:::sqs:*", 1), Answer("arn:aws:states:::sqs:sendMessage", 2),
       Answer("arn:aws:states:::sqs:sendMessage.waitForTaskToken", 3),
       Answer("arn:aws:states:::*", 4), Answer("arn:aws:states:::sqs:sendMessage", 5)});
  CHECK(Tag(table.Find("arn:aws:states:::sqs:sendMessage")) == 2);
  CHECK(Tag(table.Find("arn:aws:states:::sqs:sendMessage.waitForTaskToken")) == 3);
  CHECK(Tag(table.Find("arn:aws:states:::sqs:sendMessage.sync")) == 2);
  CHECK(Tag(table.Find("arn:aws:states:::sqs:deleteMessage")) == 1);
  CHECK(Tag(table.Find("arn:aws:states:::dynamodb:putItem")) == 4);
  CHECK(Tag(table.Find("arn:aws:states:us-east-1:1:activity:A")) == -1);
}

TEST_CASE("RouteTable::FindFunction accepts every way of naming a function") {
  RouteTable table({Answer("arn:aws:lambda:us-east-1:111111111111:function:Exact", 1),
                    Answer("ByName", 2), Answer("ByName:prod", 3),
                    Answer("222222222222:function:Partial", 4),
                    Answer("arn:aws:lambda:us-east-1:111111111111:function:Exact:v2", 5),
                    Answer("arn:aws:lambda:eu-*", 6), Answer("Pre*", 7)});
  CHECK(Tag(table.FindFunction(Function("arn:aws:lambda:us-east-1:111111111111:function:Exact"))) ==
        1);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-east-1:111111111111:function:Exact:v2"))) == 5);
  // A qualified call falls back to the unqualified route.
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-east-1:111111111111:function:Exact:v3"))) == 1);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-west-2:333333333333:function:ByName"))) == 2);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-west-2:333333333333:function:ByName:prod"))) == 3);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-west-2:333333333333:function:ByName:dev"))) == 2);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-east-1:222222222222:function:Partial"))) == 4);
  CHECK(Tag(table.FindFunction(
            Function("arn:aws:lambda:us-east-1:999999999999:function:Partial"))) == -1);
  CHECK(Tag(table.FindFunction(Function("arn:aws:lambda:eu-west-1:1:function:Any"))) == 6);
  CHECK(Tag(table.FindFunction(Function("arn:aws:lambda:us-east-1:1:function:Prefixed"))) == 7);
  CHECK(Tag(table.FindFunction(Function("arn:aws:lambda:us-east-1:1:function:Other"))) == -1);
}
