# plua_embed_modules(<sources-var> <namespace> <function> <header> <name=file.lua>...)
#
# Embeds each Lua file (relative to the calling CMakeLists.txt) into the
# binary and generates <namespace>::<function>(), returning the table of
# runtime::BundledModule that `require` searches (runtime/boot/
# module_registry). <header> declares the function. The generated sources
# are appended to <sources-var>.
set(PLUA_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed.cmake)
set(PLUA_MODULE_TABLE ${CMAKE_CURRENT_LIST_DIR}/module_table.cpp.in)

function(plua_embed_modules sources_var namespace function header)
  set(sources "")
  set(table_entries "")
  set(declarations "")
  foreach(entry ${ARGN})
    string(REPLACE "=" ";" parts "${entry}")
    list(GET parts 0 module)
    list(GET parts 1 file)
    string(MAKE_C_IDENTIFIER "plua_embedded_${module}" symbol)
    set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
    add_custom_command(
      OUTPUT "${output}"
      COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_CURRENT_SOURCE_DIR}/${file} -DOUTPUT=${output} -DSYMBOL=${symbol}
              -P ${PLUA_EMBED_SCRIPT}
      DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${file}" "${PLUA_EMBED_SCRIPT}"
      COMMENT "Embedding ${file} as module ${module}")
    list(APPEND sources "${output}")
    string(APPEND declarations "extern const unsigned char ${symbol}[];\nextern const std::size_t ${symbol}_size;\n")
    string(APPEND table_entries "    {\"${module}\", \"${file}\", ${symbol}, ${symbol}_size},\n")
  endforeach()
  set(table "${CMAKE_CURRENT_BINARY_DIR}/${function}.cpp")
  configure_file(${PLUA_MODULE_TABLE} ${table} @ONLY)
  set(${sources_var} ${${sources_var}} ${table} ${sources} PARENT_SCOPE)
endfunction()
