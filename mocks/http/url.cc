// mocks/http/url.cc
#include "mocks/http/url.h"

#include <charconv>

namespace sfn::mocks {

std::string Url::Origin() const { return scheme + "://" + HostPort(); }

std::string Url::HostPort() const { return host + ":" + std::to_string(port); }

std::optional<Url> ParseUrl(std::string_view text) {
  Url url;
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  url.scheme = std::string(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  std::string_view rest = text.substr(scheme_end + 3);
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  size_t fragment = target.find('#');
  if (fragment != std::string_view::npos) target = target.substr(0, fragment);
  url.target = target.empty() || target[0] != '/' ? "/" + std::string(target) : std::string(target);
  // The port follows the last ':' that is outside an IPv6 literal.
  size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    std::string_view digits = authority.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), url.port);
    if (ec != std::errc() || end != digits.data() + digits.size() || url.port <= 0 ||
        url.port > 65535)
      return std::nullopt;
    authority = authority.substr(0, colon);
  } else {
    url.port = url.scheme == "https" ? 443 : 80;
  }
  if (authority.empty()) return std::nullopt;
  url.host = std::string(authority);
  return url;
}

std::string PercentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace sfn::mocks
