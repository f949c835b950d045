// mocks/http/aws_headers.h
//
// Values of the HTTP headers AWS responses carry and the task results quote
// (Lambda's and nested executions' SdkHttpMetadata): the Date header and the
// X-Ray trace id. Request ids are plain UUIDs (asl/core/uuid.h). Every
// function is thread-safe (per-thread random state, no shared data).
#ifndef SFN_MOCKS_HTTP_AWS_HEADERS_H_
#define SFN_MOCKS_HTTP_AWS_HEADERS_H_

#include <chrono>
#include <string>

namespace sfn::mocks {

// RFC 7231 date, e.g. "Tue, 21 Nov 2023 00:06:05 GMT".
std::string HttpDate(std::chrono::system_clock::time_point when);

// An X-Ray trace header as Lambda returns it ("Root=1-<time>-<id>;Parent=...;Sampled=0").
std::string RandomTraceId();

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_HTTP_AWS_HEADERS_H_
