// dxgov: one binary, several subcommands.
//   dxgov serve    [--port 8080] [--host 127.0.0.1] [--data ./var] [--no-demo] [--threads N]
//   dxgov migrate  [--data ./var]
//   dxgov backup   --out FILE [--data ./var]      (online: the server may be running)
//   dxgov restore  --from FILE [--data ./var]     (the server must be stopped)
//   dxgov audit verify [--data ./var]
//   dxgov import-plan FILE [--format json|table] [--evaluate EXPECTED.json]   (cli/import_plan.h)
//   dxgov user add|list|disable|enable|reset-password ...   (cli/accounts.h)
//   dxgov token create|list|revoke ...
//   dxgov version
// The server never reads standard input.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stop_token>
#include <thread>
#include <iostream>

#include "audit/audit_chain.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "api/static_files.h"
#include "cli/accounts.h"
#include "cli/import_plan.h"
#include "demo/demo_data.h"
#include "notify/reminder_service.h"
#include "notify/smtp_mailer.h"
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

// An exclusive lock on DIR/dxgov.lock, held for the process's lifetime: one server per
// data directory, and no restore under a running server.
bool LockDataDir(const std::string& dir, const char* why_vi, const char* why_en) {
  const std::string path = (fs::path(dir) / "dxgov.lock").string();
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
    spdlog::error("{} ({}): {}", why_vi, why_en, dir);
    return false;
  }
  return true;  // the descriptor stays open until exit
}

std::string DbPath(const std::string& dir) { return (fs::path(dir) / kDbFile).string(); }

struct ServeArgs {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string data = "./var";
  std::string web_root = "web/dist";
  bool no_demo = false;
  int threads = 4;
  int due_soon_days = 14;
  bool quiet = false;
  int64_t max_db_pages = 0;
  std::string public_url;
  std::vector<std::string> trusted_proxies;
  std::string admin_password_file;
  // Reminders (đôn đốc): in the application always, by mail when an SMTP host is given.
  bool no_reminders = false;
  std::string reminder_days = "7,1";
  int reminder_hour = 7;
  int overdue_repeat_days = 7;
  int reminder_tick_seconds = 60;
  std::string smtp_host;
  int smtp_port = 25;
  bool smtp_starttls = false;
  bool smtp_tls = false;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string mail_from = "dxgov <no-reply@dxgov.invalid>";
};

// The reminder service and the thread that ticks it, for the server's lifetime.
struct Reminders {
  std::unique_ptr<dxgov::notify::Mailer> mailer;
  std::unique_ptr<dxgov::notify::ReminderService> service;
  std::jthread ticker;
};

// Builds the reminder service from the flags, or explains which flag is wrong.
dxgov::Result<std::unique_ptr<Reminders>> StartReminders(const ServeArgs& a, dxgov::Store& store,
                                                         const dxgov::Clock& clock) {
  auto r = std::make_unique<Reminders>();
  dxgov::notify::ReminderOptions o;
  DX_ASSIGN_OR_RETURN(o.policy.days_before, dxgov::ParseReminderDays(a.reminder_days));
  o.policy.overdue_repeat_days = a.overdue_repeat_days;
  DX_RETURN_IF_ERROR(dxgov::ValidateReminderPolicy(o.policy));
  o.run_hour = a.reminder_hour;
  o.from = a.mail_from;
  o.app_url = a.public_url;
  if (!a.smtp_host.empty()) {
    dxgov::notify::SmtpConfig smtp;
    smtp.host = a.smtp_host;
    smtp.port = a.smtp_port;
    smtp.starttls = a.smtp_starttls;
    smtp.smtps = a.smtp_tls;
    smtp.username = a.smtp_user;
    smtp.from = a.mail_from;
    if (!a.smtp_password_file.empty()) {
      std::ifstream in(a.smtp_password_file);
      if (!in || !std::getline(in, smtp.password))
        return dxgov::InvalidArgument("/smtp-password-file", "cannot read " + a.smtp_password_file,
                                      "Không đọc được tệp mật khẩu SMTP " + a.smtp_password_file);
    }
    r->mailer = dxgov::notify::MakeSmtpMailer(std::move(smtp));
  }
  r->service = std::make_unique<dxgov::notify::ReminderService>(store, clock, r->mailer.get(), o);
  const auto every = std::chrono::seconds(a.reminder_tick_seconds);
  r->ticker = std::jthread([service = r->service.get(), every](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      if (auto s = service->Tick(); !s.ok())
        spdlog::warn("Nhắc việc (reminders): {}", s.error().message_vi());
      std::unique_lock lock(mu);
      wake.wait_for(lock, stop, every, [] { return false; });
    }
  });
  return r;
}

int Serve(const ServeArgs& a) {
  if (!EnsureDir(a.data)) return 1;
  if (!LockDataDir(a.data, "Một máy chủ dxgov khác đang dùng thư mục dữ liệu này",
                   "another dxgov server uses this data directory"))
    return 1;
  const std::string path = (fs::path(a.data) / kDbFile).string();
  static const dxgov::SystemClock clock;
  auto store = dxgov::OpenSqliteStore({path, std::max(2, a.threads), &clock, a.max_db_pages});
  if (!store.ok()) return Fail(store.error());
  if (!a.no_demo) {
    auto empty = (*store)->IsEmpty();
    if (!empty.ok()) return Fail(empty.error());
    if (*empty) {
      auto loaded = dxgov::demo::LoadDemoData(**store);
      if (!loaded.ok()) return Fail(loaded.error());
      spdlog::info("Đã nạp dữ liệu mẫu (demo data loaded): {} units, {} indicators, {} plans, {} objectives, {} tasks, "
                   "{} platforms",
                   loaded->units, loaded->indicators, loaded->plans, loaded->objectives, loaded->tasks,
                   loaded->platforms);
    } else {
      auto added = dxgov::demo::LoadMissingReferenceData(**store);
      if (!added.ok()) return Fail(added.error());
      if (added->indicators || added->platforms)
        spdlog::info("Đã bổ sung dữ liệu tham chiếu (reference data added): {} indicators, {} platforms",
                     added->indicators, added->platforms);
    }
  }
  if (!(*store)->Info().writable)
    spdlog::warn("Cơ sở dữ liệu chỉ đọc: vẫn phục vụ việc xem, mọi thao tác ghi trả về 503 (database is read-only: "
                 "reads are served, every write answers 503): {}", path);
  if (auto st = dxgov::cli::EnsureFirstAdmin(**store, a.data, a.admin_password_file); !st.ok()) return Fail(st.error());
  std::unique_ptr<Reminders> reminders;
  if (!a.no_reminders) {
    auto started = StartReminders(a, **store, clock);
    if (!started.ok()) return Fail(started.error());
    reminders = std::move(started).value();
    spdlog::info("Nhắc việc (reminders): {} ngày trước hạn, từ {}h hằng ngày; thư (mail): {}", a.reminder_days,
                 a.reminder_hour, a.smtp_host.empty() ? std::string("tắt (off)") : a.smtp_host);
  }
  dxgov::api::ApiOptions api_options;
  api_options.reminders = reminders ? reminders->service.get() : nullptr;
  api_options.due_soon_days = a.due_soon_days;
  api_options.version = DXGOV_VERSION;
  api_options.public_https = a.public_url.rfind("https://", 0) == 0;
  api_options.trusted_proxies = a.trusted_proxies;
  api_options.web_root = a.web_root;
  dxgov::api::Api api(**store, clock, api_options);
  dxgov::api::ServerOptions opts;
  opts.host = a.host;
  opts.port = a.port;
  opts.threads = a.threads;
  opts.access_log = !a.quiet;
  dxgov::api::HttpServer server(api, opts);
  if (auto s = server.Listen(); !s.ok()) return Fail(s.error());
  spdlog::info("dxgov {} đang phục vụ tại (serving on) http://{}:{} — dữ liệu (data): {}", DXGOV_VERSION, a.host,
               server.port(), path);
  if (dxgov::api::StaticFiles(a.web_root).built())
    spdlog::info("Giao diện web (web UI): {}", a.web_root);
  else
    spdlog::warn("Chưa có giao diện web tại (no web UI built at) {}: chạy (run) scripts/build-web; API vẫn phục vụ (the API is served)",
                 a.web_root);
  server.Run(/*handle_signals=*/true);
  reminders.reset();  // stops the ticker before the store goes
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

// The store in an existing data directory, for commands that must not create one.
dxgov::Result<std::unique_ptr<dxgov::Store>> OpenExisting(const std::string& data) {
  static const dxgov::SystemClock clock;
  if (!fs::exists(DbPath(data)))
    return dxgov::NotFound("cơ sở dữ liệu trong", "database in", data);
  return dxgov::OpenSqliteStore({DbPath(data), 1, &clock});
}

int Backup(const std::string& data, const std::string& out) {
  auto store = OpenExisting(data);
  if (!store.ok()) return Fail(store.error());
  if (auto s = (*store)->Backup(out); !s.ok()) return Fail(s.error());
  std::cout << "backup written to " << out << " (" << fs::file_size(out) << " bytes)\n";
  return 0;
}

int Restore(const std::string& data, const std::string& from) {
  if (!EnsureDir(data)) return 1;
  if (!LockDataDir(data, "Hãy dừng máy chủ dxgov trước khi khôi phục", "stop the dxgov server before restoring"))
    return 1;
  if (auto s = dxgov::RestoreSqliteFile(from, DbPath(data)); !s.ok()) return Fail(s.error());
  std::cout << "restored " << from << " into " << DbPath(data) << "\n";
  return 0;
}

int VerifyAudit(const std::string& data) {
  auto store = OpenExisting(data);
  if (!store.ok()) return Fail(store.error());
  dxgov::audit::ChainVerifier verifier;
  dxgov::AuditQuery q;
  q.oldest_first = true;
  q.limit = 1000;
  for (;;) {
    auto page = (*store)->ListAudit(q);
    if (!page.ok()) return Fail(page.error());
    for (const auto& e : page->items) verifier.Add(e);
    if (page->items.empty() || !verifier.report().ok) break;
    q.after_id = page->items.back().id;
  }
  const auto& r = verifier.report();
  if (!r.ok) {
    std::cout << "audit trail BROKEN at entry " << r.first_bad_id << ": " << r.reason << " (" << r.checked
              << " entries before it verified)\n";
    return 1;
  }
  std::cout << "audit trail ok: " << r.checked << " entries verified\n";
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
  s->add_option("--web-root", serve.web_root, "Thư mục giao diện web đã xây dựng (the built web UI, web/dist)")
      ->capture_default_str();
  s->add_flag("--no-demo", serve.no_demo, "Không nạp dữ liệu mẫu vào cơ sở dữ liệu trống (do not load demo data)");
  s->add_option("--threads", serve.threads, "Số luồng phục vụ (worker threads)")->check(CLI::Range(1, 64))->capture_default_str();
  s->add_option("--due-soon-days", serve.due_soon_days, "Số ngày coi là sắp đến hạn (days that count as due soon)")
      ->check(CLI::Range(0, 365))->capture_default_str();
  s->add_flag("--quiet", serve.quiet, "Không ghi nhật ký truy cập (no access log)");
  s->add_option("--max-db-pages", serve.max_db_pages,
                "Giới hạn kích thước tệp dữ liệu, số trang 4 KiB (cap the database file, in 4 KiB pages; 0 = none)")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  s->add_option("--public-url", serve.public_url,
                "Địa chỉ công khai, vd. https://dxgov.gov.vn (public URL; https makes session cookies Secure)");
  s->add_option("--trusted-proxy", serve.trusted_proxies,
                "Địa chỉ proxy tin cậy được gửi X-Forwarded-Proto/-For (trusted reverse proxy address; repeatable)");
  s->add_option("--admin-password-file", serve.admin_password_file,
                "Mật khẩu cho tài khoản quản trị đầu tiên (first admin's password file; default: a random one)");
  s->add_flag("--no-reminders", serve.no_reminders, "Không chạy nhắc việc (do not run reminders)");
  s->add_option("--reminder-days", serve.reminder_days, "Nhắc trước hạn bao nhiêu ngày (days before the due date), vd. 7,1")
      ->capture_default_str();
  s->add_option("--reminder-hour", serve.reminder_hour, "Giờ gửi nhắc việc hằng ngày, giờ Việt Nam (daily hour, Vietnam time)")
      ->check(CLI::Range(0, 23))->capture_default_str();
  s->add_option("--overdue-repeat-days", serve.overdue_repeat_days,
                "Nhắc lại việc quá hạn sau mỗi bao nhiêu ngày (repeat overdue escalations every N days; 0 = once)")
      ->check(CLI::Range(0, 365))->capture_default_str();
  s->add_option("--reminder-tick-seconds", serve.reminder_tick_seconds, "Chu kỳ kiểm tra, giây (scheduler period)")
      ->check(CLI::Range(1, 3600))->capture_default_str();
  s->add_option("--smtp-host", serve.smtp_host, "Máy chủ SMTP để gửi thư nhắc việc (SMTP host; none: no mail)");
  s->add_option("--smtp-port", serve.smtp_port, "Cổng SMTP (SMTP port)")->check(CLI::Range(1, 65535))->capture_default_str();
  s->add_flag("--smtp-starttls", serve.smtp_starttls, "Bắt buộc STARTTLS (require STARTTLS)");
  s->add_flag("--smtp-tls", serve.smtp_tls, "TLS ngay từ đầu, cổng 465 (implicit TLS)");
  s->add_option("--smtp-user", serve.smtp_user, "Tài khoản SMTP (SMTP user name)");
  s->add_option("--smtp-password-file", serve.smtp_password_file, "Tệp chứa mật khẩu SMTP (file holding the SMTP password)");
  s->add_option("--mail-from", serve.mail_from, "Địa chỉ người gửi (From address)")->capture_default_str();

  std::string migrate_data = "./var";
  auto* m = app.add_subcommand("migrate", "Nâng cấp lược đồ cơ sở dữ liệu (apply schema migrations)");
  m->add_option("--data", migrate_data, "Thư mục dữ liệu (data directory)")->capture_default_str();

  std::string backup_data = "./var", backup_out;
  auto* b = app.add_subcommand("backup", "Sao lưu trực tuyến cơ sở dữ liệu (online backup; the server may run)");
  b->add_option("--data", backup_data, "Thư mục dữ liệu (data directory)")->capture_default_str();
  b->add_option("--out", backup_out, "Tệp sao lưu sẽ tạo (backup file to create)")->required();

  std::string restore_data = "./var", restore_from;
  auto* r = app.add_subcommand("restore", "Khôi phục từ bản sao lưu (restore; stop the server first)");
  r->add_option("--data", restore_data, "Thư mục dữ liệu (data directory)")->capture_default_str();
  r->add_option("--from", restore_from, "Tệp sao lưu (backup file)")->required();

  std::string audit_data = "./var";
  auto* a = app.add_subcommand("audit", "Nhật ký thay đổi (audit trail)");
  auto* av = a->add_subcommand("verify", "Kiểm tra chuỗi băm của nhật ký (verify the hash chain)");
  av->add_option("--data", audit_data, "Thư mục dữ liệu (data directory)")->capture_default_str();
  a->require_subcommand(1);

  auto* v = app.add_subcommand("version", "In phiên bản (print the version)");
  auto run_accounts = dxgov::cli::AddAccountCommands(app, OpenExisting);
  auto run_import = dxgov::cli::AddImportPlanCommand(app);

  CLI11_PARSE(app, argc, argv);
  if (int rc = run_accounts(); rc >= 0) return rc;
  if (int rc = run_import(); rc >= 0) return rc;
  if (s->parsed()) return Serve(serve);
  if (m->parsed()) return Migrate(migrate_data);
  if (b->parsed()) return Backup(backup_data, backup_out);
  if (r->parsed()) return Restore(restore_data, restore_from);
  if (av->parsed()) return VerifyAudit(audit_data);
  if (v->parsed()) {
    std::cout << "dxgov " << DXGOV_VERSION << " (schema " << dxgov::sqlite::LatestSchemaVersion() << ")\n";
    return 0;
  }
  return 0;
}
