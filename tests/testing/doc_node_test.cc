// tests/testing/doc_node_test.cc
#include "testing/doc_node.h"

#include <doctest/doctest.h>

#include "testing/yaml_document.h"

namespace sfn::testing {
namespace {

TEST_CASE("DocNode: paths, lines and messages") {
  Result<YamlDocument> doc = ParseYamlDocument(
      "top:\n"
      "  list:\n"
      "    - 1\n"
      "    - {odd key: x, 'arn:aws:x': 2}\n");
  REQUIRE(doc.ok());
  const DocSource source{"f.yaml", "E", &doc.value().line_of_pointer};
  const DocNode root(doc.value().value, source);
  const DocNode list = root.Member("top").Member("list");
  CHECK(list.path() == "top.list");
  CHECK(list.pointer() == "/top/list");
  CHECK(list.line() == 2);
  const DocNode item = list.Item(1);
  CHECK(item.path() == "top.list[1]");
  CHECK(item.line() == 4);
  CHECK(item.Member("odd key").path() == R"(top.list[1]["odd key"])");
  CHECK(item.Member("arn:aws:x").path() == R"(top.list[1]["arn:aws:x"])");
  CHECK(root.Error("m").cause == "f.yaml:1: m");
  CHECK(root.Error("m").error == "E");
  CHECK(list.Item(0).Error("bad").cause == "f.yaml:3: top.list[0]: bad");

  CHECK(list.ExpectType(Json::Type::kArray).ok());
  CHECK(list.ExpectType(Json::Type::kObject).error().cause ==
        "f.yaml:2: top.list: expected an object, got array");
  CHECK(list.Item(0).ExpectType(Json::Type::kDouble).ok());
  CHECK(list.Item(0).String().error().cause ==
        "f.yaml:3: top.list[0]: expected a string, got number");
  CHECK(item.ExpectObject({"odd key"}).error().cause ==
        "f.yaml:4: top.list[1]: unknown key 'arn:aws:x' (expected one of: odd key)");
  CHECK(item.ExpectObject({"odd key", "arn:aws:x"}, {"z"}).error().cause ==
        "f.yaml:4: top.list[1]: missing required key 'z'");
  CHECK(item.ExpectObject({"odd key", "arn:aws:x"}, {"odd key"}).ok());
}

TEST_CASE("DocNode: without a line map every line is 1") {
  const Json value = Json::MakeObject({{"a", Json::MakeArray({Json(1)})}});
  const DocSource source{"f.json", "E", nullptr};
  CHECK(DocNode(value, source).Member("a").Item(0).Error("x").cause == "f.json:1: a[0]: x");
}

}  // namespace
}  // namespace sfn::testing
