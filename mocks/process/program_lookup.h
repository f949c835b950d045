// mocks/process/program_lookup.h
//
// Checks, before anything runs, that an exec route's program can be
// started: finds the file its argv[0] names the way posix_spawnp will (a
// name with a '/' relative to the route's working directory, a bare name
// in PATH) and says in a sentence why it cannot run when it cannot. Reads
// the filesystem only; thread-safe.
#ifndef SFN_MOCKS_PROCESS_PROGRAM_LOOKUP_H_
#define SFN_MOCKS_PROCESS_PROGRAM_LOOKUP_H_

#include <string>

namespace sfn::mocks {

// The executable file `program` names when started in `cwd` (empty: our
// own), or false with `error` set ("was not found in PATH (...)",
// "(/abs/path) does not exist", "... is not executable").
bool FindProgram(const std::string& program, const std::string& cwd, std::string* path,
                 std::string* error);

// Whether `dir` is a directory a program may be started in; false with
// `error` set ("does not exist", "is not a directory").
bool CheckWorkingDirectory(const std::string& dir, std::string* error);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_PROGRAM_LOOKUP_H_
