#include "evidence/media_type.h"

#include <magic.h>

#include <memory>

namespace dxgov::evidence {
namespace {

struct MagicCloser {
  void operator()(magic_set* m) const { magic_close(m); }
};
using Magic = std::unique_ptr<magic_set, MagicCloser>;

// The handle of this thread, loaded once with the system's compiled database.
magic_t ThreadMagic(std::string& problem) {
  thread_local Magic handle;
  thread_local std::string load_error;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    // No decompression, no following of archives beyond what identifies Office files.
    Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS));
    if (!m) {
      load_error = "magic_open failed";
    } else if (magic_load(m.get(), nullptr) != 0) {
      const char* e = magic_error(m.get());
      load_error = std::string("magic_load: ") + (e ? e : "unknown error");
    } else {
      handle = std::move(m);
    }
  }
  problem = load_error;
  return handle.get();
}

}  // namespace

Result<std::string> DetectMediaType(std::string_view bytes) {
  std::string problem;
  magic_t m = ThreadMagic(problem);
  if (!m) return Error(ErrorCode::kInternal, "Không nhận diện được loại tệp", "cannot detect file types: " + problem);
  const char* type = magic_buffer(m, bytes.data(), bytes.size());
  if (!type) {
    const char* e = magic_error(m);
    return Error(ErrorCode::kInternal, "Không nhận diện được loại tệp",
                 std::string("magic_buffer: ") + (e ? e : "unknown error"));
  }
  return std::string(type);
}

}  // namespace dxgov::evidence
