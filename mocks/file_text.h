// mocks/file_text.h
//
// Reads a whole file as bytes: the routes file, a mock file, a local S3
// object. One reader for the mocks part (the parts below it do no I/O).
// Thread-safe: it keeps no state.
#ifndef SFN_MOCKS_FILE_TEXT_H_
#define SFN_MOCKS_FILE_TEXT_H_

#include <string>

namespace sfn::mocks {

// Puts the file's bytes in `text` and returns true; false when it cannot be
// opened, with the system's reason (strerror) in `error` when given.
bool ReadFileText(const std::string& path, std::string* text, std::string* error = nullptr);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_FILE_TEXT_H_
