// asl/jsonata/evaluator_path.cc
//
// Location paths: steps mapped over sequences and flattened, predicates,
// tuple streams (for @ focus, # index and % parent bindings), grouping into
// objects and order-by.
#include <cmath>
#include <unordered_map>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"

namespace sfn::asl::jsonata {

namespace {

const std::string kFocus = "@";

Value Tuple(Entries entries) { return Value::Object(std::move(entries)); }

Value TupleStream(Items tuples) {
  Value v = Value::Sequence(std::move(tuples));
  v.Set(Value::kTupleStream);
  return v;
}

// The items of an array, or `v` as a one-item sequence.
Value AsSequence(const Value& v) { return v.IsArray() ? v : Value::Sequence({v}); }

}  // namespace

FramePtr Evaluator::FrameFromTuple(const FramePtr& env, const Value& tuple) {
  FramePtr frame = NewFrame(env);
  for (const Entry& e : tuple.ObjectEntries()) Bind(frame, e.first, e.second);
  return frame;
}

Value Evaluator::EvalPath(const PathNode& node, const Value& input, const FramePtr& env) {
  // A path maps its first step over the input array, or over the input
  // as a single item (without building a one-item sequence for it).
  StepInput inputs;
  if (input.IsArray() && node.steps[0]->type != NodeType::kVariable) {
    inputs.Hold(input);
  } else {
    inputs.Single(&input);
  }
  Value result;
  Value tuples;
  bool tuple_stream = false;
  const size_t n = node.steps.size();
  for (size_t i = 0; i < n; ++i) {
    const Node& step = *node.steps[i];
    if (step.tuple) tuple_stream = true;
    if (i == 0 && step.cons_array) {
      result = Eval(step, inputs.AsValue(), env);
    } else if (tuple_stream) {
      tuples = EvalTupleStep(step, inputs, tuples, env);
    } else {
      result = EvalStep(step, inputs, env, i == n - 1);
    }
    if (!tuple_stream && (result.IsUndefined() || (result.IsArray() && result.Size() == 0))) break;
    if (!step.has_focus()) inputs.Hold(result);
  }
  if (tuple_stream) {
    if (node.tuple) {
      result = tuples;
    } else {
      Items focus;
      for (const Value& t : tuples.ArrayItems()) focus.push_back(t.Get(kFocus));
      result = Value::Sequence(std::move(focus));
    }
  }
  if (node.keep_singleton_array && result.IsDefined()) {
    if (result.IsArray() && result.Has(Value::kCons) && !result.Has(Value::kSequence))
      result = Value::Sequence({result});
    if (result.IsArray()) result.Set(Value::kKeepSingleton);
  }
  if (node.group) result = EvalGroup(*node.group, tuple_stream ? tuples : result, env);
  return result;
}

Value Evaluator::EvalStep(const Node& step, const StepInput& input, const FramePtr& env,
                          bool last) {
  if (step.type == NodeType::kSort) {
    Value sorted = EvalSort(static_cast<const SortNode&>(step), input.AsValue(), env);
    if (!step.stages.empty()) sorted = EvalStages(step.stages, sorted, env);
    return sorted;
  }
  // Results are flattened one level as they come; a lone array result of
  // the last step is kept as it is.
  Items flat;
  Value only_result;
  size_t count = 0;
  for (const Value& item : input) {
    Value res = Eval(step, item, env);
    for (const Stage& stage : step.stages) res = EvalFilter(*stage.expr, res, env);
    if (res.IsUndefined()) continue;
    if (++count == 1) only_result = res;
    if (!res.IsArray() || res.Has(Value::kCons)) {
      flat.push_back(std::move(res));
    } else {
      for (const Value& v : res.ArrayItems()) flat.push_back(v);
    }
  }
  if (last && count == 1 && only_result.IsArray() && !only_result.IsSequence()) return only_result;
  CheckSequenceSize(flat.size());
  return Value::Sequence(std::move(flat));
}

Value Evaluator::EvalStages(const std::vector<Stage>& stages, Value input, const FramePtr& env) {
  for (const Stage& stage : stages) {
    if (!stage.is_index) {
      input = EvalFilter(*stage.expr, input, env);
      continue;
    }
    const Items& items = input.ArrayItems();
    for (size_t i = 0; i < items.size(); ++i)
      MutableSet(items[i], stage.variable, Value::Number(static_cast<double>(i)));
  }
  return input;
}

Value Evaluator::EvalTupleStep(const Node& step, const StepInput& input, const Value& tuples,
                               const FramePtr& env) {
  if (step.type == NodeType::kSort) {
    const auto& sort = static_cast<const SortNode&>(step);
    Value result;
    if (tuples.IsDefined()) {
      result = EvalSort(sort, tuples, env);
    } else {
      Value sorted = EvalSort(sort, input.AsValue(), env);
      Items out;
      const Items& items = sorted.ArrayItems();
      for (size_t i = 0; i < items.size(); ++i) {
        Entries t{{kFocus, items[i]}};
        t.emplace_back(step.index.empty() ? "undefined" : step.index,
                       Value::Number(static_cast<double>(i)));
        out.push_back(Tuple(std::move(t)));
      }
      result = TupleStream(std::move(out));
    }
    if (!step.stages.empty()) result = EvalStages(step.stages, result, env);
    return result;
  }
  Items bindings;
  if (tuples.IsUndefined()) {
    for (const Value& item : input) bindings.push_back(Tuple({{kFocus, item}}));
  } else {
    bindings = tuples.ArrayItems();
  }
  Items out;
  for (const Value& tuple : bindings) {
    FramePtr step_env = FrameFromTuple(env, tuple);
    Value focus = tuple.Get(kFocus);
    Value res = Eval(step, focus, step_env);
    if (res.IsUndefined()) continue;
    Value seq = AsSequence(res);
    const Items& items = seq.ArrayItems();
    for (size_t b = 0; b < items.size(); ++b) {
      Entries t = tuple.ObjectEntries();
      auto set = [&t](const std::string& key, const Value& v) {
        for (Entry& e : t) {
          if (e.first == key) {
            e.second = v;
            return;
          }
        }
        t.emplace_back(key, v);
      };
      if (res.Has(Value::kTupleStream)) {
        for (const Entry& e : items[b].ObjectEntries()) set(e.first, e.second);
      } else {
        if (step.has_focus()) {
          set(step.focus, items[b]);
          set(kFocus, focus);
        } else {
          set(kFocus, items[b]);
        }
        if (!step.index.empty()) set(step.index, Value::Number(static_cast<double>(b)));
        if (step.ancestor) set(step.ancestor->label, focus);
      }
      out.push_back(Tuple(std::move(t)));
    }
  }
  CheckSequenceSize(out.size());
  Value result = TupleStream(std::move(out));
  if (!step.stages.empty()) result = EvalStages(step.stages, result, env);
  return result;
}

Value Evaluator::EvalFilter(const Node& predicate, const Value& input_value, const FramePtr& env) {
  const bool tuples = input_value.Has(Value::kTupleStream);
  Value input = AsSequence(input_value);
  const Items& items = input.ArrayItems();
  Items results;
  if (predicate.type == NodeType::kNumber) {
    double index = std::floor(static_cast<const LeafNode&>(predicate).value.AsNumber());
    if (index < 0) index += static_cast<double>(items.size());
    if (index >= 0 && index < static_cast<double>(items.size())) {
      const Value& item = items[static_cast<size_t>(index)];
      if (item.IsArray()) return item;
      if (item.IsDefined()) results.push_back(item);
    }
  } else {
    for (size_t i = 0; i < items.size(); ++i) {
      const Value& item = items[i];
      Value context = item;
      FramePtr frame = env;
      if (tuples) {
        context = item.Get(kFocus);
        frame = FrameFromTuple(env, item);
      }
      Value res = Eval(predicate, context, frame);
      if (res.IsNumber()) res = Value::Array({res});
      if (IsArrayOfNumbers(res)) {
        for (const Value& r : res.ArrayItems()) {
          if (!std::isfinite(r.AsNumber())) ThrowValue("D1001", r);
          double ii = std::floor(r.AsNumber());
          if (ii < 0) ii += static_cast<double>(items.size());
          if (ii == static_cast<double>(i)) results.push_back(item);
        }
      } else if (IsTruthy(res)) {
        results.push_back(item);
      }
    }
  }
  Value out = Value::Sequence(std::move(results));
  if (tuples) out.Set(Value::kTupleStream);
  return out;
}

namespace {

// jsonata-js reduceTupleStream: merges the tuples of one group.
Entries ReduceTuples(Evaluator& ev, const Value& data) {
  if (!data.IsArray()) return data.ObjectEntries();
  const Items& tuples = data.ArrayItems();
  if (tuples.empty()) return {};
  Entries result = tuples[0].ObjectEntries();
  for (size_t i = 1; i < tuples.size(); ++i) {
    for (const Entry& e : tuples[i].ObjectEntries()) {
      bool found = false;
      for (Entry& r : result) {
        if (r.first == e.first) {
          r.second = Append(ev, r.second, e.second);
          found = true;
          break;
        }
      }
      if (!found) result.emplace_back(e.first, e.second);
    }
  }
  return result;
}

}  // namespace

// The object of a grouping: each key's value expression evaluated over
// the items grouped under it.
Value Evaluator::GroupValues(const GroupSpec& spec, std::vector<GroupEntry>& groups, bool reduce,
                             const FramePtr& env) {
  Entries out;
  out.reserve(groups.size());
  for (GroupEntry& g : groups) {
    Value context = g.data;
    FramePtr frame = env;
    if (reduce) {
      Entries tuple = ReduceTuples(*this, g.data);
      Entries rest;
      for (Entry& e : tuple) {
        if (e.first == kFocus) {
          context = e.second;
        } else {
          rest.push_back(std::move(e));
        }
      }
      frame = FrameFromTuple(env, Value::Object(std::move(rest)));
    }
    Value v = Eval(*spec.pairs[g.expr_index].second, context, frame);
    if (v.IsDefined()) out.emplace_back(std::move(g.key), std::move(v));
  }
  return Value::Object(std::move(out));
}

Value Evaluator::EvalGroup(const GroupSpec& spec, const Value& input, const FramePtr& env) {
  const bool reduce = input.Has(Value::kTupleStream);
  // Over an empty input the keys are evaluated once, against undefined.
  static const Value* kNothing = new Value();
  const Value* begin = input.IsArray() ? input.ArrayItems().data() : &input;
  const Value* end = input.IsArray() ? begin + input.Size() : begin + 1;
  if (begin == end && !reduce) end = (begin = kNothing) + 1;
  std::vector<GroupEntry> groups;
  std::unordered_map<std::string, size_t> index;  // used once there are many keys
  auto find = [&](const std::string& key) -> GroupEntry* {
    if (groups.size() < 16) {
      for (GroupEntry& g : groups)
        if (g.key == key) return &g;
      return nullptr;
    }
    if (index.empty())
      for (size_t i = 0; i < groups.size(); ++i) index.emplace(groups[i].key, i);
    auto it = index.find(key);
    return it == index.end() ? nullptr : &groups[it->second];
  };
  for (const Value* item = begin; item != end; ++item) {
    FramePtr frame = reduce ? FrameFromTuple(env, *item) : env;
    Value context = reduce ? item->Get(kFocus) : *item;
    for (size_t p = 0; p < spec.pairs.size(); ++p) {
      Value key = Eval(*spec.pairs[p].first, context, frame);
      if (key.IsUndefined()) continue;
      if (!key.IsString()) ThrowValue("T1003", key, spec.position);
      GroupEntry* g = find(key.AsString());
      if (!g) {
        if (!index.empty()) index.emplace(key.AsString(), groups.size());
        groups.push_back({key.AsString(), *item, p});
        continue;
      }
      if (g->expr_index != p) ThrowValue("D1009", key, spec.position);
      g->data = Append(*this, g->data, *item);
    }
  }
  return GroupValues(spec, groups, reduce, env);
}

namespace {

// Compares items by their precomputed order-by keys, with jsonata-js's
// rules: undefined sorts last, and keys must be all numbers or all strings.
class SortKeys {
 public:
  SortKeys(const SortNode& node, std::vector<Value> keys) : node_(node), keys_(std::move(keys)) {}

  // True when item b must come before item a.
  bool Swap(size_t a, size_t b) const {
    const size_t terms = node_.terms.size();
    int comp = 0;
    for (size_t t = 0; comp == 0 && t < terms; ++t) {
      const Value& aa = keys_[a * terms + t];
      const Value& bb = keys_[b * terms + t];
      if (aa.IsUndefined() || bb.IsUndefined()) {
        comp = aa.IsUndefined() ? (bb.IsUndefined() ? 0 : 1) : -1;
        continue;  // not reversed by a descending term
      }
      comp = Compare(aa, bb);
      if (node_.terms[t].descending) comp = -comp;
    }
    return comp == 1;
  }

 private:
  int Compare(const Value& aa, const Value& bb) const {
    auto sortable = [](const Value& v) { return v.IsString() || v.IsNumber(); };
    if (!sortable(aa) || !sortable(bb)) ThrowValue("T2008", sortable(aa) ? bb : aa, node_.position);
    if (aa.kind() != bb.kind()) {
      Error e;
      e.code = "T2007";
      e.position = node_.position;
      e.value = aa;
      e.value2 = bb;
      e.has_value = true;
      Throw(std::move(e));
    }
    if (aa.IsNumber())
      return aa.AsNumber() < bb.AsNumber() ? -1 : aa.AsNumber() > bb.AsNumber() ? 1 : 0;
    int r = aa.AsString().compare(bb.AsString());
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  }

  const SortNode& node_;
  std::vector<Value> keys_;
};

}  // namespace

Value Evaluator::EvalSort(const SortNode& node, const Value& input, const FramePtr& env) {
  const Items& items = input.ArrayItems();
  if (items.size() <= 1) return input;
  const bool tuples = input.Has(Value::kTupleStream);
  // Evaluate every sort key once, up front.
  const size_t terms = node.terms.size();
  std::vector<Value> keys(items.size() * terms);
  for (size_t i = 0; i < items.size(); ++i) {
    Value context = tuples ? items[i].Get(kFocus) : items[i];
    FramePtr frame = tuples ? FrameFromTuple(env, items[i]) : env;
    for (size_t t = 0; t < terms; ++t)
      keys[i * terms + t] = Eval(*node.terms[t].expr, context, frame);
  }
  SortKeys sort_keys(node, std::move(keys));
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  MergeSortIndexes(&order, [&](size_t a, size_t b) { return sort_keys.Swap(a, b); });
  Items out;
  out.reserve(items.size());
  for (size_t i : order) out.push_back(items[i]);
  return Value::Array(std::move(out), tuples ? Value::kTupleStream : 0);
}

}  // namespace sfn::asl::jsonata
