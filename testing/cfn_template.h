// testing/cfn_template.h
//
// A CloudFormation template (hand-written, SAM, or synthesized by the CDK),
// read far enough to find its state machines and resolve the intrinsic
// functions their definitions use: Ref, Fn::GetAtt, Fn::Join, Fn::Sub (both
// forms), Fn::Select, Fn::Split, Fn::FindInMap and Fn::GetAZs, against the
// template's Parameters (their Default, or a value given), the pseudo
// parameters and the resources (testing/cfn_resources.h). Conditions
// (Fn::If and friends), imports and transforms are not evaluated.
//
// Immutable after Create(); Resolve() may be called from any thread.
#ifndef SFN_TESTING_CFN_TEMPLATE_H_
#define SFN_TESTING_CFN_TEMPLATE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "testing/cfn_resources.h"

namespace sfn::testing {

// The error name of every CfnTemplate failure.
inline constexpr char kInvalidTemplate[] = "InvalidTemplate";

class CfnTemplate {
 public:
  // `doc` must be an object whose "Resources" is an object. `parameters`
  // give template parameters a value, ahead of their Default.
  static Result<CfnTemplate> Create(Json doc, Deployment deployment,
                                    std::map<std::string, std::string> parameters = {});

  // True when `doc` looks like a template rather than a state machine: an
  // object with a "Resources" object.
  static bool IsTemplate(const Json& doc);

  // The resource's object ({"Type": ..., "Properties": ...}), or nullptr.
  const Json* Resource(std::string_view logical_id) const;
  // The resource's "Type", or "" when absent.
  std::string TypeOf(std::string_view logical_id) const;
  // Logical ids of the resources whose Type is one of `types`, in file order.
  std::vector<std::string> LogicalIdsOfType(const std::vector<std::string_view>& types) const;

  // `value` with every intrinsic function replaced by its value. `pointer`
  // is where `value` sits in the template (a JSON Pointer), for messages:
  // AslError{kInvalidTemplate, "<pointer of the function>: <what is wrong>"}.
  Result<Json> Resolve(const Json& value, const std::string& pointer) const;

  // The resource's physical name: its name property (resolved), else the
  // logical id.
  Result<std::string> PhysicalName(std::string_view logical_id) const;

  const Deployment& deployment() const { return deployment_; }

 private:
  friend class TemplateResolver;
  CfnTemplate(Json doc, Deployment deployment, std::map<std::string, std::string> parameters);

  Json doc_;
  Json resources_;
  Deployment deployment_;
  std::map<std::string, std::string> parameters_;
};

}  // namespace sfn::testing

#endif  // SFN_TESTING_CFN_TEMPLATE_H_
