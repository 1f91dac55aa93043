#include "store/memory_directory.hpp"

#include "core/error.hpp"

namespace crux::store {

std::vector<std::string> MemoryDirectory::list() {
  std::vector<std::string> names;
  names.reserve(files_.size());
  for (const auto& entry : files_) names.push_back(entry.first);
  return names;
}

std::optional<std::string> MemoryDirectory::read(const std::string& name) {
  auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

void MemoryDirectory::append(const std::string& name, std::string_view bytes) {
  files_[name].append(bytes);
}

void MemoryDirectory::replace(const std::string& name, std::string_view bytes) {
  files_[name] = std::string(bytes);
}

void MemoryDirectory::truncate(const std::string& name, size_t size) {
  auto it = files_.find(name);
  if (it == files_.end()) {
    raise(Code::StorageUnavailable, {"cannot truncate ", name, ": no such file"});
  }
  it->second.resize(size);
}

void MemoryDirectory::remove(const std::string& name) { files_.erase(name); }

}  // namespace crux::store
