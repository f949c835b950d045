// asl/interpreter/event_types.cc
#include "asl/interpreter/event_types.h"

#include <cassert>
#include <optional>

#include "asl/definition/definition.h"

namespace sfn::asl {
namespace {

constexpr bool RowsFollowEnumOrder() {
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    if (static_cast<size_t>(kEventTypes[i].type) != i) return false;
  }
  return true;
}
static_assert(RowsFollowEnumOrder(), "kEventTypes rows must be in EventType's order");
static_assert(kEventTypeCount == static_cast<size_t>(EventType::kCount),
              "every EventType needs a row in kEventTypes");

using E = EventType;
constexpr std::nullopt_t kNo = std::nullopt;
constexpr size_t kStateTypes = 8;
constexpr size_t kStateEvents = 6;

// Rows in StateType's order; columns in StateEvent's order (Entered, Exited,
// Started, Succeeded, Failed, Aborted).
constexpr std::optional<EventType> kByState[kStateTypes][kStateEvents] = {
    {E::kTaskStateEntered, E::kTaskStateExited, kNo, kNo, kNo, E::kTaskStateAborted},
    {E::kPassStateEntered, E::kPassStateExited, kNo, kNo, kNo, kNo},
    {E::kChoiceStateEntered, E::kChoiceStateExited, kNo, kNo, kNo, kNo},
    {E::kWaitStateEntered, E::kWaitStateExited, kNo, kNo, kNo, E::kWaitStateAborted},
    {E::kSucceedStateEntered, E::kSucceedStateExited, kNo, kNo, kNo, kNo},
    {E::kFailStateEntered, kNo, kNo, kNo, kNo, kNo},
    {E::kParallelStateEntered, E::kParallelStateExited, E::kParallelStateStarted,
     E::kParallelStateSucceeded, E::kParallelStateFailed, E::kParallelStateAborted},
    {E::kMapStateEntered, E::kMapStateExited, E::kMapStateStarted, E::kMapStateSucceeded,
     E::kMapStateFailed, E::kMapStateAborted},
};
static_assert(static_cast<size_t>(StateType::kMap) + 1 == kStateTypes);
static_assert(static_cast<size_t>(StateEvent::kAborted) + 1 == kStateEvents);

}  // namespace

EventType StateEventType(StateType type, StateEvent event) {
  const std::optional<EventType>& found =
      kByState[static_cast<size_t>(type)][static_cast<size_t>(event)];
  assert(found.has_value());
  return found.value_or(EventType::kExecutionFailed);  // unreachable; defined in release builds
}

}  // namespace sfn::asl
