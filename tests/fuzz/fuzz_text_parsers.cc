// Text read from documents and query strings: deadline phrases, folding, collation keys,
// slugs and task numbers must cope with any bytes, including invalid UTF-8. A deadline the
// parser accepts must also pass validation.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/deadline.h"
#include "core/task.h"
#include "text/vn_text.h"

using namespace dxgov;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // phrases and numbers are short; keep runs fast
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)text::IsValidUtf8(in);
  (void)text::Nfc(in);
  (void)text::Fold(in);
  (void)text::SortKey(in);
  (void)text::Slug(in);
  (void)text::CollapseWhitespace(in);
  (void)NumberSortKey(in);
  auto d = ParseDeadlineText(in);
  if (d.ok()) {
    if (!ValidateDeadline(*d, "/deadline").ok()) std::abort();
    (void)FixedDueDate(*d);
    (void)GoverningDue(*d, MakeDate(2024, 2, 29));
    (void)JudgeTimeliness(&*d, std::nullopt, false, MakeDate(2024, 12, 31));
  }
  return 0;
}
