// emulator/records/store_snapshot.cc: the Store's part of the state file:
// revisions, state machines (versions, aliases, tags) and executions.
#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>

#include "asl/definition/parser.h"
#include "emulator/records/snapshot_internal.h"
#include "emulator/records/store.h"

namespace sfn::emulator {

using snapshot_internal::FieldReader;

namespace {

Json OptionalString(const std::optional<std::string>& s) { return s ? Json(*s) : Json(); }

// Numbers revisions in the order they are first met.
class RevisionTable {
 public:
  size_t IndexOf(const std::shared_ptr<const Revision>& r, const std::string& type) {
    auto [it, added] = index_.try_emplace(r.get(), entries_.size());
    if (added) entries_.push_back(ToJson(*r, type));
    return it->second;
  }
  Json Entries() { return Json::MakeArray(std::move(entries_)); }

 private:
  static Json ToJson(const Revision& r, const std::string& type) {
    return Json::MakeObject({{"type", Json(type)},
                             {"definition", Json(r.definition)},
                             {"roleArn", Json(r.role_arn)},
                             {"loggingConfiguration", r.logging_configuration},
                             {"tracingConfiguration", r.tracing_configuration},
                             {"encryptionConfiguration", r.encryption_configuration},
                             {"revisionId", Json(r.revision_id)},
                             {"updateMs", Json(r.update_ms)}});
  }
  std::map<const Revision*, size_t> index_;
  Json::Array entries_;
};

Json TagsToJson(const std::vector<Tag>& tags) {
  Json::Array out;
  for (const Tag& t : tags) out.push_back(Json::MakeArray({Json(t.key), Json(t.value)}));
  return Json::MakeArray(std::move(out));
}

Json AliasToJson(const AliasView& a) {
  Json::Array routing;
  for (const RoutingEntry& r : a.routing) {
    routing.push_back(Json::MakeArray({Json(r.version_arn), Json(r.weight)}));
  }
  return Json::MakeObject({{"arn", Json(a.arn)},
                           {"name", Json(a.name)},
                           {"description", OptionalString(a.description)},
                           {"routing", Json::MakeArray(std::move(routing))},
                           {"creationMs", Json(a.creation_ms)},
                           {"updateMs", Json(a.update_ms)}});
}

std::vector<Tag> TagsFromJson(FieldReader& r) {
  std::vector<Tag> tags;
  for (auto& [key, value] : r.StringPairs("tags")) tags.push_back({key, value});
  return tags;
}

std::shared_ptr<const Revision> RevisionFromJson(FieldReader& r) {
  auto rev = std::make_shared<Revision>();
  rev->definition = r.Str("definition");
  rev->role_arn = r.Str("roleArn");
  rev->logging_configuration = r.Any("loggingConfiguration");
  rev->tracing_configuration = r.Any("tracingConfiguration");
  rev->encryption_configuration = r.Any("encryptionConfiguration");
  rev->revision_id = r.Str("revisionId");
  rev->update_ms = r.Int("updateMs");
  asl::ParseOptions options;
  options.type = r.Str("type");
  if (!r.ok()) return nullptr;
  asl::ParseResult parsed = asl::ParseDefinition(rev->definition, options);
  if (!parsed.machine) {
    r.Fail("the definition does not parse: " + parsed.invalid_definition_message);
    return nullptr;
  }
  rev->machine = parsed.machine;
  return rev;
}

}  // namespace

void StoreSnapshot::Write(const Store& store, std::string* out) {
  RevisionTable revisions;
  Json::Array machines;
  std::vector<std::pair<uint64_t, ExecutionRecord>> records;
  {
    std::shared_lock lock(store.mu_);
    for (const auto& [arn, m] : store.machines_) {
      Json::Array versions, aliases, executions;
      for (const auto& [number, v] : m.versions) {
        versions.push_back(
            Json::MakeObject({{"number", Json(v.number)},
                              {"arn", Json(v.arn)},
                              {"revision", Json(int64_t(revisions.IndexOf(v.revision, m.type)))},
                              {"description", OptionalString(v.description)},
                              {"creationMs", Json(v.creation_ms)}}));
      }
      for (const auto& [name, a] : m.aliases) aliases.push_back(AliasToJson(a.view));
      for (const auto& [exec_arn, seq] : m.executions) {
        auto it = store.executions_.find(exec_arn);
        if (it != store.executions_.end() && it->second.seq == seq)
          executions.push_back(Json(exec_arn));
      }
      machines.push_back(Json::MakeObject(
          {{"arn", Json(m.arn)},
           {"name", Json(m.name)},
           {"type", Json(m.type)},
           {"creationMs", Json(m.creation_ms)},
           {"revision", Json(int64_t(revisions.IndexOf(m.current, m.type)))},
           {"nextVersion", Json(m.next_version)},
           {"createdWithPublish", Json(m.created_with_publish)},
           {"createdVersionDescription", OptionalString(m.created_version_description)},
           {"tags", TagsToJson(m.tags)},
           {"versions", Json::MakeArray(std::move(versions))},
           {"aliases", Json::MakeArray(std::move(aliases))},
           {"executions", Json::MakeArray(std::move(executions))}}));
    }
    for (const auto& [arn, record] : store.executions_) records.emplace_back(record.seq, record);
  }
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // Executions are written one at a time, outside the Store's lock: each
  // under its own locks only.
  std::string executions = "[";
  for (size_t i = 0; i < records.size(); ++i) {
    const ExecutionRecord& rec = records[i].second;
    const size_t index = revisions.IndexOf(rec.revision, rec.execution->spec().type);
    Json entry = snapshot_internal::ExecutionToJson(*rec.execution, index);
    if (i > 0) executions += ",\n";
    DumpTo(entry, &executions);
  }
  executions += "]";
  *out += ",\n\"revisions\":";
  DumpTo(revisions.Entries(), out);
  *out += ",\n\"stateMachines\":";
  DumpTo(Json::MakeArray(std::move(machines)), out);
  *out += ",\n\"executions\":";
  *out += executions;
}

namespace {

struct Loaded {
  std::vector<std::shared_ptr<const Revision>> revisions;
  std::shared_ptr<const Revision> Get(FieldReader& r, std::string_view key) {
    const int64_t i = r.Int(key);
    if (r.ok() && (i < 0 || i >= static_cast<int64_t>(revisions.size()))) {
      r.Fail("\"" + std::string(key) + "\" names no revision");
      return nullptr;
    }
    return r.ok() ? revisions[i] : nullptr;
  }
};

std::vector<RoutingEntry> RoutingFromJson(FieldReader& r) {
  std::vector<RoutingEntry> routing;
  for (const Json& entry : r.Arr("routing")) {
    const Json::Array* pair = entry.is_array() ? &entry.AsArray() : nullptr;
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_int()) {
      r.Fail("\"routing\" must hold [versionArn, weight] pairs");
      return {};
    }
    routing.push_back({(*pair)[0].AsString(), (*pair)[1].AsInt()});
  }
  return routing;
}

AliasView AliasFromJson(FieldReader& a) {
  AliasView view;
  view.arn = a.Str("arn");
  view.name = a.Str("name");
  view.description = a.OptStr("description");
  view.routing = RoutingFromJson(a);
  view.creation_ms = a.Int("creationMs");
  view.update_ms = a.Int("updateMs");
  return view;
}

}  // namespace

bool StoreSnapshot::Read(const Json& doc, int64_t now_ms, Store* store, std::string* error,
                         std::vector<std::string>* aborted) {
  FieldReader top(doc, "", error);
  Loaded loaded;
  top.ForEach("revisions",
              [&loaded](FieldReader& r) { loaded.revisions.push_back(RevisionFromJson(r)); });
  std::map<std::string, Store::Machine> machines;
  std::map<std::string, std::vector<std::string>> lists;  // machine ARN -> execution ARNs
  top.ForEach("stateMachines", [&](FieldReader& r) {
    Store::Machine m;
    m.arn = r.Str("arn");
    m.name = r.Str("name");
    m.type = r.Str("type");
    m.creation_ms = r.Int("creationMs");
    m.current = loaded.Get(r, "revision");
    m.next_version = r.Int("nextVersion");
    m.created_with_publish = r.Bool("createdWithPublish");
    m.created_version_description = r.OptStr("createdVersionDescription");
    m.tags = TagsFromJson(r);
    r.ForEach("versions", [&](FieldReader& v) {
      Store::Version version;
      version.number = v.Int("number");
      version.arn = v.Str("arn");
      version.revision = loaded.Get(v, "revision");
      version.description = v.OptStr("description");
      version.creation_ms = v.Int("creationMs");
      m.versions.emplace(version.number, std::move(version));
    });
    r.ForEach("aliases", [&m](FieldReader& a) {
      AliasView view = AliasFromJson(a);
      m.aliases[view.name] = Store::Alias{view};
    });
    for (const Json& e : r.Arr("executions")) {
      if (!e.is_string()) r.Fail("\"executions\" must hold execution ARNs");
      if (e.is_string()) lists[m.arn].push_back(e.AsString());
    }
    machines.emplace(m.arn, std::move(m));
  });
  struct Restored {
    std::shared_ptr<Execution> execution;
    std::shared_ptr<const Revision> revision;
  };
  std::vector<Restored> executions;
  top.ForEach("executions", [&](FieldReader& r) {
    auto revision = loaded.Get(r, "revision");
    if (!r.ok()) return;
    bool was_running = false;
    auto e = snapshot_internal::ExecutionFromJson(r, revision->machine, now_ms, &was_running);
    if (!r.ok()) return;
    if (was_running) aborted->push_back(e->spec().arn);
    executions.push_back({std::move(e), std::move(revision)});
  });
  if (!top.ok()) return false;
  // Everything read: now the Store changes, all at once.
  std::unique_lock lock(store->mu_);
  store->Changed();
  store->machines_ = std::move(machines);
  std::vector<std::pair<int64_t, std::string>> closed;
  for (Restored& r : executions) {
    const ExecutionEnd end = r.execution->end();
    closed.emplace_back(end.stop_ms, r.execution->spec().arn);
    store->Track(r.execution, std::move(r.revision));
  }
  for (auto& [machine_arn, arns] : lists) {
    Store::Machine& m = store->machines_.at(machine_arn);
    for (const std::string& arn : arns) {
      auto it = store->executions_.find(arn);
      if (it != store->executions_.end()) m.executions.emplace_back(arn, it->second.seq);
    }
  }
  std::stable_sort(closed.begin(), closed.end());
  if (store->closed_->bounded.load(std::memory_order_relaxed)) {
    std::lock_guard<std::mutex> log_lock(store->closed_->mu);
    for (auto& [stop_ms, arn] : closed)
      store->closed_->closed.emplace_back(std::move(arn), stop_ms);
  }
  return true;
}

}  // namespace sfn::emulator
