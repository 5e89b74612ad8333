// National digital platforms (nền tảng số quốc gia): the committee's list of platforms, each
// owned by a state agency (cơ quan chủ quản) or by enterprises (doanh nghiệp nòng cốt), the
// plan tasks that promote it, and the indicators that measure its adoption (core/indicator.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.h"
#include "core/status.h"

namespace dxgov {

enum class PlatformCategory { kState, kEnterprise };
const char* PlatformCategoryName(PlatformCategory c);     // "state", "enterprise"
const char* PlatformCategoryLabelVi(PlatformCategory c);  // "Cơ quan nhà nước chủ quản", ...
std::optional<PlatformCategory> ParsePlatformCategory(std::string_view s);

struct Platform {
  int64_t id = 0;
  std::string key;                  // "nn-09" (state) or "dn-06" (enterprise)
  int number = 0;                   // as numbered in its list
  PlatformCategory category = PlatformCategory::kState;
  std::string name;
  std::string owner_as_written;     // "Bộ Tài chính", "VOV"; empty for enterprise platforms
  std::string owner_unit_id;        // resolved; empty when none
  std::vector<std::string> enterprises;
  std::string description;
  std::vector<int64_t> task_ids;    // tasks that promote it
  std::vector<std::string> adoption_indicators;  // indicator codes
  std::optional<SourceRef> source;
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Key (lowercase a-z, 0-9, '-'), name, number, owner for state platforms.
Status ValidatePlatform(const Platform& p);

}  // namespace dxgov
