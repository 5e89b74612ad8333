// Reading a file of the source tree in a test (seeds, fixtures): its bytes, or "" when it
// cannot be read. Tests are built with DXGOV_SOURCE_DIR (see dxgov_test in CMakeLists.txt).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace dxgov::testing {

inline std::string SourceFile(const std::string& relative) {
  std::ifstream in(std::string(DXGOV_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace dxgov::testing
