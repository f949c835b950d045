// cli/definition_watcher.cc
#include "cli/definition_watcher.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "asl/interpreter/context_object.h"
#include "emulator/api/response_shapes.h"
#include "emulator/records/arn.h"
#include "testing/document_file.h"

namespace sfn::cli {
namespace {

constexpr auto kInterval = std::chrono::milliseconds(300);

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Json IsoOrNull(int64_t ms) { return ms == 0 ? Json() : Json(asl::FormatIsoMillis(ms)); }

}  // namespace

DefinitionWatcher::DefinitionWatcher(const std::vector<mocks::StateMachinePreload>& machines,
                                     const emulator::Service* service, emulator::CallContext ctx,
                                     emulator::ServerLog* log)
    : service_(service), ctx_(std::move(ctx)), log_(log) {
  for (const auto& m : machines) {
    Watched w;
    w.name = m.name;
    w.arn = emulator::StateMachineArn(ctx_.region, ctx_.account, m.name);
    w.path = m.definition_path;
    w.definition = m.definition;
    struct stat st {};
    if (::stat(w.path.c_str(), &st) == 0) {
      w.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      w.size = st.st_size;
    }
    watched_.push_back(std::move(w));
  }
}

DefinitionWatcher::~DefinitionWatcher() { Stop(); }

void DefinitionWatcher::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!wake_.wait_for(lock, kInterval, [this] { return stopping_; })) {
      lock.unlock();
      PollOnce();
      lock.lock();
    }
  });
}

void DefinitionWatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DefinitionWatcher::PollOnce() {
  std::lock_guard<std::mutex> lock(mu_);
  for (Watched& w : watched_) Check(&w);
}

void DefinitionWatcher::Check(Watched* w) {
  struct stat st {};
  if (::stat(w->path.c_str(), &st) != 0) {
    // Editors that save by rename leave the file missing for a moment: only
    // a lasting absence is worth reporting, and the next save clears it.
    if (w->size != -1) Fail(w, "FileNotFound", w->path + ": " + std::strerror(errno));
    w->size = -1;
    w->mtime_ns = 0;
    return;
  }
  const int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (mtime == w->mtime_ns && st.st_size == w->size) return;
  w->mtime_ns = mtime;
  w->size = st.st_size;
  Result<std::string> read = testing::ReadTextFile(w->path);
  if (!read.ok()) {
    Fail(w, "FileNotReadable", read.error().cause);
    return;
  }
  const std::string& text = read.value();
  if (text == w->definition) {
    w->error.clear();  // back to the definition in force
    return;
  }
  Apply(w, text);
}

void DefinitionWatcher::Apply(Watched* w, const std::string& text) {
  Json request = emulator::ObjectBuilder()
                     .Add("stateMachineArn", Json(w->arn))
                     .Add("definition", Json(text))
                     .Build();
  emulator::Service::Response r = service_->Call("UpdateStateMachine", Dump(request), ctx_);
  if (r.http_status != 200) {
    JsonParseResult body = ParseJson(r.body);
    const Json* message = body.ok ? body.value.Find("message") : nullptr;
    Fail(w, r.error_code,
         message != nullptr && message->is_string() ? message->AsString() : r.body);
    return;
  }
  w->definition = text;
  ++w->updates;
  w->last_update_ms = NowMs();
  w->error.clear();
  w->cause.clear();
  if (log_ != nullptr) {
    log_->Write(emulator::LogLevel::kInfo, "state machine updated from its file",
                {{"name", Json(w->name)}, {"file", Json(w->path)}});
  }
}

void DefinitionWatcher::Fail(Watched* w, const std::string& error, const std::string& cause) {
  w->error = error;
  w->cause = cause;
  w->error_ms = NowMs();
  if (log_ != nullptr) {
    log_->Write(emulator::LogLevel::kWarn,
                "definition file not applied; the state machine keeps its definition",
                {{"name", Json(w->name)},
                 {"file", Json(w->path)},
                 {"error", Json(error)},
                 {"cause", Json(cause)}});
  }
}

std::string DefinitionWatcher::StatusJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  Json::Array machines;
  for (const Watched& w : watched_) {
    Json error;
    if (!w.error.empty()) {
      error = Json::MakeObject(
          {{"error", Json(w.error)}, {"cause", Json(w.cause)}, {"at", IsoOrNull(w.error_ms)}});
    }
    machines.push_back(Json::MakeObject({{"name", Json(w.name)},
                                         {"stateMachineArn", Json(w.arn)},
                                         {"definitionPath", Json(w.path)},
                                         {"updates", Json(w.updates)},
                                         {"lastUpdate", IsoOrNull(w.last_update_ms)},
                                         {"error", error}}));
  }
  return Dump(Json::MakeObject(
      {{"watching", Json(true)}, {"stateMachines", Json::MakeArray(std::move(machines))}}));
}

}  // namespace sfn::cli
