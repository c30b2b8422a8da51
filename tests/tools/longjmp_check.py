#!/usr/bin/python3
"""The rule that keeps plua's longjmp safety true: a Lua error is a longjmp
(Debian's liblua5.4 is C), so no C++ frame may own an object with a
non-trivial destructor while it calls something that can raise.

Reads compile_commands.json, parses every plua source with libclang
(python3-clang), and reports each call to a raising function made while a
local variable, or a temporary of the same full expression, with a
non-trivial destructor is alive in the calling frame.

A function "can raise" when it is a Lua C API or lauxlib function outside
the list of those that never raise (kNeverRaise), or a plua function that
calls one (found transitively over the whole program). A call whose line
carries `// cannot raise: <why>` is taken at its word. The C++ work that
must own things goes in lua::after_cpp's body (runtime/lua/guard.hpp), which
returns before anything is raised.

  longjmp_check.py BUILD_DIR/compile_commands.json [SOURCE_ROOT]

Prints one line per finding (and a summary on stderr); exit status 1 when
there is any, 0 when the tree keeps the rule, 2 when a source does not parse.
"""

import json
import multiprocessing
import shlex
import os
import sys

import clang.cindex as ci

# Lua C API / lauxlib functions that never raise (no allocation, no
# metamethod, or errors returned as a status). Everything else named lua_*
# or luaL_* is taken to raise.
kNeverRaise = {
    "lua_absindex", "lua_gettop", "lua_settop", "lua_pushvalue", "lua_rotate", "lua_copy", "lua_checkstack",
    "lua_xmove", "lua_isnumber", "lua_isstring", "lua_iscfunction", "lua_isinteger", "lua_isuserdata",
    "lua_type", "lua_typename", "lua_tonumberx", "lua_tointegerx", "lua_toboolean", "lua_rawlen",
    "lua_tocfunction", "lua_touserdata", "lua_tothread", "lua_topointer", "lua_rawequal", "lua_pushnil",
    "lua_pushnumber", "lua_pushinteger", "lua_pushboolean", "lua_pushlightuserdata", "lua_pushthread",
    "lua_rawget", "lua_rawgeti", "lua_rawgetp", "lua_getmetatable", "lua_getiuservalue", "lua_pcallk",
    "lua_resume", "lua_status", "lua_isyieldable", "lua_getstack", "lua_getinfo", "lua_sethook",
    "lua_gethook", "lua_gethookmask", "lua_gethookcount", "lua_resetthread", "lua_closethread",
    "lua_close", "lua_newstate", "luaL_newstate", "lua_atpanic", "lua_version", "lua_load",
    "luaL_loadbufferx", "luaL_loadfilex", "luaL_loadstring", "luaL_unref", "lua_setwarnf", "lua_warning",
    "lua_upvalueid", "lua_getupvalue", "lua_getlocal", "luaL_typename", "lua_gc", "lua_toclose",
    "lua_getallocf", "lua_setallocf", "lua_pushcclosure", "lua_tolstring",
}
# Two are listed although they can raise in one case each: lua_pushcclosure
# allocates for a closure with upvalues (plua makes those only at boot,
# under lua_pcall, owning nothing), and lua_tolstring converts a number in
# place (plua reads strings with it, or values it checked to be strings).


def is_lua_api(name):
    return name.startswith("lua_") or name.startswith("luaL_")


def kind_of(cursor):
    try:
        return cursor.kind
    except ValueError:  # a kind this binding does not know
        return None


def location(cursor):
    f = cursor.location.file
    return (f.name if f else "?"), cursor.location.line


class Types:
    """Whether a type has a non-trivial destructor, from its declaration."""

    # std class templates whose destructor is trivial when their arguments' are.
    kWrappers = {"optional", "pair", "array", "tuple", "atomic", "duration", "time_point"}
    # std classes with a trivial destructor; any other std class is taken
    # to have a non-trivial one (string, vector, function, unique_ptr, ...).
    kTrivialStd = {"basic_string_view", "span", "char_traits", "less", "greater", "equal_to", "hash", "allocator",
                   "integral_constant", "type_index", "reference_wrapper", "source_location", "nothrow_t",
                   "in_place_t", "nullopt_t", "monostate"}

    def __init__(self):
        self.cache = {}

    def nontrivial(self, t):
        t = t.get_canonical()
        if t.kind in (ci.TypeKind.LVALUEREFERENCE, ci.TypeKind.RVALUEREFERENCE, ci.TypeKind.POINTER,
                      ci.TypeKind.MEMBERPOINTER, ci.TypeKind.ENUM, ci.TypeKind.FUNCTIONPROTO):
            return False
        if t.kind in (ci.TypeKind.CONSTANTARRAY, ci.TypeKind.INCOMPLETEARRAY):
            return self.nontrivial(t.element_type)
        if t.kind != ci.TypeKind.RECORD:
            return False
        key = t.spelling
        if key not in self.cache:
            self.cache[key] = False  # recursion guard
            self.cache[key] = self._record(t)
        return self.cache[key]

    def _arguments(self, t):
        arguments = [t.get_template_argument_type(i) for i in range(max(t.get_num_template_arguments(), 0))]
        return [a for a in arguments if a.kind != ci.TypeKind.INVALID]

    def _record(self, t):
        if "(lambda at" in t.spelling or "(unnamed" in t.spelling:
            return False
        name = t.get_declaration().spelling
        if "iterator" in name or name == "iter_impl":
            return False  # iterators of the standard containers and of nlohmann::json
        if t.spelling.startswith(("std::", "const std::")):
            if name in self.kWrappers:
                return any(self.nontrivial(a) for a in self._arguments(t))
            return name not in self.kTrivialStd
        definition = t.get_declaration().get_definition()
        children = list(definition.get_children()) if definition is not None else []
        if not children and t.get_num_template_arguments() > 0:
            return True  # an instantiation libclang shows no members of: assume the worst
        for child in children:
            kind = kind_of(child)
            if kind == ci.CursorKind.DESTRUCTOR and not child.is_default_method():
                return True
            if kind in (ci.CursorKind.FIELD_DECL, ci.CursorKind.CXX_BASE_SPECIFIER) and self.nontrivial(child.type):
                return True
        return False


def function_key(cursor):
    ref = cursor.referenced
    if ref is None:
        return None
    return ref.get_usr() or None


def strip(cursor):
    while cursor.kind == ci.CursorKind.UNEXPOSED_EXPR:
        children = list(cursor.get_children())
        if len(children) != 1:
            break
        cursor = children[0]
    return cursor


class Unit:
    """One translation unit, reduced to plain data (so units parse in
    parallel): per function, whether it calls a raising Lua API itself, its
    callees, and its call sites made while it owns something."""

    def __init__(self, root):
        self.root = root
        self.types = Types()
        self.functions = {}  # USR -> {"direct": bool, "callees": set, "sites": list}
        self.lines = {}

    def ours(self, cursor):
        name, _ = location(cursor)
        return name.startswith(self.root) and "/build" not in name[len(self.root):]

    def walk(self, cursor):
        """Preorder over the project's own declarations (system headers pruned)."""
        for child in cursor.get_children():
            name, _ = location(child)
            if name != "?" and not self.ours(child):
                continue
            yield child
            yield from self.walk(child)

    def collect(self, tu):
        for cursor in self.walk(tu.cursor):
            if kind_of(cursor) not in (ci.CursorKind.FUNCTION_DECL, ci.CursorKind.CXX_METHOD, ci.CursorKind.CONSTRUCTOR,
                                       ci.CursorKind.DESTRUCTOR, ci.CursorKind.FUNCTION_TEMPLATE,
                                       ci.CursorKind.LAMBDA_EXPR, ci.CursorKind.CONVERSION_FUNCTION):
                continue
            if not cursor.is_definition() and cursor.kind != ci.CursorKind.LAMBDA_EXPR:
                continue
            usr = cursor.get_usr() or "lambda@%s:%d" % location(cursor)
            body = next((c for c in cursor.get_children() if kind_of(c) == ci.CursorKind.COMPOUND_STMT), None)
            if body is None or usr in self.functions:
                continue
            info = {"direct": False, "callees": set(), "sites": []}
            self.functions[usr] = info
            for node in own_nodes(body):
                if kind_of(node) != ci.CursorKind.CALL_EXPR:
                    continue
                if self.api_raises(node):
                    info["direct"] = True
                key = function_key(node)
                if key:
                    info["callees"].add(key)
            self.sites(cursor, body, info["sites"])

    def returns_reference(self, call):
        ref = call.referenced
        if ref is None:
            return False
        kind = ref.result_type.get_canonical().kind
        return kind in (ci.TypeKind.LVALUEREFERENCE, ci.TypeKind.RVALUEREFERENCE)

    def temporaries(self, call):
        """Objects with a destructor the call's arguments make: a class passed
        by value (the caller destroys it after the call), or a reference
        bound to something that is not an existing object (a converted
        literal, a call's result)."""
        ref = call.referenced
        params = list(ref.get_arguments()) if ref is not None else []
        found = []
        for arg, param in zip(call.get_arguments(), params):
            ptype = param.type.get_canonical()
            if ptype.kind in (ci.TypeKind.LVALUEREFERENCE, ci.TypeKind.RVALUEREFERENCE):
                target = ptype.get_pointee()
                if self.types.nontrivial(target) and not self.names_object(arg, target):
                    found.append("a temporary %s" % target.spelling)
            elif self.types.nontrivial(ptype):
                found.append("a temporary %s" % ptype.spelling)
        return found

    def names_object(self, arg, target):
        """Whether `arg` is an existing object of type `target` (no conversion)."""
        node = strip(arg)
        kind = kind_of(node)
        if kind == ci.CursorKind.PAREN_EXPR:
            return self.names_object(next(node.get_children()), target)
        plain = lambda t: t.get_canonical().spelling.replace("const ", "")
        if kind in (ci.CursorKind.DECL_REF_EXPR, ci.CursorKind.MEMBER_REF_EXPR, ci.CursorKind.ARRAY_SUBSCRIPT_EXPR,
                    ci.CursorKind.UNARY_OPERATOR):
            return plain(node.type) == plain(target)
        if kind == ci.CursorKind.CALL_EXPR and self.returns_reference(node):
            return plain(node.type) == plain(target)
        return False

    def marked(self, node):
        """A call whose line says `// cannot raise: why` is taken at its word."""
        file, line = location(node)
        if file not in self.lines:
            try:
                self.lines[file] = open(file).read().split("\n")
            except OSError:
                self.lines[file] = []
        text = self.lines[file]
        return 0 < line <= len(text) and "// cannot raise:" in text[line - 1]

    @staticmethod
    def api_call(node):
        """A call of a Lua C API function (not, say, lua_Debug's constructor)."""
        ref = node.referenced
        return is_lua_api(node.spelling) and ref is not None and kind_of(ref) == ci.CursorKind.FUNCTION_DECL

    def api_raises(self, node):
        return self.api_call(node) and node.spelling not in kNeverRaise and not self.marked(node)

    def sites(self, fn, body, out):
        """Call sites made while a local, or a temporary of the same full
        expression, with a non-trivial destructor is alive."""
        live = []  # a list of locals per open scope

        def visit(node):
            kind = kind_of(node)
            if kind == ci.CursorKind.LAMBDA_EXPR:
                return
            if kind == ci.CursorKind.COMPOUND_STMT:
                live.append([])
                for child in node.get_children():
                    visit(child)
                live.pop()
                return
            if kind == ci.CursorKind.VAR_DECL:
                for child in node.get_children():
                    visit(child)
                if self.types.nontrivial(node.type) and node.storage_class != ci.StorageClass.STATIC:
                    live[-1].append("%s (%s)" % (node.spelling, node.type.spelling))
                return
            if kind == ci.CursorKind.CALL_EXPR:
                owned = [v for scope in live for v in scope] + self.temporaries(node)
                if owned and not (self.api_call(node) and not self.api_raises(node)):
                    file, line = location(node)
                    out.append((os.path.relpath(file, self.root), line, fn.spelling or "a lambda", node.spelling,
                                function_key(node), self.api_call(node), ", ".join(owned)))
            for child in node.get_children():
                visit(child)

        visit(body)


def own_nodes(body):
    """The nodes of a body, without those of lambdas defined inside it."""
    stack = [body]
    while stack:
        node = stack.pop()
        yield node
        for child in node.get_children():
            if kind_of(child) != ci.CursorKind.LAMBDA_EXPR:
                stack.append(child)


def parse_unit(job):
    path, args, root = job
    tu = ci.Index.create().parse(path, args=args)
    errors = [d.spelling for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errors:
        return path, errors[0], {}
    unit = Unit(root)
    unit.collect(tu)
    return path, None, unit.functions


def compile_args(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out = []
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-c", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a == entry["file"] or a.endswith((".cpp", ".cc", ".c")) or a.startswith("-fsanitize") or a == "-MD":
            continue
        out.append(a)
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().split("\n\n")[-2].strip())
        return 2
    database = sys.argv[1]
    root = os.path.realpath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../.."))
    jobs = []
    for entry in json.load(open(database)):
        path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
        if os.path.relpath(path, root).startswith(("runtime/", "stdlib/", "app/")):
            jobs.append((path, compile_args(entry), root + "/"))
    functions = {}
    with multiprocessing.Pool(min(len(jobs), os.cpu_count() or 1)) as pool:
        for path, error, found in pool.imap_unordered(parse_unit, jobs):
            if error:
                print("longjmp_check: cannot parse %s: %s" % (os.path.relpath(path, root), error))
                return 2
            for usr, info in found.items():
                functions.setdefault(usr, info)
    # Which functions can raise: the Lua API, then whatever calls them.
    raising = {usr for usr, info in functions.items() if info["direct"]}
    changed = True
    while changed:
        changed = False
        for usr, info in functions.items():
            if usr not in raising and info["callees"] & raising:
                raising.add(usr)
                changed = True
    findings = set()
    for info in functions.values():
        for file, line, caller, callee, key, api, owned in info["sites"]:
            if api or key in raising:
                findings.add("%s:%d: %s calls %s, which can raise, while owning %s" % (file, line, caller, callee, owned))
    for f in sorted(findings):
        print(f)
    print("longjmp_check: %d sources, %d functions, %d that can raise, %d findings" %
          (len(jobs), len(functions), len(raising), len(findings)), file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
