// tests/console/graph_render_test.cc
#include "console/graph_render.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

namespace sfn::console {
namespace {

TEST_CASE("RenderSvg: lays out a DOT graph as SVG, keeping node ids and classes") {
  Result<std::string> svg =
      RenderSvg("digraph g { a [id=\"state:A\" class=\"state st-succeeded\"]; a -> b; }");
  REQUIRE(svg.ok());
  CHECK(svg.value().find("<svg") != std::string::npos);
  // Graphviz writes '-' in attributes as "&#45;" (the same text once parsed).
  CHECK(svg.value().find("id=\"state:A\" class=\"node state st&#45;succeeded\"") !=
        std::string::npos);
}

TEST_CASE("RenderSvg: DOT text Graphviz refuses is an error, not a crash") {
  Result<std::string> svg = RenderSvg("digraph { a -> ");
  REQUIRE_FALSE(svg.ok());
  CHECK(svg.error().cause.find("graph layout failed") == 0);
}

TEST_CASE("RenderSvg: concurrent calls are serialized and all succeed") {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([i, &ok] {
      for (int k = 0; k < 5; ++k) ok[i] += RenderSvg("digraph { x -> y -> z; }").ok() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == std::vector<int>{5, 5, 5, 5});
}

}  // namespace
}  // namespace sfn::console
