#include "lual/native_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace plua::stdlib {

FileSink::~FileSink() { close(); }

bool FileSink::open(const std::string& path, bool append) {
  close();
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  fd_ = ::open(path.c_str(), flags, 0644);
  if (fd_ < 0) return false;
  struct stat st {};
  size_ = ::fstat(fd_, &st) == 0 ? static_cast<std::size_t>(st.st_size) : 0;
  stopping_ = false;
  writer_ = std::thread(&FileSink::run, this);
  return true;
}

bool FileSink::write(const char* data, std::size_t size) noexcept {
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.append(data, size);
  } catch (...) {
    return false;
  }
  size_ += size;
  wake_.notify_one();
  return true;
}

void FileSink::flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  drained_.wait(lock, [this] { return (pending_.empty() && !busy_) || !writer_.joinable(); });
}

void FileSink::close() {
  if (writer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();  // the writer drains the buffer before it stops
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::size_t FileSink::errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return errors_;
}

void FileSink::run() {
  std::string chunk;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return !pending_.empty() || stopping_; });
    if (pending_.empty()) break;  // stopping, nothing left
    chunk.swap(pending_);
    busy_ = true;
    lock.unlock();
    std::size_t done = 0;
    bool failed = false;
    while (done < chunk.size()) {
      const ssize_t n = ::write(fd_, chunk.data() + done, chunk.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed = true;
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    chunk.clear();
    lock.lock();
    if (failed) ++errors_;
    busy_ = false;
    if (pending_.empty()) drained_.notify_all();
  }
  busy_ = false;
  drained_.notify_all();
}

}  // namespace plua::stdlib
