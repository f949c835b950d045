// asl/interpreter/item_batcher.cc
//
// ItemBatcher: the (selected) items are grouped in order into batches of at
// most MaxItemsPerBatch items and at most MaxInputBytesPerBatch bytes of
// child input (256 KiB, the payload limit, when no byte limit is given);
// each child's input is {"BatchInput": <BatchInput evaluated once>, "Items":
// [...]}, BatchInput only when the state gives one. The limits' ...Path and
// JSONata forms are evaluated when the Map starts; a value that is not an
// integer, or out of range, fails the run with States.Runtime.
#include "asl/core/errors.h"
#include "asl/interpreter/internal.h"

namespace sfn::asl::internal {
namespace {

constexpr int64_t kMaxBatchBytes = 256 * 1024;

AslError OutOfRange(const std::string& message) {
  return AslError{std::string(kStatesRuntime), message};
}

Json BatchInputOf(const Json* batch_input, Json::Array items) {
  Json::Object input;
  if (batch_input != nullptr) input.emplace_back("BatchInput", *batch_input);
  input.emplace_back("Items", Json::MakeArray(std::move(items)));
  return Json::MakeObject(std::move(input));
}

}  // namespace

Result<std::vector<Json>> BatchItems(const MapState& state, const RunState& run,
                                     std::vector<Json> items) {
  if (!state.item_batcher) return items;
  const ItemBatcherSpec& spec = *state.item_batcher;
  EvalContext ctx = MakeEvalContext(run, IsJsonata(run) ? &run.input : &run.effective);
  Result<int64_t> max_items = IntegerValue(spec.max_items_per_batch, ctx, "MaxItemsPerBatch", 0);
  if (!max_items.ok()) return max_items.error();
  Result<int64_t> max_bytes =
      IntegerValue(spec.max_input_bytes_per_batch, ctx, "MaxInputBytesPerBatch", kMaxBatchBytes);
  if (!max_bytes.ok()) return max_bytes.error();
  if (max_items.value() < 0) return OutOfRange("MaxItemsPerBatch cannot be negative.");
  if (max_bytes.value() <= 0 || max_bytes.value() > kMaxBatchBytes) {
    return OutOfRange("MaxInputBytesPerBatch must be between 1 and 262144, got " +
                      std::to_string(max_bytes.value()) + ".");
  }
  Json batch_input;
  if (spec.batch_input) {
    Result<Json> r = spec.batch_input->Evaluate(ctx);
    if (!r.ok()) return r.error();
    batch_input = std::move(r).value();
  }
  const Json* bi = spec.batch_input ? &batch_input : nullptr;
  const size_t base = Dump(BatchInputOf(bi, {})).size();
  std::vector<Json> batches;
  Json::Array current;
  size_t bytes = base;
  for (Json& item : items) {
    const size_t size = Dump(item).size();
    const bool full_items =
        max_items.value() > 0 && static_cast<int64_t>(current.size()) == max_items.value();
    const bool full_bytes = bytes + 1 + size > static_cast<size_t>(max_bytes.value());
    if (!current.empty() && (full_items || full_bytes)) {
      batches.push_back(BatchInputOf(bi, std::move(current)));
      current.clear();
      bytes = base;
    }
    bytes += size + (current.empty() ? 0 : 1);  // the item and its comma
    current.push_back(std::move(item));
  }
  if (!current.empty()) batches.push_back(BatchInputOf(bi, std::move(current)));
  return batches;
}

}  // namespace sfn::asl::internal
