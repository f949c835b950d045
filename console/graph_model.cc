// console/graph_model.cc
#include "console/graph_model.h"

#include <string_view>
#include <utility>
#include <vector>

#include "console/json_fields.h"

namespace sfn::console {
namespace {

const char* kFill[][2] = {{"succeeded", "#d4f4dd"},
                          {"failed", "#fbd5d5"},
                          {"caught", "#fde8c8"},
                          {"running", "#d6e6ff"},
                          {"not-reached", "#f3f4f6"}};

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

bool Ends(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Truncate(std::string s, size_t max) {
  if (s.size() <= max) return s;
  s.resize(max > 1 ? max - 1 : 0);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
  return s + "\u2026";
}

// "StringLessThanEqualsPath": "<=" (and whether the value is a path).
std::string Operator(std::string_view op) {
  if (Ends(op, "Path")) op.remove_suffix(4);
  static const std::pair<const char*, const char*> kOps[] = {
      {"GreaterThanEquals", ">="}, {"LessThanEquals", "<="}, {"GreaterThan", ">"},
      {"LessThan", "<"},           {"Equals", "=="},         {"Matches", "matches"}};
  for (const auto& [suffix, text] : kOps) {
    if (Ends(op, suffix)) return text;
  }
  return std::string(op);
}

std::string ComparisonText(const Json& rule) {
  const std::string variable = StringMember(rule, "Variable");
  for (const auto& [key, value] : rule.AsObject()) {
    if (key == "Variable" || key == "Next" || key == "Comment" || key == "Assign" ||
        key == "Output") {
      continue;
    }
    if (key.rfind("Is", 0) == 0) {
      const bool yes = !value.is_bool() || value.AsBool();
      return variable + (yes ? " is " : " is not ") + key.substr(2);
    }
    const bool path = Ends(key, "Path") && value.is_string();
    return variable + " " + Operator(key) + " " + (path ? value.AsString() : Dump(value));
  }
  return variable;
}

std::string RuleText(const Json& rule) {
  if (!rule.is_object()) return "";
  if (const Json* condition = rule.Find("Condition")) {
    return condition->is_string() ? condition->AsString() : Dump(*condition);
  }
  if (const Json* inner = rule.Find("Not")) return "not (" + RuleText(*inner) + ")";
  for (const char* combinator : {"And", "Or"}) {
    const Json* list = rule.Find(combinator);
    if (list == nullptr || !list->is_array()) continue;
    std::string out;
    for (const Json& r : list->AsArray()) {
      if (!out.empty()) out += combinator[0] == 'A' ? " and " : " or ";
      out += "(" + RuleText(r) + ")";
    }
    return out;
  }
  return ComparisonText(rule);
}

// Writes the DOT text of one program (the top level, a branch, a Map
// processor): its states, their edges, and the edges from its terminal
// states to `end` (a node id).
class DotWriter {
 public:
  DotWriter(const std::map<std::string, StateMark>& marks, bool with_outcomes)
      : marks_(marks), with_outcomes_(with_outcomes) {}

  std::string Write(const Json& definition) {
    out_ +=
        "digraph sfn {\n  graph [rankdir=TB nodesep=0.35 ranksep=0.45 fontname=\"Helvetica\""
        " fontsize=11 bgcolor=\"transparent\"];\n"
        "  node [shape=box style=\"rounded,filled\" fontname=\"Helvetica\" fontsize=11"
        " fillcolor=\"#ffffff\" color=\"#4b5563\" margin=\"0.15,0.06\"];\n"
        "  edge [fontname=\"Helvetica\" fontsize=9 color=\"#4b5563\" arrowsize=0.7];\n"
        "  start [shape=circle label=\"Start\" id=\"marker:start\" class=\"marker\""
        " fillcolor=\"#e5e7eb\" fontsize=9 width=0.5 fixedsize=true];\n"
        "  end [shape=doublecircle label=\"End\" id=\"marker:end\" class=\"marker\""
        " fillcolor=\"#e5e7eb\" fontsize=9 width=0.5 fixedsize=true];\n";
    Program(definition, "start", "end", "  ");
    // Edges go last, at the top level: an edge written inside a cluster
    // would pull both its ends into that cluster.
    out_ += edges_ + "}\n";
    return std::move(out_);
  }

 private:
  std::string NodeId(const std::string& state) {
    auto [it, added] = ids_.emplace(state, "");
    if (added) it->second = "n" + std::to_string(ids_.size());
    return it->second;
  }

  void Program(const Json& program, const std::string& from, const std::string& end,
               const std::string& indent) {
    const Json* states = program.is_object() ? program.Find("States") : nullptr;
    if (states == nullptr || !states->is_object()) return;
    const std::string start_at = StringMember(program, "StartAt");
    if (!start_at.empty()) Edge(from, NodeId(start_at));
    for (const auto& [name, state] : states->AsObject()) State(name, state, end, indent);
  }

  void State(const std::string& name, const Json& state, const std::string& end,
             const std::string& indent) {
    const std::string type = StringMember(state, "Type");
    const std::string id = NodeId(name);
    std::string outcome = "not-reached";
    bool retried = false;
    if (auto it = marks_.find(name); it != marks_.end() && !it->second.outcome.empty()) {
      outcome = it->second.outcome;
      retried = it->second.retried;
    }
    std::string fill = "#ffffff";
    if (with_outcomes_) {
      for (const auto& [key, color] : kFill) {
        if (outcome == key) fill = color;
      }
    }
    std::string classes = "state type-" + type;
    if (with_outcomes_) classes += " st-" + outcome + (retried ? " st-retried" : "");
    // The type on a second line (\n is DOT's line break inside a label).
    std::string label = Quote(name);
    if (type != "Task" && type != "Pass") label.insert(label.size() - 1, "\\n(" + type + ")");
    out_ += indent + id + " [label=" + label + " id=" + Quote("state:" + name) +
            " class=" + Quote(classes) + " tooltip=" + Quote(name) + " fillcolor=\"" + fill + "\"" +
            (retried ? " penwidth=2.2" : "") +
            (type == "Choice" ? " shape=diamond style=filled" : "") + "];\n";
    const std::string after = Fork(name, state, type, id, indent);
    Transitions(state, type, after, end);
  }

  // Parallel and Map: their branches as clusters from the state's node to a
  // join point; returns the node the state's own transitions leave from.
  std::string Fork(const std::string& name, const Json& state, const std::string& type,
                   const std::string& id, const std::string& indent) {
    std::vector<const Json*> programs;
    if (type == "Parallel") {
      if (const Json* branches = state.Find("Branches"); branches && branches->is_array()) {
        for (const Json& b : branches->AsArray()) programs.push_back(&b);
      }
    } else if (type == "Map") {
      const Json* p = state.Find("ItemProcessor");
      if (p == nullptr) p = state.Find("Iterator");
      if (p != nullptr) programs.push_back(p);
    }
    if (programs.empty()) return id;
    const std::string join = id + "_join";
    out_ += indent + join + " [shape=point width=0.08 id=" + Quote("join:" + name) +
            " class=\"join\"];\n";
    out_ += indent + "subgraph cluster_" + id + " {\n" + indent +
            "  label=" + Quote(type == "Map" ? name + " (items)" : name + " (branches)") +
            " style=\"rounded,dashed\" color=\"#9ca3af\" id=" + Quote("cluster:" + name) + ";\n";
    for (size_t i = 0; i < programs.size(); ++i) {
      const std::string sub = id + "_b" + std::to_string(i);
      out_ += indent + "  subgraph cluster_" + sub + " {\n" + indent + "    label=" +
              Quote(type == "Map" ? "Iteration" : "Branch " + std::to_string(i + 1)) +
              " style=\"rounded\" color=\"#d1d5db\" id=" +
              Quote("branch:" + name + ":" + std::to_string(i)) + ";\n";
      Program(*programs[i], id, join, indent + "    ");
      out_ += indent + "  }\n";
    }
    out_ += indent + "}\n";
    return join;
  }

  void Transitions(const Json& state, const std::string& type, const std::string& from,
                   const std::string& end) {
    const std::string next = StringMember(state, "Next");
    if (!next.empty()) Edge(from, NodeId(next));
    const Json* is_end = state.Find("End");
    if ((is_end != nullptr && is_end->is_bool() && is_end->AsBool()) || type == "Succeed" ||
        type == "Fail") {
      Edge(from, end);
    }
    if (const Json* choices = state.Find("Choices"); choices && choices->is_array()) {
      for (const Json& rule : choices->AsArray()) {
        const std::string target = StringMember(rule, "Next");
        if (!target.empty()) {
          Edge(from, NodeId(target), "label=" + Quote(ChoiceRuleText(rule)) + " class=\"choice\"");
        }
      }
    }
    if (const std::string def = StringMember(state, "Default"); !def.empty()) {
      Edge(from, NodeId(def), "label=\"Default\" style=bold class=\"default\"");
    }
    if (const Json* catchers = state.Find("Catch"); catchers && catchers->is_array()) {
      for (const Json& c : catchers->AsArray()) {
        std::string errors;
        if (const Json* eq = c.Find("ErrorEquals"); eq && eq->is_array()) {
          for (const Json& e : eq->AsArray()) errors += (errors.empty() ? "" : ", ") + Dump(e);
        }
        const std::string target = StringMember(c, "Next");
        if (target.empty()) continue;
        Edge(from, NodeId(target),
             "label=" + Quote("catch " + Truncate(errors, 30)) +
                 " style=dashed color=\"#b45309\" fontcolor=\"#b45309\" class=\"catch\"");
      }
    }
  }

  void Edge(const std::string& from, const std::string& to, const std::string& attrs = "") {
    edges_ += "  " + from + " -> " + to + (attrs.empty() ? "" : " [" + attrs + "]") + ";\n";
  }

  const std::map<std::string, StateMark>& marks_;
  const bool with_outcomes_;
  std::map<std::string, std::string> ids_;
  std::string out_;
  std::string edges_;
};

}  // namespace

std::string ChoiceRuleText(const Json& rule, size_t max) { return Truncate(RuleText(rule), max); }

std::string DefinitionToDot(const Json& definition, const std::map<std::string, StateMark>& marks,
                            bool with_outcomes) {
  return DotWriter(marks, with_outcomes).Write(definition);
}

}  // namespace sfn::console
