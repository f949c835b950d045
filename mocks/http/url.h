// mocks/http/url.h
//
// Just enough URL handling for the HTTP routes: split "http://host:port/path"
// into the origin an HTTP client connects to and the request target, and
// percent-encode path segments and query values. Pure functions.
#ifndef SFN_MOCKS_HTTP_URL_H_
#define SFN_MOCKS_HTTP_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfn::mocks {

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // as written (IPv6 literals keep their brackets)
  int port = 0;        // explicit or the scheme's default
  std::string target;  // path and query, at least "/"

  std::string Origin() const;    // "http://host:port"
  std::string HostPort() const;  // "host:port"
};

// Parses an absolute http or https URL; nullopt for anything else.
std::optional<Url> ParseUrl(std::string_view text);

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string PercentEncode(std::string_view text);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_HTTP_URL_H_
