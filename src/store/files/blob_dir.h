// Files kept by content: each file's bytes stored once, named by their SHA-256, in a
// directory beside the database (<dir>/ab/abcdef…). A stored file never changes; writing
// the same bytes again finds it there. The database records what each file is and what
// it backs; this only keeps bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dxgov::files {

class BlobDir {
 public:
  explicit BlobDir(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Stores `bytes` (written to a temporary file, synced, then renamed into place, so a
  // crash never leaves a partial file under a hash). Returns the lowercase hex SHA-256.
  // Thread-safe. kUnavailable when the directory cannot be written.
  Result<std::string> Put(std::string_view bytes) const;
  // The file's bytes; kNotFound when absent; kInternal when they no longer match the hash (damaged on disk).
  Result<std::string> Get(const std::string& sha256) const;
  bool Has(const std::string& sha256) const;
  // Copies the named files into `dest` (same layout), hard-linking when it can; files
  // already there are kept. kNotFound names the first missing file.
  Status CopyTo(const std::vector<std::string>& sha256s, const std::filesystem::path& dest) const;

  // REQUIRES: `sha256` is 64 lowercase hex digits (anything else names no file).
  std::filesystem::path PathOf(const std::string& sha256) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// True for 64 lowercase hex digits: the only names BlobDir reads, so that no hash given
// by a client can reach outside the directory.
bool IsSha256Hex(std::string_view s);

}  // namespace dxgov::files
