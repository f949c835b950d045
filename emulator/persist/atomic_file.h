// emulator/persist/atomic_file.h
//
// Whole-file reads and atomic whole-file writes. A write goes to a new
// temporary file in the same directory, is flushed to disk (fsync), and is
// renamed over the target, and the directory is flushed: a crash or a
// kill -9 at any moment leaves either the old file or the new one, never a
// mix. Stateless; safe from any thread (two writers of one path: the last
// rename wins).
#ifndef SFN_EMULATOR_PERSIST_ATOMIC_FILE_H_
#define SFN_EMULATOR_PERSIST_ATOMIC_FILE_H_

#include <string>
#include <string_view>

#include "asl/core/status.h"

namespace sfn::emulator {

// Replaces `path` with `text`; the error's cause names the path and the
// system's reason.
Status WriteFileAtomically(const std::string& path, std::string_view text);

// Removes the temporary files that writes of `path` interrupted by a crash
// left behind (`path`.tmp-XXXXXX). Call while no write of `path` runs.
void RemoveStaleTemporaries(const std::string& path);

// The whole content of `path`; `*missing` tells a file that does not exist
// (no error then) from one that cannot be read.
Result<std::string> ReadWholeFile(const std::string& path, bool* missing);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_PERSIST_ATOMIC_FILE_H_
