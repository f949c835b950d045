// console/graph_render.h
//
// Lays out a DOT graph with Graphviz's library (the dot engine) and renders
// it as SVG. The only file that includes Graphviz's headers is
// graph_render.cc. Graphviz keeps global state and is not thread-safe, so
// every call is serialized on one process-wide mutex.
#ifndef SFN_CONSOLE_GRAPH_RENDER_H_
#define SFN_CONSOLE_GRAPH_RENDER_H_

#include <string>

#include "asl/core/status.h"

namespace sfn::console {

// The SVG document of `dot`, or an error naming why Graphviz refused it.
Result<std::string> RenderSvg(const std::string& dot);

}  // namespace sfn::console

#endif  // SFN_CONSOLE_GRAPH_RENDER_H_
