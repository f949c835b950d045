// tests/testing/cfn_resources_test.cc
#include "testing/cfn_resources.h"

#include <doctest/doctest.h>

namespace sfn::testing {
namespace {

TEST_CASE("pseudo parameters follow the region's partition") {
  const Deployment us;
  CHECK(PseudoParameter("AWS::Region", us) == "us-east-1");
  CHECK(PseudoParameter("AWS::AccountId", us) == "123456789012");
  CHECK(PseudoParameter("AWS::Partition", us) == "aws");
  CHECK(PseudoParameter("AWS::StackName", us) == "sfn-local");
  CHECK(PseudoParameter("AWS::URLSuffix", us) == "amazonaws.com");
  CHECK(PseudoParameter("AWS::NoValue", us) == std::nullopt);
  CHECK(PartitionOf("cn-northwest-1") == "aws-cn");
  CHECK(PartitionOf("us-gov-west-1") == "aws-us-gov");
  CHECK(PseudoParameter("AWS::URLSuffix", Deployment{"cn-north-1", "1", "s"}) ==
        "amazonaws.com.cn");
}

TEST_CASE("Ref and Fn::GetAtt values by resource type") {
  const Deployment d{"eu-west-1", "111122223333", "stack"};
  struct Case {
    const char* type;
    const char* ref;
    const char* arn;
  } cases[] = {
      {"AWS::Lambda::Function", "N", "arn:aws:lambda:eu-west-1:111122223333:function:N"},
      {"AWS::Serverless::Function", "N", "arn:aws:lambda:eu-west-1:111122223333:function:N"},
      {"AWS::StepFunctions::StateMachine", "arn:aws:states:eu-west-1:111122223333:stateMachine:N",
       "arn:aws:states:eu-west-1:111122223333:stateMachine:N"},
      {"AWS::SQS::Queue", "https://sqs.eu-west-1.amazonaws.com/111122223333/N",
       "arn:aws:sqs:eu-west-1:111122223333:N"},
      {"AWS::SNS::Topic", "arn:aws:sns:eu-west-1:111122223333:N",
       "arn:aws:sns:eu-west-1:111122223333:N"},
      {"AWS::DynamoDB::Table", "N", "arn:aws:dynamodb:eu-west-1:111122223333:table/N"},
      {"AWS::IAM::Role", "N", "arn:aws:iam::111122223333:role/N"},
      {"AWS::S3::Bucket", "N", "arn:aws:s3:::N"},
      {"AWS::Events::EventBus", "N", "arn:aws:events:eu-west-1:111122223333:event-bus/N"},
      {"AWS::ECS::TaskDefinition", "arn:aws:ecs:eu-west-1:111122223333:task-definition/N:1",
       "arn:aws:ecs:eu-west-1:111122223333:task-definition/N:1"},
      {"AWS::AppSync::GraphQLApi", "arn:aws:appsync:eu-west-1:111122223333:N",
       "arn:aws:appsync:eu-west-1:111122223333:N"},
      {"AWS::CloudFormation::CustomResource", "arn:aws:cloudformation:eu-west-1:111122223333:N",
       "arn:aws:cloudformation:eu-west-1:111122223333:N"},
      {"Custom::Thing", "arn:aws:cloudformation:eu-west-1:111122223333:N",
       "arn:aws:cloudformation:eu-west-1:111122223333:N"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.type));
    CHECK(RefValue(c.type, "N", d) == c.ref);
    CHECK(AttributeValue(c.type, "N", "Arn", d) == c.arn);
  }
  CHECK(AttributeValue("AWS::SNS::Topic", "N", "TopicArn", d) ==
        "arn:aws:sns:eu-west-1:111122223333:N");
  CHECK(AttributeValue("AWS::SQS::Queue", "N", "QueueName", d) == "N");
  CHECK(AttributeValue("AWS::SQS::Queue", "N", "QueueUrl", d) ==
        "https://sqs.eu-west-1.amazonaws.com/111122223333/N");
  CHECK(AttributeValue("AWS::Lambda::Function", "N", "Version", d) == std::nullopt);
  CHECK(NameProperty("AWS::Lambda::Function") == "FunctionName");
  CHECK(NameProperty("AWS::Serverless::StateMachine") == "Name");
  CHECK(NameProperty("AWS::Pipes::Pipe").empty());
}

}  // namespace
}  // namespace sfn::testing
