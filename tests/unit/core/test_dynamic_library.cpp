#include <catch2/catch.hpp>

#include <string>

#include "sys/dynamic_library.hpp"

using plua::runtime::DynamicLibrary;

TEST_CASE("dynamic library: a present library binds its functions") {
  DynamicLibrary libm;
  std::string error;
  REQUIRE(libm.open("libm.so.6", error));
  double (*cosine)(double) = nullptr;
  REQUIRE(libm.bind("cos", cosine));
  REQUIRE(cosine(0.0) == 1.0);
  int (*missing)() = nullptr;
  REQUIRE_FALSE(libm.bind("plua_no_such_function", missing));
  REQUIRE(DynamicLibrary::missing().find("plua_no_such_function") != std::string::npos);
}

TEST_CASE("dynamic library: a missing library is an error with the loader's message") {
  DynamicLibrary none;
  std::string error;
  REQUIRE_FALSE(none.open("libplua-does-not-exist.so.9", error));
  REQUIRE(error.find("libplua-does-not-exist.so.9") != std::string::npos);
  DynamicLibrary moved = std::move(none);  // an empty owner moves and closes nothing
}
