// emulator/api/request_guard.h
//
// Which HTTP requests the server refuses so that a web page open in a
// browser on the same machine cannot drive it (start executions that run
// local programs, stop or answer them):
//   1. DNS rebinding: while the server is bound to a loopback address, the
//      Host header must name a loopback host: localhost (or *.localhost),
//      an address in 127.0.0.0/8, or [::1], any port, with or without the
//      "sync-" prefix the SDKs put before the host for StartSyncExecution;
//      or a name given with --allow-host. Bound to any other address (e.g.
//      0.0.0.0 in Docker) the Host is not checked: the server is then meant
//      to be reached under names it cannot know.
//   2. Cross-site requests: an Origin header (browsers send one on every
//      cross-origin request and every POST) must be the server's own
//      origin, http://<Host>; "null" and any other origin are refused, as is
//      a request a browser marks Sec-Fetch-Site: cross-site or same-site.
//   3. Form posts: a POST from a browser (it carries Origin or Sec-Fetch-*)
//      whose Content-Type is one a form may send without a CORS preflight
//      (application/x-www-form-urlencoded, multipart/form-data, text/plain)
//      is refused. SDKs and the CLI send application/x-amz-json-1.0 and no
//      Origin, and are never affected.
// Pure functions of the header values: no I/O, thread-safe.
#ifndef SFN_EMULATOR_API_REQUEST_GUARD_H_
#define SFN_EMULATOR_API_REQUEST_GUARD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfn::emulator {

struct GuardConfig {
  bool check_host = true;                  // bound to a loopback address
  std::vector<std::string> allowed_hosts;  // --allow-host names (any port)
};

// The header values the guard reads; empty when absent.
struct GuardRequest {
  std::string_view method;  // "GET", "POST", ...
  std::string_view host;
  std::string_view origin;
  bool has_origin = false;  // an empty Origin header still counts
  std::string_view content_type;
  std::string_view sec_fetch_site;
  bool has_sec_fetch = false;  // any Sec-Fetch-* header
};

// Why `request` is refused (a sentence for the 403 answer), or nullopt.
std::optional<std::string> RefusalReason(const GuardConfig& config, const GuardRequest& request);

// Whether the listening address `host` (the --host value) is a loopback one.
bool IsLoopbackBindAddress(std::string_view host);
// Whether a Host header's host part (no port; brackets allowed) is a
// loopback name or address.
bool IsLoopbackHostName(std::string_view host);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_REQUEST_GUARD_H_
