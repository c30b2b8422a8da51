#pragma once
// Reading what plua runs: script files, stdin, LUA_INIT, -e fragments and
// -l modules, in the order lua5.4 runs them. Text only; Lua is not touched
// here, so a bad file is reported before anything runs.

#include <optional>
#include <string>
#include <vector>

#include "options.hpp"

namespace plua::runtime {

struct Chunk {
  enum class Kind { Init, Exec, Require, Script };
  Kind kind;
  std::string chunkname;  // "@path", "=stdin", "=(command line)"; the module name for Require
  std::string text;       // the source; for Require the global the module goes into
  // Set when the file could not be read: reported when the chunk's turn
  // comes, as lua5.4 does, so what comes before it still runs.
  std::string error{};
};

// Drops a UTF-8 BOM and a first line starting with '#' (keeping its
// newline, so line numbers stay those of the file).
void strip_script_prefixes(std::string& text);

// Reads a script ("-" = stdin). A UTF-8 BOM and a first line starting with
// '#' (shebang) are dropped, keeping line numbers. On failure returns
// nullopt and sets `error` like lua5.4: "cannot open x.lua: No such file or directory".
std::optional<Chunk> read_script(const std::string& path, std::string& error);

// Everything to run, in order: LUA_INIT_5_4 / LUA_INIT (not with -E), then
// -e/-l steps as given, then the script if there is one. A file that
// cannot be read becomes a chunk carrying its error.
void collect_chunks(const Options& options, std::vector<Chunk>& chunks);

}  // namespace plua::runtime
