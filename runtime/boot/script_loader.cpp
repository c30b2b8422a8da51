#include "boot/script_loader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <lua.hpp>

namespace plua::runtime {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const noexcept {
    if (f != stdin) std::fclose(f);
  }
};

}  // namespace

void strip_script_prefixes(std::string& text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!text.empty() && text[0] == '#') {
    // Keep the newline so that line numbers stay those of the file.
    const std::size_t eol = text.find('\n');
    // A binary chunk after the first line (lua.c's skipcomment) loses the
    // newline too, so that it is still seen as binary.
    const bool binary = eol != std::string::npos && eol + 1 < text.size() && text[eol + 1] == LUA_SIGNATURE[0];
    text.erase(0, eol == std::string::npos ? text.size() : eol + (binary ? 1 : 0));
  }
}

std::optional<Chunk> read_script(const std::string& path, std::string& error) {
  const bool from_stdin = path == "-";
  std::unique_ptr<std::FILE, FileCloser> file(from_stdin ? stdin : std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = fmt::format("cannot open {}: {}", path, std::strerror(errno));
    return std::nullopt;
  }
  Chunk chunk{Chunk::Kind::Script, from_stdin ? "=stdin" : "@" + path, {}};
  char buffer[65536];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    chunk.text.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {
    error = fmt::format("cannot read {}: {}", from_stdin ? "stdin" : path, std::strerror(errno));
    return std::nullopt;
  }
  strip_script_prefixes(chunk.text);
  return chunk;
}

namespace {

Chunk read_or_error(const std::string& path, Chunk::Kind kind) {
  std::string error;
  auto chunk = read_script(path, error);
  if (!chunk) return Chunk{kind, path == "-" ? "=stdin" : "@" + path, {}, std::move(error)};
  chunk->kind = kind;
  return std::move(*chunk);
}

}  // namespace

void collect_chunks(const Options& options, std::vector<Chunk>& chunks) {
  const char* init_name = "LUA_INIT_5_4";
  const char* init = options.ignore_env ? nullptr : std::getenv(init_name);
  if (init == nullptr && !options.ignore_env) {
    init_name = "LUA_INIT";
    init = std::getenv(init_name);
  }
  if (init != nullptr) {
    if (init[0] == '@') {
      chunks.push_back(read_or_error(init + 1, Chunk::Kind::Init));
    } else {
      chunks.push_back(Chunk{Chunk::Kind::Init, fmt::format("={}", init_name), init});
    }
  }
  for (const PreludeStep& step : options.prelude) {
    if (step.kind == PreludeStep::Kind::Exec) {
      chunks.push_back(Chunk{Chunk::Kind::Exec, "=(command line)", step.text});
    } else {
      chunks.push_back(Chunk{Chunk::Kind::Require, step.text, step.global.empty() ? step.text : step.global});
    }
  }
  if (options.script) chunks.push_back(read_or_error(*options.script, Chunk::Kind::Script));
}

}  // namespace plua::runtime
