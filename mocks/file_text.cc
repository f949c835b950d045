// mocks/file_text.cc
#include "mocks/file_text.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sfn::mocks {

bool ReadFileText(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error != nullptr) *error = std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

}  // namespace sfn::mocks
