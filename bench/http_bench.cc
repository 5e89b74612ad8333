// API benchmark.
//
//   dxgov_bench --scale smoke|full|<tasks> [--seconds S] [--connections C] [--keep DIR]
//
// 1. Builds a database: the real unit registry and plans (demo data), plus a generated plan
//    of N tasks over the real units (leads: ministries, agencies and provinces valid in
//    2024; coordinators including groups; every deadline form; mixed statuses).
// 2. Starts the real `dxgov serve` on it and drives C keep-alive connections for S seconds
//    over a fixed mix: by lead, by coordinator (group expansion), status + timeliness as of
//    a date, a deadline window, `q` without diacritics, sorted by deadline.
// 3. Runs the same queries in-process through the sqlite3 C API on the same file, one at a
//    time, and reports each latency next to the other, with the ratio.
// 4. Reports the server's RSS after the run (and its peak).
// Full scale: 100,000 tasks, 16 connections, 30 s. Smoke scale: 5,000 tasks, 16, 3 s.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "demo/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "support/http_client.h"

namespace fs = std::filesystem;
using namespace std::chrono;
using namespace dxgov;

namespace {

struct Options {
  int tasks = 5000;
  double seconds = 3;
  int connections = 16;
  std::string scale = "smoke";
  std::string keep;
};

[[noreturn]] void Die(const std::string& msg) {
  std::cerr << "dxgov_bench: " << msg << "\n";
  std::exit(1);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--scale") {
      o.scale = next();
      if (o.scale == "smoke") { o.tasks = 5000; o.seconds = 3; }
      else if (o.scale == "full") { o.tasks = 100000; o.seconds = 30; }
      else { o.tasks = std::stoi(o.scale); o.seconds = 10; }
    } else if (a == "--seconds") {
      o.seconds = std::stod(next());
    } else if (a == "--connections") {
      o.connections = std::stoi(next());
    } else if (a == "--keep") {
      o.keep = next();
    } else {
      Die("unknown argument " + a);
    }
  }
  return o;
}

// ---------------------------------------------------------------- the database

struct Generated {
  int64_t plan_id = 0;
  std::vector<std::string> provinces;   // valid in 2024
  std::vector<std::string> ministries;  // ministries and agencies valid in 2024
};

Generated Generate(Store& store, int n) {
  auto loaded = demo::LoadDemoData(store);
  if (!loaded.ok()) Die(loaded.error().message_en());
  Generated g;
  auto reg = store.Units();
  const Date y2024 = MakeDate(2024, 6, 1);
  for (const Unit* u : reg->ValidOn(y2024, {UnitKind::kProvince, UnitKind::kCity})) g.provinces.push_back(u->id);
  for (const Unit* u : reg->ValidOn(y2024, {UnitKind::kMinistry, UnitKind::kMinistryAgency, UnitKind::kGovernmentAgency}))
    g.ministries.push_back(u->id);
  const std::vector<std::string> groups = {"cac-dia-phuong", "cac-bo-nganh", "cac-bo-nganh-dia-phuong"};

  // Titles and texts drawn from the real plan, so search sees real Vietnamese.
  std::vector<std::string> titles, texts;
  TaskQuery all;
  all.limit = 500;
  auto real = store.ListTasks(all);
  for (const auto& t : real->items) {
    titles.push_back(t.title);
    texts.push_back(t.text);
  }
  const std::vector<std::string> deadlines = {"Tháng 3/2024", "Tháng 6/2024", "Tháng 9/2024", "Tháng 12/2024",
                                              "Quý II/2024", "Quý IV/2024", "Năm 2024", "2024 - 2025",
                                              "15/05/2024", "trước ngày 30 tháng 11 hàng năm",
                                              "Theo kế hoạch cụ thể của đơn vị", "Tháng 2/2025"};
  Plan plan;
  plan.kind = "plan";
  plan.key = "bench-2024";
  plan.title = "Kế hoạch sinh tự động cho đo hiệu năng";
  plan.published = true;
  Status s = store.Write([&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(g.plan_id, txn.CreatePlan(plan));
    return OkStatus();
  });
  if (!s.ok()) Die(s.error().message_en());

  std::mt19937 rng(42);
  auto pick = [&](const auto& v) -> const auto& { return v[rng() % v.size()]; };
  const int batch = 2000;
  for (int start = 0; start < n; start += batch) {
    Status w = store.Write([&](WriteTxn& txn) -> Status {
      for (int i = start; i < std::min(n, start + batch); ++i) {
        Task t;
        t.plan_id = g.plan_id;
        t.section = std::to_string(1 + i % 12);
        t.number = t.section + "." + std::to_string(i + 1);
        t.title = pick(titles);
        t.text = pick(texts);
        t.lead.unit_id = rng() % 3 == 0 ? pick(g.ministries) : pick(g.provinces);
        const int coordinators = static_cast<int>(rng() % 4);
        for (int c = 0; c < coordinators; ++c) {
          std::string id = c == 0 && rng() % 2 ? pick(groups) : pick(g.ministries);
          if (id == t.lead.unit_id) continue;
          bool dup = false;
          for (const auto& x : t.coordinators) dup |= x.unit_id == id;
          if (!dup) t.coordinators.push_back({id, ""});
        }
        t.deadline = ParseDeadlineText(pick(deadlines)).value();
        const int st = static_cast<int>(rng() % 10);
        t.status = st < 4 ? TaskStatus::kNotStarted : st < 8 ? TaskStatus::kInProgress : st < 9 ? TaskStatus::kDone
                                                                                              : TaskStatus::kPaused;
        if (t.status == TaskStatus::kDone) t.completed_on = MakeDate(2024, 1 + rng() % 12, 1 + rng() % 28);
        t.progress_percent = t.status == TaskStatus::kDone ? 100 : static_cast<int>(rng() % 90);
        t.ordinal = i + 1;
        auto id = txn.CreateTask(t);
        if (!id.ok()) return std::move(id).error();
      }
      return OkStatus();
    });
    if (!w.ok()) Die(w.error().message_en());
  }
  return g;
}

// ---------------------------------------------------------------- the query mix

struct Query {
  std::string name;
  std::string target;      // HTTP
  std::string sql_count;   // the same query through the C API
  std::string sql_page;
};

std::string InList(const std::vector<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "'" : ",'") + id + "'";
  return s;
}

std::vector<Query> Mix(const Generated& g, const UnitRegistry& reg) {
  const std::string province = g.provinces[7];
  const std::string ministry = g.ministries[3];
  // The raw SQL gets the expansion dxgov computes (the ministry and the groups it is in).
  std::vector<std::string> coordinator_ids = {ministry};
  for (auto& grp : reg.GroupsContaining(ministry, MakeDate(2024, 6, 30))) coordinator_ids.push_back(grp);
  const std::string page = " LIMIT 50";
  const std::string cols = "SELECT b.body, t.id, t.revision FROM tasks t JOIN task_bodies b ON b.id = t.id";
  std::vector<Query> q;
  q.push_back({"lead", "/api/tasks?lead=" + province + "&as_of=2024-06-30&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.id IN (SELECT task_id FROM task_units WHERE role='lead' AND unit_id IN ('" + province + "'))",
               cols + " WHERE t.id IN (SELECT task_id FROM task_units WHERE role='lead' AND unit_id IN ('" + province +
                   "')) ORDER BY t.plan_id, t.number_key" + page});
  q.push_back({"coordinator+groups", "/api/tasks?coordinator=" + ministry + "&as_of=2024-06-30&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.id IN (SELECT task_id FROM task_units WHERE role='coordinator' AND unit_id IN (" + InList(coordinator_ids) + "))",
               cols + " WHERE t.id IN (SELECT task_id FROM task_units WHERE role='coordinator' AND unit_id IN (" +
                   InList(coordinator_ids) + ")) ORDER BY t.plan_id, t.number_key" + page});
  q.push_back({"status+timeliness", "/api/tasks?status=in_progress&timeliness=overdue&as_of=2024-06-30&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.status='in_progress' AND t.due_date < '2024-06-30'",
               cols + " WHERE t.status='in_progress' AND t.due_date < '2024-06-30' ORDER BY t.plan_id, t.number_key" + page});
  q.push_back({"deadline window", "/api/tasks?due_from=2024-09-01&due_to=2024-09-30&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.due_date BETWEEN '2024-09-01' AND '2024-09-30'",
               cols + " WHERE t.due_date BETWEEN '2024-09-01' AND '2024-09-30' ORDER BY t.plan_id, t.number_key" + page});
  q.push_back({"q (no diacritics)", "/api/tasks?q=nen%20tang%20du%20lieu&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.id IN (SELECT rowid FROM task_search WHERE task_search MATCH '\"nen tang du lieu\"')",
               cols + " WHERE t.id IN (SELECT rowid FROM task_search WHERE task_search MATCH '\"nen tang du lieu\"') ORDER BY t.plan_id, t.number_key" + page});
  q.push_back({"sorted by deadline", "/api/tasks?unit=" + province + "&sort=deadline&as_of=2024-06-30&limit=50",
               "SELECT COUNT(*) FROM tasks t WHERE t.id IN (SELECT task_id FROM task_units WHERE role IN ('lead','coordinator') AND unit_id IN ('" + province + "','cac-dia-phuong','cac-bo-nganh-dia-phuong'))",
               cols + " WHERE t.id IN (SELECT task_id FROM task_units WHERE role IN ('lead','coordinator') AND unit_id IN ('" +
                   province + "','cac-dia-phuong','cac-bo-nganh-dia-phuong')) ORDER BY t.due_date IS NULL, t.due_date, t.number_key" + page});
  return q;
}

// ---------------------------------------------------------------- measuring

struct Stats {
  double p50 = 0, p99 = 0, mean = 0;
  size_t n = 0;
};

Stats Summarise(std::vector<double> ms) {
  Stats s;
  s.n = ms.size();
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  s.p50 = ms[ms.size() / 2];
  s.p99 = ms[std::min(ms.size() - 1, static_cast<size_t>(ms.size() * 0.99))];
  double sum = 0;
  for (double x : ms) sum += x;
  s.mean = sum / static_cast<double>(ms.size());
  return s;
}

std::vector<double> RawLatencies(const std::string& db_path, const Query& q, int iterations) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) Die("open for raw queries");
  std::vector<double> out;
  for (int i = 0; i < iterations; ++i) {
    const auto t0 = steady_clock::now();
    for (const std::string* sql : {&q.sql_count, &q.sql_page}) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql->c_str(), -1, &st, nullptr) != SQLITE_OK) Die(std::string("raw SQL: ") + sqlite3_errmsg(db));
      size_t bytes = 0;
      while (sqlite3_step(st) == SQLITE_ROW) bytes += static_cast<size_t>(sqlite3_column_bytes(st, 0));
      sqlite3_finalize(st);
      if (bytes == static_cast<size_t>(-1)) Die("unreachable");
    }
    out.push_back(duration<double, std::milli>(steady_clock::now() - t0).count());
  }
  sqlite3_close(db);
  return out;
}

struct Server {
  pid_t pid = -1;
  uint16_t port = 0;
};

Server StartServer(const fs::path& dir) {
  const fs::path log = dir / "bench-server.log";
  fs::remove(log);
  Server s;
  s.pid = fork();
  if (s.pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    dup2(fd, 1);
    execl(DXGOV_BINARY, DXGOV_BINARY, "serve", "--port", "0", "--data", dir.c_str(), "--no-demo", "--quiet",
          "--threads", "4", static_cast<char*>(nullptr));
    _exit(127);
  }
  static const std::regex kListening(R"(http://127\.0\.0\.1:(\d+))");
  for (int i = 0; i < 1000 && s.port == 0; ++i) {
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::smatch m;
    if (std::regex_search(text, m, kListening)) s.port = static_cast<uint16_t>(std::stoi(m[1].str()));
    else std::this_thread::sleep_for(10ms);
  }
  if (s.port == 0) Die("server did not start; see " + log.string());
  return s;
}

long StatusKb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = ParseArgs(argc, argv);
  fs::path dir = o.keep.empty() ? fs::temp_directory_path() / ("dxgov-bench-" + std::to_string(getpid())) : fs::path(o.keep);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db_path = (dir / "dxgov.sqlite").string();

  const auto g0 = steady_clock::now();
  Generated gen;
  std::shared_ptr<const UnitRegistry> registry;
  {
    auto store = OpenSqliteStore({db_path, 2, nullptr});
    if (!store.ok()) Die(store.error().message_en());
    gen = Generate(**store, o.tasks);
    registry = (*store)->Units();
    if (!(*store)->Checkpoint().ok()) Die("checkpoint");
  }
  const double gen_s = duration<double>(steady_clock::now() - g0).count();
  const auto mix = Mix(gen, *registry);

  Server server = StartServer(dir);
  // Warm up: each query once.
  for (const auto& q : mix) {
    auto r = testing::Http(server.port, "GET", q.target);
    if (r.status != 200) Die(q.name + ": HTTP " + std::to_string(r.status) + " " + r.body);
  }

  std::vector<std::vector<std::vector<double>>> per_thread(static_cast<size_t>(o.connections),
                                                           std::vector<std::vector<double>>(mix.size()));
  std::atomic<long> errors{0};
  const auto deadline = steady_clock::now() + duration<double>(o.seconds);
  const auto l0 = steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < o.connections; ++c) {
    threads.emplace_back([&, c] {
      testing::Connection conn(server.port);
      size_t i = static_cast<size_t>(c);
      while (steady_clock::now() < deadline) {
        const Query& q = mix[i % mix.size()];
        const auto t0 = steady_clock::now();
        auto r = conn.Request("GET", q.target);
        const double ms = duration<double, std::milli>(steady_clock::now() - t0).count();
        if (r.status != 200) errors++;
        per_thread[static_cast<size_t>(c)][i % mix.size()].push_back(ms);
        ++i;
      }
    });
  }
  for (auto& t : threads) t.join();
  const double load_s = duration<double>(steady_clock::now() - l0).count();
  const long rss_kb = StatusKb(server.pid, "VmRSS");
  const long hwm_kb = StatusKb(server.pid, "VmHWM");
  kill(server.pid, SIGTERM);
  int wstatus = 0;
  waitpid(server.pid, &wstatus, 0);

  std::vector<double> all;
  std::printf("\n## dxgov_bench --scale %s\n\n", o.scale.c_str());
  std::printf("%d generated tasks (+133 of the 2022 plan) over %zu provinces and %zu ministries/agencies; "
              "generated in %.1f s\n", o.tasks, gen.provinces.size(), gen.ministries.size(), gen_s);
  std::printf("%d keep-alive connections for %.1f s against `dxgov serve --threads 4`; raw = the same SQL through "
              "the sqlite3 C API, one connection, same file, same run\n\n", o.connections, load_s);
  std::printf("| query | requests | dxgov p50 ms | dxgov p99 ms | raw SQL p50 ms | raw SQL p99 ms | p50 ratio |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  for (size_t k = 0; k < mix.size(); ++k) {
    std::vector<double> ms;
    for (auto& t : per_thread) ms.insert(ms.end(), t[k].begin(), t[k].end());
    all.insert(all.end(), ms.begin(), ms.end());
    const Stats s = Summarise(ms);
    const Stats raw = Summarise(RawLatencies(db_path, mix[k], 200));
    std::printf("| %s | %zu | %.2f | %.2f | %.3f | %.3f | %.1f× |\n", mix[k].name.c_str(), s.n, s.p50, s.p99, raw.p50,
                raw.p99, raw.p50 > 0 ? s.p50 / raw.p50 : 0.0);
  }
  const Stats total = Summarise(all);
  std::printf("| **all** | %zu | %.2f | %.2f | | | |\n\n", total.n, total.p50, total.p99);
  std::printf("throughput: %.0f requests/s; errors: %ld; server RSS after the run: %.1f MB (peak %.1f MB); "
              "server exit: %d\n", static_cast<double>(total.n) / load_s, errors.load(), rss_kb / 1024.0,
              hwm_kb / 1024.0, WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
  if (o.keep.empty()) fs::remove_all(dir);
  const bool ok = errors == 0 && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && total.n > 0;
  return ok ? 0 : 1;
}
