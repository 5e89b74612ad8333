// The task table export (issue 8, point 8): a plan of 100,000 tasks written as .xlsx
// (libxlsxwriter in constant-memory mode, with the sheet's formats, dates and colours), next
// to the same rows written as CSV and as JSON in the same run. CSV is the reference: the
// least any export of the table must do.
//
//   dxgov_export_bench [--rows N] [--scale smoke|full] [--repeat R]
//
// Each format runs in a process of its own (bench/support/child_measure.h), so that its
// peak RSS is its own. Every pass builds each task from its index (as the store would hand
// it over), turns it into a row with the names of its units on the as-of date (RowOf, the
// route's own code) and writes it to a file on disk; the unit registry is loaded before the
// clock starts, as the server holds it. The time and memory of a pass are what the route
// spends before it reads the file back.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench/support/child_measure.h"
#include "demo/demo_data.h"
#include "export/task_table.h"

namespace {

using namespace dxgov;
using bench::InChild;
using bench::Measure;

std::shared_ptr<const UnitRegistry> LoadRegistry() {
  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  if (!units.ok()) return nullptr;
  auto reg = UnitRegistry::Create(std::move(units).value());
  return reg.ok() ? std::move(reg).value() : nullptr;
}

// Task i of a national plan: leads and coordinators drawn from real ministries and
// provinces, titles of plan length with diacritics, a mix of statuses and deadlines.
Task TaskAt(long i, const std::vector<std::string>& units) {
  static const char* kTitles[] = {
      "Triển khai nền tảng định danh và xác thực điện tử cho người dân, doanh nghiệp",
      "Xây dựng, hoàn thiện cơ sở dữ liệu quốc gia về dân cư và kết nối với các hệ thống thông tin",
      "Phổ cập kỹ năng số cho cán bộ, công chức, viên chức và người lao động",
      "Cung cấp dịch vụ công trực tuyến toàn trình, tích hợp trên Cổng Dịch vụ công quốc gia",
  };
  static const TaskStatus kStatuses[] = {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kInProgress,
                                         TaskStatus::kDone, TaskStatus::kPaused};
  Task t;
  t.id = i + 1;
  t.section = i % 3 == 0 ? "II" : i % 3 == 1 ? "III" : "IV";
  t.number = t.section + "." + std::to_string(i + 1);
  t.title = std::string(kTitles[i % 4]) + " (đợt " + std::to_string(i % 97 + 1) + ")";
  t.lead.unit_id = units[static_cast<size_t>(i) % units.size()];
  t.coordinators = {UnitRef{units[static_cast<size_t>(i * 7 + 3) % units.size()], ""},
                    UnitRef{units[static_cast<size_t>(i * 13 + 5) % units.size()], ""}};
  Deadline d;
  d.kind = DeadlineKind::kMonth;
  d.year = 2022;
  d.month = static_cast<int>(i % 12) + 1;
  d.text = "Tháng " + std::to_string(d.month) + "/2022";
  t.deadline = d;
  t.status = kStatuses[i % 5];
  if (t.status == TaskStatus::kDone) t.completed_on = MakeDate(2022, static_cast<unsigned>(i % 12) + 1, 15);
  t.progress_percent = t.status == TaskStatus::kInProgress ? static_cast<int>(i % 90) + 5 : 0;
  return t;
}

long WriteTable(exporting::TaskTableWriter& w, long rows, const std::vector<std::string>& units, const UnitRegistry& reg) {
  const Date as_of = MakeDate(2022, 7, 15);
  for (long i = 0; i < rows; ++i)
    if (!w.Add(exporting::RowOf(TaskAt(i, units), "Kế hoạch chuyển đổi số quốc gia năm 2022", reg, as_of, 14)).ok())
      return -1;
  return w.Finish().ok() ? rows : -1;
}

long FileBytes(const std::filesystem::path& p) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(p, ec);
  return ec ? -1 : static_cast<long>(n);
}

}  // namespace

int main(int argc, char** argv) {
  std::string scale = "full";
  long rows = 0;
  int repeat = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--scale" && i + 1 < argc) scale = argv[++i];
    else if (a == "--rows" && i + 1 < argc) rows = std::atol(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: dxgov_export_bench [--rows N] [--scale smoke|full] [--repeat R]\n");
      return 2;
    }
  }
  if (rows <= 0) rows = scale == "smoke" ? 10000 : 100000;
  if (repeat <= 0) repeat = scale == "smoke" ? 1 : 3;

  std::string dir_template = (std::filesystem::temp_directory_path() / "dxgov-export-bench-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) return 1;
  const std::filesystem::path dir = dir_template;

  std::shared_ptr<const UnitRegistry> reg;
  std::vector<std::string> units;
  auto setup = [&] {
    reg = LoadRegistry();
    if (!reg) std::_Exit(3);
    // Ministries and provinces valid in 2022, the units a national plan assigns.
    for (const Unit* u : reg->ValidOn(MakeDate(2022, 7, 15), {UnitKind::kMinistry, UnitKind::kProvince, UnitKind::kCity}))
      units.push_back(u->id);
  };
  struct Pass {
    const char* name;
    std::filesystem::path file;
    std::function<long()> work;
  };
  std::vector<Pass> passes;
  passes.push_back({"CSV (reference)", dir / "tasks.csv", [&] {
                      std::ofstream out(dir / "tasks.csv", std::ios::binary);
                      auto w = exporting::CsvTaskWriter(out);
                      return WriteTable(*w, rows, units, *reg);
                    }});
  passes.push_back({"JSON", dir / "tasks.json", [&] {
                      std::ofstream out(dir / "tasks.json", std::ios::binary);
                      auto w = exporting::JsonTaskWriter(out);
                      return WriteTable(*w, rows, units, *reg);
                    }});
  passes.push_back({"XLSX (constant memory)", dir / "tasks.xlsx", [&]() -> long {
                      auto w = exporting::XlsxTaskWriter((dir / "tasks.xlsx").string(), "Nhiệm vụ", dir.string());
                      return w.ok() ? WriteTable(**w, rows, units, *reg) : -1;
                    }});

  std::printf("dxgov_export_bench: %ld tasks, median of %d runs per format, each format in its own process\n\n", rows,
              repeat);
  std::printf("| format | ms | × CSV time | file MB | RSS before → peak MB | peak growth MB | × CSV growth |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  bool ok = true;
  Measure ref;
  for (size_t i = 0; i < passes.size(); ++i) {
    const Measure m = InChild(setup, passes[i].work, repeat);
    ok = ok && m.ok && m.items == rows;
    if (i == 0) ref = m;
    const double growth = (m.peak_kb - m.rss_before_kb) / 1024.0;
    const double ref_growth = (ref.peak_kb - ref.rss_before_kb) / 1024.0;
    std::printf("| %s | %.0f | %.2f× | %.1f | %.1f → %.1f | %.1f | %.2f× |\n", passes[i].name, m.median_ms,
                ref.median_ms > 0 ? m.median_ms / ref.median_ms : 0.0, FileBytes(passes[i].file) / 1048576.0,
                m.rss_before_kb / 1024.0, m.peak_kb / 1024.0, growth, ref_growth > 0 ? growth / ref_growth : 0.0);
  }
  std::filesystem::remove_all(dir);
  if (!ok) {
    std::fprintf(stderr, "a pass failed\n");
    return 1;
  }
  return 0;
}
