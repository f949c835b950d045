// emulator/records/arn.cc
#include "emulator/records/arn.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace sfn::emulator {
namespace {

std::string Prefix(std::string_view region, std::string_view account) {
  std::string s = "arn:" + PartitionForRegion(region) + ":states:";
  s.append(region).append(":").append(account).append(":");
  return s;
}

ApiError InvalidArn(std::string_view detail) {
  return ServiceError("InvalidArn", "Invalid Arn: '" + std::string(detail) + "'");
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Fills the state machine fields from "<name>[:<qualifier>]" (or "name/label").
bool ParseStateMachineResource(std::string_view rest, ParsedArn* out) {
  auto parts = Split(rest, ':');
  if (parts.size() > 2 || parts[0].empty()) return false;
  out->name = std::string(parts[0]);
  out->kind = ArnKind::kStateMachine;
  if (out->name.find('/') != std::string::npos) {
    if (parts.size() != 1) return false;
    out->kind = ArnKind::kLabelled;
    out->name = out->name.substr(0, out->name.find('/'));
  } else if (parts.size() == 2) {
    if (parts[1].empty()) return false;
    out->qualifier = std::string(parts[1]);
    if (AllDigits(parts[1])) {
      if (parts[1].size() > 18) return false;
      out->kind = ArnKind::kVersion;
      out->version = std::stoll(out->qualifier);
    } else {
      out->kind = ArnKind::kAlias;
    }
  }
  return true;
}

// "execution:<machine>[/label]:<name>", "express:<machine>:<name>:<uuid>",
// "activity:<name>", "mapRun:<machine>/<label>:<uuid>".
bool ParseOtherResource(std::string_view type, std::string_view rest, ParsedArn* out) {
  auto parts = Split(rest, ':');
  for (auto p : parts)
    if (p.empty()) return false;
  if (type == "execution" && parts.size() == 2) {
    out->kind = ArnKind::kExecution;
    out->name = std::string(parts[0].substr(0, parts[0].find('/')));
    out->execution_name = std::string(parts[1]);
    return true;
  }
  if (type == "express" && parts.size() == 3) {
    out->kind = ArnKind::kExpressExecution;
    out->name = std::string(parts[0]);
    out->execution_name = std::string(parts[1]);
    return true;
  }
  if (type == "activity" && parts.size() == 1) {
    out->kind = ArnKind::kActivity;
    out->name = std::string(parts[0]);
    return true;
  }
  if (type == "mapRun" && parts.size() == 2) {
    out->kind = ArnKind::kMapRun;
    out->name = std::string(parts[0].substr(0, parts[0].find('/')));
    return true;
  }
  return false;
}

const char* KindTypeName(const ParsedArn& arn) { return arn.resource_type.c_str(); }

// Decodes one UTF-8 code point at `*i`; -1 when malformed.
int32_t NextCodePoint(std::string_view s, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(*i);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) return -1;
  int32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    if ((byte(*i + k) >> 6) != 2) return -1;
    cp = (cp << 6) | (byte(*i + k) & 0x3f);
  }
  *i += len;
  return cp;
}

// Java's Character.isWhitespace for the code points beyond ASCII control
// characters (which are rejected anyway).
bool IsUnicodeSpace(int32_t cp) {
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200a) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x205f || cp == 0x3000;
}

bool IsForbiddenCodePoint(int32_t cp) {
  static constexpr std::string_view kSpecials = " <>{}[]?*\"#%\\^|~`$&,;:/";
  if (cp < 0x80 && kSpecials.find(static_cast<char>(cp)) != std::string_view::npos) return true;
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff ||
         (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x10ffff || IsUnicodeSpace(cp);
}

}  // namespace

std::string PartitionForRegion(std::string_view region) {
  // Region prefixes of the partitions in botocore's endpoints data.
  static constexpr std::pair<std::string_view, std::string_view> kPartitions[] = {
      {"cn-", "aws-cn"},         {"us-gov-", "aws-us-gov"}, {"us-iso-", "aws-iso"},
      {"us-isob-", "aws-iso-b"}, {"eu-isoe-", "aws-iso-e"}, {"us-isof-", "aws-iso-f"},
      {"eusc-", "aws-eusc"},
  };
  for (const auto& [prefix, partition] : kPartitions)
    if (region.substr(0, prefix.size()) == prefix) return std::string(partition);
  return "aws";
}

bool IsValidRoleArn(std::string_view arn) {
  // arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>
  auto parts = Split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[3].empty()) {
    return false;
  }
  const std::string_view partition = parts[1];
  if (partition.empty() || !std::all_of(partition.begin(), partition.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '-';
      })) {
    return false;
  }
  if (parts[4].size() != 12 || !AllDigits(parts[4])) return false;
  const std::string_view resource = parts[5];
  if (resource.substr(0, 5) != "role/" || resource.size() == 5 || resource.back() == '/') {
    return false;
  }
  static constexpr std::string_view kNameChars = "+=,.@_-/";
  return std::all_of(resource.begin() + 5, resource.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           kNameChars.find(c) != std::string_view::npos;
  });
}

ApiError InvalidRoleArnError(std::string_view arn) {
  return ServiceError("InvalidArn", "Invalid Role Arn: '" + std::string(arn) + "'");
}

std::string StateMachineArn(std::string_view region, std::string_view account,
                            std::string_view name) {
  return Prefix(region, account) + "stateMachine:" + std::string(name);
}

std::string QualifiedArn(std::string_view state_machine_arn, std::string_view qualifier) {
  return std::string(state_machine_arn) + ":" + std::string(qualifier);
}

std::string VersionArn(std::string_view state_machine_arn, int64_t version) {
  return QualifiedArn(state_machine_arn, std::to_string(version));
}

std::string ExecutionArn(std::string_view region, std::string_view account,
                         std::string_view machine_name, std::string_view execution_name) {
  return Prefix(region, account) + "execution:" + std::string(machine_name) + ":" +
         std::string(execution_name);
}

std::string ExpressExecutionArn(std::string_view region, std::string_view account,
                                std::string_view machine_name, std::string_view execution_name,
                                std::string_view uuid) {
  return Prefix(region, account) + "express:" + std::string(machine_name) + ":" +
         std::string(execution_name) + ":" + std::string(uuid);
}

std::string ActivityArn(std::string_view region, std::string_view account, std::string_view name) {
  return Prefix(region, account) + "activity:" + std::string(name);
}

std::variant<ParsedArn, ApiError> ParseArn(std::string_view arn) {
  // AWS calls everything before the resource type the "prefix": a string
  // that is not a states ARN at all fails here.
  auto parts = Split(arn, ':');
  if (parts.size() < 3 || parts[0] != "arn" || parts[1].empty() || parts[2] != "states") {
    return InvalidArn("Invalid ARN prefix: " + std::string(arn));
  }
  if (parts.size() < 7 || parts[3].empty() || parts[4].empty() || parts[5].empty()) {
    return InvalidArn("Invalid ARN: " + std::string(arn));
  }
  ParsedArn out;
  out.text = std::string(arn);
  out.partition = std::string(parts[1]);
  out.region = std::string(parts[3]);
  out.account = std::string(parts[4]);
  out.resource_type = std::string(parts[5]);
  size_t rest_at = 0;
  for (int i = 0; i < 6; ++i) rest_at += parts[i].size() + 1;
  std::string_view rest = arn.substr(rest_at);
  bool ok = out.resource_type == "stateMachine" ? ParseStateMachineResource(rest, &out)
                                                : ParseOtherResource(out.resource_type, rest, &out);
  if (!ok) {
    static constexpr std::string_view kKnown[] = {"stateMachine", "execution", "express",
                                                  "activity", "mapRun"};
    if (std::find(std::begin(kKnown), std::end(kKnown), out.resource_type) == std::end(kKnown)) {
      return InvalidArn("Resource type not valid in this context: " + Lower(out.resource_type));
    }
    return InvalidArn("Invalid ARN: " + std::string(arn));
  }
  out.base = "arn:" + out.partition + ":states:" + out.region + ":" + out.account +
             ":stateMachine:" + out.name;
  return out;
}

std::variant<ParsedArn, ApiError> ParseArnOf(std::string_view arn,
                                             std::initializer_list<ArnKind> kinds) {
  auto parsed = ParseArn(arn);
  if (parsed.index() == 1) return parsed;
  const ParsedArn& p = std::get<0>(parsed);
  if (std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end()) return parsed;
  return InvalidArn("Resource type not valid in this context: " + Lower(KindTypeName(p)));
}

ApiError InvalidNameError(std::string_view name) {
  return ServiceError("InvalidName", "Invalid Name: '" + std::string(name) + "'");
}

bool IsValidName(std::string_view name) {
  size_t i = 0;
  size_t count = 0;
  while (i < name.size()) {
    int32_t cp = NextCodePoint(name, &i);
    if (cp < 0 || IsForbiddenCodePoint(cp)) return false;
    count += cp >= 0x10000 ? 2 : 1;  // Java counts UTF-16 units
  }
  return count >= 1 && count <= 80;
}

ArnWithTestCase SplitTestCase(std::string_view arn) {
  size_t hash = arn.find('#');
  if (hash == std::string_view::npos) return {std::string(arn), ""};
  return {std::string(arn.substr(0, hash)), std::string(arn.substr(hash + 1))};
}

}  // namespace sfn::emulator
