// testing/cfn_resources.cc
#include "testing/cfn_resources.h"

#include <cctype>

#include "emulator/records/arn.h"

namespace sfn::testing {
namespace {

enum class RefKind { kName, kArn, kQueueUrl };

struct ResourceKind {
  std::string_view type;
  std::string_view name_property;
  RefKind ref;
  // {p} partition, {r} region, {a} account, {n} physical name.
  std::string_view arn;
};

// What AWS returns for the types state machines most often point at. The
// physical name is the name property, else the logical id (where AWS would
// add a stack prefix and a random suffix): predictable names suit mocks.
constexpr ResourceKind kKinds[] = {
    {"AWS::Lambda::Function", "FunctionName", RefKind::kName,
     "arn:{p}:lambda:{r}:{a}:function:{n}"},
    {"AWS::Serverless::Function", "FunctionName", RefKind::kName,
     "arn:{p}:lambda:{r}:{a}:function:{n}"},
    {"AWS::StepFunctions::StateMachine", "StateMachineName", RefKind::kArn,
     "arn:{p}:states:{r}:{a}:stateMachine:{n}"},
    {"AWS::Serverless::StateMachine", "Name", RefKind::kArn,
     "arn:{p}:states:{r}:{a}:stateMachine:{n}"},
    {"AWS::StepFunctions::Activity", "Name", RefKind::kArn, "arn:{p}:states:{r}:{a}:activity:{n}"},
    {"AWS::SQS::Queue", "QueueName", RefKind::kQueueUrl, "arn:{p}:sqs:{r}:{a}:{n}"},
    {"AWS::SNS::Topic", "TopicName", RefKind::kArn, "arn:{p}:sns:{r}:{a}:{n}"},
    {"AWS::DynamoDB::Table", "TableName", RefKind::kName, "arn:{p}:dynamodb:{r}:{a}:table/{n}"},
    {"AWS::DynamoDB::GlobalTable", "TableName", RefKind::kName,
     "arn:{p}:dynamodb:{r}:{a}:table/{n}"},
    {"AWS::Serverless::SimpleTable", "TableName", RefKind::kName,
     "arn:{p}:dynamodb:{r}:{a}:table/{n}"},
    {"AWS::IAM::Role", "RoleName", RefKind::kName, "arn:{p}:iam::{a}:role/{n}"},
    {"AWS::S3::Bucket", "BucketName", RefKind::kName, "arn:{p}:s3:::{n}"},
    {"AWS::Events::EventBus", "Name", RefKind::kName, "arn:{p}:events:{r}:{a}:event-bus/{n}"},
    {"AWS::Events::Rule", "Name", RefKind::kName, "arn:{p}:events:{r}:{a}:rule/{n}"},
    {"AWS::ECS::Cluster", "ClusterName", RefKind::kName, "arn:{p}:ecs:{r}:{a}:cluster/{n}"},
    {"AWS::ECS::TaskDefinition", "Family", RefKind::kArn,
     "arn:{p}:ecs:{r}:{a}:task-definition/{n}:1"},
    {"AWS::Batch::JobQueue", "JobQueueName", RefKind::kArn, "arn:{p}:batch:{r}:{a}:job-queue/{n}"},
    {"AWS::Batch::JobDefinition", "JobDefinitionName", RefKind::kArn,
     "arn:{p}:batch:{r}:{a}:job-definition/{n}:1"},
    {"AWS::Kinesis::Stream", "Name", RefKind::kName, "arn:{p}:kinesis:{r}:{a}:stream/{n}"},
    {"AWS::Logs::LogGroup", "LogGroupName", RefKind::kName, "arn:{p}:logs:{r}:{a}:log-group:{n}:*"},
    {"AWS::SecretsManager::Secret", "Name", RefKind::kArn,
     "arn:{p}:secretsmanager:{r}:{a}:secret:{n}"},
};

const ResourceKind* FindKind(std::string_view type) {
  for (const ResourceKind& kind : kKinds) {
    if (kind.type == type) return &kind;
  }
  return nullptr;
}

std::string UrlSuffix(std::string_view region) {
  return region.rfind("cn-", 0) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
}

std::string Expand(std::string_view pattern, const std::string& name, const Deployment& d) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      const char key = pattern[i + 1];
      out += key == 'p'   ? PartitionOf(d.region)
             : key == 'r' ? d.region
             : key == 'a' ? d.account
                          : name;
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// "AWS::Service::Type" -> "service"; the ARN of a type outside the table.
std::string GenericArn(std::string_view type, const std::string& name, const Deployment& d) {
  // Custom resources (Custom::X, AWS::CloudFormation::CustomResource) have
  // no service of their own.
  std::string service;
  const size_t start = type.find("::");
  if (type.rfind("AWS::", 0) == 0 && start != std::string_view::npos) {
    const size_t end = type.find("::", start + 2);
    for (char c : type.substr(start + 2, end - start - 2)) {
      service += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (service.empty()) service = "cloudformation";
  return Expand("arn:{p}:" + service + ":{r}:{a}:{n}", name, d);
}

std::string Arn(std::string_view type, const std::string& name, const Deployment& d) {
  const ResourceKind* kind = FindKind(type);
  return kind ? Expand(kind->arn, name, d) : GenericArn(type, name, d);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string PartitionOf(std::string_view region) { return emulator::PartitionForRegion(region); }

std::optional<std::string> PseudoParameter(std::string_view name, const Deployment& d) {
  if (name == "AWS::Region") return d.region;
  if (name == "AWS::AccountId") return d.account;
  if (name == "AWS::Partition") return PartitionOf(d.region);
  if (name == "AWS::StackName") return d.stack_name;
  if (name == "AWS::URLSuffix") return UrlSuffix(d.region);
  if (name == "AWS::StackId") {
    return "arn:" + PartitionOf(d.region) + ":cloudformation:" + d.region + ":" + d.account +
           ":stack/" + d.stack_name + "/00000000-0000-0000-0000-000000000000";
  }
  return std::nullopt;
}

std::string_view NameProperty(std::string_view type) {
  const ResourceKind* kind = FindKind(type);
  return kind ? kind->name_property : std::string_view();
}

std::string RefValue(std::string_view type, const std::string& name, const Deployment& d) {
  const ResourceKind* kind = FindKind(type);
  if (kind == nullptr || kind->ref == RefKind::kArn) return Arn(type, name, d);
  if (kind->ref == RefKind::kName) return name;
  return "https://sqs." + d.region + "." + UrlSuffix(d.region) + "/" + d.account + "/" + name;
}

std::optional<std::string> AttributeValue(std::string_view type, const std::string& name,
                                          std::string_view attribute, const Deployment& d) {
  if (EndsWith(attribute, "Arn")) return Arn(type, name, d);
  if (EndsWith(attribute, "Name")) return name;
  if (attribute == "QueueUrl") return RefValue("AWS::SQS::Queue", name, d);
  return std::nullopt;
}

}  // namespace sfn::testing
