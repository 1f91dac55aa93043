#pragma once
#include <map>
#include <string>

#include "store/directory.hpp"

namespace crux::store {

/// A directory kept in memory: the in-memory backend, and a directory tests can damage.
class MemoryDirectory : public Directory {
 public:
  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void append(const std::string& name, std::string_view bytes) override;
  void replace(const std::string& name, std::string_view bytes) override;
  /// Shortens (or zero-extends) a file; a missing file is Error(StorageUnavailable).
  void truncate(const std::string& name, size_t size) override;
  void remove(const std::string& name) override;

  /// The files by name, for inspection and deliberate damage.
  std::map<std::string, std::string>& files() { return files_; }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace crux::store
