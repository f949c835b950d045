// asl/definition/parse_map.cc
//
// Map states: the item processor (ItemProcessor with ProcessorConfig, or
// the legacy Iterator), the items (ItemsPath / JSONata Items), ItemSelector
// (or legacy Parameters), concurrency and tolerated-failure fields, the
// Distributed Map Label; ItemReader/ItemBatcher/ResultWriter are read by
// parse_distributed.cc.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

// Splits UTF-8 into code points (an invalid byte stands for itself).
std::vector<uint32_t> CodePoints(const std::string& s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Python's "unicode-escape" of one character, which AWS's Label message uses.
std::string UnicodeEscape(uint32_t cp) {
  switch (cp) {
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\\':
      return "\\\\";
  }
  if (cp < 0x20 || (cp >= 0x7F && cp < 0x100)) {
    char buf[8];
    snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned>(cp));
    return buf;
  }
  return std::string(1, static_cast<char>(cp));  // only ASCII reaches here
}

// The first problem of a Distributed Map Label, or "" when it is valid.
// Invalid characters are tried in AWS's order, not the label's.
std::string LabelProblem(const std::string& label) {
  std::vector<uint32_t> cps = CodePoints(label);
  if (cps.empty()) return "Label cannot be empty";
  if (cps.size() > 40) return "Label cannot exceed 40 characters";
  std::vector<uint32_t> invalid;
  for (char c : std::string_view(" ?*<>{}[]:;,\\|^~$#%&`\"")) invalid.push_back(c);
  for (uint32_t c = 0x00; c < 0x20; ++c) invalid.push_back(c);
  for (uint32_t c = 0x7F; c < 0xA0; ++c) invalid.push_back(c);
  for (uint32_t c : invalid) {
    for (uint32_t cp : cps) {
      if (cp == c) return "Label contains invalid character: '" + UnicodeEscape(c) + "'";
    }
  }
  return "";
}

void ReadLabel(StateContext& ctx, MapState* state) {
  const Json* label = ctx.Field("Label");
  if (!label) return;
  if (!label->is_string()) return TypeError(ctx, "Label", "String");
  std::string problem = LabelProblem(label->AsString());
  if (!problem.empty()) {
    ctx.b.ValueError(problem);
    ctx.Error("Label", problem);
    return;
  }
  state->label = label->AsString();
}

bool OneOf(StateContext& ctx, const Json* value, std::string_view field,
           const FieldNames& allowed) {
  if (value->is_string()) {
    for (std::string_view a : allowed) {
      if (a == value->AsString()) return true;
    }
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  ctx.Error(field, "Value should be one of the following: [" + list + "]");
  return false;
}

void ReadProcessorConfig(StateContext& processor, MapState* state) {
  const Json* config = processor.Field("ProcessorConfig");
  if (!config) return;
  if (!config->is_object()) return TypeError(processor, "ProcessorConfig", "Object");
  StateContext cfg = SubContext(processor, *config, processor.At("ProcessorConfig"));
  CheckObjectFields(cfg, {"Mode", "ExecutionType"}, {}, {});
  const Json* mode = cfg.Field("Mode");
  if (mode && OneOf(cfg, mode, "Mode", {"INLINE", "DISTRIBUTED"})) {
    state->distributed = mode->AsString() == "DISTRIBUTED";
  }
  const Json* type = cfg.Field("ExecutionType");
  if (type && !state->distributed) {
    cfg.ErrorHere("Field 'ExecutionType' is not supported");
  } else if (type && OneOf(cfg, type, "ExecutionType", {"STANDARD", "EXPRESS"})) {
    state->execution_type = type->AsString();
  } else if (!type && state->distributed) {
    cfg.ErrorHere("These fields are required: [ExecutionType]");
  }
}

void ReadProcessor(StateContext& ctx, MapState* state) {
  const Json* processor = ctx.Field("ItemProcessor");
  const Json* iterator = ctx.Field("Iterator");
  if (processor && iterator) {
    return ctx.ErrorHere(
        "There should only be one of the following fields: [ItemProcessor, "
        "Iterator]");
  }
  if (!processor && !iterator) {
    return ctx.ErrorHere(
        "This object should have only one of the following fields: "
        "[ItemProcessor, Iterator]");
  }
  const char* field = processor ? "ItemProcessor" : "Iterator";
  const Json& obj = processor ? *processor : *iterator;
  if (!obj.is_object()) return TypeError(ctx, field, "Object");
  state->legacy_iterator = !processor;
  StateContext sub = SubContext(ctx, obj, ctx.At(field));
  ReadProcessorConfig(sub, state);
  state->processor =
      BuildProgram(ctx.b, obj, ctx.At(field), ctx.b.top_level_ql(), {"Comment", "ProcessorConfig"});
}

void ReadItems(StateContext& ctx, MapState* state) {
  state->items_path = ReadPath(ctx, "ItemsPath", PathRule::kReference);
  const Json* items = ctx.Field("Items");
  if (!items) return;
  if (!items->is_array() && !IsJsonataExpression(*items)) {
    return TypeError(ctx, "Items", "Array");
  }
  state->items = ReadTemplate(ctx, "Items");
}

void ReadItemSelector(StateContext& ctx, MapState* state) {
  bool selector = ctx.Has("ItemSelector");
  bool parameters = ctx.Has("Parameters");
  if (selector && parameters) {
    return ctx.ErrorHere(
        "There should only be one of the following fields: [ItemSelector, Parameters]");
  }
  state->item_selector = ReadTemplate(ctx, selector ? "ItemSelector" : "Parameters");
}

}  // namespace

std::unique_ptr<State> BuildMap(StateContext& ctx) {
  auto state = std::make_unique<MapState>();
  ReadCommonFields(ctx, state.get(), true);
  ReadProcessor(ctx, state.get());
  ReadItems(ctx, state.get());
  ReadItemSelector(ctx, state.get());
  state->max_concurrency =
      ReadDynamicNumber(ctx, "MaxConcurrency", NumberKind::kInteger, 0, std::nullopt);
  state->tolerated_failure_count =
      ReadDynamicNumber(ctx, "ToleratedFailureCount", NumberKind::kInteger, 0, std::nullopt);
  state->tolerated_failure_percentage =
      ReadDynamicNumber(ctx, "ToleratedFailurePercentage", NumberKind::kNumber, 0, 100);
  ReadLabel(ctx, state.get());
  ReadDistributedFields(ctx, state.get());
  state->result_selector = ReadTemplate(ctx, "ResultSelector");
  state->result_path = ReadPath(ctx, "ResultPath", PathRule::kResultPath);
  state->retry = ReadRetry(ctx);
  state->catch_ = ReadCatch(ctx);
  return state;
}

}  // namespace sfn::asl::internal
