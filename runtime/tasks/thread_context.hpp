#pragma once
// Every lua_State's extra space holds a ThreadContext*: the way C functions
// find the Runtime without a registry lookup. Coroutines created by scripts
// inherit the main thread's context (task == nullptr); pooled task threads
// point at their own.

#include <lua.hpp>

namespace plua::runtime {

class Runtime;
struct TaskThread;

struct ThreadContext {
  Runtime* runtime = nullptr;
  TaskThread* task = nullptr;
};

inline ThreadContext* context_of(lua_State* L) { return *static_cast<ThreadContext**>(lua_getextraspace(L)); }
inline void set_context(lua_State* L, ThreadContext* context) {
  *static_cast<ThreadContext**>(lua_getextraspace(L)) = context;
}
inline Runtime& runtime_of(lua_State* L) { return *context_of(L)->runtime; }

}  // namespace plua::runtime
