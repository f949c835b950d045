// tests/emulator/records/server_log_test.cc
#include "emulator/records/server_log.h"

#include <doctest/doctest.h>

#include <cstdio>

namespace sfn::emulator {
namespace {

TEST_CASE("ServerLog: levels and formats parse from their command-line names") {
  CHECK(ParseLogLevel("debug") == LogLevel::kDebug);
  CHECK(ParseLogLevel("off") == LogLevel::kOff);
  CHECK_FALSE(ParseLogLevel("verbose").has_value());
  CHECK(ParseLogFormat("json") == LogFormat::kJson);
  CHECK_FALSE(ParseLogFormat("xml").has_value());
}

TEST_CASE("ServerLog: text lines quote only values that need it") {
  ServerLog log(LogLevel::kInfo, LogFormat::kText, stderr, [] { return int64_t{0}; });
  CHECK(log.Format(LogLevel::kInfo, "api call",
                   {{"action", Json("StartExecution")},
                    {"status", Json(200)},
                    {"reason", Json("two words")}},
                   1767225600123) ==
        "2026-01-01T00:00:00.123Z INFO api call action=StartExecution status=200 "
        "reason=\"two words\"\n");
}

TEST_CASE("ServerLog: JSON lines are one object each") {
  ServerLog log(LogLevel::kInfo, LogFormat::kJson, stderr, [] { return int64_t{0}; });
  CHECK(log.Format(LogLevel::kWarn, "m", {{"k", Json("v\"")}, {"n", Json(1.5)}}, 0) ==
        R"({"time":"1970-01-01T00:00:00.000Z","level":"warn","msg":"m","k":"v\"","n":1.5})"
        "\n");
}

TEST_CASE("ServerLog: records below the level, and all with off, are dropped") {
  ServerLog info(LogLevel::kInfo, LogFormat::kText, stderr, [] { return int64_t{0}; });
  CHECK_FALSE(info.Enabled(LogLevel::kDebug));
  CHECK(info.Enabled(LogLevel::kInfo));
  CHECK(info.Enabled(LogLevel::kError));
  ServerLog off(LogLevel::kOff, LogFormat::kText, stderr, [] { return int64_t{0}; });
  CHECK_FALSE(off.Enabled(LogLevel::kError));
  CHECK_FALSE(off.Enabled(LogLevel::kOff));
}

TEST_CASE("ServerLog: Write puts whole lines on its stream") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  ServerLog log(LogLevel::kDebug, LogFormat::kText, f, [] { return int64_t{0}; });
  log.Write(LogLevel::kDebug, "a", {});
  log.Write(LogLevel::kError, "b", {{"x", Json(1)}});
  std::rewind(f);
  char buffer[256] = {};
  const size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, f);
  std::fclose(f);
  CHECK(std::string(buffer, n) ==
        "1970-01-01T00:00:00.000Z DEBUG a\n1970-01-01T00:00:00.000Z ERROR b x=1\n");
}

TEST_CASE("ServerLog: worded lines stay as they are in text and become msg in JSON") {
  for (LogFormat format : {LogFormat::kText, LogFormat::kJson}) {
    std::FILE* f = std::tmpfile();
    REQUIRE(f != nullptr);
    ServerLog log(LogLevel::kInfo, format, f, [] { return int64_t{0}; });
    log.WriteLine(LogLevel::kInfo, "[Charge] charging 3");
    log.WriteLine(LogLevel::kDebug, "dropped");
    std::rewind(f);
    char buffer[256] = {};
    const size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, f);
    std::fclose(f);
    CHECK(std::string(buffer, n) ==
          (format == LogFormat::kText
               ? std::string("[Charge] charging 3\n")
               : std::string(R"({"time":"1970-01-01T00:00:00.000Z","level":"info",)"
                             R"("msg":"[Charge] charging 3"})"
                             "\n")));
  }
}

}  // namespace
}  // namespace sfn::emulator
