#include "boot/script_loader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

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
    text.erase(0, eol == std::string::npos ? text.size() : eol);
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

bool collect_chunks(const Options& options, std::vector<Chunk>& chunks, std::string& error) {
  const char* init_name = "LUA_INIT_5_4";
  const char* init = std::getenv(init_name);
  if (init == nullptr) {
    init_name = "LUA_INIT";
    init = std::getenv(init_name);
  }
  if (init != nullptr) {
    if (init[0] == '@') {
      auto chunk = read_script(init + 1, error);
      if (!chunk) return false;
      chunk->kind = Chunk::Kind::Init;
      chunks.push_back(std::move(*chunk));
    } else {
      chunks.push_back(Chunk{Chunk::Kind::Init, fmt::format("={}", init_name), init});
    }
  }
  for (const PreludeStep& step : options.prelude) {
    if (step.kind == PreludeStep::Kind::Exec) {
      chunks.push_back(Chunk{Chunk::Kind::Exec, "=(command line)", step.text});
    } else {
      chunks.push_back(Chunk{Chunk::Kind::Require, step.text, {}});
    }
  }
  std::optional<std::string> script = options.script;
  if (!script && options.prelude.empty() && !options.interactive) script = "-";
  if (script) {
    auto chunk = read_script(*script, error);
    if (!chunk) return false;
    chunks.push_back(std::move(*chunk));
  }
  return true;
}

}  // namespace plua::runtime
