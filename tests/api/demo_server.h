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
#include "store/sqlite/sqlite_store.h"
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
    api::ApiOptions options;
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

  Store& store() { return *store_; }
  // Follows the system clock until a test sets it.
  SettableClock& clock() { return clock_; }
  uint16_t port() const { return server_->port(); }

 private:
  TempDir dir_;
  size_t max_body_bytes_;
  SettableClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<api::HttpServer> server_;
  std::thread thread_;
};

}  // namespace dxgov::testing
