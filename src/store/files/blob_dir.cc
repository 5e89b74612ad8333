#include "store/files/blob_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "auth/secret.h"

namespace dxgov::files {
namespace fs = std::filesystem;
namespace {

Error Unwritable(const fs::path& p, const std::string& why) {
  return Error(ErrorCode::kUnavailable, "Không ghi được tệp đính kèm vào thư mục lưu trữ",
               "cannot write " + p.string() + ": " + why);
}

// Writes all of `bytes` to `path` and syncs it to disk.
Status WriteSynced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Unwritable(path, std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return Unwritable(path, why);
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const std::string why = std::strerror(errno);
  ::close(fd);
  if (!synced) return Unwritable(path, why);
  return OkStatus();
}

}  // namespace

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

fs::path BlobDir::PathOf(const std::string& sha256) const { return dir_ / sha256.substr(0, 2) / sha256; }

bool BlobDir::Has(const std::string& sha256) const {
  std::error_code ec;
  return IsSha256Hex(sha256) && fs::is_regular_file(PathOf(sha256), ec);
}

Result<std::string> BlobDir::Put(std::string_view bytes) const {
  const std::string sha = auth::Sha256Hex(bytes);
  if (Has(sha)) return sha;
  const fs::path final_path = PathOf(sha);
  std::error_code ec;
  fs::create_directories(final_path.parent_path(), ec);
  if (ec) return Unwritable(final_path.parent_path(), ec.message());
  // A name of its own per writer: two uploads of the same bytes race harmlessly.
  static std::atomic<uint64_t> serial{0};
  const fs::path tmp = final_path.parent_path() /
                       ("." + sha + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
  if (Status w = WriteSynced(tmp, bytes); !w.ok()) {
    fs::remove(tmp, ec);
    return std::move(w).error();
  }
  fs::rename(tmp, final_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Unwritable(final_path, ec.message());
  }
  return sha;
}

Result<std::string> BlobDir::Get(const std::string& sha256) const {
  if (!Has(sha256)) return NotFound("tệp", "file", sha256);
  std::ifstream in(PathOf(sha256), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in.good() && !in.eof())
    return Error(ErrorCode::kUnavailable, "Không đọc được tệp đính kèm", "cannot read " + PathOf(sha256).string());
  std::string bytes = std::move(s).str();
  if (auth::Sha256Hex(bytes) != sha256)
    return Error(ErrorCode::kInternal, "Tệp đính kèm bị hỏng", "file " + sha256 + " no longer matches its hash");
  return bytes;
}

Status BlobDir::CopyTo(const std::vector<std::string>& sha256s, const fs::path& dest) const {
  for (const auto& sha : sha256s) {
    if (!Has(sha)) return NotFound("tệp", "file", sha);
    const fs::path to = dest / sha.substr(0, 2) / sha;
    std::error_code ec;
    if (fs::exists(to, ec)) continue;
    fs::create_directories(to.parent_path(), ec);
    if (ec) return Unwritable(to.parent_path(), ec.message());
    fs::create_hard_link(PathOf(sha), to, ec);
    if (ec) {
      ec.clear();
      fs::copy_file(PathOf(sha), to, ec);
      if (ec) return Unwritable(to, ec.message());
    }
  }
  return OkStatus();
}

}  // namespace dxgov::files
