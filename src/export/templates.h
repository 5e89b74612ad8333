// The document templates under data/templates, embedded in the binary at build time
// (cmake/embed.cmake). Private to src/export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dxgov::exporting::templates {

// The file's content, or empty when there is no such file. `name` is relative to data/.
std::string_view EmbeddedFile(std::string_view name);
std::vector<std::string> EmbeddedFileNames();

}  // namespace dxgov::exporting::templates
