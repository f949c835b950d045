// emulator/api/request_guard.cc
#include "emulator/api/request_guard.h"

#include <cctype>

namespace sfn::emulator {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "name:port" / "[v6]:port" / "name" -> the host part (brackets kept).
std::string_view HostPart(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    return close == std::string_view::npos ? authority : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

// An authority with the default HTTP port dropped, lower case.
std::string NormalAuthority(std::string_view authority) {
  std::string a = Lower(Trim(authority));
  if (a.size() > 3 && a.compare(a.size() - 3, 3, ":80") == 0) a.resize(a.size() - 3);
  return a;
}

bool IsLoopbackIpv4(std::string_view s) {
  int parts = 0;
  int first = -1;
  while (true) {
    size_t digits = 0;
    int value = 0;
    while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) {
      value = value * 10 + (s[digits] - '0');
      if (++digits > 3) return false;
    }
    if (digits == 0 || value > 255) return false;
    if (first < 0) first = value;
    ++parts;
    s.remove_prefix(digits);
    if (s.empty()) break;
    if (s.front() != '.') return false;
    s.remove_prefix(1);
  }
  return parts == 4 && first == 127;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsFormContentType(std::string_view content_type) {
  const std::string media = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  return media == "application/x-www-form-urlencoded" || media == "multipart/form-data" ||
         media == "text/plain";
}

std::optional<std::string> CheckHost(const GuardConfig& config, std::string_view host_header) {
  if (!config.check_host || host_header.empty()) return std::nullopt;
  std::string_view name = HostPart(Trim(host_header));
  if (Lower(name.substr(0, 5)) == "sync-") name.remove_prefix(5);
  const std::string host = Lower(name);
  if (IsLoopbackHostName(host)) return std::nullopt;
  for (const std::string& allowed : config.allowed_hosts) {
    if (Lower(allowed) == host) return std::nullopt;
  }
  return "Host '" + std::string(host_header) +
         "' is not a loopback name: sfn-local listens on a loopback address and answers "
         "only requests for localhost, 127.x.x.x or [::1] (a guard against DNS rebinding); "
         "start it with --allow-host " +
         std::string(name) + " to accept this name";
}

}  // namespace

bool IsLoopbackHostName(std::string_view host) {
  const std::string h = Lower(host);
  return h == "localhost" || EndsWith(h, ".localhost") || h == "[::1]" || h == "::1" ||
         IsLoopbackIpv4(h);
}

bool IsLoopbackBindAddress(std::string_view host) { return IsLoopbackHostName(host); }

std::optional<std::string> RefusalReason(const GuardConfig& config, const GuardRequest& request) {
  if (auto refused = CheckHost(config, request.host)) return refused;
  const std::string site = Lower(Trim(request.sec_fetch_site));
  if (site == "cross-site" || site == "same-site") {
    return "Cross-site request refused: the browser marked it Sec-Fetch-Site: " + site +
           "; only pages served by sfn-local itself may call it from a browser";
  }
  if (request.has_origin) {
    std::string_view origin = Trim(request.origin);
    const size_t scheme_end = origin.find("://");
    const std::string scheme = Lower(origin.substr(0, scheme_end));
    const bool same =
        scheme_end != std::string_view::npos && (scheme == "http" || scheme == "https") &&
        !request.host.empty() &&
        NormalAuthority(origin.substr(scheme_end + 3)) == NormalAuthority(request.host);
    if (!same) {
      return "Cross-origin request refused: Origin '" + std::string(request.origin) +
             "' is not this server's own (http://" + std::string(request.host) +
             "); sfn-local does not answer requests that web pages of other origins send";
    }
  }
  const bool from_browser = request.has_origin || request.has_sec_fetch;
  if (from_browser && request.method == "POST" && IsFormContentType(request.content_type)) {
    return "Content-Type '" + std::string(request.content_type) +
           "' refused on a request from a browser: a form can send it without a CORS "
           "preflight; the API takes application/x-amz-json-1.0";
  }
  return std::nullopt;
}

}  // namespace sfn::emulator
