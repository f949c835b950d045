// testing/cfn_resources.h
//
// What `Ref` and `Fn::GetAtt` return for a CloudFormation resource, computed
// offline: each resource type has a name property, a Ref kind and an ARN
// pattern in a table; types outside the table get an ARN-shaped value made of
// the service and the logical id. Pure functions over plain values; safe from
// any thread.
#ifndef SFN_TESTING_CFN_RESOURCES_H_
#define SFN_TESTING_CFN_RESOURCES_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfn::testing {

// Where the template is deployed: the pseudo parameters come from here.
struct Deployment {
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::string stack_name = "sfn-local";
};

// "aws", or "aws-cn" / "aws-us-gov" for those regions (AWS::Partition).
std::string PartitionOf(std::string_view region);
// The value of a pseudo parameter ("AWS::Region", ...), or nullopt if
// `name` is none of AWS::Region, AccountId, Partition, StackName, StackId,
// URLSuffix.
std::optional<std::string> PseudoParameter(std::string_view name, const Deployment& deployment);

// The property that names a resource of `type` ("FunctionName" for
// AWS::Lambda::Function), or "" when the type is not in the table.
std::string_view NameProperty(std::string_view type);

// `{"Ref": id}` for a resource of `type` whose physical name is `name`.
std::string RefValue(std::string_view type, const std::string& name, const Deployment& deployment);

// `{"Fn::GetAtt": [id, attribute]}`: "Arn" or any "...Arn" is the ARN,
// "...Name" the name, "QueueUrl" the queue's URL; nullopt for other attributes.
std::optional<std::string> AttributeValue(std::string_view type, const std::string& name,
                                          std::string_view attribute, const Deployment& deployment);

}  // namespace sfn::testing

#endif  // SFN_TESTING_CFN_RESOURCES_H_
