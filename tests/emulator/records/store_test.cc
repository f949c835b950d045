// tests/emulator/records/store_test.cc
#include "emulator/records/store.h"

#include <doctest/doctest.h>

#include <string>

using namespace sfn::emulator;
using sfn::Json;

namespace {

const std::string kArn = "arn:aws:states:us-east-1:123456789012:stateMachine:M";

struct Fixture {
  int64_t now = 1000;
  Store store{[this] { return now++; }};

  Store::NewMachine Machine(const std::string& definition = "{}", bool publish = false) {
    auto r = std::make_shared<Revision>();
    r->definition = definition;
    r->role_arn = "arn:aws:iam::123456789012:role/r";
    r->logging_configuration = Json("off");
    r->tracing_configuration = Json(false);
    Store::NewMachine m;
    m.arn = kArn;
    m.name = std::string("M");
    m.type = std::string("STANDARD");
    m.revision = r;
    m.publish = publish;
    return m;
  }
  ParsedArn Arn(const std::string& text) { return std::get<ParsedArn>(ParseArn(text)); }
  std::string Error(const std::optional<ApiError>& e) {
    return e ? e->code + ": " + e->message : "ok";
  }
  template <typename T>
  std::string Error(const std::variant<T, ApiError>& v) {
    return v.index() == 1 ? Error(std::optional<ApiError>(std::get<1>(v))) : "ok";
  }
  std::shared_ptr<Execution> NewExecution(const std::string& name, const std::string& input,
                                          const std::string& version_arn = "") {
    ExecutionSpec s;
    s.arn = "arn:aws:states:us-east-1:123456789012:execution:M:" + name;
    s.name = name;
    s.state_machine_arn = kArn;
    s.input_text = input;
    s.version_arn = version_arn;
    return std::make_shared<Execution>(s);
  }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "CreateStateMachine: created, idempotent, or already exists") {
  auto created = std::get<Store::Created>(store.CreateStateMachine(Machine()));
  CHECK(created.arn == kArn);
  CHECK(created.version_arn == "");
  auto again = std::get<Store::Created>(store.CreateStateMachine(Machine()));
  CHECK(again.creation_ms == created.creation_ms);
  CHECK(Error(store.CreateStateMachine(Machine(R"({ })"))) ==
        "StateMachineAlreadyExists: State Machine Already Exists: '" + kArn + "'");
  CHECK(Error(store.CreateStateMachine(Machine("{}", true))) ==
        "StateMachineAlreadyExists: State Machine Already Exists: '" + kArn + "'");
}

TEST_CASE_FIXTURE(Fixture, "Publishing on create, describing versions") {
  auto created = std::get<Store::Created>(store.CreateStateMachine(Machine("{}", true)));
  CHECK(created.version_arn == kArn + ":1");
  auto view = std::get<MachineView>(store.DescribeStateMachine(Arn(kArn + ":1")));
  CHECK(view.arn == kArn + ":1");
  CHECK(view.revision->definition == "{}");
  CHECK(Error(store.DescribeStateMachine(Arn(kArn + ":2"))) ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + kArn + ":2'");
  CHECK(Error(store.DescribeStateMachine(Arn(kArn + "x"))) ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + kArn + "x'");
}

TEST_CASE_FIXTURE(Fixture, "UpdateStateMachine: revisions and publishing") {
  store.CreateStateMachine(Machine());
  Store::Update same;
  same.definition = "{}";
  same.publish = true;
  auto u1 = std::get<Store::Updated>(store.UpdateStateMachine(kArn, same));
  CHECK(u1.revision_id == "");  // nothing changed: still the first revision
  CHECK(u1.version_arn == kArn + ":1");
  auto u2 = std::get<Store::Updated>(store.UpdateStateMachine(kArn, same));
  CHECK(u2.version_arn == kArn + ":1");  // same revision, same version
  same.version_description = "another";
  auto described = std::get<Store::Updated>(store.UpdateStateMachine(kArn, same));
  CHECK(described.version_arn == kArn + ":1");  // idempotent on the revision alone
  same.version_description.reset();
  Store::Update change;
  change.role_arn = "arn:aws:iam::123456789012:role/other";
  auto u3 = std::get<Store::Updated>(store.UpdateStateMachine(kArn, change));
  CHECK(u3.revision_id.size() == 36);
  CHECK(u3.version_arn == "");
  auto u4 = std::get<Store::Updated>(store.UpdateStateMachine(kArn, change));
  CHECK(u4.revision_id == u3.revision_id);
  CHECK(Error(store.UpdateStateMachine(kArn + "x", change)) ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + kArn + "x'");
}

TEST_CASE_FIXTURE(Fixture, "PublishVersion, ListVersions, DeleteVersion") {
  store.CreateStateMachine(Machine());
  CHECK(Error(store.PublishVersion(kArn, std::string("r-1"), std::nullopt)) ==
        "ConflictException: Failed to publish the State Machine version for revision r-1. The "
        "current State Machine revision is INITIAL.");
  auto v1 = std::get<Store::Published>(store.PublishVersion(kArn, std::string("INITIAL"), "d"));
  CHECK(v1.arn == kArn + ":1");
  auto again = std::get<Store::Published>(store.PublishVersion(kArn, std::nullopt, std::nullopt));
  CHECK(again.arn == kArn + ":1");
  Store::Update change;
  change.definition = "{\"x\":1}";
  store.UpdateStateMachine(kArn, change);
  auto v2 = std::get<Store::Published>(store.PublishVersion(kArn, std::nullopt, std::nullopt));
  CHECK(v2.arn == kArn + ":2");
  auto list = std::get<std::vector<VersionListItem>>(store.ListVersions(kArn));
  REQUIRE(list.size() == 2);
  CHECK(list[0].arn == kArn + ":2");
  CHECK(Error(store.DeleteVersion(Arn(kArn + ":2"))) == "ok");
  Store::Update change2;
  change2.definition = "{\"x\":2}";
  store.UpdateStateMachine(kArn, change2);
  // Version numbers are never reused.
  CHECK(std::get<Store::Published>(store.PublishVersion(kArn, std::nullopt, std::nullopt)).arn ==
        kArn + ":3");
  CHECK(Error(store.DeleteVersion(Arn(kArn + ":9"))) == "ok");
  CHECK(Error(store.ListVersions(kArn + "x")) ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + kArn + "x'");
}

TEST_CASE_FIXTURE(Fixture, "Aliases") {
  store.CreateStateMachine(Machine("{}", true));
  Store::NewAlias a{"PROD", std::string("d"), {{kArn + ":1", 100}}};
  auto created = std::get<AliasView>(store.CreateAlias(a));
  CHECK(created.arn == kArn + ":PROD");
  CHECK(std::get<AliasView>(store.CreateAlias(a)).creation_ms == created.creation_ms);
  Store::NewAlias other = a;
  other.description = "changed";
  CHECK(Error(store.CreateAlias(other)) ==
        "ConflictException: Failed to create alias because an alias with the same name and a "
        "different routing configuration already exists.");
  Store::NewAlias bad = a;
  bad.routing = {{kArn + ":1", 50}, {kArn + ":1", 50}};
  CHECK(Error(store.CreateAlias(bad)) ==
        "ValidationException: Routing configuration must contain distinct state machine version "
        "ARNs. Received: [" +
            kArn + ":1, " + kArn + ":1]");
  bad.routing = {{kArn + ":1", 70}, {kArn + ":2", 29}};
  CHECK(Error(store.CreateAlias(bad)) ==
        "ValidationException: Sum of routing configuration weights must equal 100. Received: [70, "
        "29]");
  bad.routing = {{kArn, 100}};
  CHECK(Error(store.CreateAlias(bad)) ==
        "ValidationException: Routing configuration must contain state machine version ARNs. "
        "Received: [" +
            kArn + "]");
  CHECK(Error(store.DeleteVersion(Arn(kArn + ":1"))) ==
        "ConflictException: Version to be deleted must not be referenced by an alias. Current "
        "list of aliases referencing this version: [PROD]");
  CHECK(Error(store.UpdateAlias(Arn(kArn + ":NOPE"), std::string("x"), std::nullopt)) ==
        "ResourceNotFound: Request references a resource that does not exist.");
  auto target = std::get<ExecutionTarget>(store.ResolveTarget(Arn(kArn + ":PROD")));
  CHECK(target.alias_arn == kArn + ":PROD");
  CHECK(target.version_arn == kArn + ":1");
  CHECK(std::get<std::vector<AliasView>>(store.ListAliases(Arn(kArn))).size() == 1);
  store.DeleteAlias(Arn(kArn + ":PROD"));
  CHECK(std::get<std::vector<AliasView>>(store.ListAliases(Arn(kArn))).empty());
}

TEST_CASE_FIXTURE(Fixture, "Tags") {
  store.CreateStateMachine(Machine());
  CHECK(Error(store.TagResource(kArn, {{"a", "1"}, {"b", "2"}})) == "ok");
  CHECK(Error(store.TagResource(kArn, {{"a", "3"}})) == "ok");
  auto tags = std::get<std::vector<Tag>>(store.ListTags(kArn));
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].value == "3");
  CHECK(Error(store.UntagResource(kArn, {"a", "zzz"})) == "ok");
  CHECK(std::get<std::vector<Tag>>(store.ListTags(kArn)).size() == 1);
  CHECK(Error(store.TagResource(kArn + ":1", {{"a", "1"}})) ==
        "ResourceNotFound: Resource not found: '" + kArn + ":1'");
  std::vector<Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({std::string("k").append(std::to_string(i)), ""});
  CHECK(store.TagResource(kArn, many)->code == "TooManyTags");
}

TEST_CASE_FIXTURE(Fixture, "Executions: idempotent start, already exists, listing") {
  store.CreateStateMachine(Machine("{}", true));
  auto revision = std::get<MachineView>(store.DescribeStateMachine(Arn(kArn))).revision;
  bool added = false;
  auto e1 = NewExecution("run", "{}");
  CHECK(std::get<std::shared_ptr<Execution>>(store.AddExecution(e1, revision, &added)) == e1);
  CHECK(added);
  // Same name and input while running: the same execution.
  auto again = store.AddExecution(NewExecution("run", "{}"), revision, &added);
  CHECK(std::get<std::shared_ptr<Execution>>(again) == e1);
  CHECK_FALSE(added);
  CHECK(Error(store.AddExecution(NewExecution("run", "{\"a\":1}"), revision, &added)) ==
        "ExecutionAlreadyExists: Execution Already Exists: "
        "'arn:aws:states:us-east-1:123456789012:execution:M:run'");
  ExecutionEnd end;
  end.status = ExecutionStatus::kSucceeded;
  e1->Finish(end);
  CHECK(Error(store.AddExecution(NewExecution("run", "{}"), revision, &added)) ==
        "ExecutionAlreadyExists: Execution Already Exists: "
        "'arn:aws:states:us-east-1:123456789012:execution:M:run'");
  store.AddExecution(NewExecution("second", "{}", kArn + ":1"), revision, &added);
  auto all = std::get<0>(store.ListExecutions(Arn(kArn)));
  REQUIRE(all.size() == 2);
  CHECK(all[0]->spec().name == "second");  // newest first
  CHECK(std::get<0>(store.ListExecutions(Arn(kArn + ":1"))).size() == 1);
  CHECK(store.FindExecution(e1->spec().arn)->execution == e1);
  CHECK_FALSE(store.FindExecution(e1->spec().arn + "x").has_value());
  store.DeleteStateMachine(kArn);
  CHECK(store.FindExecution(e1->spec().arn).has_value());  // still describable
  CHECK(Error(store.ListExecutions(Arn(kArn))) ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + kArn + "'");
}

TEST_CASE_FIXTURE(Fixture, "ListStateMachines sorts by name within the prefix") {
  auto m = Machine();
  for (std::string name : {"b", "a", "c"}) {
    m.name = name;
    m.arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + name;
    store.CreateStateMachine(m);
  }
  m.arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:z";
  store.CreateStateMachine(m);
  auto list = store.ListStateMachines("arn:aws:states:us-east-1:123456789012:stateMachine:");
  REQUIRE(list.size() == 3);
  CHECK(list[0].name == "a");
  CHECK(list[2].name == "c");
}
