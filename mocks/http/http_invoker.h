// mocks/http/http_invoker.h
//
// Sends one HTTP request on the I/O pool and hands back the reply: the only
// place in mocks/ that talks to cpp-httplib. Used by "http" routes,
// "lambdaEndpoint" routes and arn:aws:states:::http:invoke. Cancelling the
// handle aborts a request in flight. Thread-safe.
#ifndef SFN_MOCKS_HTTP_HTTP_INVOKER_H_
#define SFN_MOCKS_HTTP_HTTP_INVOKER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mocks/io_pool.h"
#include "mocks/task_invoker.h"
#include "mocks/http/url.h"

namespace sfn::mocks {

struct HttpCall {
  std::string method = "POST";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;    // sent when not empty
  double timeout_seconds = 0;  // whole-exchange bound; 0: an hour
};

struct HttpReply {
  bool received = false;   // false: no response (see `failure`)
  bool cancelled = false;  // the handle was cancelled
  std::string failure;     // !received: e.g. "could not connect"
  int status = 0;
  std::string reason;                                        // "OK", "Not Found", ...
  std::vector<std::pair<std::string, std::string>> headers;  // as received
  std::string body;

  // The first header named `name` (case-insensitive), or nullptr.
  const std::string* Header(std::string_view name) const;
};

using HttpDone = std::function<void(HttpReply)>;

// Sends `call` from a thread of `pool`; `done` runs once, on that thread
// (also after Cancel(), with `cancelled` set).
std::unique_ptr<TaskHandle> SendHttp(IoPool* pool, HttpCall call, HttpDone done);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_HTTP_HTTP_INVOKER_H_
