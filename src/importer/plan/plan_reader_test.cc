// The plan importer on real documents and on the small cases each rule exists for.
#include "importer/plan/plan_reader.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "codec/json_codec.h"
#include "demo/demo_data.h"
#include "importer/plan/agency_phrases.h"
#include "importer/plan/agency_resolver.h"
#include "importer/plan/document_text.h"
#include "importer/plan/internal/test_support.h"
#include "importer/plan/phrases.h"
#include "text/vn_text.h"

namespace dxgov::importer {
namespace {

using testing::ReadRepoFile;
using testing::Registry;

TEST(ReadMarker, ReadsNumberingNotDepth) {
  EXPECT_EQ(ReadMarker("II. NHIỆM VỤ TRỌNG TÂM").kind, MarkerKind::kRoman);
  EXPECT_EQ(ReadMarker("2.1. Rà soát, xóa các vùng lõm sóng").value, "2.1");
  EXPECT_EQ(ReadMarker("đ) Tỷ lệ người dân").value, "đ");
  EXPECT_EQ(ReadMarker("- a) Tỷ lệ dân số").kind, MarkerKind::kLetter);
  EXPECT_EQ(ReadMarker("(3) Nền tảng bản đồ số").value, "3");
  EXPECT_EQ(ReadMarker("Thời gian hoàn thành: Tháng 6/2022.").kind, MarkerKind::kLabel);
  EXPECT_EQ(ReadMarker("Thời gian hoàn thành: Tháng 6/2022.").rest, "Tháng 6/2022.");
  // Not numbering: a thousands group, a document number, a bare numeral outside a heading.
  EXPECT_EQ(ReadMarker("10.000 cán bộ chuyển đổi số").kind, MarkerKind::kNone);
  EXPECT_EQ(ReadMarker("17/QĐ-UBQGCĐS ngày 04/4/2023").kind, MarkerKind::kNone);
  EXPECT_EQ(ReadMarker("V Công tác kiểm tra").kind, MarkerKind::kNone);
  EXPECT_EQ(ReadMarker("V Công tác kiểm tra", /*emphasised=*/true).kind, MarkerKind::kRoman);
}

TEST(ReadSourceLines, RefusesEmptyAndNonUtf8NamingTheLine) {
  auto empty = ReadSourceLines("  \n\t\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  auto latin1 = ReadSourceLines("dòng một\nB\xe1o c\xe1o\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message_en().find("line 2"), std::string::npos);
  auto big = ReadSourceLines(std::string(100, 'a'), 10);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code(), ErrorCode::kPayloadTooLarge);
}

TEST(MakeBlocks, JoinsHardBreaksSkipsPageNumbersAndNormalises) {
  // Decomposed "ệ" (e + U+0323 + U+0302) is normalised; the broken sentence is one block.
  const std::string doc =
      "1. Triển khai Nền tảng học\n\n12\n\ntrực tuyến mở cho người dân.\nThời hạn hoàn thành: \nTháng 6/2024.\n"
      "2. Nhi\x65\xcc\xa3\xcc\x82m vụ <b>thứ hai</b><sup>3</sup>\n";
  auto lines = ReadSourceLines(doc);
  ASSERT_TRUE(lines.ok());
  auto blocks = MakeBlocks(lines.value());
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].text, "Triển khai Nền tảng học trực tuyến mở cho người dân.");
  EXPECT_EQ(blocks[1].marker, MarkerKind::kLabel);
  EXPECT_EQ(blocks[1].text, "Tháng 6/2024.");
  EXPECT_EQ(blocks[2].text, "Nhiệm vụ thứ hai");
}

TEST(Phrases, DatedClausesSkipCitedDocumentsAndStarts) {
  auto clauses = FindDatedClauses(
      "Triển khai Quyết định số 1911/QĐ-TTg ngày 15 tháng 11 năm 2021 của Thủ tướng Chính phủ; bắt đầu từ tháng "
      "01/2022, hoàn thành trước 30/6/2024 và gửi báo cáo trước ngày 30 tháng 11 hàng năm.");
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_EQ(clauses[0].deadline.kind, DeadlineKind::kDate);
  EXPECT_EQ(clauses[1].deadline.kind, DeadlineKind::kRecurring);
  std::vector<Deadline> ds{clauses[0].deadline, clauses[1].deadline};
  EXPECT_EQ(LatestDeadline(ds).kind, DeadlineKind::kRecurring);  // 30/11/2024 after 30/6/2024
  auto span = ReadDeadlinePhrase("2024 - 2025.", 2024);
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(span->kind, DeadlineKind::kSpan);
  auto month = ReadDeadlinePhrase("Tháng 12 (Năm 2021)", 2022);
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->year, 2021);
}

TEST(Phrases, TargetsByComparator) {
  auto t = FindTargets("Mục tiêu đến hết năm 2022 tối thiểu 75% hộ gia đình, trên 90% người dân; từ 65 - 70% có tài khoản", 0);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].comparator, Comparator::kGe);
  EXPECT_EQ(t[0].year, 2022);
  EXPECT_EQ(t[1].comparator, Comparator::kGt);
  EXPECT_EQ(t[2].comparator, Comparator::kRange);
  EXPECT_EQ(t[2].value_to.value_or(0), 70);
}

TEST(AgencyResolver, SplitsListsNeverInsideNamesAndResolvesTypos) {
  AgencyResolver r(Registry(), MakeDate(2022, 3, 15));
  auto list = r.SplitList("Bộ Văn hóa, Thể thao và Du lịch, Bộ TT&TT và các bộ, ngành, địa phương");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].ref.unit_id, "bo-vhttdl");
  EXPECT_EQ(list[1].ref.unit_id, "bo-tttt");
  EXPECT_EQ(list[1].ref.successor_id, "bo-khcn");
  EXPECT_EQ(list[2].ref.unit_id, "cac-bo-nganh-dia-phuong");
  auto typo = r.ResolveOne("Bộ Tài nguyên và Môi trưởng");
  ASSERT_TRUE(typo.has_value());
  EXPECT_EQ(typo->ref.unit_id, "bo-tnmt");
  EXPECT_TRUE(typo->typo);
  auto typo2 = r.ResolveOne("Bộ Nông nghiệp và Phát triển nông thông");
  ASSERT_TRUE(typo2.has_value());
  EXPECT_EQ(typo2->ref.unit_id, "bo-nnptnt");
  EXPECT_TRUE(typo2->typo);
  auto titled = r.NameAtEnd("Thống đốc Ngân hàng Nhà nước Việt Nam");
  ASSERT_TRUE(titled.has_value());
  EXPECT_EQ(titled->ref.unit_id, "nhnn");
  auto unknown = r.SplitList("Sở Hư cấu, Bộ Y tế");
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_TRUE(unknown[0].ref.unit_id.empty());
  EXPECT_EQ(unknown[0].ref.as_written, "Sở Hư cấu");
}

// The 2022 plan (seed 000) read by the importer agrees with the plan the foundation holds
// (data/plans/27-qd-ubqgcds-2022.json, reviewed by hand): every task, its lead, its
// coordinators as a set and its deadline; every objective and its targets.
TEST(UnlistedAgencyLength, DepartmentsByTheirOpeningWordAndCapitals) {
  auto name = [](std::string_view t) { return std::string(t.substr(0, UnlistedAgencyLength(t))); };
  EXPECT_EQ(name("Sở Nội vụ xây dựng kho dữ liệu"), "Sở Nội vụ");
  EXPECT_EQ(name("Sở Khoa học và Công nghệ chủ trì"), "Sở Khoa học và Công nghệ");
  EXPECT_EQ(name("Sở Văn hóa, Thể thao và Du lịch triển khai"), "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_EQ(name("Sở Nội vụ, Sở Tư pháp"), "Sở Nội vụ");
  EXPECT_EQ(name("Vụ Kế hoạch - Tài chính chủ trì"), "Vụ Kế hoạch - Tài chính");
  EXPECT_EQ(name("Cục Công nghệ thông tin phối hợp"), "Cục Công nghệ thông tin");
  EXPECT_EQ(name("Văn phòng Ủy ban nhân dân tỉnh"), "Văn phòng Ủy ban nhân dân tỉnh");
  EXPECT_EQ(name("Ủy ban nhân dân các huyện, thành phố chủ trì"), "Ủy ban nhân dân các huyện, thành phố");
  EXPECT_EQ(name("Trung tâm Phục vụ hành chính công tỉnh"), "Trung tâm Phục vụ hành chính công tỉnh");
  // A limit: lower-case words outside the compounds names carry end the name.
  EXPECT_EQ(name("Trung tâm Khuyến nông quốc gia"), "Trung tâm Khuyến nông");
  // Not names: a verb after the opening word, a lower-case opening, a word alone.
  EXPECT_EQ(UnlistedAgencyLength("Ban hành quy chế"), 0u);
  EXPECT_EQ(UnlistedAgencyLength("sở Nội vụ"), 0u);
  EXPECT_EQ(UnlistedAgencyLength("Sở"), 0u);
  EXPECT_EQ(UnlistedAgencyLength(""), 0u);
}

// A province's plan names its own departments, which the national registry does not hold:
// they come back as written, unresolved, each with an unknown_agency warning on its line.
TEST(ReadPlanDocument, AProvincesDepartmentsAreKeptAsWrittenNotDropped) {
  const std::string doc =
      "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
      "Số: 12/KH-UBND\n\nTuyên Quang, ngày 10 tháng 9 năm 2025\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\nII. NHIỆM VỤ\n"
      "1. Văn phòng Ủy ban nhân dân tỉnh chủ trì số hóa hồ sơ. Thời gian hoàn thành: Tháng 6/2026.\n"
      "2. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp và Bộ Công an xây dựng kho dữ liệu.\n"
      "3. Ban hành quy chế quản lý dữ liệu do Sở Tài chính chủ trì.\n"
      "4. Các sở, ban, ngành chủ trì rà soát thủ tục hành chính.\n"
      "5. Ủy ban nhân dân các huyện, thành phố chủ trì triển khai.\n";
  auto p = ReadPlanDocument(doc, Registry());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->source.issuer.unit_id, "tinh-tuyen-quang-2025");
  ASSERT_EQ(p->tasks.size(), 5u);
  std::vector<std::string> leads;
  for (const auto& t : p->tasks) {
    ASSERT_TRUE(t.lead) << t.id;
    EXPECT_TRUE(t.lead->unit_id.empty()) << t.id << " " << t.lead->unit_id;
    leads.push_back(t.lead->as_written);
  }
  EXPECT_EQ(leads, (std::vector<std::string>{"Văn phòng Ủy ban nhân dân tỉnh", "Sở Khoa học và Công nghệ", "Sở Tài chính",
                                             "Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố"}));
  ASSERT_EQ(p->tasks[1].coordinators.size(), 3u);
  EXPECT_EQ(p->tasks[1].coordinators[0].as_written, "Sở Nội vụ");
  EXPECT_EQ(p->tasks[1].coordinators[1].as_written, "Sở Tư pháp");
  EXPECT_EQ(p->tasks[1].coordinators[2].unit_id, "bo-cong-an");
  int unknown_on_line_16 = 0;
  for (const auto& w : p->warnings) unknown_on_line_16 += w.code == "unknown_agency" && w.line == 16;
  EXPECT_EQ(unknown_on_line_16, 3);  // the lead and two coordinators
}

// Provincial plans in the two layouts provinces use, written for these tests (not seeds):
// duties in prose with inline labels, and a task table in an appendix. Every lead and
// coordinator is read whole, as written; the same prose wrapped as PDF text reads the same.
struct TaskLine {
  std::string id, lead;
  std::vector<std::string> coordinators;
  std::string deadline;
  bool operator==(const TaskLine&) const = default;
};
void PrintTo(const TaskLine& t, std::ostream* os) {
  *os << t.id << " | " << t.lead << " |";
  for (const auto& c : t.coordinators) *os << " " << c << ";";
  *os << " | " << t.deadline;
}

std::vector<TaskLine> TaskLines(const Proposal& p) {
  std::vector<TaskLine> out;
  for (const auto& t : p.tasks) {
    TaskLine l{t.id, t.lead ? t.lead->as_written : "", {}, t.deadline ? t.deadline->text : ""};
    for (const auto& c : t.coordinators) l.coordinators.push_back(c.as_written);
    out.push_back(std::move(l));
  }
  return out;
}

TEST(ReadPlanDocument, AProvincialPlanInProseWithInlineLabels) {
  const std::vector<TaskLine> want = {
      {"III.1.a", "Sở Thông tin và Truyền thông", {"Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh"}, "Quý II/2024"},
      {"III.1.b", "Sở Kế hoạch và Đầu tư", {}, "Tháng 9/2024"},
      {"III.2.a", "Sở Thông tin và Truyền thông", {"các doanh nghiệp"}, "trong năm 2024"},
      {"III.2.b", "Trung tâm Phục vụ hành chính công tỉnh", {}, "tháng 12/2024"},
      {"III.3", "Ủy ban nhân dân các huyện, thị xã, thành phố", {}, "trước ngày 30/6/2024"},
  };
  const std::string doc = ReadRepoFile("tests/fixtures/import/province-prose.md");
  auto p = ReadPlanDocument(doc, Registry());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->source.number, "85/KH-UBND");
  EXPECT_EQ(p->source.issuer.unit_id, "tinh-quang-ninh");
  EXPECT_EQ(p->source.signer, "Nguyễn Văn A");  // plain text: no bold, after "PHÓ CHỦ TỊCH"
  EXPECT_EQ(p->source.plan_year, 2024);
  EXPECT_EQ(p->objectives.size(), 3u);
  EXPECT_EQ(TaskLines(*p), want);

  // The same text as a PDF converter gives it: wrapped mid-sentence (a label split across
  // lines: "Cơ quan / phối hợp:"), decomposed Unicode.
  std::string wrapped;
  for (const std::string& line : {std::string("a) Rà soát, ban hành quy chế quản lý, kết nối, chia sẻ dữ liệu"),
                                  std::string("của tỉnh. Cơ quan chủ trì: Sở Thông tin và Truyền thông. Cơ quan"),
                                  std::string("phối hợp: Sở Tư pháp, Văn phòng Ủy ban nhân dân tỉnh. Thời"),
                                  std::string("gian hoàn thành: Quý II/2024.")})
    wrapped += line + "\n";
  std::string pdf = doc;
  const std::string original =
      "a) Rà soát, ban hành quy chế quản lý, kết nối, chia sẻ dữ liệu của tỉnh. Cơ quan chủ trì: Sở Thông tin và "
      "Truyền thông. Cơ quan phối hợp: Sở Tư pháp, Văn phòng Ủy ban nhân dân tỉnh. Thời gian hoàn thành: Quý II/2024.\n";
  ASSERT_NE(pdf.find(original), std::string::npos);
  pdf.replace(pdf.find(original), original.size(), wrapped);
  auto q = ReadPlanDocument(text::Nfd(pdf), Registry());
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(TaskLines(*q), want);
}

TEST(ReadPlanDocument, AProvincialPlanWithItsTasksInAnAppendixTable) {
  auto p = ReadPlanDocument(ReadRepoFile("tests/fixtures/import/province-table.md"), Registry());
  ASSERT_TRUE(p.ok());
  const std::vector<TaskLine> want = {
      {"1", "Sở Thông tin và Truyền thông", {"Sở Tài chính", "Sở Kế hoạch và Đầu tư"}, "Quý IV/2023"},
      {"2", "Sở Tài nguyên và Môi trường", {"Ủy ban nhân dân cấp huyện"}, "Tháng 10/2023"},
      {"3", "Sở Giáo dục và Đào tạo", {"Bộ Giáo dục và Đào tạo"}, "2023"},
      {"4", "Sở Nội vụ", {"Các sở, ban, ngành"}, ""},  // "Hằng năm": no due day, a warning
  };
  EXPECT_EQ(TaskLines(*p), want);
  EXPECT_EQ(p->tasks[2].coordinators[0].unit_id, "bo-gddt");
  bool unreadable = false;
  for (const auto& w : p->warnings) unreadable = unreadable || (w.code == "deadline_unreadable" && w.line == 30);
  EXPECT_TRUE(unreadable);
}

TEST(ReadPlanDocument, AMinistrysDecisionWithItsPlanAttached) {
  auto p = ReadPlanDocument(ReadRepoFile("tests/fixtures/import/ministry-decision.md"), Registry());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->source.number, "512/QĐ-BYT");
  EXPECT_EQ(p->source.issuer.unit_id, "bo-y-te");  // under a "-------" rule, and in the attachment note
  EXPECT_EQ(p->source.signer, "Trần Văn Thuấn");
  EXPECT_EQ(p->source.title, "Kế hoạch chuyển đổi số ngành y tế năm 2023");  // the note is not part of it
  const std::vector<TaskLine> want = {
      {"II.1", "Cục Công nghệ thông tin", {"Vụ Kế hoạch - Tài chính"}, "trong Quý III/2023"},
      // A limit: "Cục Quản lý Khám, chữa bệnh" (a comma, then lower case) is not read as a name.
      {"II.2", "", {"Bảo hiểm xã hội Việt Nam"}, "Tháng 12/2023"},
      {"II.3", "Văn phòng Bộ", {}, "trước ngày 30/11/2023"},
      {"II.4", "Các đơn vị thuộc Bộ", {}, "Theo kế hoạch cụ thể của đơn vị"},
  };
  EXPECT_EQ(TaskLines(*p), want);
}

// Prose tasks are read before tables. A table row without a number continues the task of
// the row above it, never a prose task that stands further down (found by the fuzzer: the
// row's text was appended to it and its line range ran backwards).
TEST(ReadPlanDocument, AnUnnumberedTableRowNeverJoinsAProseTask) {
  const std::string doc =
      "KẾ HOẠCH\nChuyển đổi số năm 2026\n\nI. NHIỆM VỤ\n"
      "TT\tNội dung công việc\tCơ quan chủ trì\tThời gian hoàn thành\n"
      "-\tGhi chú chung của bảng\t\t\n"
      "1\tXây dựng kho dữ liệu\tBộ Công an\tQuý IV/2026\n"
      "\nII. HOẠT ĐỘNG KHÁC\n1. Bộ Tài chính chủ trì bố trí kinh phí thực hiện.\n";
  auto p = ReadPlanDocument(doc, Registry());
  ASSERT_TRUE(p.ok());
  for (const auto& t : p->tasks) {
    EXPECT_LE(t.lines.from, t.lines.to) << t.id;
    EXPECT_EQ(t.text.find("Ghi chú"), std::string::npos) << t.id;
  }
  const auto prose = std::find_if(p->tasks.begin(), p->tasks.end(), [](const ProposedTask& t) { return t.id == "II.1"; });
  ASSERT_NE(prose, p->tasks.end());
  EXPECT_EQ(prose->lines, (LineSpan{10, 10}));
}

TEST(ReadPlanDocument, Seed000MatchesTheFoundationsPlan) {
  auto p = ReadPlanDocument(ReadRepoFile("data/seeds/000_494c21983f4e96c0.txt"), Registry());
  ASSERT_TRUE(p.ok());
  const Proposal& got = p.value();
  EXPECT_EQ(got.source.number, "27/QĐ-UBQGCĐS");
  ASSERT_TRUE(got.source.date.has_value());
  EXPECT_EQ(FormatIso(*got.source.date), "2022-03-15");
  EXPECT_EQ(got.source.issuer.unit_id, "ubqg-cds");
  EXPECT_EQ(got.source.signer, "Phạm Minh Chính");
  EXPECT_EQ(got.source.plan_year, 2022);

  auto expected = boost::json::parse(ReadRepoFile("data/plans/27-qd-ubqgcds-2022.json")).as_object();
  std::map<std::string, const ProposedTask*> by_id;
  for (const auto& t : got.tasks) by_id[t.id] = &t;
  const auto& tasks = expected.at("tasks").as_array();
  EXPECT_EQ(got.tasks.size(), tasks.size());
  std::map<std::string, int> per_section;
  for (const auto& t : got.tasks) ++per_section[t.section];
  EXPECT_EQ(per_section["II"], 20);
  EXPECT_EQ(per_section["III"], 44);
  EXPECT_EQ(per_section["IV"], 63);
  EXPECT_EQ(per_section["V"], 6);
  for (const auto& tv : tasks) {
    const auto& e = tv.as_object();
    const std::string id(e.at("number").as_string());
    auto it = by_id.find(id);
    ASSERT_NE(it, by_id.end()) << id;
    const ProposedTask& g = *it->second;
    const std::string lead = e.at("lead").is_null() ? "" : std::string(e.at("lead").at("unit").as_string());
    EXPECT_EQ(g.lead ? g.lead->unit_id : "", lead) << id;
    std::set<std::string> want, have;
    for (const auto& c : e.at("coordinators").as_array()) want.insert(std::string(c.at("unit").as_string()));
    for (const auto& c : g.coordinators) have.insert(c.unit_id);
    EXPECT_EQ(have, want) << id;
    if (e.at("deadline").is_null()) {
      EXPECT_FALSE(g.deadline.has_value()) << id;
    } else {
      ASSERT_TRUE(g.deadline.has_value()) << id;
      auto d = codec::DeadlineFromJson(e.at("deadline"), "/deadline");
      ASSERT_TRUE(d.ok()) << id;
      Deadline a = d.value(), b = *g.deadline;
      a.text.clear();
      b.text.clear();
      EXPECT_EQ(a, b) << id;
    }
  }
  const auto& objectives = expected.at("objectives").as_array();
  ASSERT_EQ(got.objectives.size(), objectives.size());
  for (size_t i = 0; i < objectives.size(); ++i) {
    EXPECT_EQ(got.objectives[i].code, std::string(objectives[i].at("code").as_string()));
    const auto& targets = objectives[i].at("targets").as_array();
    ASSERT_EQ(got.objectives[i].targets.size(), targets.size()) << got.objectives[i].code;
    for (size_t k = 0; k < targets.size(); ++k) {
      EXPECT_EQ(got.objectives[i].targets[k].value, targets[k].at("value").to_number<double>());
    }
  }
}

TEST(ReadPlanDocument, Seed004LetterTasksGoToTheAddressees) {
  auto p = ReadPlanDocument(ReadRepoFile("data/seeds/004_f0710b9ce82295c7.txt"), Registry());
  ASSERT_TRUE(p.ok());
  const Proposal& got = p.value();
  EXPECT_EQ(got.source.number, "797/BT-TT-THH");
  EXPECT_EQ(got.source.issuer.unit_id, "bo-tttt");
  ASSERT_EQ(got.tasks.size(), 22u);
  for (const auto& t : got.tasks) EXPECT_EQ(t.section, "II");
  ASSERT_TRUE(got.tasks[0].lead.has_value());
  EXPECT_EQ(got.tasks[0].lead->unit_id, "cac-bo-nganh-dia-phuong");
  std::set<std::string> cited;
  for (const auto& t : got.tasks) cited.insert(t.documents.begin(), t.documents.end());
  EXPECT_EQ(cited.size(), 17u);
}

}  // namespace
}  // namespace dxgov::importer
