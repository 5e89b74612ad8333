#include "core/platform.h"

#include "text/vn_text.h"

namespace dxgov {

const char* PlatformCategoryName(PlatformCategory c) {
  return c == PlatformCategory::kEnterprise ? "enterprise" : "state";
}

const char* PlatformCategoryLabelVi(PlatformCategory c) {
  return c == PlatformCategory::kEnterprise ? "Doanh nghiệp làm chủ quản" : "Cơ quan nhà nước làm chủ quản";
}

std::optional<PlatformCategory> ParsePlatformCategory(std::string_view s) {
  if (s == "state") return PlatformCategory::kState;
  if (s == "enterprise") return PlatformCategory::kEnterprise;
  return std::nullopt;
}

Status ValidatePlatform(const Platform& p) {
  std::vector<FieldError> errs;
  if (p.key.empty() || text::Slug(p.key) != p.key) errs.push_back({"/key", "lowercase a-z, 0-9 and '-'"});
  if (text::CollapseWhitespace(p.name).empty()) errs.push_back({"/name", "required"});
  if (p.number < 1) errs.push_back({"/number", "a positive number"});
  if (p.category == PlatformCategory::kState && p.owner_unit_id.empty())
    errs.push_back({"/owner", "a state platform names its owner agency"});
  for (size_t i = 0; i < p.adoption_indicators.size(); ++i)
    if (p.adoption_indicators[i].empty()) errs.push_back({"/adoption/" + std::to_string(i), "an indicator code"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Nền tảng không hợp lệ", "invalid platform", std::move(errs));
}

}  // namespace dxgov
