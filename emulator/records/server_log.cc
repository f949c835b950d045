// emulator/records/server_log.cc
#include "emulator/records/server_log.h"

#include "asl/interpreter/context_object.h"

namespace sfn::emulator {
namespace {

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      break;
  }
  return "off";
}

std::string Upper(const char* s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// A text value: bare when it is a plain word, else quoted as JSON.
void AppendTextValue(const Json& value, std::string* out) {
  if (!value.is_string()) {
    DumpTo(value, out);
    return;
  }
  const std::string& s = value.AsString();
  bool plain = !s.empty();
  for (unsigned char c : s) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7f) plain = false;
  }
  if (plain) {
    *out += s;
  } else {
    DumpStringTo(s, out);
  }
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
  for (LogLevel l :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
    if (text == LevelName(l)) return l;
  }
  return std::nullopt;
}

std::optional<LogFormat> ParseLogFormat(std::string_view text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return std::nullopt;
}

ServerLog::ServerLog(LogLevel level, LogFormat format, std::FILE* out, Clock now_ms)
    : level_(level), format_(format), out_(out), now_ms_(std::move(now_ms)) {}

std::string ServerLog::Format(LogLevel level, std::string_view message,
                              std::initializer_list<Field> fields, int64_t now_ms) const {
  std::string line;
  if (format_ == LogFormat::kJson) {
    line += "{\"time\":";
    DumpStringTo(asl::FormatIsoMillis(now_ms), &line);
    line += ",\"level\":\"";
    line += LevelName(level);
    line += "\",\"msg\":";
    DumpStringTo(message, &line);
    for (const auto& [key, value] : fields) {
      line += ',';
      DumpStringTo(key, &line);
      line += ':';
      DumpTo(value, &line);
    }
    line += '}';
  } else {
    asl::AppendIsoMillis(now_ms, &line);
    line += ' ';
    line += Upper(LevelName(level));
    line += ' ';
    line += message;
    for (const auto& [key, value] : fields) {
      line += ' ';
      line += key;
      line += '=';
      AppendTextValue(value, &line);
    }
  }
  line += '\n';
  return line;
}

void ServerLog::Write(LogLevel level, std::string_view message,
                      std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  Put(Format(level, message, fields, now_ms_()));
}

void ServerLog::WriteLine(LogLevel level, std::string_view line) {
  if (!Enabled(level)) return;
  if (format_ == LogFormat::kJson) return Put(Format(level, line, {}, now_ms_()));
  std::string text(line);
  text += '\n';
  Put(text);
}

void ServerLog::Put(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace sfn::emulator
