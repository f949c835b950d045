// emulator/engine/deferred_work.cc
#include "emulator/engine/deferred_work.h"

#include <utility>

namespace sfn::emulator {
namespace {

thread_local DeferredWork* current_scope = nullptr;

}  // namespace

DeferredWork::DeferredWork() : outer_(current_scope) { current_scope = this; }

DeferredWork::~DeferredWork() {
  RunAll();
  current_scope = outer_;
}

void DeferredWork::RunAll() {
  // Index, not iterators: work may add more work while it runs.
  for (size_t i = 0; i < pending_.size(); ++i) {
    std::function<void()> work = std::move(pending_[i]);
    work();
  }
  pending_.clear();
}

bool DeferredWork::Defer(std::function<void()> work) {
  if (current_scope == nullptr) return false;
  current_scope->pending_.push_back(std::move(work));
  return true;
}

}  // namespace sfn::emulator
