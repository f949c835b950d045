// console/graph_render.cc
#include "console/graph_render.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdlib>
#include <mutex>

namespace sfn::console {
namespace {

std::mutex& GraphvizMutex() {
  static std::mutex mu;
  return mu;
}

// One context for the process, made on first use under the mutex (plugins
// are loaded once); never freed, as Graphviz's own tools do at exit.
GVC_t* Context() {
  static GVC_t* gvc = [] {
    agseterr(AGMAX);  // report errors through aglasterr(), not stderr
    return gvContext();
  }();
  return gvc;
}

AslError RenderError(const char* what) {
  std::string cause = std::string("graph layout failed: ") + what;
  if (char* last = aglasterr()) {
    cause += ": ";
    cause += last;
    std::free(last);
  }
  return AslError{"Console.GraphError", cause};
}

}  // namespace

Result<std::string> RenderSvg(const std::string& dot) {
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  GVC_t* gvc = Context();
  if (gvc == nullptr) return RenderError("no Graphviz context");
  Agraph_t* graph = agmemread(dot.c_str());
  if (graph == nullptr) return RenderError("the DOT text was refused");
  if (gvLayout(gvc, graph, "dot") != 0) {
    agclose(graph);
    return RenderError("the dot layout failed");
  }
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, graph, "svg", &data, &length);
  std::string svg = rc == 0 && data != nullptr ? std::string(data, length) : std::string();
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(gvc, graph);
  agclose(graph);
  if (rc != 0) return RenderError("SVG rendering failed");
  return svg;
}

}  // namespace sfn::console
