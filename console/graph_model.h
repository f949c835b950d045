// console/graph_model.h
//
// A state machine definition as a Graphviz DOT graph for the console: one
// node per state (id "state:<name>", class "state type-<Type> st-<outcome>",
// filled by outcome), Start and End markers, Next edges, Choice edges
// labelled with a short text of their rule (the Default edge marked), Catch
// edges dashed and labelled with their errors, and Parallel branches and Map
// processors as nested clusters between the state's node and a join point.
// Only the DOT text is built here (pure, no Graphviz); graph_render.h lays
// it out. State names are unique across a definition (AWS requires it), so
// a name identifies a node.
#ifndef SFN_CONSOLE_GRAPH_MODEL_H_
#define SFN_CONSOLE_GRAPH_MODEL_H_

#include <map>
#include <string>

#include "asl/core/json.h"

namespace sfn::console {

struct StateMark {
  std::string outcome;  // "succeeded", "failed", "caught", "running"; "" : not reached
  bool retried = false;
};

// `definition`: the parsed definition object; `marks`: per state name (all
// states "not reached" when empty and `with_outcomes` is true).
std::string DefinitionToDot(const Json& definition, const std::map<std::string, StateMark>& marks,
                            bool with_outcomes);

// A Choice rule in a few words ("$.n > 10", "not ($.ok == true)"),
// at most `max` characters (an ellipsis marks a cut).
std::string ChoiceRuleText(const Json& rule, size_t max = 40);

}  // namespace sfn::console

#endif  // SFN_CONSOLE_GRAPH_MODEL_H_
