#include "cli/import_plan.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "auth/secret.h"
#include "codec/json_codec.h"
#include "codec/proposal_json.h"
#include "demo/demo_data.h"
#include "importer/plan/evaluate.h"
#include "importer/plan/plan_reader.h"

namespace dxgov::cli {

namespace {

struct ImportArgs {
  std::string file;
  std::string format = "table";
  std::string evaluate;
};

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string RefText(const std::optional<importer::NameRef>& r) {
  if (!r) return "—";
  return r->unit_id.empty() ? "?" + r->as_written : r->unit_id;
}

void PrintTable(const importer::Proposal& p) {
  const auto& s = p.source;
  std::cout << "Tài liệu (document): " << s.document_type << " " << (s.number.empty() ? "(chưa số)" : s.number) << ", "
            << (s.date ? FormatVi(*s.date) : (s.date_year ? std::to_string(s.date_year) : "?")) << ", "
            << (s.issuer.unit_id.empty() ? s.issuer.as_written : s.issuer.unit_id) << "; ký (signer): " << s.signer
            << "; năm kế hoạch (plan year): " << s.plan_year << "\n";
  std::cout << "Tiêu đề (title): " << s.title << "\n";
  std::cout << "Mục (sections) " << p.sections.size() << ", mục tiêu (objectives) " << p.objectives.size()
            << ", nhiệm vụ (tasks) " << p.tasks.size() << ", chỉ tiêu (indicators) " << p.indicators.size()
            << ", nền tảng (platforms) " << p.platforms.size() << ", văn bản dẫn (documents) " << p.documents.size()
            << ", hoạt động phụ lục (actions) " << p.actions.size() << ", cảnh báo (warnings) " << p.warnings.size()
            << "\n\n";
  for (const auto& t : p.tasks) {
    std::string coords;
    for (const auto& c : t.coordinators) coords += (coords.empty() ? "" : ", ") + (c.unit_id.empty() ? "?" + c.as_written : c.unit_id);
    std::string title = t.title.size() > 70 ? t.title.substr(0, t.title.find(' ', 60)) + "…" : t.title;
    std::cout << t.id << "\t" << RefText(t.lead) << "\t[" << coords << "]\t"
              << (t.deadline ? t.deadline->text : std::string("—")) << "\t" << title << "\tL" << t.lines.from << "-"
              << t.lines.to << "\n";
  }
  if (!p.warnings.empty()) std::cout << "\nCảnh báo (warnings):\n";
  for (const auto& w : p.warnings) std::cout << "  dòng " << w.line << " [" << w.code << "] " << w.message_vi << "\n";
}

// Prints precision and recall per field against the expected proposal in `expected_path`.
int Evaluate(const importer::Proposal& given, const std::string& expected_path) {
  std::string text;
  if (!ReadFile(expected_path, text)) {
    spdlog::error("Không đọc được tệp (cannot read file): {}", expected_path);
    return 1;
  }
  auto json = codec::ParseJson(text);
  if (!json.ok()) {
    spdlog::error("{}: {}", expected_path, json.error().message_en());
    return 1;
  }
  auto expected = codec::ProposalFromJson(json.value());
  if (!expected.ok()) {
    const Error& e = expected.error();
    std::string where;
    for (const auto& f : e.fields()) where += " " + f.path + " (" + f.reason + ")";
    spdlog::error("{}: {}{}", expected_path, e.message_en(), where);
    return 1;
  }
  const importer::Evaluation ev = importer::EvaluateProposal(given, expected.value());
  std::printf("%-16s %8s %8s %8s %10s %8s\n", "field", "given", "expected", "correct", "precision", "recall");
  for (const auto& f : ev.fields) {
    std::printf("%-16s %8d %8d %8d %9.1f%% %7.1f%%\n", f.field.c_str(), f.given, f.expected, f.correct,
                100 * f.precision(), 100 * f.recall());
  }
  if (!ev.mismatches.empty()) std::printf("\nKhác biệt (differences):\n");
  for (const auto& m : ev.mismatches) std::printf("  %s\n", m.c_str());
  return 0;
}

int Run(const ImportArgs& args) {
  std::string bytes;
  if (!ReadFile(args.file, bytes)) {
    spdlog::error("Không đọc được tệp (cannot read file): {}", args.file);
    return 1;
  }
  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  if (!units.ok()) {
    spdlog::error("{}", units.error().message_en());
    return 1;
  }
  auto reg = UnitRegistry::Create(std::move(units.value()));
  if (!reg.ok()) {
    spdlog::error("{}", reg.error().message_en());
    return 1;
  }
  importer::ReadOptions opts;
  opts.file_name = args.file;
  auto proposal = importer::ReadPlanDocument(bytes, reg.value(), opts);
  if (!proposal.ok()) {
    const Error& e = proposal.error();
    spdlog::error("{} ({})", e.message_vi(), e.message_en());
    return 1;
  }
  proposal->source.sha256 = auth::Sha256Hex(bytes);
  if (!args.evaluate.empty()) return Evaluate(proposal.value(), args.evaluate);
  if (args.format == "json") {
    std::cout << codec::Serialize(codec::ToJson(proposal.value())) << "\n";
  } else {
    PrintTable(proposal.value());
  }
  return 0;
}

}  // namespace

std::function<int()> AddImportPlanCommand(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  auto* c = app.add_subcommand("import-plan",
                               "Đọc văn bản kế hoạch và đề xuất kế hoạch có cấu trúc (read a plan document, propose a structured plan)");
  c->add_option("FILE", args->file, "Tệp văn bản: Markdown hoặc văn bản UTF-8 (plan document)")->required();
  c->add_option("--format", args->format, "json | table")->check(CLI::IsMember({"json", "table"}))->capture_default_str();
  c->add_option("--evaluate", args->evaluate,
                "So với kết quả mong đợi, in độ chính xác/độ phủ (compare with an expected proposal)");
  return [c, args]() -> int { return c->parsed() ? Run(*args) : -1; };
}

}  // namespace dxgov::cli
