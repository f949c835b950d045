// mocks/process/program_lookup.cc
#include "mocks/process/program_lookup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace sfn::mocks {
namespace {

// Why `path` cannot be executed, or "" when it can.
std::string WhyNotExecutable(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0)
    return errno == ENOENT ? "does not exist"
                           : std::string("cannot be read: ") + std::strerror(errno);
  if (S_ISDIR(info.st_mode)) return "is a directory";
  if (!S_ISREG(info.st_mode)) return "is not a regular file";
  if (access(path.c_str(), X_OK) != 0) return "is not executable";
  return "";
}

}  // namespace

bool FindProgram(const std::string& program, const std::string& cwd, std::string* path,
                 std::string* error) {
  if (program.find('/') != std::string::npos) {
    *path = program[0] == '/' || cwd.empty() ? program : cwd + "/" + program;
    const std::string why = WhyNotExecutable(*path);
    if (why.empty()) return true;
    *error = "program \"" + program + "\" (" + *path + ") " + why;
    return false;
  }
  const char* env_path = std::getenv("PATH");
  const std::string dirs = env_path != nullptr ? env_path : "/usr/local/bin:/usr/bin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    *path = (dir.empty() ? "." : dir) + "/" + program;
    if (WhyNotExecutable(*path).empty()) return true;
    start = end + 1;
  }
  *error = "program \"" + program + "\" was not found in PATH (" + dirs + ")";
  return false;
}

bool CheckWorkingDirectory(const std::string& dir, std::string* error) {
  struct stat info {};
  if (stat(dir.c_str(), &info) != 0) {
    *error = "\"cwd\" " + dir +
             (errno == ENOENT ? " does not exist" : std::string(": ") + std::strerror(errno));
    return false;
  }
  if (!S_ISDIR(info.st_mode)) {
    *error = "\"cwd\" " + dir + " is not a directory";
    return false;
  }
  return true;
}

}  // namespace sfn::mocks
