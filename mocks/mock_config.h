// mocks/mock_config.h
//
// A Step Functions Local mock configuration file (MockConfigFile.json,
// `--mock-config FILE` / SFN_MOCK_CONFIG):
//
//   {"StateMachines": {"<machine name>": {"TestCases": {"<case>": {"<state>": "<response>"}}}},
//    "MockedResponses": {"<response>": {"0": {"Return": <any JSON>},
//                                       "1-2": {"Throw": {"Error": "E", "Cause": "C"}}}}}
//
// Attempt keys count invocations of the state from 0 (retries included); a
// key "a-b" covers a through b inclusive. A file opened with Open() is read
// again when its modification time, size or inode changes, so tests can edit
// it while the emulator runs; a broken edit is reported and the last good
// version stays in use. Thread-safe: lookups may come from any thread.
#ifndef SFN_MOCKS_MOCK_CONFIG_H_
#define SFN_MOCKS_MOCK_CONFIG_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"

namespace sfn::mocks {

// What the mock file says about one invocation of a state.
struct MockedAnswer {
  enum class Kind {
    kNotMocked,  // the test case does not name the state: call the real route
    kReturn,     // succeed with `value`, the whole service result
    kThrow,      // fail with error/cause
    kMissing,    // mocked, but nothing for this attempt: the task fails (States.Runtime)
  };
  Kind kind = Kind::kNotMocked;
  Json value;
  std::string error;
  std::string cause;
};

class MockConfig {
 public:
  using Log = std::function<void(const std::string& line)>;

  // Reads `path` now (errors: AslError{"InvalidMockConfig", "<path>: ..."}) and
  // again whenever it changes. `log` receives reload problems (default: stderr).
  static Result<std::unique_ptr<MockConfig>> Open(const std::string& path, Log log = nullptr);
  // A fixed configuration (no file behind it).
  static Result<std::unique_ptr<MockConfig>> FromJson(const Json& doc,
                                                      const std::string& origin = "mock config");

  ~MockConfig();
  MockConfig(const MockConfig&) = delete;
  MockConfig& operator=(const MockConfig&) = delete;

  // Whether StateMachines[machine].TestCases[test_case] exists. Step Functions
  // Local refuses StartExecution for an unknown test case; the API layer can
  // check here first.
  bool HasTestCase(std::string_view machine, std::string_view test_case) const;

  // The answer for the `attempt`-th invocation (from 0) of `state`.
  MockedAnswer Find(std::string_view machine, std::string_view test_case, std::string_view state,
                    int attempt) const;

  struct Data;  // the parsed file; defined in mock_config.cc

 private:
  MockConfig();
  std::shared_ptr<const Data> Current() const;

  std::string path_;  // empty for FromJson
  Log log_;
  mutable std::mutex mutex_;  // guards data_ and stamp_
  mutable std::shared_ptr<const Data> data_;
  mutable std::string stamp_;  // mtime/size/inode of the file data_ (or a failed read) came from
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_MOCK_CONFIG_H_
