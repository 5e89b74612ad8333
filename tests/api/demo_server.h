// A real dxgov API served on loopback over a temporary SQLite file holding the demo data,
// for in-process API tests. Passwords of users added here, and of users made through the
// API, are hashed cheaply (kCheapHash) so that tests stay fast; the policy is unchanged.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "api/http_server.h"
#include "api/routes.h"
#include "auth/password.h"
#include "demo/demo_data.h"
#include "notify/reminder_service.h"
#include "store/sqlite/sqlite_store.h"
#include "support/api_json.h"
#include "support/http_client.h"
#include "support/settable_clock.h"
#include "support/temp_dir.h"

namespace dxgov::testing {

class DemoServer {
 public:
  static constexpr auth::HashParams kCheapHash{1024, 1, 1};

  explicit DemoServer(const std::string& name, size_t max_body_bytes = 1 << 20)
      : dir_(name), max_body_bytes_(max_body_bytes) {}
  ~DemoServer() {
    if (thread_.joinable()) {
      server_->Shutdown();
      thread_.join();
    }
  }

  // Opens the store, loads the demo data and starts serving; an error says which step failed.
  Status Start() {
    DX_ASSIGN_OR_RETURN(store_, OpenSqliteStore({(dir_.path() / "dxgov.sqlite").string(), 4, &clock_}));
    auto loaded = demo::LoadDemoData(*store_);
    if (!loaded.ok()) return std::move(loaded).error();
    // Reminders in the application only (no mailer): "send reminders now" works.
    reminders_ = std::make_unique<notify::ReminderService>(*store_, clock_, nullptr, reminder_options_);
    api::ApiOptions options;
    options.reminders = reminders_.get();
    options.version = "test";
    options.hash_memory_kib = kCheapHash.memory_kib;
    options.hash_passes = kCheapHash.passes;
    api_ = std::make_unique<api::Api>(*store_, clock_, options);
    api::ServerOptions opts;
    opts.port = 0;
    opts.threads = 2;
    opts.access_log = false;
    opts.max_body_bytes = max_body_bytes_;
    server_ = std::make_unique<api::HttpServer>(*api_, opts);
    DX_RETURN_IF_ERROR(server_->Listen());
    thread_ = std::thread([this] { server_->Run(false); });
    return OkStatus();
  }

  // Adds a user straight to the store (the first admin, the matrix's roles).
  Status AddUser(const std::string& login, const std::string& unit, Role role, const std::string& password) {
    User u;
    u.login = login;
    u.display_name = "Người dùng " + login;
    u.unit_id = unit;
    u.roles = {role};
    DX_ASSIGN_OR_RETURN(u.password_hash, auth::PasswordHasher(1, kCheapHash).Hash(password));
    return store_->Write([&](WriteTxn& t) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, t.CreateUser(u));
      (void)id;
      return OkStatus();
    });
  }

  using Headers = std::vector<std::pair<std::string, std::string>>;

  // Adds a user with `role` in `unit` and signs them in: the headers their requests carry
  // (empty when signing in failed, which the caller asserts).
  Headers AddSignedInUser(const std::string& login, const std::string& unit, Role role) {
    if (!AddUser(login, unit, role, kTestPassword).ok()) return {};
    return SignIn(port(), login, kTestPassword);
  }

  // One request as `who`: a JSON body when one is given, If-Match when `if_match` is.
  HttpResult Call(const Headers& who, const std::string& method, const std::string& target,
                  const std::string& body = "", const std::string& if_match = "") const {
    Headers h = who;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    if (!if_match.empty()) h.emplace_back("If-Match", if_match);
    return Http(port(), method, target, body, h);
  }

  // The id of the demo plan with `key`; 0 when there is none.
  int64_t PlanId(const Headers& who, const std::string& key) const {
    const boost::json::value plans = Json(Call(who, "GET", "/api/plans?limit=100"));
    for (const auto& p : plans.at("items").as_array())
      if (p.at("key") == boost::json::value(key)) return p.at("id").as_int64();
    return 0;
  }

  static constexpr const char* kTestPassword = "Mật khẩu thử nghiệm đủ dài 2026";

  Store& store() { return *store_; }
  // Follows the system clock until a test sets it.
  SettableClock& clock() { return clock_; }
  uint16_t port() const { return server_->port(); }

 private:
  TempDir dir_;
  size_t max_body_bytes_;
  SettableClock clock_;
  std::unique_ptr<Store> store_;
  notify::ReminderOptions reminder_options_;
  std::unique_ptr<notify::ReminderService> reminders_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<api::HttpServer> server_;
  std::thread thread_;
};

}  // namespace dxgov::testing
