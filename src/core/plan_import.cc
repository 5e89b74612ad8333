#include "core/plan_import.h"

#include <vector>

namespace dxgov {

const char* ImportStateName(ImportState s) {
  switch (s) {
    case ImportState::kPending: return "pending";
    case ImportState::kCommitted: return "committed";
    case ImportState::kDiscarded: return "discarded";
  }
  return "pending";
}

const char* ImportStateLabelVi(ImportState s) {
  switch (s) {
    case ImportState::kPending: return "Chờ duyệt";
    case ImportState::kCommitted: return "Đã ghi thành kế hoạch";
    case ImportState::kDiscarded: return "Đã hủy";
  }
  return "Chờ duyệt";
}

std::optional<ImportState> ParseImportState(std::string_view s) {
  if (s == "pending") return ImportState::kPending;
  if (s == "committed") return ImportState::kCommitted;
  if (s == "discarded") return ImportState::kDiscarded;
  return std::nullopt;
}

Status ValidatePlanImport(const PlanImport& i) {
  std::vector<FieldError> errs;
  const bool hex = i.sha256.size() == 64 && i.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) errs.push_back({"/sha256", "64 lowercase hex digits"});
  if (i.file_name.empty() || i.file_name.size() > 255) errs.push_back({"/file_name", "1 to 255 bytes"});
  if (i.document.empty()) errs.push_back({"/document", "required"});
  if (i.proposal.empty()) errs.push_back({"/proposal", "required"});
  if (i.task_count < 0) errs.push_back({"/task_count", "not negative"});
  if (i.warning_count < 0) errs.push_back({"/warning_count", "not negative"});
  if ((i.state == ImportState::kCommitted) != i.plan_id.has_value())
    errs.push_back({"/plan_id", "set exactly when the import is committed"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Bản nhập kế hoạch không hợp lệ", "invalid plan import", std::move(errs));
}

}  // namespace dxgov
