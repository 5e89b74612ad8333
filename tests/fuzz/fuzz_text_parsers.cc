// Text read from documents and query strings: deadline phrases, folding, collation keys,
// slugs and task numbers must cope with any bytes, including invalid UTF-8. A deadline the
// parser accepts must also pass validation. Also periods as offices write them, numbers by
// both declared rules, and whole CSV files of figures: a period read must format back to
// itself, a CSV row read must carry a finite value.
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "core/deadline.h"
#include "core/period.h"
#include "core/task.h"
#include "importer/values_csv.h"
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
  if (auto p = ParsePeriodVi(in)) {
    if (ParsePeriod(FormatPeriod(*p)) != p) std::abort();
  }
  for (auto f : {importer::NumberFormat::kVietnamese, importer::NumberFormat::kInternational}) {
    auto n = importer::ReadNumber(in, f);
    if (n.value.has_value() == !n.error.empty()) std::abort();
    auto csv = importer::ReadValuesCsv(in, f);
    if (csv.ok())
      for (const auto& row : csv->rows)
        if (!std::isfinite(row.value.value) || row.row < 2) std::abort();
  }
  return 0;
}
