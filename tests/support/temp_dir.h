// tests/support/temp_dir.h
//
// TempDir: a fresh directory under /tmp for one test, removed with all it
// holds when the TempDir goes out of scope.
#ifndef SFN_TESTS_SUPPORT_TEMP_DIR_H_
#define SFN_TESTS_SUPPORT_TEMP_DIR_H_

#include <dirent.h>
#include <stdlib.h>

#include <cstddef>
#include <string>

namespace sfn::testing {

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/sfn-test-XXXXXX";
    path_ = mkdtemp(name);
  }
  ~TempDir() { (void)system(("rm -rf '" + path_ + "'").c_str()); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // How many entries it holds (not counting "." and "..").
  size_t Entries() const {
    size_t n = 0;
    DIR* d = opendir(path_.c_str());
    while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
    closedir(d);
    return n;
  }

 private:
  std::string path_;
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_TEMP_DIR_H_
