// emulator/api/actions_shapes.cc
//
// The input shape of every implemented action: members, types and
// constraints copied from the botocore model (service-2.json of
// stepfunctions 2016-11-23). Enum values are listed in the order AWS prints
// them in ValidationException messages where that order was recorded
// (ExecutionStatus), else in model order.
#include "emulator/api/actions_internal.h"

namespace sfn::emulator::actions {
namespace {

using M = Member;

M Make(std::string_view name, FieldType type, bool required, int64_t min = M::kNone,
       int64_t max = M::kNone) {
  M m;
  m.name = name;
  m.type = type;
  m.required = required;
  m.min = min;
  m.max = max;
  return m;
}
M Str(std::string_view name, int64_t min, int64_t max, bool required = false) {
  return Make(name, FieldType::kString, required, min, max);
}
M Arn(std::string_view name, bool required = true) { return Str(name, 1, 256, required); }
M LongArn(std::string_view name, bool required = true) { return Str(name, 1, 2000, required); }
M Sensitive(std::string_view name, int64_t min, int64_t max, bool required = false) {
  M m = Str(name, min, max, required);
  m.sensitive = true;
  return m;
}
// SensitiveData: AWS counts its limit in UTF-8 bytes.
M Data(std::string_view name, bool required = false) {
  M m = Sensitive(name, M::kNone, 262144, required);
  m.unit = LengthUnit::kUtf8Bytes;
  return m;
}
M Enum(std::string_view name, std::vector<std::string_view> values, bool required = false) {
  M m = Make(name, FieldType::kString, required);
  m.enum_values = std::move(values);
  return m;
}
M Int(std::string_view name, int64_t min, int64_t max, bool required = false) {
  return Make(name, FieldType::kInteger, required, min, max);
}
M Bool(std::string_view name) { return Make(name, FieldType::kBoolean, false); }
M Struct(std::string_view name, const Shape* shape, bool required = false) {
  M m = Make(name, FieldType::kStructure, required);
  m.shape = shape;
  return m;
}
M List(std::string_view name, const M* element, int64_t min, int64_t max, bool required = false) {
  M m = Make(name, FieldType::kList, required, min, max);
  m.element = element;
  return m;
}
M AliasName() {
  M m = Str("name", 1, 80, true);
  m.pattern = Pattern::kCharacterRestrictedName;
  return m;
}

const std::vector<std::string_view> kExecutionStatus = {"SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE",
                                                        "ABORTED",   "FAILED",    "RUNNING"};
const std::vector<std::string_view> kMachineType = {"STANDARD", "EXPRESS"};
const std::vector<std::string_view> kIncludedData = {"ALL_DATA", "METADATA_ONLY"};

M PageSize() { return Int("maxResults", 0, 1000); }
M PageToken() { return Str("nextToken", 1, 1024); }
M Name(bool required) { return Str("name", 1, 80, required); }
M IncludedData() { return Enum("includedData", kIncludedData); }
M TraceHeader() {
  M m = Str("traceHeader", 0, 256);
  m.pattern = Pattern::kAscii;
  return m;
}

const Shape kCloudWatchLogsLogGroup{"CloudWatchLogsLogGroup", {Arn("logGroupArn", false)}};
const Shape kLogDestination{"LogDestination",
                            {Struct("cloudWatchLogsLogGroup", &kCloudWatchLogsLogGroup)}};
const M kLogDestinationElement = Struct("member", &kLogDestination);
const Shape kLoggingConfiguration{
    "LoggingConfiguration",
    {Enum("level", {"ALL", "ERROR", "FATAL", "OFF"}), Bool("includeExecutionData"),
     List("destinations", &kLogDestinationElement, M::kNone, M::kNone)}};
const Shape kTracingConfiguration{"TracingConfiguration", {Bool("enabled")}};
const Shape kEncryptionConfiguration{
    "EncryptionConfiguration",
    {Str("kmsKeyId", 1, 2048), Int("kmsDataKeyReusePeriodSeconds", 60, 900),
     Enum("type", {"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"}, true)}};
const Shape kTag{"Tag", {Str("key", 1, 128), Str("value", 0, 256)}};
const M kTagElement = Struct("member", &kTag);
const M kTagKeyElement = Str("member", 1, 128);
const Shape kRoutingConfigurationListItem{
    "RoutingConfigurationListItem", {Arn("stateMachineVersionArn"), Int("weight", 0, 100, true)}};
const M kRoutingElement = Struct("member", &kRoutingConfigurationListItem);

const Shape kMockErrorOutput{"MockErrorOutput",
                             {Sensitive("error", 0, 256), Sensitive("cause", 0, 32768)}};
const Shape kMockInput{"MockInput",
                       {Data("result"), Struct("errorOutput", &kMockErrorOutput),
                        Enum("fieldValidationMode", {"STRICT", "PRESENT", "NONE"})}};
const Shape kTestStateConfiguration{
    "TestStateConfiguration",
    {Int("retrierRetryCount", 0, M::kNone), Str("errorCausedByState", 1, 80),
     Int("mapIterationFailureCount", 0, M::kNone), Data("mapItemReaderData")}};

M Tags(bool required = false) { return List("tags", &kTagElement, M::kNone, M::kNone, required); }
M Routing(bool required) { return List("routingConfiguration", &kRoutingElement, 1, 2, required); }
M VersionDescription(std::string_view name) { return Sensitive(name, M::kNone, 256); }

}  // namespace

const Shape kCreateStateMachineInput{
    "CreateStateMachineInput",
    {Name(true), Sensitive("definition", 1, 1048576, true), Arn("roleArn"),
     Enum("type", kMachineType), Struct("loggingConfiguration", &kLoggingConfiguration), Tags(),
     Struct("tracingConfiguration", &kTracingConfiguration), Bool("publish"),
     VersionDescription("versionDescription"),
     Struct("encryptionConfiguration", &kEncryptionConfiguration)}};
const Shape kDescribeStateMachineInput{"DescribeStateMachineInput",
                                       {Arn("stateMachineArn"), IncludedData()}};
const Shape kUpdateStateMachineInput{
    "UpdateStateMachineInput",
    {Arn("stateMachineArn"), Sensitive("definition", 1, 1048576), Arn("roleArn", false),
     Struct("loggingConfiguration", &kLoggingConfiguration),
     Struct("tracingConfiguration", &kTracingConfiguration), Bool("publish"),
     VersionDescription("versionDescription"),
     Struct("encryptionConfiguration", &kEncryptionConfiguration)}};
const Shape kDeleteStateMachineInput{"DeleteStateMachineInput", {Arn("stateMachineArn")}};
const Shape kListStateMachinesInput{"ListStateMachinesInput", {PageSize(), PageToken()}};
const Shape kValidateStateMachineDefinitionInput{
    "ValidateStateMachineDefinitionInput",
    {Sensitive("definition", 1, 1048576, true), Enum("type", kMachineType),
     Enum("severity", {"ERROR", "WARNING"}), Int("maxResults", 0, 100)}};
const Shape kStartExecutionInput{
    "StartExecutionInput", {Arn("stateMachineArn"), Name(false), Data("input"), TraceHeader()}};
const Shape kStartSyncExecutionInput{
    "StartSyncExecutionInput",
    {Arn("stateMachineArn"), Name(false), Data("input"), TraceHeader(), IncludedData()}};
const Shape kDescribeExecutionInput{"DescribeExecutionInput",
                                    {Arn("executionArn"), IncludedData()}};
const Shape kListExecutionsInput{
    "ListExecutionsInput",
    {Arn("stateMachineArn", false), Enum("statusFilter", kExecutionStatus), PageSize(),
     Str("nextToken", 1, 3096), LongArn("mapRunArn", false),
     Enum("redriveFilter", {"REDRIVEN", "NOT_REDRIVEN"})}};
const Shape kStopExecutionInput{
    "StopExecutionInput",
    {Arn("executionArn"), Sensitive("error", 0, 256), Sensitive("cause", 0, 32768)}};
const Shape kGetExecutionHistoryInput{"GetExecutionHistoryInput",
                                      {Arn("executionArn"), PageSize(), Bool("reverseOrder"),
                                       PageToken(), Bool("includeExecutionData")}};
const Shape kDescribeStateMachineForExecutionInput{"DescribeStateMachineForExecutionInput",
                                                   {Arn("executionArn"), IncludedData()}};
const Shape kTagResourceInput{"TagResourceInput", {Arn("resourceArn"), Tags(true)}};
const Shape kUntagResourceInput{
    "UntagResourceInput",
    {Arn("resourceArn"), List("tagKeys", &kTagKeyElement, M::kNone, M::kNone, true)}};
const Shape kListTagsForResourceInput{"ListTagsForResourceInput", {Arn("resourceArn")}};
const Shape kPublishStateMachineVersionInput{
    "PublishStateMachineVersionInput",
    {Arn("stateMachineArn"), Str("revisionId", M::kNone, M::kNone),
     VersionDescription("description")}};
const Shape kListStateMachineVersionsInput{"ListStateMachineVersionsInput",
                                           {Arn("stateMachineArn"), PageToken(), PageSize()}};
const Shape kDeleteStateMachineVersionInput{"DeleteStateMachineVersionInput",
                                            {LongArn("stateMachineVersionArn")}};
const Shape kCreateStateMachineAliasInput{
    "CreateStateMachineAliasInput",
    {VersionDescription("description"), AliasName(), Routing(true)}};
const Shape kDescribeStateMachineAliasInput{"DescribeStateMachineAliasInput",
                                            {Arn("stateMachineAliasArn")}};
const Shape kUpdateStateMachineAliasInput{
    "UpdateStateMachineAliasInput",
    {Arn("stateMachineAliasArn"), VersionDescription("description"), Routing(false)}};
const Shape kDeleteStateMachineAliasInput{"DeleteStateMachineAliasInput",
                                          {Arn("stateMachineAliasArn")}};
const Shape kListStateMachineAliasesInput{"ListStateMachineAliasesInput",
                                          {Arn("stateMachineArn"), PageToken(), PageSize()}};
const Shape kSendTaskSuccessInput{"SendTaskSuccessInput",
                                  {Str("taskToken", 1, 2048, true), Data("output", true)}};
const Shape kSendTaskFailureInput{
    "SendTaskFailureInput",
    {Str("taskToken", 1, 2048, true), Sensitive("error", 0, 256), Sensitive("cause", 0, 32768)}};
const Shape kSendTaskHeartbeatInput{"SendTaskHeartbeatInput", {Str("taskToken", 1, 2048, true)}};
const Shape kCreateActivityInput{
    "CreateActivityInput",
    {Name(true), Tags(), Struct("encryptionConfiguration", &kEncryptionConfiguration)}};
const Shape kDescribeActivityInput{"DescribeActivityInput", {Arn("activityArn")}};
const Shape kDeleteActivityInput{"DeleteActivityInput", {Arn("activityArn")}};
const Shape kListActivitiesInput{"ListActivitiesInput", {PageSize(), PageToken()}};
const Shape kListMapRunsInput{"ListMapRunsInput",
                              {Arn("executionArn"), PageSize(), PageToken()}};
const Shape kDescribeMapRunInput{"DescribeMapRunInput", {LongArn("mapRunArn")}};
const Shape kUpdateMapRunInput{
    "UpdateMapRunInput",
    {LongArn("mapRunArn"), Int("maxConcurrency", 0, M::kNone),
     Make("toleratedFailureCount", FieldType::kLong, false, 0, M::kNone)}};
const Shape kRedriveExecutionInput{"RedriveExecutionInput",
                                   {Arn("executionArn"), Str("clientToken", 1, 64)}};
const Shape kTestStateInput{
    "TestStateInput",
    {Sensitive("definition", 1, 1048576, true), Arn("roleArn", false), Data("input"),
     Enum("inspectionLevel", {"INFO", "DEBUG", "TRACE"}), Bool("revealSecrets"), Data("variables"),
     Str("stateName", 1, 80), Struct("mock", &kMockInput), Data("context"),
     Struct("stateConfiguration", &kTestStateConfiguration)}};
const Shape kGetActivityTaskInput{"GetActivityTaskInput",
                                  {Arn("activityArn"), Str("workerName", 1, 80)}};

}  // namespace sfn::emulator::actions
