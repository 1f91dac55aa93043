#pragma once
#include <cstdint>
#include <stdexcept>

namespace crux::schema {

/// The work one validation may do. Every subschema applied and every step of a pattern match
/// spends from it, so that any payload against any accepted schema finishes in bounded time.
class Budget {
 public:
  explicit Budget(std::uint64_t steps) : left_(steps) {}
  /// Spends `steps`; throws BudgetExhausted once there is not enough left.
  void spend(std::uint64_t steps = 1);
  std::uint64_t left() const { return left_; }

 private:
  std::uint64_t left_;
};

/// Thrown by Budget::spend: the validation stops and the payload is refused as too costly to check.
class BudgetExhausted : public std::runtime_error {
 public:
  BudgetExhausted() : std::runtime_error("the validation ran out of its work budget") {}
};

inline void Budget::spend(std::uint64_t steps) {
  if (steps > left_) {
    left_ = 0;
    throw BudgetExhausted();
  }
  left_ -= steps;
}

}  // namespace crux::schema
