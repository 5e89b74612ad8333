// People and machines that act in dxgov: user accounts with roles, their sign-in sessions,
// and API tokens for other government systems. Plain records and the rules that make
// them valid; hashing and randomness live in auth/, storage in store/.
//
// A user belongs to one unit and holds one or more roles; every role except the system
// admin and the standing agency editor applies to that unit and the units below it (see
// core/access.h). Secrets are never held in clear: a password is an Argon2id encoding,
// a session or token is stored as the SHA-256 of the value the client holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dxgov {

enum class Role {
  kAdmin,           // system administrator: everything, everywhere
  kStandingEditor,  // the standing agency: plans, targets, assignments, report cycles everywhere
  kUnitEditor,      // tasks and reports of its unit and the units below, as lead
  kUnitApprover,    // accepts its subtree's submissions
  kViewer,          // reads within its unit's subtree
};
const char* RoleName(Role r);     // "admin", "standing_editor", "unit_editor", "unit_approver", "viewer"
const char* RoleLabelVi(Role r);  // "Quản trị hệ thống", ...
std::optional<Role> ParseRole(std::string_view s);
std::vector<Role> AllRoles();
// Admin and standing editor act everywhere; the others within their unit's subtree.
bool RoleIsGlobal(Role r);

struct User {
  int64_t id = 0;
  std::string login;          // [a-z0-9._-], 3..64, starts with a letter or digit; unique
  std::string display_name;   // as the person writes it, NFC, e.g. "Nguyễn Thị Hoa"
  std::string email;          // optional
  std::string unit_id;        // empty only for a system admin
  std::vector<Role> roles;    // at least one, no duplicates
  bool disabled = false;
  std::string password_hash;  // Argon2id encoded string; never shown, never audited
  std::string password_changed_at;
  int64_t version = 0;
  std::string created_at, updated_at;
};

bool HasRole(const User& u, Role r);

// Shape rules (login, names, roles, unit presence). Paths are JSON pointers.
Status ValidateUser(const User& u);
Status ValidateLogin(std::string_view login, const std::string& path);

// What an API token may do. Tokens never administer accounts or the unit registry.
enum class TokenPermission {
  kRead,      // read unpublished records within the token's unit subtree
  kTasks,     // update tasks led within the subtree (status, progress, narrative)
  kProgress,  // append progress entries for tasks led by or addressed to the subtree
  kPlans,     // plans, objectives and assignments issued within the subtree
  kValues,    // indicator figures for units within the subtree
};
const char* TokenPermissionName(TokenPermission p);  // "read", "tasks", "progress", "plans"
std::optional<TokenPermission> ParseTokenPermission(std::string_view s);

struct ApiToken {
  int64_t id = 0;
  std::string name;        // what it is for, e.g. "Cổng DVC tỉnh Tuyên Quang"
  std::string unit_id;     // required: the subtree it acts in
  std::vector<TokenPermission> permissions;  // at least one
  std::string prefix;      // first characters of the secret, to recognise it in lists
  std::string secret_hash; // hex SHA-256 of the whole secret
  std::string created_by;  // login of the admin who made it
  std::string created_at;
  std::optional<std::string> expires_at;   // ISO timestamp; none = until revoked
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
  int64_t version = 0;
};

Status ValidateApiToken(const ApiToken& t);

// A signed-in browser. The client holds the session secret in a cookie; the store keeps
// its hash. Times are Unix seconds so that expiry needs no parsing.
struct Session {
  std::string id_hash;      // hex SHA-256 of the cookie value
  int64_t user_id = 0;
  std::string csrf_token;   // sent back by the client in X-CSRF-Token on writes
  int64_t created_s = 0;    // sign-in time
  int64_t last_seen_s = 0;  // last request (kept to within kSessionTouchEvery)
  bool revoked = false;
  std::string remote;       // where it signed in from
};

inline constexpr int64_t kSessionIdleSeconds = 8 * 3600;           // 8 h without use
inline constexpr int64_t kSessionAbsoluteSeconds = 7 * 24 * 3600;  // 7 days after sign-in
inline constexpr int64_t kSessionTouchEvery = 60;  // last_seen is written at most once a minute

enum class SessionState { kLive, kRevoked, kIdle, kExpired };
SessionState JudgeSession(const Session& s, int64_t now_s);
// True when the stored last_seen is old enough to be worth writing again.
bool SessionNeedsTouch(const Session& s, int64_t now_s);

}  // namespace dxgov
