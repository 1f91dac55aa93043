#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crux::store {

/// A flat directory of files: the only I/O the store does. Natively a real directory;
/// in the browser the IDBFS mount (a real directory too, from the engine's point of view).
class Directory {
 public:
  virtual ~Directory() = default;
  /// Names of the files in the directory, sorted.
  virtual std::vector<std::string> list() = 0;
  /// The whole file, or nothing if it does not exist.
  virtual std::optional<std::string> read(const std::string& name) = 0;
  /// Appends bytes to a file, creating it if missing.
  virtual void append(const std::string& name, std::string_view bytes) = 0;
  /// Replaces a file atomically (write aside, then rename over).
  virtual void replace(const std::string& name, std::string_view bytes) = 0;
  /// Shortens a file to `size` bytes.
  virtual void truncate(const std::string& name, size_t size) = 0;
  /// Removes a file; a missing file is not an error.
  virtual void remove(const std::string& name) = 0;
};

/// A real directory on disk (created if missing). Failures are Error(StorageUnavailable).
class FileDirectory : public Directory {
 public:
  explicit FileDirectory(std::string path);
  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void append(const std::string& name, std::string_view bytes) override;
  void replace(const std::string& name, std::string_view bytes) override;
  void truncate(const std::string& name, size_t size) override;
  void remove(const std::string& name) override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace crux::store
