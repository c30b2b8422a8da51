# Build step: turns one bundled .lua file into a C++ source holding its
# bytes, so bundled modules ship inside the plua binary.
# Usage: cmake -DINPUT=x.lua -DOUTPUT=x.cpp -DSYMBOL=name -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n"
  "#include <cstddef>\n"
  "extern const unsigned char ${SYMBOL}[];\n"
  "extern const std::size_t ${SYMBOL}_size;\n"
  "const unsigned char ${SYMBOL}[] = {${bytes} 0x00};\n"
  "const std::size_t ${SYMBOL}_size = sizeof(${SYMBOL}) - 1;\n")
