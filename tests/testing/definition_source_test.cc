// tests/testing/definition_source_test.cc
#include "testing/definition_source.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "asl/core/json.h"
#include "asl/definition/parser.h"

namespace sfn::testing {
namespace {

const std::string kFixtures = SFN_SOURCE_DIR "/tests/testing/fixtures/";

// A file with `text` in a scratch folder of this test binary; returns its path.
std::string WriteFile(const std::string& name, const std::string& text) {
  static const std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfn-defsrc-XXXXXX").string();
    return std::string(mkdtemp(pattern.data()));
  }();
  const std::string path = dir + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

LoadedDefinition LoadOrDie(const std::string& reference,
                           const DefinitionSourceOptions& options = {}) {
  Result<LoadedDefinition> loaded = LoadDefinition(reference, options);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().cause);
  return loaded.value();
}

// The cause of a failed load ("OK" if it loaded).
std::string ErrorOf(const std::string& reference) {
  Result<LoadedDefinition> loaded = LoadDefinition(reference);
  if (loaded.ok()) return "OK";
  CHECK(loaded.error().error == "InvalidDefinitionSource");
  return loaded.error().cause;
}

// The definition as parsed JSON, for comparisons that ignore layout.
Json DefinitionJson(const LoadedDefinition& loaded) {
  JsonParseResult parsed = ParseJson(loaded.definition);
  REQUIRE_MESSAGE(parsed.ok, loaded.definition);
  return parsed.value;
}

std::string Field(const Json& doc, std::initializer_list<const char*> path) {
  const Json* at = &doc;
  for (const char* key : path) {
    REQUIRE_MESSAGE(at->Find(key) != nullptr, key);
    at = at->Find(key);
  }
  return at->is_string() ? at->AsString() : Dump(*at);
}

TEST_CASE("LoadDefinition reads definition files") {
  SUBCASE("JSON is returned as written") {
    const LoadedDefinition d = LoadOrDie(kFixtures + "hello.asl.json");
    std::ifstream in(kFixtures + "hello.asl.json");
    CHECK(d.definition == std::string(std::istreambuf_iterator<char>(in), {}));
    CHECK(d.name == "hello");
    CHECK(d.type == "STANDARD");
    CHECK(d.origin == kFixtures + "hello.asl.json");
    CHECK(d.logical_id.empty());
  }
  SUBCASE("YAML becomes JSON with typed scalars") {
    const LoadedDefinition d = LoadOrDie(kFixtures + "hello.asl.yaml");
    CHECK(d.name == "hello");
    CHECK(d.definition ==
          R"({"Comment":"A plain definition file in YAML","StartAt":"Greet","States":{"Greet":)"
          R"({"Type":"Pass","Result":{"greeting":"hello","count":3,"ratio":0.5,"quoted":"42",)"
          R"("enabled":true},"ResultPath":"$.out","Next":"Done"},"Done":{"Type":"Succeed"}}})");
  }
  SUBCASE("names without known extensions") {
    CHECK(LoadOrDie(WriteFile("flows/Orders.json", "{}")).name == "Orders");
    CHECK(LoadOrDie(WriteFile("flows/orders.asl.yml", "{}")).name == "orders");
    CHECK(LoadOrDie(WriteFile("flows/machine", "StartAt: A")).definition == R"({"StartAt":"A"})");
  }
}

TEST_CASE("LoadDefinition reads a CDK template (cdk.out)") {
  const std::string path = kFixtures + "cdk.out/OrdersStack.template.json";
  const LoadedDefinition d = LoadOrDie(path);
  CHECK(d.logical_id == "OrderFlow4D5E6F70");
  CHECK(d.origin == path + "#OrderFlow4D5E6F70");
  CHECK(d.name == "OrderFlow4D5E6F70");
  CHECK(d.type == "EXPRESS");
  const Json asl = DefinitionJson(d);
  CHECK(Field(asl, {"States", "Charge", "Resource"}) == "arn:aws:states:::lambda:invoke");
  CHECK(Field(asl, {"States", "Charge", "Parameters", "FunctionName"}) ==
        "arn:aws:lambda:us-east-1:123456789012:function:ChargeFn6A4D9E21");
  CHECK(Field(asl, {"States", "Save", "Parameters", "TableName"}) == "OrdersTable4C7B5A29");
  CHECK(Field(asl, {"States", "Notify", "Parameters", "QueueUrl"}) ==
        "https://sqs.us-east-1.amazonaws.com/123456789012/NotifyQueue8B3F1A0C");
  CHECK(Field(asl, {"TimeoutSeconds"}) == "300");

  DefinitionSourceOptions china;
  china.region = "cn-north-1";
  china.account = "111122223333";
  const Json cn = DefinitionJson(LoadOrDie(path + "#OrderFlow4D5E6F70", china));
  CHECK(Field(cn, {"States", "Charge", "Resource"}) == "arn:aws-cn:states:::lambda:invoke");
  CHECK(Field(cn, {"States", "Charge", "Parameters", "FunctionName"}) ==
        "arn:aws-cn:lambda:cn-north-1:111122223333:function:ChargeFn6A4D9E21");
  CHECK(Field(cn, {"States", "Notify", "Parameters", "QueueUrl"}) ==
        "https://sqs.cn-north-1.amazonaws.com.cn/111122223333/NotifyQueue8B3F1A0C");
}

TEST_CASE("LoadDefinition reads a SAM template") {
  const std::string path = kFixtures + "sam/template.yaml";
  SUBCASE("DefinitionUri with DefinitionSubstitutions") {
    const LoadedDefinition d = LoadOrDie(path + "#OrderStateMachine");
    CHECK(d.name == "order-flow-dev");
    CHECK(d.type == "EXPRESS");
    const Json asl = DefinitionJson(d);
    CHECK(Field(asl, {"States", "Charge", "Resource"}) ==
          "arn:aws:lambda:us-east-1:123456789012:function:charge-dev");
    CHECK(Dump(*asl.Find("States")->Find("Charge")->Find("Retry")) ==
          R"([{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":3}])");
    CHECK(Field(asl, {"States", "Save", "Parameters", "TableName"}) == "orders-dev");
    CHECK(Field(asl, {"States", "Alert", "Parameters", "TopicArn"}) ==
          "arn:aws:sns:us-east-1:123456789012:AlertsTopic");
  }
  SUBCASE("inline Definition with !Sub and !GetAtt, and parameter values") {
    DefinitionSourceOptions options;
    options.region = "eu-west-1";
    options.parameters = {{"Stage", "prod"}};
    const LoadedDefinition d = LoadOrDie(path + "#RefundStateMachine", options);
    CHECK(d.name == "RefundStateMachine");
    CHECK(d.type == "STANDARD");
    CHECK(d.definition ==
          R"({"Comment":"Refunds in eu-west-1 for 123456789012","StartAt":"Refund","States":)"
          R"({"Refund":{"Type":"Task","Resource":"arn:aws:lambda:eu-west-1:123456789012:)"
          R"(function:charge-prod","TimeoutSeconds":30,"Next":"Record"},"Record":{"Type":"Task",)"
          R"("Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":)"
          R"("orders-prod","Item":{"pk":{"S.$":"$.orderId"}}},"End":true}}})");
  }
}

TEST_CASE("LoadDefinition reads a CloudFormation YAML template") {
  const std::string path = kFixtures + "cfn/template.yaml";
  SUBCASE("DefinitionString: !Sub [text, {variables}]") {
    const LoadedDefinition d = LoadOrDie(path + "#WorkflowStateMachine");
    CHECK(d.name == "workflow-test");
    CHECK(d.type == "STANDARD");
    const Json asl = DefinitionJson(d);
    CHECK(Field(asl, {"Comment"}) == "Stack sfn-local in aws; literal ${NotAVariable}");
    CHECK(Field(asl, {"States", "Work", "Resource"}) ==
          "arn:aws:lambda:us-east-1:123456789012:function:worker-test");
    CHECK(Field(asl, {"States", "Enqueue", "Resource"}) == "arn:aws:states:::sqs:sendMessage");
    CHECK(Field(asl, {"States", "Enqueue", "Parameters", "QueueUrl"}) ==
          "https://sqs.us-east-1.amazonaws.com/123456789012/jobs");
    CHECK(Field(asl, {"States", "Enqueue", "Parameters", "Subnet"}) == "subnet-a");
    CHECK(Field(asl, {"States", "Enqueue", "TimeoutSeconds"}) == "60");
  }
  SUBCASE("DefinitionString: !Sub text") {
    DefinitionSourceOptions options;
    options.stack_name = "orders";
    const LoadedDefinition d = LoadOrDie(path + "#NightlyStateMachine", options);
    CHECK(d.name == "NightlyStateMachine");
    CHECK(d.definition ==
          R"({"StartAt":"W","States":{"W":{"Type":"Task","Resource":)"
          R"("arn:aws:lambda:us-east-1:123456789012:function:worker-test","End":true}}})");
  }
}

TEST_CASE("LoadDefinition resolves Ref and Fn::GetAtt by resource type") {
  const std::string path = WriteFile("refs.yaml", R"(Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        Role: !GetAtt Role.Arn
        RoleName: !Ref Role
        Table: !Ref Table
        TableArn: !GetAtt Table.Arn
        Topic: !Ref Topic
        TopicName: !GetAtt Topic.TopicName
        QueueArn: !GetAtt Queue.Arn
        QueueName: !GetAtt Queue.QueueName
        QueueUrl: !GetAtt Queue.QueueUrl
        Other: !Ref Bus
        OtherArn: !GetAtt Pipe.Arn
        Self: !Ref Child
        SelfName: !GetAtt Child.Name
        Stack: !Ref AWS::StackId
        Suffix: !Ref AWS::URLSuffix
        Zones: !GetAZs ''
        Pieces: !Split [',', 'a,b']
        Mapped: !FindInMap [Sizes, !Ref AWS::Region, Large]
  Role: {Type: AWS::IAM::Role, Properties: {RoleName: runner}}
  Table: {Type: AWS::DynamoDB::Table}
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: alerts}}
  Queue: {Type: AWS::SQS::Queue}
  Bus: {Type: AWS::Scheduler::Schedule}
  Pipe: {Type: AWS::Pipes::Pipe}
  Child: {Type: AWS::StepFunctions::Activity}
Mappings:
  Sizes:
    us-east-1: {Large: 64}
)");
  const LoadedDefinition d = LoadOrDie(path + "#Machine");
  CHECK(d.definition ==
        R"({"Role":"arn:aws:iam::123456789012:role/runner","RoleName":"runner",)"
        R"("Table":"Table","TableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/Table",)"
        R"("Topic":"arn:aws:sns:us-east-1:123456789012:alerts","TopicName":"alerts",)"
        R"("QueueArn":"arn:aws:sqs:us-east-1:123456789012:Queue","QueueName":"Queue",)"
        R"("QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/Queue",)"
        R"("Other":"arn:aws:scheduler:us-east-1:123456789012:Bus",)"
        R"("OtherArn":"arn:aws:pipes:us-east-1:123456789012:Pipe",)"
        R"("Self":"arn:aws:states:us-east-1:123456789012:activity:Child","SelfName":"Child",)"
        R"("Stack":"arn:aws:cloudformation:us-east-1:123456789012:stack/sfn-local/)"
        R"(00000000-0000-0000-0000-000000000000","Suffix":"amazonaws.com",)"
        R"("Zones":["us-east-1a","us-east-1b","us-east-1c"],"Pieces":["a","b"],"Mapped":64})");
}

TEST_CASE("LoadDefinition picks the state machine") {
  const std::string two = kFixtures + "cfn/template.yaml";
  CHECK(ErrorOf(two) == two + ": the template has 2 state machines; name one as " + two +
                            "#LogicalId: WorkflowStateMachine, NightlyStateMachine");
  CHECK(ErrorOf(two + "#Nope") ==
        two +
            ": no state machine 'Nope'; the template's state machines: WorkflowStateMachine, "
            "NightlyStateMachine");
  CHECK(ErrorOf(two + "#JobsQueue") ==
        two +
            ": 'JobsQueue' is AWS::SQS::Queue, not a state machine; the template's state "
            "machines: WorkflowStateMachine, NightlyStateMachine");
  const std::string none =
      WriteFile("none.json", R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})");
  CHECK(ErrorOf(none) ==
        none +
            ": the template has no state machine (AWS::StepFunctions::StateMachine "
            "or AWS::Serverless::StateMachine)");
  CHECK(ErrorOf(kFixtures + "hello.asl.json#Greet") ==
        kFixtures +
            "hello.asl.json: not a CloudFormation template (no Resources object), so "
            "'#Greet' names nothing");
  const std::string hashed = WriteFile("odd#name.asl.json", "{}");
  CHECK(LoadOrDie(hashed).name == "odd#name");
}

TEST_CASE("LoadDefinition reports unreadable files") {
  const std::string missing = kFixtures + "missing.asl.json";
  CHECK(ErrorOf(missing) == missing + ": cannot read: No such file or directory");
  CHECK(ErrorOf(missing + "#Machine") == missing + ": cannot read: No such file or directory");
  const std::string bad_json = WriteFile("bad.json", "{\n  \"StartAt\": \"A\",\n  \"States\": }\n");
  CHECK(ErrorOf(bad_json) == bad_json + ":3:13: not valid JSON: Invalid value.");
  const std::string bad_yaml = WriteFile("bad.yaml", "StartAt: A\nStates: [\n");
  CHECK(ErrorOf(bad_yaml) == bad_yaml + ":3:1: not valid YAML: end of sequence flow not found");
  const std::string twice = WriteFile("twice.yaml", "StartAt: A\nStartAt: B\n");
  CHECK(ErrorOf(twice) == twice + ":2:1: duplicate key 'StartAt'");
}

// A template holding one state machine `M` with `properties` (YAML, indented
// by six spaces), written to `name`; returns "path#M".
std::string Machine(const std::string& name, const std::string& type,
                    const std::string& properties) {
  return WriteFile(name, "Parameters:\n  NoDefault: {Type: String}\nResources:\n  M:\n    Type: " +
                             type + "\n    Properties:\n" + properties) +
         "#M";
}

TEST_CASE("LoadDefinition reports what it cannot resolve") {
  const std::string cfn = "AWS::StepFunctions::StateMachine";
  const std::string sam = "AWS::Serverless::StateMachine";
  struct Case {
    std::string type, properties, error;
  } cases[] = {
      {cfn, "      DefinitionS3Location: {Bucket: b, Key: k}\n",
       "DefinitionS3Location is not supported; use Definition or DefinitionString, or load the "
       "definition file itself"},
      {cfn, "      RoleArn: r\n",
       "the state machine has no Definition, DefinitionString or DefinitionS3Location"},
      {sam, "      DefinitionUri: {Bucket: b, Key: k}\n",
       "DefinitionUri in S3 is not supported; use a local file or Definition"},
      {sam, "      DefinitionUri: s3://bucket/flow.json\n",
       "DefinitionUri in S3 is not supported; use a local file or Definition"},
      {sam, "      Type: STANDARD\n", "the state machine has no Definition or DefinitionUri"},
      {cfn, "      DefinitionString: !If [IsProd, a, b]\n",
       "/Resources/M/Properties/DefinitionString/Fn::If: unsupported intrinsic function Fn::If"},
      {cfn, "      DefinitionString: !Join ['', [a, !ImportValue Shared]]\n",
       "/Resources/M/Properties/DefinitionString/Fn::Join/1/1/Fn::ImportValue: unsupported "
       "intrinsic function Fn::ImportValue"},
      {cfn, "      DefinitionString: !Sub '${Missing}'\n",
       "/Resources/M/Properties/DefinitionString/Fn::Sub: Fn::Sub variable 'Missing': no "
       "variable, parameter, pseudo parameter or resource of that name"},
      {cfn, "      Definition: {A: !Ref Missing}\n",
       "/Resources/M/Properties/Definition/A/Ref: Ref to 'Missing': no parameter, pseudo "
       "parameter or resource of that name"},
      {cfn, "      Definition: {A: !Ref NoDefault}\n",
       "/Resources/M/Properties/Definition/A/Ref: parameter 'NoDefault' has no Default and no "
       "value was given"},
      {cfn, "      Definition: {A: !GetAtt Missing.Arn}\n",
       "/Resources/M/Properties/Definition/A/Fn::GetAtt: Fn::GetAtt of 'Missing': no resource "
       "of that name"},
      {cfn, "      Definition: {A: !GetAtt M.Version}\n",
       "/Resources/M/Properties/Definition/A/Fn::GetAtt: Fn::GetAtt attribute 'Version' of 'M' "
       "(AWS::StepFunctions::StateMachine) is not supported; Arn, *Arn, *Name and QueueUrl are"},
      {cfn, "      Definition: {A: !Join [',', [[x]]]}\n",
       "/Resources/M/Properties/Definition/A/Fn::Join/1/0: a value to join must be a string, not "
       "an array"},
      {cfn, "      Definition: {A: !Join [',']}\n",
       "/Resources/M/Properties/Definition/A/Fn::Join: Fn::Join needs [delimiter, [values]]"},
      {cfn, "      Definition: {A: !Select [3, [a, b]]}\n",
       "/Resources/M/Properties/Definition/A/Fn::Select: Fn::Select index 3 is not within the 2 "
       "values"},
      {cfn, "      Definition: {A: !FindInMap [M, K, V]}\n",
       "/Resources/M/Properties/Definition/A/Fn::FindInMap: Fn::FindInMap: no Mappings entry "
       "M/K/V"},
      {cfn, "      Definition: {A: !Sub [1, {}]}\n",
       "/Resources/M/Properties/Definition/A/Fn::Sub: Fn::Sub needs a string or [string, "
       "{variables}]"},
      {cfn, "      StateMachineName: !GetAtt M.Arn\n      Definition: {}\n",
       "/Resources/M/Properties/StateMachineName/Fn::GetAtt: circular reference through the name "
       "of 'M'"},
      {cfn, "      Definition: [a]\n",
       "/Resources/M/Properties/Definition must be an object, not array"},
      {cfn, "      DefinitionString: {A: 1}\n",
       "/Resources/M/Properties/DefinitionString must be a string, not object"},
      {cfn, "      Definition: {}\n      StateMachineType: FAST\n",
       "/Resources/M/Properties/StateMachineType must be STANDARD or EXPRESS, not 'FAST'"},
      {sam, "      Definition: {}\n      Type: 1\n",
       "/Resources/M/Properties/Type must be STANDARD or EXPRESS, not 1"},
      {cfn, "      Definition: {}\n      DefinitionSubstitutions: {X: [1]}\n",
       "/Resources/M/Properties/DefinitionSubstitutions/X must be a string, number or boolean, "
       "not array"},
      {cfn, "      Definition: {}\n      DefinitionSubstitutions: x\n",
       "/Resources/M/Properties/DefinitionSubstitutions must be an object"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string reference =
        Machine("case" + std::to_string(n++) + ".yaml", c.type, c.properties);
    CAPTURE(c.properties);
    CHECK(ErrorOf(reference) == reference + ": " + c.error);
  }
  const std::string uri = Machine("uri.yaml", sam, "      DefinitionUri: flows/none.json\n");
  CHECK(ErrorOf(uri) == uri + ": DefinitionUri: " + uri.substr(0, uri.rfind('/')) +
                            "/flows/none.json: cannot read: No such file or directory");
}

TEST_CASE("LoadDefinition applies DefinitionSubstitutions to the text") {
  const std::string reference = Machine(
      "subst.yaml", "AWS::StepFunctions::StateMachine",
      R"(      DefinitionString: '{"A": "${Name}", "B": ${Count}, "C": ${On}, "D": "${Unknown}", "E": "${Name}"}'
      DefinitionSubstitutions:
        Name: !Sub '${AWS::Region}-x'
        Count: 2.5
        On: true
)");
  CHECK(LoadOrDie(reference).definition ==
        R"({"A": "us-east-1-x", "B": 2.5, "C": true, "D": "${Unknown}", "E": "us-east-1-x"})");
}

TEST_CASE("LoadDefinition: SAM DefinitionUri in YAML") {
  WriteFile("yamluri/flows/pay.asl.yaml",
            "StartAt: Pay\nStates:\n  Pay:\n    Type: Task\n"
            "    Resource: ${PayArn}\n    End: true\n");
  const std::string path =
      WriteFile("yamluri/template.yml", R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Pay: {Type: AWS::Serverless::Function, Properties: {Handler: x}}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ./flows/pay.asl.yaml
      DefinitionSubstitutions: {PayArn: !GetAtt Pay.Arn}
)");
  const LoadedDefinition d = LoadOrDie(path);
  CHECK(d.origin == path + "#Flow");
  CHECK(d.definition == R"({"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":)"
                        R"("arn:aws:lambda:us-east-1:123456789012:function:Pay","End":true}}})");
}

TEST_CASE("every fixture loads as a valid state machine") {
  for (const char* reference :
       {"hello.asl.json", "hello.asl.yaml", "cdk.out/OrdersStack.template.json",
        "sam/template.yaml#OrderStateMachine", "sam/template.yaml#RefundStateMachine",
        "cfn/template.yaml#WorkflowStateMachine", "cfn/template.yaml#NightlyStateMachine"}) {
    CAPTURE(reference);
    const LoadedDefinition d = LoadOrDie(kFixtures + reference);
    asl::ParseOptions options;
    options.type = d.type;
    const asl::ParseResult parsed = asl::ParseDefinition(d.definition, options);
    CHECK_MESSAGE(parsed.machine != nullptr, parsed.invalid_definition_message);
  }
}

}  // namespace
}  // namespace sfn::testing
