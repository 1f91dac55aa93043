#include "store/tracked_directory.hpp"

namespace crux::store {

// Each change is noted even when the inner call throws: a half-done write may still have
// touched the file, and copying a file that did not change is harmless.
namespace {
template <typename Call>
void noting(std::map<std::string, bool>& changed, const std::string& name, bool exists, Call&& call) {
  try {
    call();
  } catch (...) {
    changed[name] = exists;
    throw;
  }
  changed[name] = exists;
}
}  // namespace

void TrackedDirectory::append(const std::string& name, std::string_view bytes) {
  noting(changed_, name, true, [&] { inner_.append(name, bytes); });
}

void TrackedDirectory::replace(const std::string& name, std::string_view bytes) {
  noting(changed_, name, true, [&] { inner_.replace(name, bytes); });
}

void TrackedDirectory::truncate(const std::string& name, size_t size) {
  noting(changed_, name, true, [&] { inner_.truncate(name, size); });
}

void TrackedDirectory::remove(const std::string& name) {
  noting(changed_, name, false, [&] { inner_.remove(name); });
}

ChangedFiles TrackedDirectory::take_changes() {
  ChangedFiles files;
  for (const auto& [name, exists] : changed_) (exists ? files.written : files.removed).push_back(name);
  changed_.clear();
  return files;
}

}  // namespace crux::store
