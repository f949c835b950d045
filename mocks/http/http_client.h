// mocks/http/http_client.h
//
// The three kinds of HTTP call the router makes, as request builders and
// reply interpreters around SendHttp (pure functions, thread-safe):
//   - an "http" route: POST the task input as JSON; 2xx body = result;
//   - a "lambdaEndpoint" route: the Lambda Invoke API (as served by
//     `sam local start-lambda`), function errors flagged by X-Amz-Function-Error;
//   - arn:aws:states:::http:invoke: the request the task's parameters describe
//     (ApiEndpoint, Method, Headers, QueryParameters, RequestBody, Transform),
//     answered with AWS's {Headers, ResponseBody, StatusCode, StatusText}.
#ifndef SFN_MOCKS_HTTP_HTTP_CLIENT_H_
#define SFN_MOCKS_HTTP_HTTP_CLIENT_H_

#include <string>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "mocks/call_result.h"
#include "mocks/http/http_invoker.h"
#include "mocks/http/lambda.h"
#include "mocks/routes_config.h"
#include "mocks/task_invoker.h"

namespace sfn::mocks {

// "http" route: POST `input` to the route's URL, with X-Sfn-* headers naming the task.
HttpCall MakeRoutePost(const Route& route, const Json& input, const asl::TaskCall& request);
CallResult InterpretRouteReply(const HttpReply& reply, const std::string& url);

// "lambdaEndpoint" route: invoke `function` with `event`.
HttpCall MakeLambdaInvoke(const Route& route, const FunctionArn& function, const Json& event,
                          bool log_tail);
CallResult InterpretLambdaReply(const HttpReply& reply, const Url& endpoint);

// arn:aws:states:::http:invoke from the task's parameters.
Result<HttpCall> MakeHttpTaskCall(const Json& parameters, double timeout_seconds);
CallResult InterpretHttpTaskReply(const HttpReply& reply, const std::string& url);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_HTTP_HTTP_CLIENT_H_
