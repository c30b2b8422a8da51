#include <catch2/catch.hpp>

#include <string>

#include "fibaro/boot/headers.hpp"

using plua::stdlib::fibaro::Headers;
using plua::stdlib::fibaro::parse_headers;

namespace {

Headers parse_ok(const std::string& text) {
  Headers h;
  std::string error;
  REQUIRE(parse_headers(text, "qa.lua", h, error));
  REQUIRE(error.empty());
  return h;
}

std::string parse_error(const std::string& text) {
  Headers h;
  std::string error;
  REQUIRE_FALSE(parse_headers(text, "qa.lua", h, error));
  return error;
}

}  // namespace

TEST_CASE("headers: every key with a good value") {
  const auto h = parse_ok(
      "--%%name:My QA\n"
      "--%%type:com.fibaro.multilevelSwitch\n"
      "  --%%id:77   -- the device id\n"
      "--%%var:threshold=42\n"
      "--%%var:label=\"on\"\n"
      "--%%file:lib/util.lua,util\n"
      "--%%file:$mymodule:mod\n"
      "--%%u:{button='b1',text='Press'}\n"
      "--%%offline:true\n"
      "--%%debug:false\n"
      "--%%interfaces:{'power'}\n"
      "--%%state:qa.state\n"
      "--%%time:2026-11-23 23:21:51\n"
      "--%%latitude:59.3\n"
      "--%%longitude:18.0\n"
      "--%%uid:abc\n"
      "--%%manufacturer:ACME\n"
      "--%%model:M1\n"
      "--%%role:Light\n"
      "--%%description:a test device\n"
      "function QuickApp:onInit() end\n");
  REQUIRE(h.lines == 20);
  REQUIRE(*h.name == "My QA");
  REQUIRE(h.type->text == "com.fibaro.multilevelSwitch");
  REQUIRE(h.type->where == "qa.lua:2");
  REQUIRE(*h.id == 77);
  REQUIRE(h.vars.size() == 2);
  REQUIRE(h.vars[0].name == "threshold");
  REQUIRE(h.vars[0].value.text == "42");
  REQUIRE(h.vars[0].value.where == "qa.lua:4");
  REQUIRE(h.vars[1].value.text == "\"on\"");
  REQUIRE(h.files.size() == 2);
  REQUIRE(h.files[0].path == "lib/util.lua");
  REQUIRE(h.files[0].name == "util");
  REQUIRE(h.files[1].path == "$mymodule");
  REQUIRE(h.ui.size() == 1);
  REQUIRE(*h.offline);
  REQUIRE_FALSE(*h.debug);
  REQUIRE(h.interfaces->text == "{'power'}");
  REQUIRE(*h.time == "2026-11-23 23:21:51");
  REQUIRE(*h.latitude == Approx(59.3));
  REQUIRE(*h.description == "a test device");
  REQUIRE(h.warnings.empty());
}

TEST_CASE("headers: legacy '=' form, CRLF, and nothing after --ENDOFHEADERS") {
  const auto h = parse_ok("--%%name=Old Style\r\n--ENDOFHEADERS\n--%%id:notchecked\n");
  REQUIRE(*h.name == "Old Style");
  REQUIRE_FALSE(h.id);
  REQUIRE(h.lines == 1);
}

TEST_CASE("headers: a text value written as a Lua string loses its quotes") {
  const auto h = parse_ok("--%%name=\"Select test\"\n--%%type='com.fibaro.binarySwitch'\n--%%uid:\"a\"b\"\n");
  REQUIRE(*h.name == "Select test");
  REQUIRE(h.type->text == "com.fibaro.binarySwitch");
  REQUIRE(*h.uid == "\"a\"b\"");  // not one Lua string: kept as written
  REQUIRE(*parse_ok("--%%save='qa.fqa'\n").save == "qa.fqa");
  REQUIRE(parse_error("--%%name:\"\"\n") == "qa.lua:1: header 'name' expects a string, got '\"\"'");
}

TEST_CASE("headers: any comment line naming ENDOFHEADERS ends them") {
  const auto dashed = parse_ok("--%%name:Outer\n--------ENDOFHEADERS------------\n  --%%name:Inner\n");
  REQUIRE(*dashed.name == "Outer");
  REQUIRE(dashed.lines == 1);
  const auto text = parse_ok("--%%name:Outer\nlocal s = 'ENDOFHEADERS'\n--%%type:com.fibaro.binarySwitch\n");
  REQUIRE(text.type);
}

TEST_CASE("headers: bad values name file, line, key and the type expected") {
  REQUIRE(parse_error("print(1)\n--%%id:abc\n") == "qa.lua:2: header 'id' expects a positive integer, got 'abc'");
  REQUIRE(parse_error("--%%offline:yes\n") == "qa.lua:1: header 'offline' expects a boolean (true or false), got 'yes'");
  REQUIRE(parse_error("--%%latitude:north\n") == "qa.lua:1: header 'latitude' expects a number, got 'north'");
  REQUIRE(parse_error("--%%var:no value\n") == "qa.lua:1: header 'var' expects name=value or name:value (value a Lua expression), got 'no value'");
  REQUIRE(parse_error("--%%file:onlypath\n") == "qa.lua:1: header 'file' expects path,name or path:name, got 'onlypath'");
  REQUIRE(parse_error("--%%u:button\n") == "qa.lua:1: header 'u' expects a Lua table literal {...}, got 'button'");
  REQUIRE(parse_error("--%%name:\n") == "qa.lua:1: header 'name' expects a string, got ''");
  REQUIRE(parse_error("--%%time:tomorrow\n") ==
          "qa.lua:1: header 'time' expects a date/time (YYYY-MM-DD HH:MM:SS, HH:MM:SS or epoch seconds), got 'tomorrow'");
  REQUIRE(parse_error("--%%time:2026-13-01\n").find("header 'time'") != std::string::npos);
  REQUIRE(parse_error("--%%time:25:00\n").find("header 'time'") != std::string::npos);
  REQUIRE(parse_error("--%%nonsense\n") == "qa.lua:1: header 'nonsense' is not key:value");
}

TEST_CASE("headers: the type is kept with its line for the emulation's check") {
  // The one list of device types is stdlib/fibaro/device_types.lua; the
  // header error for an unknown type is the golden fibaro.header_errors.
  const auto h = parse_ok("print(1)\n--%%type:com.fibaro.toaster\n");
  REQUIRE(h.type->text == "com.fibaro.toaster");
  REQUIRE(h.type->where == "qa.lua:2");
}

TEST_CASE("headers: unknown keys warn, GUI/HC3-only keys are noted and ignored") {
  const auto h = parse_ok("--%%colour:blue\n--%%zombie:true\n--%%webui:true\n--%%breakOnLoad:true\n--%%pwd:s3cret\n"
                          "--%%nocolor:true\n--%%save:qa.fqa\n");
  REQUIRE(h.warnings.size() == 6);
  REQUIRE(h.warnings[0] == "qa.lua:1: unknown header 'colour' (ignored)");
  REQUIRE(h.warnings[1] == "qa.lua:2: header 'zombie' is ignored (it needs a real HC3)");
  REQUIRE(h.warnings[2] == "qa.lua:3: header 'webui' is ignored (plua serves its web UI at / whenever the API server is on)");
  REQUIRE(h.warnings[5] == "qa.lua:6: header 'nocolor' is ignored (it sets up PLua's own tools)");
  REQUIRE(*h.save == "qa.fqa");
  REQUIRE(parse_error("--%%save:qa.lua\n") == "qa.lua:1: header 'save' expects a file name ending in .fqa, got 'qa.lua'");
  REQUIRE(h.warnings[3] == "qa.lua:4: header 'breakOnLoad' is ignored (plua's debugger takes its breakpoints from the IDE)");
  // a value may be a secret: no note shows it
  REQUIRE(h.warnings[4].find("s3cret") == std::string::npos);
}

TEST_CASE("headers: a real HC3's proxy name and project id") {
  const auto h = parse_ok("--%%proxy:MyProxy\n--%%project:1042\n--%%offline:true\n");
  REQUIRE(h.warnings.empty());
  REQUIRE(h.proxy == "MyProxy");
  REQUIRE(h.project == 1042);
  REQUIRE(h.offline == true);
  std::string error;
  Headers bad;
  REQUIRE_FALSE(parse_headers("--%%project:abc\n", "qa.lua", bad, error));
  REQUIRE(error == "qa.lua:1: header 'project' expects a positive integer (the QuickApp's id on the HC3), got 'abc'");
}

TEST_CASE("headers: PLua's var name:value and debug flag lists") {
  const auto h = parse_ok("--%%var=color:\"red\"\n--%%var:n=1\n--%%debug=api:false,onAction:true\n--%%fullLua:true\n");
  REQUIRE(h.vars.size() == 2);
  REQUIRE(h.vars[0].name == "color");
  REQUIRE(h.vars[0].value.text == "\"red\"");
  REQUIRE(h.vars[1].name == "n");
  REQUIRE(h.debug == true);
  REQUIRE(h.full_lua == true);
}

TEST_CASE("headers: --header lines from the command line") {
  Headers h;
  std::string error;
  REQUIRE(plua::stdlib::fibaro::add_header("name:From CLI", "--header", h, error));
  REQUIRE(*h.name == "From CLI");
  REQUIRE_FALSE(plua::stdlib::fibaro::add_header("id:0", "--header", h, error));
  REQUIRE(error == "--header: header 'id' expects a positive integer, got '0'");
}

TEST_CASE("headers: the emulation is detected from the Fibaro API") {
  REQUIRE(plua::stdlib::fibaro::uses_fibaro_api("function QuickApp:onInit() end"));
  REQUIRE(plua::stdlib::fibaro::uses_fibaro_api("fibaro.debug('x')"));
  REQUIRE(plua::stdlib::fibaro::uses_fibaro_api("local d = api.get('/devices')"));
  REQUIRE_FALSE(plua::stdlib::fibaro::uses_fibaro_api("--%%name:Coro\nprint('A')"));
}

TEST_CASE("headers: the forms the time header accepts") {
  for (const char* value : {"2026-11-23 23:21:51", "2026/11/23 23:21", "2026-11-23", "2026-11-23T07:05:00", "12:30",
                            "12:30:15", "1700000000"}) {
    INFO(value);
    REQUIRE(*parse_ok(std::string("--%%time:") + value + "\n").time == value);
  }
}
