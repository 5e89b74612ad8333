// The common-password lists, embedded at build time by cmake/embed.cmake.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dxgov::auth {
std::string_view EmbeddedFile(std::string_view name);
std::vector<std::string> EmbeddedFileNames();
}  // namespace dxgov::auth
