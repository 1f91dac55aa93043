#pragma once
#include <map>
#include <string>
#include <vector>

#include "store/directory.hpp"

namespace crux::store {

/// The files changed since the last take, for a persistence layer that copies exactly those:
/// in the browser each commit writes just these IndexedDB entries instead of reconciling the
/// whole mount, so its cost does not depend on how much the store holds.
struct ChangedFiles {
  std::vector<std::string> written;  ///< created, appended to, replaced or truncated
  std::vector<std::string> removed;
};

/// A Directory that forwards to another and remembers which files changed.
class TrackedDirectory : public Directory {
 public:
  explicit TrackedDirectory(Directory& inner) : inner_(inner) {}

  std::vector<std::string> list() override { return inner_.list(); }
  std::optional<std::string> read(const std::string& name) override { return inner_.read(name); }
  void append(const std::string& name, std::string_view bytes) override;
  void replace(const std::string& name, std::string_view bytes) override;
  void truncate(const std::string& name, size_t size) override;
  void remove(const std::string& name) override;

  /// What changed since the last call, each file once, by its last change.
  ChangedFiles take_changes();

 private:
  Directory& inner_;
  std::map<std::string, bool> changed_;  // name → exists after its last change
};

}  // namespace crux::store
