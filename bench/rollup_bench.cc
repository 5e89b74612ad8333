// The rollup engine at national scale, next to plain SQL on SQLite over the same figures in
// the same run (issue 6, point 6 — the in-process part; see docs/benchmarks.md for what is
// not measured yet).
//
//   dxgov_rollup_bench --scale smoke|full|<indicators> [--months M] [--repeat R] [--keep FILE]
//
// Figures: every commune of the real registry (3,321 from 2025-07-01) reports every
// indicator every month, from 2025-07 for M months (full: 300 indicators × 60 months ≈ 60
// million figures; smoke: 4 × 12). The same rows are inserted into a plain SQLite table
// (prepared statement, 50,000 rows per transaction) and Put into the engine; both rates
// are printed. Then, R times each after 3 warm-up runs, p50/p99 of:
//   (a) one indicator, all 34 provinces, one month;
//   (b) the national series of one indicator over all M months;
// through the engine (in process) and through SQL (a JOIN to the commune → province table
// and GROUP BY; the national series as GROUP BY period). Peak RSS is read from /proc.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/rollup.h"
#include "demo/demo_data.h"

using namespace dxgov;
using Steady = std::chrono::steady_clock;

namespace {

struct Options {
  std::string scale = "smoke";
  int indicators = 4;
  int months = 12;
  int repeat = 30;
  std::string keep;
};

long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field) + 1));
  return -1;
}

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  double p50 = 0, p99 = 0;
};

template <typename F>
Stats Time(int repeat, F&& fn) {
  for (int i = 0; i < 3; ++i) fn(i);
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Steady::now();
    fn(i);
    ms.push_back(Ms(Steady::now() - t0));
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  return {at(0.5), at(0.99)};
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--scale") {
      o.scale = next();
      if (o.scale == "smoke") { o.indicators = 4; o.months = 12; o.repeat = 30; }
      else if (o.scale == "full") { o.indicators = 300; o.months = 60; o.repeat = 200; }
      else { o.indicators = std::stoi(o.scale); o.months = 60; o.repeat = 100; }
    } else if (a == "--months") {
      o.months = std::stoi(next());
    } else if (a == "--repeat") {
      o.repeat = std::stoi(next());
    } else if (a == "--keep") {
      o.keep = next();
    } else {
      std::fprintf(stderr, "usage: dxgov_rollup_bench --scale smoke|full|<indicators> [--months M] [--repeat R] [--keep FILE]\n");
      return 2;
    }
  }

  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  if (!units.ok()) return 1;
  auto reg = UnitRegistry::Create(*units);
  if (!reg.ok()) return 1;
  const Date from = MakeDate(2025, 7, 1);
  std::vector<const Unit*> communes = (*reg)->ValidOn(from, {UnitKind::kCommune});
  std::vector<const Unit*> provinces = (*reg)->ValidOn(from, {UnitKind::kProvince, UnitKind::kCity});
  std::vector<Period> months;
  for (Period p{PeriodType::kMonth, 2025, 7}; static_cast<int>(months.size()) < o.months; p = Next(p)) months.push_back(p);
  std::vector<Indicator> defs;
  for (int i = 0; i < o.indicators; ++i) {
    Indicator ind;
    ind.code = "BENCH-" + std::to_string(i);
    ind.name = "Chỉ tiêu " + std::to_string(i);
    ind.period_type = PeriodType::kMonth;
    ind.value_type = ValueType::kCount;
    ind.across_units = Aggregation::kSum;
    ind.over_time = Aggregation::kSum;
    ind.reporting_kinds = {UnitKind::kCommune};
    defs.push_back(std::move(ind));
  }
  const size_t total = communes.size() * months.size() * defs.size();
  std::printf("\n## dxgov_rollup_bench --scale %s\n\n", o.scale.c_str());
  std::printf("%zu indicators × %zu months × %zu communes = %zu figures (%zu provinces)\n\n", defs.size(),
              months.size(), communes.size(), total, provinces.size());

  // ------------------------------------------------------------ plain SQLite
  const std::string path = o.keep.empty() ? "/tmp/dxgov-rollup-bench.sqlite" : o.keep;
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db, "open");
  Check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE TABLE v(indicator INTEGER, unit INTEGER, period INTEGER, value REAL,"
                     " PRIMARY KEY(indicator, period, unit)) WITHOUT ROWID;"
                     "CREATE TABLE parent(unit INTEGER PRIMARY KEY, province INTEGER);",
                     nullptr, nullptr, nullptr),
        db, "schema");
  {
    sqlite3_stmt* ps = nullptr;
    Check(sqlite3_prepare_v2(db, "INSERT INTO parent VALUES (?, ?)", -1, &ps, nullptr), db, "prepare parent");
    Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (size_t c = 0; c < communes.size(); ++c) {
      const std::string& parent = VersionOn(*communes[c], from)->parent_id;
      size_t p = std::find_if(provinces.begin(), provinces.end(), [&](const Unit* u) { return u->id == parent; }) - provinces.begin();
      sqlite3_bind_int64(ps, 1, static_cast<int64_t>(c));
      sqlite3_bind_int64(ps, 2, static_cast<int64_t>(p));
      Check(sqlite3_step(ps), db, "parent");
      sqlite3_reset(ps);
    }
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_finalize(ps);
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> value(0, 5000);
  sqlite3_stmt* ins = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO v VALUES (?, ?, ?, ?)", -1, &ins, nullptr), db, "prepare");
  auto t0 = Steady::now();
  size_t in_txn = 0;
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (size_t i = 0; i < defs.size(); ++i)
    for (size_t m = 0; m < months.size(); ++m)
      for (size_t c = 0; c < communes.size(); ++c) {
        sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i));
        sqlite3_bind_int64(ins, 2, static_cast<int64_t>(c));
        sqlite3_bind_int64(ins, 3, static_cast<int64_t>(m));
        sqlite3_bind_double(ins, 4, value(rng));
        Check(sqlite3_step(ins), db, "insert");
        sqlite3_reset(ins);
        if (++in_txn == 50000) {
          Check(sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr), db, "commit");
          in_txn = 0;
        }
      }
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_finalize(ins);
  const double sql_insert_s = Ms(Steady::now() - t0) / 1000;

  // ------------------------------------------------------------ the engine
  RollupEngine engine;
  engine.SetRegistry(*reg);
  engine.SetIndicators(defs);
  const long rss_before = StatusKb("VmRSS:");
  rng.seed(42);
  t0 = Steady::now();
  DataValue v;
  v.status = ValueStatus::kSubmitted;
  for (size_t i = 0; i < defs.size(); ++i) {
    v.indicator = defs[i].code;
    for (size_t m = 0; m < months.size(); ++m) {
      v.period = months[m];
      for (size_t c = 0; c < communes.size(); ++c) {
        v.unit_id = communes[c]->id;
        v.value = value(rng);
        engine.Put(v);
      }
    }
  }
  const double put_s = Ms(Steady::now() - t0) / 1000;
  const long rss_after = StatusKb("VmRSS:");

  std::printf("| ingestion | figures/s |\n|---|---:|\n");
  std::printf("| raw SQLite INSERT (prepared, 50k per transaction) | %.0f |\n", static_cast<double>(total) / sql_insert_s);
  std::printf("| RollupEngine::Put (in memory, what a commit adds after the SQL) | %.0f |\n\n",
              static_cast<double>(total) / put_s);

  // ------------------------------------------------------------ queries
  std::uniform_int_distribution<size_t> pick_ind(0, defs.size() - 1), pick_month(0, months.size() - 1);
  double check_engine = 0, check_sql = 0;
  const Stats a_engine = Time(o.repeat, [&](int) {
    const auto& code = defs[pick_ind(rng)].code;
    const Period month = months[pick_month(rng)];
    for (const Unit* p : provinces) {
      auto r = engine.Rollup(code, p->id, month);
      if (r.ok() && r->value) check_engine += *r->value;
    }
  });
  sqlite3_stmt* qa = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "SELECT p.province, SUM(v.value), COUNT(*) FROM v JOIN parent p ON p.unit = v.unit "
                           "WHERE v.indicator = ? AND v.period = ? GROUP BY p.province",
                           -1, &qa, nullptr),
        db, "prepare a");
  const Stats a_sql = Time(o.repeat, [&](int) {
    sqlite3_bind_int64(qa, 1, static_cast<int64_t>(pick_ind(rng)));
    sqlite3_bind_int64(qa, 2, static_cast<int64_t>(pick_month(rng)));
    while (sqlite3_step(qa) == SQLITE_ROW) check_sql += sqlite3_column_double(qa, 1);
    sqlite3_reset(qa);
  });
  const Stats b_engine = Time(o.repeat, [&](int) {
    const auto& code = defs[pick_ind(rng)].code;
    for (const Period& m : months) {
      auto r = engine.Rollup(code, "", m);
      if (r.ok() && r->value) check_engine += *r->value;
    }
  });
  sqlite3_stmt* qb = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT period, SUM(value), COUNT(*) FROM v WHERE indicator = ? GROUP BY period", -1, &qb,
                           nullptr),
        db, "prepare b");
  const Stats b_sql = Time(o.repeat, [&](int) {
    sqlite3_bind_int64(qb, 1, static_cast<int64_t>(pick_ind(rng)));
    while (sqlite3_step(qb) == SQLITE_ROW) check_sql += sqlite3_column_double(qb, 1);
    sqlite3_reset(qb);
  });
  sqlite3_finalize(qa);
  sqlite3_finalize(qb);
  sqlite3_close(db);
  if (o.keep.empty()) {
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
  }

  std::printf("| query (%d runs after 3 warm-ups) | engine p50 ms | engine p99 ms | SQLite p50 ms | SQLite p99 ms | SQLite / engine (p50) |\n",
              o.repeat);
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  std::printf("| (a) one indicator, %zu provinces, one month | %.3f | %.3f | %.3f | %.3f | %.1f× |\n", provinces.size(),
              a_engine.p50, a_engine.p99, a_sql.p50, a_sql.p99, a_sql.p50 / std::max(a_engine.p50, 1e-6));
  std::printf("| (b) national series, %zu months | %.3f | %.3f | %.3f | %.3f | %.1f× |\n\n", months.size(), b_engine.p50,
              b_engine.p99, b_sql.p50, b_sql.p99, b_sql.p50 / std::max(b_engine.p50, 1e-6));
  std::printf("engine memory for the figures: %.0f MiB (RSS %ld → %ld KiB); peak RSS of the process %ld KiB\n",
              static_cast<double>(rss_after - rss_before) / 1024, rss_before, rss_after, StatusKb("VmHWM:"));
  std::printf("(checksums, to keep the work: engine %.0f, SQLite %.0f)\n", check_engine, check_sql);
  return 0;
}
