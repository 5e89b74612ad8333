#include "cli/accounts.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "api/http_auth.h"
#include "auth/password.h"
#include "auth/secret.h"

namespace dxgov::cli {
namespace {

namespace fs = std::filesystem;

const Actor kCli{"cli", ""};

Result<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return InvalidArgument("--password-file", "cannot read " + path, "Không đọc được tệp mật khẩu " + path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// The password given in a file, checked against the policy, or a generated one.
Result<std::pair<std::string, bool>> PasswordFor(const std::string& file, const std::string& login) {
  if (file.empty()) return std::make_pair(auth::RandomPassword(20), true);
  DX_ASSIGN_OR_RETURN(std::string pw, ReadPasswordFile(file));
  DX_RETURN_IF_ERROR(auth::CheckNewPassword(pw, login, "--password-file"));
  return std::make_pair(pw, false);
}

Status WritePrivateFile(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("cannot write " + path);
  (void)::fchmod(fd, 0600);  // an existing file keeps no looser mode
  const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  return ok ? OkStatus() : Internal("cannot write " + path);
}

int Report(const Error& e) {
  std::cerr << e.message_vi() << " (" << e.message_en() << ")\n";
  for (const auto& f : e.fields()) std::cerr << "  " << f.path << ": " << f.reason << "\n";
  return 1;
}

}  // namespace

Status EnsureFirstAdmin(Store& store, const std::string& data_dir, const std::string& password_file) {
  DX_ASSIGN_OR_RETURN(int64_t admins, store.CountAdmins());
  if (admins > 0) return OkStatus();
  User admin;
  admin.login = "admin";
  admin.display_name = "Quản trị hệ thống";
  admin.roles = {Role::kAdmin};
  DX_ASSIGN_OR_RETURN(auto chosen, PasswordFor(password_file, admin.login));
  auth::PasswordHasher hasher(1);
  DX_ASSIGN_OR_RETURN(admin.password_hash, hasher.Hash(chosen.first));
  DX_RETURN_IF_ERROR(store.Write(Actor{"system", ""}, [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateUser(admin));
    (void)id;
    return OkStatus();
  }));
  if (!chosen.second) {
    spdlog::info("Đã tạo tài khoản quản trị đầu tiên 'admin' với mật khẩu trong tệp (first admin created from the password file)");
    return OkStatus();
  }
  const std::string file = (fs::path(data_dir) / "initial-admin.txt").string();
  DX_RETURN_IF_ERROR(WritePrivateFile(file, "login: admin\npassword: " + chosen.first + "\n"));
  spdlog::warn("Đã tạo tài khoản quản trị đầu tiên (first admin created): login 'admin', mật khẩu (password) {} — "
               "cũng lưu trong (also in) {}; hãy đổi mật khẩu sau khi đăng nhập (change it after signing in)",
               chosen.first, file);
  return OkStatus();
}

std::function<int()> AddAccountCommands(CLI::App& app,
                                        std::function<Result<std::unique_ptr<Store>>(const std::string&)> open) {
  struct Args {
    std::string data = "./var";
    std::string login, name, email, unit, password_file;
    std::vector<std::string> roles, permissions;
    int64_t id = 0;
  };
  auto args = std::make_shared<Args>();

  auto* user = app.add_subcommand("user", "Quản lý tài khoản (manage user accounts)");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Tạo tài khoản (create a user; prints a generated password once)");
  add->add_option("--login", args->login, "Tên đăng nhập (login)")->required();
  add->add_option("--name", args->name, "Họ và tên (display name)")->required();
  add->add_option("--email", args->email, "Thư điện tử (e-mail)");
  add->add_option("--unit", args->unit, "Mã đơn vị (unit id)");
  add->add_option("--role", args->roles, "admin|standing_editor|unit_editor|unit_approver|viewer")->required();
  add->add_option("--password-file", args->password_file, "Tệp chứa mật khẩu (file with the password, first line)");
  auto* list = user->add_subcommand("list", "Liệt kê tài khoản (list users)");
  auto* disable = user->add_subcommand("disable", "Khóa tài khoản và kết thúc các phiên (disable a user)");
  disable->add_option("--login", args->login, "Tên đăng nhập (login)")->required();
  auto* enable = user->add_subcommand("enable", "Mở khóa tài khoản (enable a user)");
  enable->add_option("--login", args->login, "Tên đăng nhập (login)")->required();
  auto* reset = user->add_subcommand("reset-password", "Đặt lại mật khẩu (reset a password; prints it once)");
  reset->add_option("--login", args->login, "Tên đăng nhập (login)")->required();
  reset->add_option("--password-file", args->password_file, "Tệp chứa mật khẩu (file with the password)");

  auto* token = app.add_subcommand("token", "Mã truy cập cho hệ thống khác (API tokens)");
  token->require_subcommand(1);
  auto* tcreate = token->add_subcommand("create", "Tạo mã truy cập (create a token; prints the secret once)");
  tcreate->add_option("--name", args->name, "Mục đích (what it is for)")->required();
  tcreate->add_option("--unit", args->unit, "Mã đơn vị (unit id)")->required();
  tcreate->add_option("--permission", args->permissions, "read|tasks|progress|plans|values")->required();
  auto* tlist = token->add_subcommand("list", "Liệt kê mã truy cập (list tokens)");
  auto* trevoke = token->add_subcommand("revoke", "Thu hồi mã truy cập (revoke a token)");
  trevoke->add_option("--id", args->id, "Số hiệu mã (token id)")->required();

  for (CLI::App* c : {add, list, disable, enable, reset, tcreate, tlist, trevoke})
    c->add_option("--data", args->data, "Thư mục dữ liệu (data directory)")->capture_default_str();

  return [=]() -> int {
    const bool any = add->parsed() || list->parsed() || disable->parsed() || enable->parsed() || reset->parsed() ||
                     tcreate->parsed() || tlist->parsed() || trevoke->parsed();
    if (!any) return -1;
    auto store = open(args->data);
    if (!store.ok()) return Report(store.error());
    Store& st = **store;
    if (add->parsed()) {
      User u;
      u.login = args->login;
      u.display_name = args->name;
      u.email = args->email;
      u.unit_id = args->unit;
      for (const auto& r : args->roles) {
        auto role = ParseRole(r);
        if (!role) return Report(InvalidArgument("--role", "unknown role " + r, "Không có vai trò " + r));
        u.roles.push_back(*role);
      }
      auto chosen = PasswordFor(args->password_file, u.login);
      if (!chosen.ok()) return Report(chosen.error());
      auth::PasswordHasher hasher(1);
      auto hash = hasher.Hash(chosen->first);
      if (!hash.ok()) return Report(hash.error());
      u.password_hash = *hash;
      int64_t id = 0;
      Status w = st.Write(kCli, [&](WriteTxn& txn) -> Status {
        DX_ASSIGN_OR_RETURN(id, txn.CreateUser(u));
        return OkStatus();
      });
      if (!w.ok()) return Report(w.error());
      std::cout << "user " << u.login << " created (id " << id << ")\n";
      if (chosen->second) std::cout << "password: " << chosen->first << "\n";
      return 0;
    }
    if (list->parsed()) {
      auto page = st.ListUsers(100000, 0);
      if (!page.ok()) return Report(page.error());
      for (const auto& u : page->items) {
        std::cout << u.id << "\t" << u.login << "\t" << u.display_name << "\t" << (u.unit_id.empty() ? "-" : u.unit_id)
                  << "\t";
        for (size_t i = 0; i < u.roles.size(); ++i) std::cout << (i ? "," : "") << RoleName(u.roles[i]);
        std::cout << (u.disabled ? "\tdisabled" : "") << "\n";
      }
      return 0;
    }
    if (disable->parsed() || enable->parsed() || reset->parsed()) {
      auto u = st.GetUserByLogin(args->login);
      if (!u.ok()) return Report(u.error());
      User changed = *u;
      std::optional<std::string> shown;
      if (reset->parsed()) {
        auto chosen = PasswordFor(args->password_file, u->login);
        if (!chosen.ok()) return Report(chosen.error());
        auth::PasswordHasher hasher(1);
        auto hash = hasher.Hash(chosen->first);
        if (!hash.ok()) return Report(hash.error());
        changed.password_hash = *hash;
        if (chosen->second) shown = chosen->first;
      } else {
        changed.disabled = disable->parsed();
        if (changed.disabled && HasRole(*u, Role::kAdmin) && !u->disabled) {
          auto admins = st.CountAdmins();
          if (admins.ok() && *admins <= 1)
            return Report(Error(ErrorCode::kConflict, "Không thể khóa quản trị viên cuối cùng",
                                "cannot disable the last enabled admin"));
        }
      }
      Status w = st.Write(kCli, [&](WriteTxn& txn) -> Status {
        DX_RETURN_IF_ERROR(txn.ReplaceUser(changed, u->version));
        return changed.disabled || reset->parsed() ? txn.RevokeUserSessions(u->id) : OkStatus();
      });
      if (!w.ok()) return Report(w.error());
      std::cout << "user " << u->login << (reset->parsed() ? ": password reset" : changed.disabled ? ": disabled" : ": enabled")
                << "\n";
      if (shown) std::cout << "password: " << *shown << "\n";
      return 0;
    }
    if (tcreate->parsed()) {
      ApiToken t;
      t.name = args->name;
      t.unit_id = args->unit;
      for (const auto& p : args->permissions) {
        auto perm = ParseTokenPermission(p);
        if (!perm) return Report(InvalidArgument("--permission", "unknown permission " + p, "Không có quyền " + p));
        t.permissions.push_back(*perm);
      }
      const std::string secret = std::string(api::kTokenPrefix) + auth::RandomToken(32);
      t.prefix = secret.substr(0, 8);
      t.secret_hash = auth::Sha256Hex(secret);
      t.created_by = kCli.user;
      int64_t id = 0;
      Status w = st.Write(kCli, [&](WriteTxn& txn) -> Status {
        DX_ASSIGN_OR_RETURN(id, txn.CreateApiToken(t));
        return OkStatus();
      });
      if (!w.ok()) return Report(w.error());
      std::cout << "token " << id << " created\nsecret: " << secret << "\n";
      return 0;
    }
    if (tlist->parsed()) {
      auto tokens = st.ListApiTokens();
      if (!tokens.ok()) return Report(tokens.error());
      for (const auto& t : *tokens)
        std::cout << t.id << "\t" << t.prefix << "…\t" << t.name << "\t" << t.unit_id << "\t"
                  << (t.revoked_at ? "revoked" : "active") << "\tlast used " << t.last_used_at.value_or("never") << "\n";
      return 0;
    }
    Status w = st.Write(kCli, [&](WriteTxn& txn) { return txn.RevokeApiToken(args->id); });
    if (!w.ok()) return Report(w.error());
    std::cout << "token " << args->id << " revoked\n";
    return 0;
  };
}

}  // namespace dxgov::cli
