// A fresh directory under the system's temporary directory, removed with the object.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace dxgov::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "dxgov") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace dxgov::testing
