#pragma once
// A file that a writer thread writes: the script only appends to a memory
// buffer, so a slow disk never blocks the event loop. lual's "libuv"
// async backend writes its files through these.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace plua::stdlib {

class FileSink {
 public:
  FileSink() = default;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  ~FileSink();

  // Opens (mode "a" or "w") and starts the writer. False + errno on failure.
  bool open(const std::string& path, bool append);
  // Queues bytes for the writer; false if memory ran out.
  bool write(const char* data, std::size_t size) noexcept;
  // Waits until everything queued is on disk (at rotation and exit).
  void flush();
  void close();
  bool is_open() const { return fd_ >= 0; }
  // Bytes in the file, counting what is still queued.
  std::size_t size() const { return size_; }
  // Failed writes so far (reported to lual's backend_errors).
  std::size_t errors() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::string pending_;  // filled by the loop thread
  std::thread writer_;
  int fd_ = -1;
  std::size_t size_ = 0;
  std::size_t errors_ = 0;
  bool busy_ = false;
  bool stopping_ = false;
};

}  // namespace plua::stdlib
