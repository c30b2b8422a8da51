#pragma once
// Runs a script through the Runtime's C++ API and returns the global
// `trace` (a string the script builds) and the exit code: how unit tests
// observe the order in which things ran.

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "runtime.hpp"

namespace plua::test {

struct Result {
  int exit_code;
  std::string trace;
};

inline Result run_script(const std::string& code, runtime::Extensions extensions = {}) {
  char path[] = "/tmp/plua-unit-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << code << "\nio.open(os.getenv('PLUA_UNIT_OUT'), 'w'):write(trace):close()\n";
  const std::string out = std::string(path) + ".out";
  setenv("PLUA_UNIT_OUT", out.c_str(), 1);
  runtime::Options options;
  options.script = path;
  options.argv = {"plua", path};
  options.script_index = 1;
  Result result{};
  {
    runtime::Runtime runtime(std::move(options), std::move(extensions));
    result.exit_code = runtime.run();
  }
  std::ifstream in(out);
  std::getline(in, result.trace, '\0');
  std::remove(path);
  std::remove(out.c_str());
  return result;
}

}  // namespace plua::test
