#include "core/account.h"

#include <algorithm>
#include <set>

#include "text/vn_text.h"

namespace dxgov {
namespace {

struct RoleInfo {
  Role role;
  const char* name;
  const char* label_vi;
  bool global;
};

constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin", "Quản trị hệ thống", true},
    {Role::kStandingEditor, "standing_editor", "Biên tập viên cơ quan thường trực", true},
    {Role::kUnitEditor, "unit_editor", "Cán bộ cập nhật của đơn vị", false},
    {Role::kUnitApprover, "unit_approver", "Lãnh đạo duyệt của đơn vị", false},
    {Role::kViewer, "viewer", "Người xem", false},
};

const RoleInfo& InfoOf(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i;
  return kRoles[0];
}

constexpr std::pair<TokenPermission, const char*> kTokenPermissions[] = {
    {TokenPermission::kRead, "read"},
    {TokenPermission::kTasks, "tasks"},
    {TokenPermission::kProgress, "progress"},
    {TokenPermission::kPlans, "plans"},
    {TokenPermission::kValues, "values"},
};

bool PlainText(const std::string& s, size_t max_bytes) {
  return text::IsValidUtf8(s) && s.size() <= max_bytes && s == text::CollapseWhitespace(s) &&
         std::none_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

}  // namespace

const char* RoleName(Role r) { return InfoOf(r).name; }
const char* RoleLabelVi(Role r) { return InfoOf(r).label_vi; }
bool RoleIsGlobal(Role r) { return InfoOf(r).global; }

std::optional<Role> ParseRole(std::string_view s) {
  for (const auto& i : kRoles)
    if (s == i.name) return i.role;
  return std::nullopt;
}

std::vector<Role> AllRoles() {
  std::vector<Role> out;
  for (const auto& i : kRoles) out.push_back(i.role);
  return out;
}

bool HasRole(const User& u, Role r) { return std::find(u.roles.begin(), u.roles.end(), r) != u.roles.end(); }

const char* TokenPermissionName(TokenPermission p) {
  for (const auto& [v, n] : kTokenPermissions)
    if (v == p) return n;
  return "read";
}

std::optional<TokenPermission> ParseTokenPermission(std::string_view s) {
  for (const auto& [v, n] : kTokenPermissions)
    if (s == n) return v;
  return std::nullopt;
}

Status ValidateLogin(std::string_view login, const std::string& path) {
  const bool length_ok = login.size() >= 3 && login.size() <= 64;
  const bool chars_ok = std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  const bool starts_ok = !login.empty() && ((login[0] >= 'a' && login[0] <= 'z') || (login[0] >= '0' && login[0] <= '9'));
  if (length_ok && chars_ok && starts_ok) return OkStatus();
  return InvalidArgument(path, "3 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
                         "Tên đăng nhập gồm 3 đến 64 ký tự a-z, 0-9, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số");
}

Status ValidateUser(const User& u) {
  std::vector<FieldError> errs;
  if (auto s = ValidateLogin(u.login, "/login"); !s.ok()) errs.push_back(s.error().fields().front());
  if (u.display_name.empty() || !PlainText(u.display_name, 200))
    errs.push_back({"/display_name", "required, one line of at most 200 bytes"});
  if (!u.email.empty() && (!PlainText(u.email, 254) || u.email.find('@') == std::string::npos ||
                           u.email.find(' ') != std::string::npos))
    errs.push_back({"/email", "must be an e-mail address"});
  if (u.roles.empty()) errs.push_back({"/roles", "at least one role"});
  std::set<Role> seen;
  for (size_t i = 0; i < u.roles.size(); ++i)
    if (!seen.insert(u.roles[i]).second) errs.push_back({"/roles/" + std::to_string(i), "given twice"});
  if (u.unit_id.empty() && !(u.roles.size() == 1 && u.roles[0] == Role::kAdmin))
    errs.push_back({"/unit", "required unless the user is only a system admin"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Thông tin tài khoản không hợp lệ", "invalid user", std::move(errs));
}

Status ValidateApiToken(const ApiToken& t) {
  std::vector<FieldError> errs;
  if (t.name.empty() || !PlainText(t.name, 200)) errs.push_back({"/name", "required, one line of at most 200 bytes"});
  if (t.unit_id.empty()) errs.push_back({"/unit", "required: the unit the token acts for"});
  if (t.permissions.empty()) errs.push_back({"/permissions", "at least one of read|tasks|progress|plans|values"});
  std::set<TokenPermission> seen;
  for (size_t i = 0; i < t.permissions.size(); ++i)
    if (!seen.insert(t.permissions[i]).second) errs.push_back({"/permissions/" + std::to_string(i), "given twice"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Thông tin mã truy cập không hợp lệ", "invalid API token", std::move(errs));
}

SessionState JudgeSession(const Session& s, int64_t now_s) {
  if (s.revoked) return SessionState::kRevoked;
  if (now_s - s.created_s >= kSessionAbsoluteSeconds) return SessionState::kExpired;
  if (now_s - s.last_seen_s >= kSessionIdleSeconds) return SessionState::kIdle;
  return SessionState::kLive;
}

bool SessionNeedsTouch(const Session& s, int64_t now_s) { return now_s - s.last_seen_s >= kSessionTouchEvery; }

}  // namespace dxgov
