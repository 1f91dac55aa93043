#pragma once
#include <exception>

#include "engine/engine.hpp"

namespace crux {

/// Over a directory, writes what a public call recorded when it returns or throws (a call may
/// record and then refuse, as a signal after a deadline records the timeout).
class Engine::DirectoryWrites {
 public:
  explicit DirectoryWrites(Engine& engine) : engine_(engine), unwinding_(std::uncaught_exceptions()) {}
  ~DirectoryWrites() noexcept(false) {
    if (std::uncaught_exceptions() > unwinding_) {
      try {
        engine_.write_through();
      } catch (...) {
      }
      return;
    }
    engine_.write_through();
  }

 private:
  Engine& engine_;
  int unwinding_;
};

}  // namespace crux
