// dxgov: one binary, several subcommands.
//   dxgov serve    [--port 8080] [--host 127.0.0.1] [--data ./var] [--no-demo] [--threads N]
//   dxgov migrate  [--data ./var]
//   dxgov version
// The server never reads standard input.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "api/http_server.h"
#include "api/routes.h"
#include "demo/demo_data.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"

#ifndef DXGOV_VERSION
#define DXGOV_VERSION "0.0.0"
#endif

namespace {

namespace fs = std::filesystem;

constexpr const char* kDbFile = "dxgov.sqlite";

int Fail(const dxgov::Error& e) {
  spdlog::error("{} ({})", e.message_vi(), e.message_en());
  for (const auto& f : e.fields()) spdlog::error("  {}: {}", f.path, f.reason);
  return 1;
}

bool EnsureDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    spdlog::error("Không tạo được thư mục dữ liệu {} (cannot create data directory): {}", dir, ec.message());
    return false;
  }
  return true;
}

struct ServeArgs {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string data = "./var";
  bool no_demo = false;
  int threads = 4;
  int due_soon_days = 14;
  bool quiet = false;
};

int Serve(const ServeArgs& a) {
  if (!EnsureDir(a.data)) return 1;
  const std::string path = (fs::path(a.data) / kDbFile).string();
  static const dxgov::SystemClock clock;
  auto store = dxgov::OpenSqliteStore({path, std::max(2, a.threads), &clock});
  if (!store.ok()) return Fail(store.error());
  if (!a.no_demo) {
    auto empty = (*store)->IsEmpty();
    if (!empty.ok()) return Fail(empty.error());
    if (*empty) {
      auto loaded = dxgov::demo::LoadDemoData(**store);
      if (!loaded.ok()) return Fail(loaded.error());
      spdlog::info("Đã nạp dữ liệu mẫu (demo data loaded): {} units, {} plans, {} objectives, {} tasks",
                   loaded->units, loaded->plans, loaded->objectives, loaded->tasks);
    }
  }
  dxgov::api::Api api(**store, clock, {a.due_soon_days, DXGOV_VERSION});
  dxgov::api::ServerOptions opts;
  opts.host = a.host;
  opts.port = a.port;
  opts.threads = a.threads;
  opts.access_log = !a.quiet;
  dxgov::api::HttpServer server(api, opts);
  if (auto s = server.Listen(); !s.ok()) return Fail(s.error());
  spdlog::info("dxgov {} đang phục vụ tại (serving on) http://{}:{} — dữ liệu (data): {}", DXGOV_VERSION, a.host,
               server.port(), path);
  server.Run(/*handle_signals=*/true);
  if (auto s = (*store)->Checkpoint(); !s.ok()) return Fail(s.error());
  spdlog::info("Đã dừng (stopped); WAL checkpointed");
  return 0;
}

int Migrate(const std::string& data) {
  if (!EnsureDir(data)) return 1;
  const std::string path = (fs::path(data) / kDbFile).string();
  auto v = dxgov::MigrateSqliteFile(path);
  if (!v.ok()) return Fail(v.error());
  std::cout << "schema version " << *v << " (" << path << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("dxgov"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  CLI::App app{"dxgov — theo dõi, đánh giá chuyển đổi số (digital transformation planning and monitoring)"};
  app.require_subcommand(1);

  ServeArgs serve;
  auto* s = app.add_subcommand("serve", "Chạy máy chủ HTTP (run the HTTP server)");
  s->add_option("--host", serve.host, "Địa chỉ lắng nghe (listen address)")->capture_default_str();
  s->add_option("--port", serve.port, "Cổng (port); 0 chọn cổng trống")->capture_default_str();
  s->add_option("--data", serve.data, "Thư mục dữ liệu (data directory)")->capture_default_str();
  s->add_flag("--no-demo", serve.no_demo, "Không nạp dữ liệu mẫu vào cơ sở dữ liệu trống (do not load demo data)");
  s->add_option("--threads", serve.threads, "Số luồng phục vụ (worker threads)")->check(CLI::Range(1, 64))->capture_default_str();
  s->add_option("--due-soon-days", serve.due_soon_days, "Số ngày coi là sắp đến hạn (days that count as due soon)")
      ->check(CLI::Range(0, 365))->capture_default_str();
  s->add_flag("--quiet", serve.quiet, "Không ghi nhật ký truy cập (no access log)");

  std::string migrate_data = "./var";
  auto* m = app.add_subcommand("migrate", "Nâng cấp lược đồ cơ sở dữ liệu (apply schema migrations)");
  m->add_option("--data", migrate_data, "Thư mục dữ liệu (data directory)")->capture_default_str();

  auto* v = app.add_subcommand("version", "In phiên bản (print the version)");

  CLI11_PARSE(app, argc, argv);
  if (s->parsed()) return Serve(serve);
  if (m->parsed()) return Migrate(migrate_data);
  if (v->parsed()) {
    std::cout << "dxgov " << DXGOV_VERSION << " (schema " << dxgov::sqlite::LatestSchemaVersion() << ")\n";
    return 0;
  }
  return 0;
}
