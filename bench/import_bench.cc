// The plan importer's speed and memory (issue 7, point 7): reading seed 002 (474 KB of
// session papers) and a 2 MB concatenation of all four seeds, next to a reference pass over
// the same bytes in the same run that only splits them into lines and normalises each line
// to NFC (ICU), the least any reader of the document must do.
//
//   dxgov_import_bench [--scale smoke|full] [--repeat R]
//
// Each measurement runs in a child process of its own (fork), so that its peak RSS
// (VmHWM) is its own: the child reports the median wall time of R runs, its RSS before the
// first run and its peak. The importer's child builds the unit registry first, as the
// server holds it in memory; that one-off cost is reported on its own line. A document of
// two tasks shows the fixed cost of a document (the agency resolver for its date).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/support/child_measure.h"
#include "demo/demo_data.h"
#include "importer/plan/plan_reader.h"
#include "text/vn_text.h"

namespace {

using namespace dxgov;
using bench::InChild;
using bench::Measure;

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long ReferencePass(const std::string& bytes) {
  long lines = 0;
  size_t start = 0;
  while (start <= bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    const std::string nfc = text::Nfc(std::string_view(bytes).substr(start, end - start));
    lines += nfc.empty() ? 0 : 1;
    start = end + 1;
  }
  return lines;
}

std::shared_ptr<const UnitRegistry> LoadRegistry() {
  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  if (!units.ok()) return nullptr;
  auto reg = UnitRegistry::Create(std::move(units).value());
  return reg.ok() ? std::move(reg).value() : nullptr;
}

struct Doc {
  std::string name;
  std::string bytes;
};

}  // namespace

int main(int argc, char** argv) {
  std::string scale = "full";
  int repeat = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--scale" && i + 1 < argc) scale = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: dxgov_import_bench [--scale smoke|full] [--repeat R]\n");
      return 2;
    }
  }
  if (repeat <= 0) repeat = scale == "smoke" ? 1 : 7;

  const std::filesystem::path seeds = std::filesystem::path(DXGOV_SOURCE_DIR) / "data/seeds";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(seeds))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.size() < 4) {
    std::fprintf(stderr, "seeds missing under %s\n", seeds.c_str());
    return 1;
  }
  std::vector<Doc> docs;
  docs.push_back({"two tasks (fixed cost per document)",
                  "KẾ HOẠCH\nChuyển đổi số năm 2026\n\nI. NHIỆM VỤ\n"
                  "1. Bộ Khoa học và Công nghệ chủ trì hướng dẫn. Thời gian hoàn thành: Tháng 6/2026.\n"
                  "2. Bộ Nội vụ chủ trì, phối hợp với Bộ Công an. Thời gian hoàn thành: Quý IV/2026.\n"});
  for (const auto& f : files)
    if (f.filename().string().rfind("002_", 0) == 0) docs.push_back({"seed 002 (session papers)", ReadFile(f)});
  std::string all;
  while (all.size() < (2u << 20))
    for (const auto& f : files) all += ReadFile(f) + "\n";
  all.resize(2u << 20);
  all.resize(all.rfind('\n') + 1);  // whole lines, valid UTF-8
  docs.push_back({"all seeds repeated to 2 MB", all});

  std::printf("dxgov_import_bench --scale %s: median of %d runs per pass, each pass in its own process\n\n", scale.c_str(),
              repeat);
  const Measure reg = InChild([] {}, [] { return LoadRegistry() ? 1L : -1L; }, 1);
  std::printf("unit registry (3,469 units, parsed once per server): %.1f ms, peak RSS %.1f MB\n\n", reg.median_ms,
              reg.peak_kb / 1024.0);
  std::printf("| document | bytes | reference ms | importer ms | ratio | tasks | reference peak RSS MB | importer RSS before → peak MB |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  bool ok = reg.ok;
  for (const auto& d : docs) {
    const Measure ref = InChild([] {}, [&] { return ReferencePass(d.bytes); }, repeat);
    std::shared_ptr<const UnitRegistry> registry;
    const Measure imp = InChild([&] { registry = LoadRegistry(); },
                                [&]() -> long {
                                  auto p = importer::ReadPlanDocument(d.bytes, registry, importer::ReadOptions{d.name});
                                  return p.ok() ? static_cast<long>(p->tasks.size()) : -1L;
                                },
                                repeat);
    ok = ok && ref.ok && imp.ok;
    std::printf("| %s | %zu | %.2f | %.2f | %.1f× | %ld | %.1f | %.1f → %.1f |\n", d.name.c_str(), d.bytes.size(),
                ref.median_ms, imp.median_ms, ref.median_ms > 0 ? imp.median_ms / ref.median_ms : 0.0, imp.items,
                ref.peak_kb / 1024.0, imp.rss_before_kb / 1024.0, imp.peak_kb / 1024.0);
  }
  if (!ok) {
    std::fprintf(stderr, "a pass failed\n");
    return 1;
  }
  return 0;
}
