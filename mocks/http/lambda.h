// mocks/http/lambda.h
//
// AWS Lambda semantics that the router needs: function ARNs and the forms a
// lambda:invoke FunctionName may take, the event a function receives, the
// result shape of arn:aws:states:::lambda:invoke, and the error names and
// causes Step Functions reports for failing and missing functions (as
// recorded from AWS in ../shared/conformance). Pure functions, thread-safe.
#ifndef SFN_MOCKS_HTTP_LAMBDA_H_
#define SFN_MOCKS_HTTP_LAMBDA_H_

#include <optional>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::mocks {

struct FunctionArn {
  std::string partition = "aws";
  std::string region;
  std::string account;
  std::string name;
  std::string qualifier;  // version or alias; empty for $LATEST

  // "arn:aws:lambda:us-east-1:123456789012:function:Name"
  std::string Unqualified() const;
  // Unqualified() plus ":qualifier" when there is one.
  std::string Full() const;
};

// Parses "arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]".
std::optional<FunctionArn> ParseFunctionArn(std::string_view arn);

// Resolves a lambda:invoke FunctionName: "Name", "Name:qualifier",
// "123456789012:function:Name[:qualifier]" or a full ARN. Names take the
// execution's region and account. Errors are what Lambda answers for a
// malformed name (Lambda.AWSLambdaException).
Result<FunctionArn> ResolveFunctionName(const Json* function_name, std::string_view region,
                                        std::string_view account);

// True for arn:<partition>:states:::lambda:invoke and its .waitForTaskToken form.
bool IsLambdaInvokeResource(std::string_view resource);

// The event a function receives for a lambda:invoke Payload: {} when absent or
// null, the parsed text of a string (Lambda takes a string as the raw request
// body), else the value itself.
Result<Json> InvokeEvent(const Json* payload);

// LogType Tail: what LogResult holds. A Lambda endpoint's own log (base64)
// is passed on; a program's standard error is framed as a Lambda log
// ("START RequestId: ... END RequestId: ...") and cut to its last 4 KiB.
struct InvokeLog {
  bool requested = false;
  std::string base64;  // from a Lambda endpoint; wins when set
  std::string text;
};

// The lambda:invoke task result around a function's `result`, with fresh
// request ids and headers as AWS returns them.
Json WrapInvokeResult(const Json& result, const std::string& executed_version,
                      const InvokeLog& log = {});

// A lambda:invoke InvocationType: RequestResponse (absent, or any other
// value), Event (the function runs asynchronously; the call answers 202)
// or DryRun (the function does not run; the call answers 204).
enum class InvocationType { kRequestResponse, kEvent, kDryRun };
InvocationType ParseInvocationType(const Json* invocation_type);

// The lambda:invoke task result of an Event (202) or DryRun (204) call:
// Lambda's answer has no body and no executed version, so Payload is "".
Json WrapAcceptedInvokeResult(InvocationType type);

// "$LATEST", or the qualifier when it names a version number.
std::string ExecutedVersion(const FunctionArn& function);

// Lambda.ResourceNotFoundException with AWS's "Function not found: ..." cause.
AslError FunctionNotFound(const FunctionArn& function);

// How Step Functions reports a function error: the payload's errorType as the
// error and the payload as the cause; Lambda.Unknown when there is no
// errorType. `payload` is the error document, or a string when it was not JSON.
AslError FunctionError(const Json& payload);

// The error payload a function produces when it runs longer than `seconds`.
Json FunctionTimeoutPayload(double seconds);

// Lambda.SdkClientException: the Lambda endpoint could not be reached.
AslError LambdaUnreachable(const std::string& host_port, const std::string& reason);

// A Lambda service error (HTTP status >= 300 from the Invoke API), e.g.
// Lambda.ResourceNotFoundException, with the SDK's cause suffix.
AslError LambdaServiceError(int status, std::string error_code, const std::string& message,
                            const std::string& request_id);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_HTTP_LAMBDA_H_
