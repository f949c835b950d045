// console/api_reader.h
//
// The console's reads through the Step Functions API: an action called with
// a JSON value through Service::Call, answered with the JSON value or the
// API's error (its HTTP status and body, passed on to the page as they are).
// The Service is borrowed; safe from any thread (Service::Call is).
#ifndef SFN_CONSOLE_API_READER_H_
#define SFN_CONSOLE_API_READER_H_

#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "emulator/api/actions.h"

namespace sfn::console {

struct ApiAnswer {
  int http_status = 200;
  Json value;        // the parsed answer on success
  std::string body;  // the answer's text (the error body on failure)
  bool ok() const { return http_status == 200; }
};

class ApiReader {
 public:
  ApiReader(const emulator::Service* service, emulator::CallContext context)
      : service_(service), context_(std::move(context)) {}

  ApiAnswer Call(std::string_view action, const Json& request) const;
  // Every event of an execution's history, following nextToken.
  ApiAnswer History(const std::string& execution_arn) const;

 private:
  const emulator::Service* service_;
  emulator::CallContext context_;
};

}  // namespace sfn::console

#endif  // SFN_CONSOLE_API_READER_H_
