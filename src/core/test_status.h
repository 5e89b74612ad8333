// For core tests: the field paths an error names, in order (empty when ok), so that a test
// checks which fields were refused, never just "not ok".
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace dxgov::testing_status {

template <typename T>
std::vector<std::string> PathsOf(const Result<T>& r) {
  std::vector<std::string> out;
  if (!r.ok())
    for (const auto& f : r.error().fields()) out.push_back(f.path);
  return out;
}

}  // namespace dxgov::testing_status
