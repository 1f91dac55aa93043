#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "store/directory.hpp"
#include "store/file_names.hpp"

namespace crux::store {
namespace {

[[noreturn]] void unavailable(const std::string& action, const std::string& path, int error) {
  raise(Code::StorageUnavailable, {"cannot ", action, " ", path, ": ", std::strerror(error)});
}

/// Closes the descriptor when it goes out of scope.
class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  /// Closes now, reporting a failure (a late write error can surface here).
  void close(const std::string& path) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) unavailable("close", path, errno);
  }

 private:
  int fd_;
};

int open_file(const std::string& path, int flags, const std::string& action) {
  for (;;) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    if (errno != EINTR) unavailable(action, path, errno);
  }
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      unavailable("write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
}

void sync_file(int fd, const std::string& path) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) unavailable("sync", path, errno);
  }
}

/// Makes a rename or a new file durable; some platforms cannot sync a directory, hence best effort.
void sync_directory_best_effort(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

bool is_directory(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

/// mkdir -p.
void make_directories(const std::string& path) {
  for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST &&
        !is_directory(prefix)) {
      unavailable("create directory", prefix, errno);
    }
    if (slash == std::string::npos) break;
  }
  if (!is_directory(path)) unavailable("use directory", path, ENOTDIR);
}

}  // namespace

FileDirectory::FileDirectory(std::string path) : path_(std::move(path)) {
  while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
  if (path_.empty()) raise(Code::StorageUnavailable, {"the storage directory path is empty"});
  make_directories(path_);
}

std::vector<std::string> FileDirectory::list() {
  DIR* dir = ::opendir(path_.c_str());
  if (dir == nullptr) unavailable("list", path_, errno);
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
    errno = 0;
  }
  const int error = errno;
  ::closedir(dir);
  if (error != 0) unavailable("list", path_, error);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> FileDirectory::read(const std::string& name) {
  const std::string path = path_ + "/" + name;
  int fd;
  while ((fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC)) < 0) {
    if (errno == ENOENT) return std::nullopt;
    if (errno != EINTR) unavailable("open", path, errno);
  }
  FileHandle file(fd);
  std::string bytes;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_size > 0) bytes.reserve(static_cast<size_t>(info.st_size));
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      unavailable("read", path, errno);
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<size_t>(got));
  }
  return bytes;
}

void FileDirectory::append(const std::string& name, std::string_view bytes) {
  const std::string path = path_ + "/" + name;
  bool created = false;
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    fd = open_file(path, O_WRONLY | O_APPEND | O_CREAT, "create");
    created = true;
  } else if (fd < 0) {
    fd = open_file(path, O_WRONLY | O_APPEND, "open");
  }
  FileHandle file(fd);
  write_all(fd, bytes, path);
  sync_file(fd, path);
  file.close(path);
  if (created) sync_directory_best_effort(path_);
}

void FileDirectory::replace(const std::string& name, std::string_view bytes) {
  const std::string path = path_ + "/" + name;
  const std::string temp = path_ + "/" + temp_file_name(name);
  try {
    FileHandle file(open_file(temp, O_WRONLY | O_CREAT | O_TRUNC, "create"));
    write_all(file.get(), bytes, temp);
    sync_file(file.get(), temp);
    file.close(temp);
    if (::rename(temp.c_str(), path.c_str()) != 0) unavailable("rename " + temp + " to", path, errno);
  } catch (const Error&) {
    ::unlink(temp.c_str());
    throw;
  }
  sync_directory_best_effort(path_);
}

void FileDirectory::truncate(const std::string& name, size_t size) {
  const std::string path = path_ + "/" + name;
  FileHandle file(open_file(path, O_WRONLY, "open"));
  while (::ftruncate(file.get(), static_cast<off_t>(size)) != 0) {
    if (errno != EINTR) unavailable("truncate", path, errno);
  }
  sync_file(file.get(), path);
  file.close(path);
}

void FileDirectory::remove(const std::string& name) {
  const std::string path = path_ + "/" + name;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) unavailable("remove", path, errno);
}

}  // namespace crux::store
