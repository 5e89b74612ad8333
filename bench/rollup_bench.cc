// Indicators at national scale (issue 6, point 6): the rollup engine next to plain SQL on
// SQLite and to DuckDB over the same figures in the same run, then the real `dxgov serve`
// over HTTP: ingestion through the API, the same queries, and 1,000 event subscribers.
//
//   dxgov_rollup_bench --scale smoke|full|<indicators> [--months M] [--repeat R] [--sparse]
//                      [--server-indicators K] [--subscribers S] [--no-duckdb] [--keep DIR]
//
// Figures: every commune of the real registry (3,321 from 2025-07-01) reports every
// indicator every month, from 2025-07 for M months (full: 300 indicators × 60 months ≈ 60
// million figures; smoke: 4 × 12). A figure's value is a formula of (indicator, commune,
// month) that SQLite, the engine and DuckDB all compute, so the three hold the same rows and
// every query's answers are compared, not just timed.
//
// --sparse: the mix seen in practice, where reporting is incomplete: indicator i's communes
// report in a month with probability 100 %, 90 %, 60 % or 25 % (by i mod 4), chosen by a
// formula of (indicator, commune, month) that the three systems share (about 69 % of the
// dense figures).
//
// Queries, each over a fixed list of instances, timed R times after 3 warm-up passes:
//   (a) one indicator, all 34 provinces, one month;
//   (b) the national series of one indicator over all M months;
//   (c) attainment of every target of the 2022 plan's objectives (each objective measured by
//       one of the generated indicators, target years moved five years on): the yearly
//       national totals, the latest one and the least-squares trend.
// The engine is timed warm (remembered rollups) and cold (a figure of the indicator re-put
// before each run, so every rollup is computed again).
//
// The server part stores K indicators (full: 30, 6 million figures) through the store's own
// write path, starts `dxgov serve` on the file, and measures: POST /api/values (JSON, 5,000
// figures a batch) against the raw SQLite insert of the same rows; (a), (b), (c) through
// HTTP; RSS with S open /api/events subscribers and the ingestion rate while they listen.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/attainment.h"
#include "core/rollup.h"
#include "demo/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "support/http_client.h"
#include "support/server_process.h"

using namespace dxgov;
namespace fs = std::filesystem;
namespace json = boost::json;
using Steady = std::chrono::steady_clock;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

struct Options {
  std::string scale = "smoke";
  int indicators = 4;
  int months = 12;
  int repeat = 30;
  int c_repeat = 10;  // (c) reads a whole plan's indicators: fewer runs
  int server_indicators = 4;
  int subscribers = 1000;
  bool duckdb = true;
  bool sparse = false;
  std::string keep;
};

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "dxgov_rollup_bench: %s\n", msg.c_str());
  std::exit(1);
}

long StatusKb(const std::string& file, const char* field) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field) + 1));
  return -1;
}

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The figure of indicator i for commune slot c in month m (m = 0 is 2025-07).
double FigureValue(int64_t i, int64_t c, int64_t m) { return static_cast<double>((i * 2654435761 + c * 40503 + m * 9973) % 5001); }

// Whether commune c reports indicator i in month m (always, unless --sparse). The same
// formula is in bench/duckdb/rollup_duckdb.mjs.
constexpr int64_t kSparsePercent[4] = {100, 90, 60, 25};
bool Reports(bool sparse, int64_t i, int64_t c, int64_t m) {
  return !sparse || (c * 7919 + m * 104729 + i * 31337) % 100 < kSparsePercent[i % 4];
}

struct Stats {
  double p50 = 0, p99 = 0;
};

Stats Percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  return {at(0.5), at(0.99)};
}

// 3 warm-up passes over the instances, then `repeat` timed runs cycling through them;
// `before` runs untimed ahead of each timed run.
template <typename F, typename B>
Stats Time(int repeat, size_t instances, F&& run, B&& before) {
  for (int w = 0; w < 3; ++w)
    for (size_t k = 0; k < instances; ++k) run(k);
  std::vector<double> ms;
  for (int r = 0; r < repeat; ++r) {
    const size_t k = static_cast<size_t>(r) % instances;
    before(k);
    const auto t0 = Steady::now();
    run(k);
    ms.push_back(Ms(Steady::now() - t0));
  }
  return Percentiles(std::move(ms));
}
template <typename F>
Stats Time(int repeat, size_t instances, F&& run) {
  return Time(repeat, instances, std::forward<F>(run), [](size_t) {});
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) Die(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
}

std::string Code(int i) { return "BENCH-" + std::to_string(i); }

Indicator BenchIndicator(const std::string& code) {
  Indicator ind;
  ind.code = code;
  ind.name = "Chỉ tiêu đo hiệu năng " + code;
  ind.unit_of_measure = "lượt";
  ind.decimals = 0;
  ind.period_type = PeriodType::kMonth;
  ind.value_type = ValueType::kCount;
  ind.across_units = Aggregation::kSum;
  ind.over_time = Aggregation::kSum;
  ind.reporting_kinds = {UnitKind::kCommune};
  return ind;
}

// The 2022 plan's objectives, each measured by a generated indicator, targets five years on.
std::vector<Objective> BenchObjectives(int indicators) {
  auto bundle = demo::ParsePlanBundle(demo::EmbeddedFile("plans/27-qd-ubqgcds-2022.json"));
  if (!bundle.ok()) Die("2022 plan: " + bundle.error().message_en());
  std::vector<Objective> out;
  int k = 0;
  for (Objective o : bundle->objectives) {
    std::erase_if(o.targets, [](const Target& t) { return t.kind != TargetKind::kTarget || t.year == 0; });
    if (o.targets.empty()) continue;
    for (Target& t : o.targets) {
      t.year += 5;
      t.scope_unit_id.clear();
    }
    o.indicator = Code(k++ % indicators);
    out.push_back(std::move(o));
  }
  return out;
}

// ---------------------------------------------------------------- one run's shared facts

struct World {
  Options o;
  std::shared_ptr<const UnitRegistry> reg;
  std::vector<const Unit*> communes, provinces;
  std::vector<int> province_of;  // commune slot -> province slot
  std::vector<Period> months;
  std::vector<Indicator> defs;
  std::vector<Objective> objectives;
  std::vector<int> objective_indicators;  // distinct indicator numbers (c) reads
  Date as_of;
  int c_cutoff = 0;  // (c) reads months before this index (the years up to as_of)
  // Query instances.
  std::vector<std::pair<int, int>> a;  // indicator, month
  std::vector<int> b;                  // indicator
  fs::path dir;
};

// ---------------------------------------------------------------- plain SQLite

struct SqliteSide {
  size_t figures = 0;
  double insert_rate = 0;
  Stats a, b, c;
  std::vector<double> a_sums, b_sums, c_latest;
};

// A new database file at `path` (any old one removed), in WAL mode, with `schema` made.
// `synchronous` is SQLite's durability setting: NORMAL for the query side, FULL (dxgov's own)
// where an insert rate is compared with dxgov's.
sqlite3* OpenFresh(const fs::path& path, const std::string& schema, const char* synchronous = "NORMAL") {
  fs::remove(path);
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db, "open");
  const std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + synchronous + ";" + schema;
  Check(sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr), db, "schema");
  return db;
}

void RemoveDb(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

SqliteSide RunSqlite(const World& w) {
  SqliteSide out;
  const fs::path path = w.dir / "plain.sqlite";
  sqlite3* db = OpenFresh(path,
                          "CREATE TABLE v(indicator INTEGER, unit INTEGER, period INTEGER, value REAL,"
                          " PRIMARY KEY(indicator, period, unit)) WITHOUT ROWID;"
                          "CREATE TABLE parent(unit INTEGER PRIMARY KEY, province INTEGER);");
  sqlite3_stmt* ps = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO parent VALUES (?, ?)", -1, &ps, nullptr), db, "prepare parent");
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (size_t c = 0; c < w.communes.size(); ++c) {
    sqlite3_bind_int64(ps, 1, static_cast<int64_t>(c));
    sqlite3_bind_int64(ps, 2, w.province_of[c]);
    Check(sqlite3_step(ps), db, "parent");
    sqlite3_reset(ps);
  }
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_finalize(ps);

  sqlite3_stmt* ins = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO v VALUES (?, ?, ?, ?)", -1, &ins, nullptr), db, "prepare");
  const auto t0 = Steady::now();
  size_t in_txn = 0;
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (size_t i = 0; i < w.defs.size(); ++i)
    for (size_t m = 0; m < w.months.size(); ++m)
      for (size_t c = 0; c < w.communes.size(); ++c) {
        if (!Reports(w.o.sparse, static_cast<int64_t>(i), static_cast<int64_t>(c), static_cast<int64_t>(m))) continue;
        ++out.figures;
        sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i));
        sqlite3_bind_int64(ins, 2, static_cast<int64_t>(c));
        sqlite3_bind_int64(ins, 3, static_cast<int64_t>(m));
        sqlite3_bind_double(ins, 4, FigureValue(static_cast<int64_t>(i), static_cast<int64_t>(c), static_cast<int64_t>(m)));
        Check(sqlite3_step(ins), db, "insert");
        sqlite3_reset(ins);
        if (++in_txn == 50000) {
          Check(sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr), db, "commit");
          in_txn = 0;
        }
      }
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_finalize(ins);
  out.insert_rate = static_cast<double>(out.figures) / (Ms(Steady::now() - t0) / 1000);

  sqlite3_stmt* qa = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "SELECT p.province, SUM(v.value), COUNT(*) FROM v JOIN parent p ON p.unit = v.unit "
                           "WHERE v.indicator = ? AND v.period = ? GROUP BY p.province",
                           -1, &qa, nullptr),
        db, "prepare a");
  out.a_sums.assign(w.a.size(), 0);
  out.a = Time(w.o.repeat, w.a.size(), [&](size_t k) {
    sqlite3_bind_int64(qa, 1, w.a[k].first);
    sqlite3_bind_int64(qa, 2, w.a[k].second);
    double sum = 0;
    while (sqlite3_step(qa) == SQLITE_ROW) sum += sqlite3_column_double(qa, 1);
    sqlite3_reset(qa);
    out.a_sums[k] = sum;
  });
  sqlite3_stmt* qb = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT period, SUM(value), COUNT(*) FROM v WHERE indicator = ? GROUP BY period", -1, &qb,
                           nullptr),
        db, "prepare b");
  out.b_sums.assign(w.b.size(), 0);
  out.b = Time(w.o.repeat, w.b.size(), [&](size_t k) {
    sqlite3_bind_int64(qb, 1, w.b[k]);
    double sum = 0;
    while (sqlite3_step(qb) == SQLITE_ROW) sum += sqlite3_column_double(qb, 1);
    sqlite3_reset(qb);
    out.b_sums[k] = sum;
  });
  std::string in_list;
  for (int i : w.objective_indicators) in_list += (in_list.empty() ? "" : ", ") + std::to_string(i);
  const std::string sql_c =
      "WITH y AS (SELECT indicator, (period + 6) / 12 AS yr, SUM(value) AS total FROM v WHERE indicator IN (" + in_list +
      ") AND period < " + std::to_string(w.c_cutoff) + " GROUP BY indicator, yr),"
      " r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY indicator ORDER BY yr DESC) AS rn FROM y)"
      " SELECT indicator, COUNT(*), MAX(CASE WHEN rn = 1 THEN total END),"
      " (COUNT(*) * SUM(yr * total) - SUM(yr) * SUM(total)) / (COUNT(*) * SUM(yr * yr) - SUM(yr) * SUM(yr))"
      " FROM r GROUP BY indicator ORDER BY indicator";
  sqlite3_stmt* qc = nullptr;
  Check(sqlite3_prepare_v2(db, sql_c.c_str(), -1, &qc, nullptr), db, "prepare c");
  out.c = Time(w.o.c_repeat, 1, [&](size_t) {
    out.c_latest.clear();
    while (sqlite3_step(qc) == SQLITE_ROW) out.c_latest.push_back(sqlite3_column_double(qc, 2));
    sqlite3_reset(qc);
  });
  sqlite3_finalize(qa);
  sqlite3_finalize(qb);
  sqlite3_finalize(qc);
  sqlite3_close(db);
  if (w.o.keep.empty()) RemoveDb(path);
  return out;
}

// Raw SQLite INSERT rate of `rows` (indicator, unit, period, value) into a fresh plain table.
double RawInsertRate(const fs::path& file, const std::vector<DataValue>& rows) {
  sqlite3* db = OpenFresh(file,
                          "CREATE TABLE v(indicator TEXT, unit TEXT, period TEXT, value REAL,"
                          " PRIMARY KEY(indicator, period, unit)) WITHOUT ROWID;",
                          "FULL");
  sqlite3_stmt* ins = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO v VALUES (?, ?, ?, ?)", -1, &ins, nullptr), db, "prepare");
  const auto t0 = Steady::now();
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (size_t k = 0; k < rows.size(); ++k) {
    const std::string period = FormatPeriod(rows[k].period);
    sqlite3_bind_text(ins, 1, rows[k].indicator.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, rows[k].unit_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, period.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(ins, 4, rows[k].value);
    Check(sqlite3_step(ins), db, "insert");
    sqlite3_reset(ins);
    if ((k + 1) % 5000 == 0) Check(sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr), db, "commit");
  }
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  const double rate = static_cast<double>(rows.size()) / (Ms(Steady::now() - t0) / 1000);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  RemoveDb(file);
  return rate;
}

// ---------------------------------------------------------------- the engine in process

struct EngineSide {
  double put_rate = 0;
  long memory_kib = 0;
  Stats a, b, c, a_cold, b_cold, c_cold;
  std::vector<double> a_sums, b_sums, c_latest;
};

// (c) through the core: each objective target judged on its indicator's national yearly
// observations (once per indicator), as GET /api/attainment does. Returns the latest
// figure of each indicator in `w.objective_indicators` order.
std::vector<double> Attain(const World& w, const RollupEngine& engine) {
  std::map<std::string, std::vector<Observation>> observations;
  std::map<std::string, double> latest;
  for (const Objective& o : w.objectives) {
    auto [obs, fresh] = observations.try_emplace(o.indicator);
    const Indicator& def = w.defs[static_cast<size_t>(std::stoi(o.indicator.substr(6)))];
    if (fresh) obs->second = NationalObservations(def, engine, w.as_of, false);
    for (const Target& t : o.targets) {
      const Attainment a = Assess(t, obs->second, w.as_of, def.decimals);
      if (a.latest) latest[o.indicator] = *a.latest;
    }
  }
  std::vector<double> out;
  for (int i : w.objective_indicators) out.push_back(latest.count(Code(i)) ? latest[Code(i)] : -1);
  return out;
}

EngineSide RunEngine(const World& w) {
  EngineSide out;
  RollupEngine engine;
  engine.SetRegistry(w.reg);
  engine.SetIndicators(w.defs);
  const long before = StatusKb("/proc/self/status", "VmRSS:");
  const auto t0 = Steady::now();
  DataValue v;
  v.status = ValueStatus::kSubmitted;
  for (size_t i = 0; i < w.defs.size(); ++i) {
    v.indicator = w.defs[i].code;
    for (size_t m = 0; m < w.months.size(); ++m) {
      v.period = w.months[m];
      for (size_t c = 0; c < w.communes.size(); ++c) {
        if (!Reports(w.o.sparse, static_cast<int64_t>(i), static_cast<int64_t>(c), static_cast<int64_t>(m))) continue;
        v.unit_id = w.communes[c]->id;
        v.value = FigureValue(static_cast<int64_t>(i), static_cast<int64_t>(c), static_cast<int64_t>(m));
        engine.Put(v);
      }
    }
  }
  out.put_rate = static_cast<double>(engine.size()) / (Ms(Steady::now() - t0) / 1000);
  out.memory_kib = StatusKb("/proc/self/status", "VmRSS:") - before;

  // Re-putting one figure of an indicator, unchanged, makes its next rollups compute again.
  auto touch = [&](int i) {
    int64_t c = 0;  // the first commune with a figure that month (every one unless --sparse)
    while (!Reports(w.o.sparse, i, c, 0)) ++c;
    DataValue t;
    t.indicator = Code(i);
    t.unit_id = w.communes[static_cast<size_t>(c)]->id;
    t.period = w.months[0];
    t.value = FigureValue(i, c, 0);
    engine.Put(t);
  };
  auto run_a = [&](size_t k) {
    double sum = 0;
    for (const Unit* p : w.provinces) {
      auto r = engine.Rollup(Code(w.a[k].first), p->id, w.months[static_cast<size_t>(w.a[k].second)]);
      if (r.ok() && r->value) sum += *r->value;
    }
    out.a_sums[k] = sum;
  };
  auto run_b = [&](size_t k) {
    double sum = 0;
    for (const Period& m : w.months) {
      auto r = engine.Rollup(Code(w.b[k]), "", m);
      if (r.ok() && r->value) sum += *r->value;
    }
    out.b_sums[k] = sum;
  };
  out.a_sums.assign(w.a.size(), 0);
  out.b_sums.assign(w.b.size(), 0);
  out.a = Time(w.o.repeat, w.a.size(), run_a);
  out.a_cold = Time(w.o.repeat, w.a.size(), run_a, [&](size_t k) { touch(w.a[k].first); });
  out.b = Time(w.o.repeat, w.b.size(), run_b);
  out.b_cold = Time(w.o.repeat, w.b.size(), run_b, [&](size_t k) { touch(w.b[k]); });
  out.c = Time(w.o.c_repeat, 1, [&](size_t) { out.c_latest = Attain(w, engine); });
  out.c_cold = Time(w.o.c_repeat, 1, [&](size_t) { out.c_latest = Attain(w, engine); },
                    [&](size_t) { for (int i : w.objective_indicators) touch(i); });
  return out;
}

// ---------------------------------------------------------------- DuckDB (Node.js)

struct DuckSide {
  bool ran = false;
  std::string why_not;
  double load_s = 0;
  Stats a, b, c;
  std::vector<double> a_sums, b_sums, c_latest;
};

DuckSide RunDuckDb(const World& w) {
  DuckSide out;
  const fs::path script = fs::path(DXGOV_SOURCE_DIR) / "bench/duckdb/rollup_duckdb.mjs";
  if (!w.o.duckdb) {
    out.why_not = "--no-duckdb";
    return out;
  }
  if (!fs::exists(script.parent_path() / "node_modules/@duckdb/node-api")) {
    out.why_not = "bench/duckdb/node_modules missing (npm install --no-save in bench/duckdb)";
    return out;
  }
  const fs::path parent_csv = w.dir / "parent.csv", spec = w.dir / "duckdb-spec.json";
  {
    std::ofstream csv(parent_csv);
    csv << "unit,province\n";
    for (size_t c = 0; c < w.communes.size(); ++c) csv << c << "," << w.province_of[c] << "\n";
  }
  json::array a, b, c;
  for (const auto& [i, m] : w.a) a.push_back(json::array{i, m});
  for (int i : w.b) b.push_back(i);
  for (int i : w.objective_indicators) c.push_back(i);
  std::ofstream(spec) << json::serialize(json::object{{"db", (w.dir / "figures.duckdb").string()},
                                                      {"indicators", w.defs.size()},
                                                      {"months", w.months.size()},
                                                      {"sparse", w.o.sparse},
                                                      {"parent_csv", parent_csv.string()},
                                                      {"repeat", w.o.repeat},
                                                      {"c_repeat", w.o.c_repeat},
                                                      {"warmups", 3},
                                                      {"a", a},
                                                      {"b", b},
                                                      {"c", c},
                                                      {"c_cutoff", w.c_cutoff}});
  const std::string cmd = "node '" + script.string() + "' '" + spec.string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    out.why_not = "could not start node";
    return out;
  }
  std::string text;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
  if (pclose(p) != 0) {
    out.why_not = "node failed: " + text;
    return out;
  }
  const json::value r = json::parse(text);
  auto stats = [](const json::value& x) { return Stats{x.at("p50").to_number<double>(), x.at("p99").to_number<double>()}; };
  out.load_s = r.at("load_s").to_number<double>();
  out.a = stats(r.at("a"));
  out.b = stats(r.at("b"));
  out.c = stats(r.at("c"));
  for (const auto& x : r.at("a").at("checks").as_array()) out.a_sums.push_back(x.to_number<double>());
  for (const auto& x : r.at("b").at("checks").as_array()) out.b_sums.push_back(x.to_number<double>());
  for (const auto& row : r.at("c").at("checks").at(0).as_array()) out.c_latest.push_back(row.at(1).to_number<double>());
  out.ran = true;
  if (w.o.keep.empty()) fs::remove(w.dir / "figures.duckdb");
  return out;
}

// ---------------------------------------------------------------- the server over HTTP

// Raw Server-Sent Events listeners on loopback, drained by one thread.
class Subscribers {
 public:
  Subscribers(uint16_t port, int n) {
    for (int i = 0; i < n; ++i) {
      const int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) Die("subscriber connect");
      const std::string req = "GET /api/events?topics=values HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      if (send(fd, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) Die("subscriber send");
      fds_.push_back(fd);
    }
    got_.assign(fds_.size(), "");
    reader_ = std::thread([this] { Drain(); });
  }
  ~Subscribers() {
    stop_ = true;
    reader_.join();
    for (int fd : fds_) close(fd);
  }
  // Waits until every listener has its stream's preamble; false after `timeout`.
  bool AllOpen(std::chrono::milliseconds timeout) { return WaitFor([&] { return open_ == fds_.size(); }, timeout); }
  // Waits until every listener has seen an event naming `needle`.
  bool AllSaw(const std::string& needle, std::chrono::milliseconds timeout) {
    {
      std::lock_guard lock(mu_);
      needle_ = needle;
      saw_ = 0;
      for (auto& g : got_)
        if (g.find(needle_) != std::string::npos) ++saw_;
    }
    return WaitFor([&] { return saw_ == fds_.size(); }, timeout);
  }
  size_t size() const { return fds_.size(); }

 private:
  template <typename F>
  bool WaitFor(F ready, std::chrono::milliseconds timeout) {
    const auto end = Steady::now() + timeout;
    while (Steady::now() < end) {
      {
        std::lock_guard lock(mu_);
        if (ready()) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::lock_guard lock(mu_);
    return ready();
  }
  void Drain() {
    std::vector<pollfd> polls;
    for (int fd : fds_) polls.push_back(pollfd{fd, POLLIN, 0});
    char buf[65536];
    while (!stop_) {
      if (poll(polls.data(), polls.size(), 50) <= 0) continue;
      std::lock_guard lock(mu_);
      for (size_t i = 0; i < polls.size(); ++i) {
        if (!(polls[i].revents & POLLIN)) continue;
        const ssize_t n = recv(polls[i].fd, buf, sizeof buf, 0);
        if (n <= 0) {
          polls[i].fd = -1;
          continue;
        }
        const bool was_open = got_[i].find("retry:") != std::string::npos;
        const bool had = !needle_.empty() && got_[i].find(needle_) != std::string::npos;
        got_[i].append(buf, static_cast<size_t>(n));
        if (got_[i].size() > 8192) got_[i].erase(0, got_[i].size() - 4096);  // keep the tail
        if (!was_open && got_[i].find("retry:") != std::string::npos) ++open_;
        if (!had && !needle_.empty() && got_[i].find(needle_) != std::string::npos) ++saw_;
      }
    }
  }
  std::vector<int> fds_;
  std::vector<std::string> got_;
  std::mutex mu_;
  std::string needle_;
  size_t open_ = 0, saw_ = 0;
  std::atomic<bool> stop_{false};
  std::thread reader_;
};

struct ServerSide {
  int indicators = 0;
  size_t stored = 0;
  double store_rate = 0;   // WriteTxn::PutValues in process
  double start_s = 0;      // serve: start to listening, figures loaded
  size_t ingest_rows = 0;
  double api_rate = 0, raw_rate = 0, api_rate_with_subscribers = 0;
  long rss_before_subscribers = 0, rss_with_subscribers = 0, rss_end = 0, hwm = 0;
  int subscribers = 0;
  bool all_subscribers_saw = false;
  Stats a, b, c;
  bool a_agrees = true;
};

// The JSON bodies of POST /api/values for `rows`, 5,000 figures each (built before the
// clock starts: the client's string building is not the server's ingestion).
std::vector<std::string> IngestBodies(const std::vector<DataValue>& rows) {
  std::vector<std::string> bodies;
  for (size_t start = 0; start < rows.size(); start += 5000) {
    std::string body = R"({"values":[)";
    for (size_t k = start; k < std::min(rows.size(), start + 5000); ++k) {
      if (k > start) body += ',';
      body.append(R"({"indicator":")").append(rows[k].indicator).append(R"(","unit":")").append(rows[k].unit_id);
      body.append(R"(","period":")").append(FormatPeriod(rows[k].period)).append(R"(","value":)");
      body.append(std::to_string(static_cast<int64_t>(rows[k].value))).append("}");
    }
    body += "]}";
    bodies.push_back(std::move(body));
  }
  return bodies;
}

// POST /api/values, one request per body; figures per second.
double Ingest(testing::Connection& conn, const Headers& auth, const std::vector<std::string>& bodies, size_t rows) {
  const auto t0 = Steady::now();
  for (const std::string& body : bodies) {
    auto r = conn.Request("POST", "/api/values", body, auth);
    if (r.status != 200) Die("POST /api/values: " + std::to_string(r.status) + " " + r.body.substr(0, 300));
  }
  return static_cast<double>(rows) / (Ms(Steady::now() - t0) / 1000);
}

ServerSide RunServer(const World& w, const EngineSide& engine) {
  ServerSide out;
  out.indicators = std::min<int>(w.o.server_indicators, static_cast<int>(w.defs.size()));
  const fs::path data = w.dir / "server";
  fs::remove_all(data);
  fs::create_directories(data);
  int64_t plan_id = 0;
  {
    auto store = OpenSqliteStore({(data / "dxgov.sqlite").string(), 2, nullptr});
    if (!store.ok()) Die("store: " + store.error().message_en());
    auto loaded = demo::LoadDemoData(**store);
    if (!loaded.ok()) Die("demo data: " + loaded.error().message_en());
    Status s = (*store)->Write([&](WriteTxn& txn) -> Status {
      for (int i = 0; i < out.indicators; ++i) DX_RETURN_IF_ERROR(txn.CreateIndicator(w.defs[static_cast<size_t>(i)]));
      for (const char* extra : {"BENCH-API-0", "BENCH-API-1"}) DX_RETURN_IF_ERROR(txn.CreateIndicator(BenchIndicator(extra)));
      Plan plan;
      plan.kind = "plan";
      plan.key = "bench-attainment";
      plan.title = "Mục tiêu năm 2022, đo bằng chỉ tiêu sinh tự động";
      plan.published = true;
      DX_ASSIGN_OR_RETURN(plan_id, txn.CreatePlan(plan));
      int ordinal = 0;
      for (Objective o : w.objectives) {
        if (std::stoi(o.indicator.substr(6)) >= out.indicators) o.indicator = Code(std::stoi(o.indicator.substr(6)) % out.indicators);
        o.plan_id = plan_id;
        o.ordinal = ordinal++;
        DX_RETURN_IF_ERROR(txn.CreateObjective(o));
      }
      return OkStatus();
    });
    if (!s.ok()) Die("bench definitions: " + s.error().message_en());
    // The stored figures, through the store's own write path, 50,000 a transaction.
    std::vector<DataValue> batch;
    const auto t0 = Steady::now();
    auto flush = [&] {
      Status put = (*store)->Write([&](WriteTxn& txn) -> Status {
        DX_RETURN_IF_ERROR(txn.PutValues(batch, Provenance::kImport));
        return OkStatus();
      });
      if (!put.ok()) Die("PutValues: " + put.error().message_en());
      out.stored += batch.size();
      batch.clear();
    };
    for (int i = 0; i < out.indicators; ++i)
      for (size_t m = 0; m < w.months.size(); ++m)
        for (size_t c = 0; c < w.communes.size(); ++c) {
          if (!Reports(w.o.sparse, i, static_cast<int64_t>(c), static_cast<int64_t>(m))) continue;
          DataValue v;
          v.indicator = Code(i);
          v.unit_id = w.communes[c]->id;
          v.period = w.months[m];
          v.value = FigureValue(i, static_cast<int64_t>(c), static_cast<int64_t>(m));
          batch.push_back(std::move(v));
          if (batch.size() == 50000) flush();
        }
    if (!batch.empty()) flush();
    out.store_rate = static_cast<double>(out.stored) / (Ms(Steady::now() - t0) / 1000);
  }

  const auto started = Steady::now();
  testing::ServerProcess server(data, {"--quiet"});
  const uint16_t port = server.WaitForPort(std::chrono::minutes(10));
  if (!port) Die("server did not start: " + server.Log());
  out.start_s = Ms(Steady::now() - started) / 1000;
  const std::string status_file = "/proc/" + std::to_string(server.pid()) + "/status";
  const Headers auth = testing::SignIn(port, "admin", testing::kTestAdminPassword);
  if (auth.empty()) Die("sign-in failed");

  // Ingestion: the months that have begun (the API refuses future periods), every commune.
  std::vector<DataValue> rows[2];
  const Period first_month{PeriodType::kMonth, 2025, 7};
  const Period this_month = PeriodOf(VietnamDate(std::chrono::system_clock::now()), PeriodType::kMonth);
  for (int x = 0; x < 2; ++x)
    for (Period p = first_month; Ordinal(p) <= Ordinal(this_month); p = Next(p))
      for (size_t c = 0; c < w.communes.size(); ++c) {
        DataValue v;
        v.indicator = x == 0 ? "BENCH-API-0" : "BENCH-API-1";
        v.unit_id = w.communes[c]->id;
        v.period = p;
        v.value = FigureValue(x, static_cast<int64_t>(c), Ordinal(p) - Ordinal(first_month));
        rows[x].push_back(std::move(v));
      }
  out.ingest_rows = rows[0].size();
  {
    testing::Connection conn(port);
    out.api_rate = Ingest(conn, auth, IngestBodies(rows[0]), rows[0].size());
  }
  out.raw_rate = RawInsertRate(w.dir / "raw-same-rows.sqlite", rows[0]);

  // Subscribers: memory with them open, and ingestion while each receives every event.
  out.rss_before_subscribers = StatusKb(status_file, "VmRSS:");
  {
    Subscribers subs(port, w.o.subscribers);
    if (!subs.AllOpen(std::chrono::seconds(60))) Die("not every subscriber got its stream");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    out.rss_with_subscribers = StatusKb(status_file, "VmRSS:");
    out.subscribers = static_cast<int>(subs.size());
    testing::Connection conn(port);
    const auto bodies = IngestBodies(rows[1]);
    out.api_rate_with_subscribers = Ingest(conn, auth, bodies, rows[1].size());
    out.all_subscribers_saw = subs.AllSaw("BENCH-API-1", std::chrono::seconds(10));
  }

  // The same queries through HTTP, over one kept-alive connection.
  testing::Connection conn(port);
  auto get = [&](const std::string& target) {
    auto r = conn.Request("GET", target, "", auth);
    if (r.status != 200) Die(target + ": " + std::to_string(r.status) + " " + r.body.substr(0, 300));
    return r;
  };
  std::vector<std::pair<int, int>> a;
  std::vector<int> b;
  for (const auto& [i, m] : w.a) a.emplace_back(i % out.indicators, m);
  for (int i : w.b) b.push_back(i % out.indicators);
  const std::string first = FormatPeriod(w.months.front()), last = FormatPeriod(w.months.back());
  out.a = Time(w.o.repeat, a.size(), [&](size_t k) {
    auto r = get("/api/rollups?indicator=" + Code(a[k].first) + "&level=provincial&period=" +
                 FormatPeriod(w.months[static_cast<size_t>(a[k].second)]));
    if (a[k].first == w.a[k].first) {  // the same instance as the engine's: same answer
      double sum = 0;
      const json::value doc = json::parse(r.body);
      if (!doc.is_object() || !doc.as_object().contains("items")) Die("rollups: " + r.body.substr(0, 300));
      for (const auto& item : doc.at("items").as_array())
        if (!item.at("value").is_null()) sum += item.at("value").to_number<double>();
      out.a_agrees = out.a_agrees && sum == engine.a_sums[k];
    }
  });
  out.b = Time(w.o.repeat, b.size(), [&](size_t k) {
    get("/api/rollups?indicator=" + Code(b[k]) + "&from=" + first + "&to=" + last);
  });
  out.c = Time(w.o.c_repeat, 1, [&](size_t) {
    get("/api/attainment?plan=" + std::to_string(plan_id) + "&as_of=" + FormatIso(w.as_of));
  });
  out.rss_end = StatusKb(status_file, "VmRSS:");
  out.hwm = StatusKb(status_file, "VmHWM:");
  server.Signal(SIGTERM);
  server.WaitExit(std::chrono::seconds(30));
  if (w.o.keep.empty()) fs::remove_all(data);
  return out;
}

bool Same(const std::vector<double>& x, const std::vector<double>& y) { return x == y; }

}  // namespace

int main(int argc, char** argv) {
  World w;
  Options& o = w.o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--scale") {
      o.scale = next();
      if (o.scale == "smoke") { o.indicators = 4; o.months = 12; o.repeat = 30; o.c_repeat = 10; o.server_indicators = 4; }
      else if (o.scale == "full") { o.indicators = 300; o.months = 60; o.repeat = 200; o.c_repeat = 20; o.server_indicators = 30; }
      else { o.indicators = std::stoi(o.scale); o.months = 60; o.repeat = 100; o.c_repeat = 20; o.server_indicators = std::min(30, o.indicators); }
    } else if (a == "--months") {
      o.months = std::stoi(next());
    } else if (a == "--repeat") {
      o.repeat = std::stoi(next());
    } else if (a == "--server-indicators") {
      o.server_indicators = std::stoi(next());
    } else if (a == "--subscribers") {
      o.subscribers = std::stoi(next());
    } else if (a == "--no-duckdb") {
      o.duckdb = false;
    } else if (a == "--sparse") {
      o.sparse = true;
    } else if (a == "--keep") {
      o.keep = next();
    } else {
      Die("usage: dxgov_rollup_bench --scale smoke|full|<indicators> [--months M] [--repeat R] [--sparse] "
          "[--server-indicators K] [--subscribers S] [--no-duckdb] [--keep DIR]");
    }
  }
  w.dir = o.keep.empty() ? fs::temp_directory_path() / ("dxgov-rollup-bench-" + std::to_string(getpid())) : fs::path(o.keep);
  fs::create_directories(w.dir);

  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  if (!units.ok()) Die("registry");
  auto reg = UnitRegistry::Create(*units);
  if (!reg.ok()) Die("registry");
  w.reg = *reg;
  const Date from = MakeDate(2025, 7, 1);
  w.communes = w.reg->ValidOn(from, {UnitKind::kCommune});
  w.provinces = w.reg->ValidOn(from, {UnitKind::kProvince, UnitKind::kCity});
  for (const Unit* c : w.communes) {
    const std::string& parent = VersionOn(*c, from)->parent_id;
    w.province_of.push_back(static_cast<int>(
        std::find_if(w.provinces.begin(), w.provinces.end(), [&](const Unit* u) { return u->id == parent; }) - w.provinces.begin()));
  }
  for (Period p{PeriodType::kMonth, 2025, 7}; static_cast<int>(w.months.size()) < o.months; p = Next(p)) w.months.push_back(p);
  for (int i = 0; i < o.indicators; ++i) w.defs.push_back(BenchIndicator(Code(i)));
  w.objectives = BenchObjectives(o.indicators);
  std::set<int> distinct;
  for (const auto& ob : w.objectives) distinct.insert(std::stoi(ob.indicator.substr(6)));
  w.objective_indicators.assign(distinct.begin(), distinct.end());
  // Attainment as of the end of the last whole year of figures: a year's total is known
  // when the year is over (docs/indicators.md), and the SQL below reads the same years.
  int last_year = w.months.back().year - (w.months.back().index == 12 ? 0 : 1);
  if (last_year < 2025) last_year = 2025;
  w.as_of = MakeDate(last_year, 12, 31);
  w.c_cutoff = (last_year + 1 - 2025) * 12 - 6;
  std::mt19937 rng(7);
  for (int k = 0; k < 20; ++k) {
    w.a.emplace_back(static_cast<int>(rng() % w.defs.size()), static_cast<int>(rng() % w.months.size()));
    w.b.push_back(static_cast<int>(rng() % w.defs.size()));
  }
  size_t total = 0;
  for (size_t i = 0; i < w.defs.size(); ++i)
    for (size_t m = 0; m < w.months.size(); ++m)
      for (size_t c = 0; c < w.communes.size(); ++c)
        total += Reports(o.sparse, static_cast<int64_t>(i), static_cast<int64_t>(c), static_cast<int64_t>(m));
  std::printf("\n## dxgov_rollup_bench --scale %s%s\n\n", o.scale.c_str(), o.sparse ? " --sparse" : "");
  std::printf("%zu indicators × %zu months × %zu communes%s = %zu figures (%zu provinces); (c) judges %zu targets of "
              "%zu objectives on %zu indicators; %d timed runs per query ((c): %d) after 3 warm-up passes over 20 instances\n\n",
              w.defs.size(), w.months.size(), w.communes.size(),
              o.sparse ? ", each commune reporting 100/90/60/25 % of months by indicator" : "", total, w.provinces.size(),
              [&] { size_t n = 0; for (const auto& ob : w.objectives) n += ob.targets.size(); return n; }(),
              w.objectives.size(), w.objective_indicators.size(), o.repeat, o.c_repeat);
  std::fflush(stdout);

  const SqliteSide sql = RunSqlite(w);
  const EngineSide eng = RunEngine(w);
  const DuckSide duck = RunDuckDb(w);
  const ServerSide srv = RunServer(w, eng);

  std::printf("### Ingestion\n\n| path | figures/s |\n|---|---:|\n");
  std::printf("| raw SQLite INSERT, integer keys (prepared, 50k per transaction) | %.0f |\n", sql.insert_rate);
  std::printf("| RollupEngine::Put (in memory) | %.0f |\n", eng.put_rate);
  std::printf("| store write path in process (PutValues: upsert, history, audit; 50k per transaction) | %.0f |\n", srv.store_rate);
  std::printf("| raw SQLite INSERT of the API's %zu rows (text keys, 5,000 per transaction, WAL, synchronous=FULL as dxgov) | %.0f |\n", srv.ingest_rows, srv.raw_rate);
  std::printf("| POST /api/values, JSON, 5,000 per request, one connection | %.0f (%.2f of raw) |\n", srv.api_rate, srv.api_rate / srv.raw_rate);
  std::printf("| the same with %d /api/events subscribers receiving every event | %.0f (%.1f%% slower) |\n\n", srv.subscribers,
              srv.api_rate_with_subscribers, 100.0 * (1 - srv.api_rate_with_subscribers / srv.api_rate));

  std::printf("### Queries (ms)\n\n| query | engine warm p50 | p99 | engine cold p50 | p99 | HTTP p50 | p99 | SQLite p50 | p99 | DuckDB p50 | p99 | DuckDB / engine warm | DuckDB / engine cold |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  auto row = [&](const char* label, const Stats& warm, const Stats& cold, const Stats& http, const Stats& s, const Stats& d) {
    std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", label, warm.p50, warm.p99, cold.p50, cold.p99,
                http.p50, http.p99, s.p50, s.p99);
    if (duck.ran) std::printf(" %.3f | %.3f | %.0f× | %.1f× |\n", d.p50, d.p99, d.p50 / std::max(warm.p50, 1e-6), d.p50 / std::max(cold.p50, 1e-6));
    else std::printf(" – | – | – | – |\n");
  };
  row("(a) one indicator, 34 provinces, one month", eng.a, eng.a_cold, srv.a, sql.a, duck.a);
  row("(b) national series, all months", eng.b, eng.b_cold, srv.b, sql.b, duck.b);
  row("(c) attainment of the 2022 objectives", eng.c, eng.c_cold, srv.c, sql.c, duck.c);
  std::printf("\n");

  const bool agree_sql = Same(eng.a_sums, sql.a_sums) && Same(eng.b_sums, sql.b_sums) && Same(eng.c_latest, sql.c_latest);
  const bool agree_duck = !duck.ran || (Same(eng.a_sums, duck.a_sums) && Same(eng.b_sums, duck.b_sums) && Same(eng.c_latest, duck.c_latest));
  auto show = [](const char* what, const std::vector<double>& x, const std::vector<double>& y) {
    if (x == y) return;
    std::printf("DIFFERENT %s:", what);
    for (size_t k = 0; k < std::max(x.size(), y.size()) && k < 6; ++k)
      std::printf(" %.0f/%.0f", k < x.size() ? x[k] : -1.0, k < y.size() ? y[k] : -1.0);
    std::printf("\n");
  };
  show("(a) engine/SQLite", eng.a_sums, sql.a_sums);
  show("(b) engine/SQLite", eng.b_sums, sql.b_sums);
  show("(c) engine/SQLite", eng.c_latest, sql.c_latest);
  if (duck.ran) {
    show("(a) engine/DuckDB", eng.a_sums, duck.a_sums);
    show("(b) engine/DuckDB", eng.b_sums, duck.b_sums);
    show("(c) engine/DuckDB", eng.c_latest, duck.c_latest);
  }
  std::printf("answers: engine = SQLite: %s; engine = DuckDB: %s; HTTP (a) = engine: %s\n", agree_sql ? "yes" : "NO",
              duck.ran ? (agree_duck ? "yes" : "NO") : ("not run: " + duck.why_not).c_str(), srv.a_agrees ? "yes" : "NO");
  if (duck.ran) std::printf("DuckDB: figures generated and stored in a native file in %.1f s, threads=2\n", duck.load_s);
  std::printf("engine memory for the figures: %.0f MiB; peak RSS of this process %ld KiB\n",
              static_cast<double>(eng.memory_kib) / 1024, StatusKb("/proc/self/status", "VmHWM:"));
  std::printf("server: %d indicators, %zu figures stored (+%zu through the API twice); start with figures loaded %.1f s; "
              "RSS %.1f MiB before subscribers, %.1f MiB with %d (+%.1f MiB), %.1f MiB at the end, peak %.1f MiB; "
              "every subscriber received the events: %s\n",
              srv.indicators, srv.stored, srv.ingest_rows, srv.start_s, srv.rss_before_subscribers / 1024.0,
              srv.rss_with_subscribers / 1024.0, srv.subscribers,
              (srv.rss_with_subscribers - srv.rss_before_subscribers) / 1024.0, srv.rss_end / 1024.0, srv.hwm / 1024.0,
              srv.all_subscribers_saw ? "yes" : "NO");
  if (o.keep.empty()) fs::remove_all(w.dir);
  return agree_sql && agree_duck && srv.a_agrees && srv.all_subscribers_saw ? 0 : 1;
}
