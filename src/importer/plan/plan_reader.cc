#include "importer/plan/plan_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "importer/plan/agency_phrases.h"
#include "importer/plan/agency_resolver.h"
#include "importer/plan/document_text.h"
#include "importer/plan/duties.h"
#include "importer/plan/phrases.h"
#include "importer/plan/table_reader.h"
#include "importer/plan/wording.h"
#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

using text::Fold;

// ---------------------------------------------------------------------------------------
// The outline: a tree of numbered nodes over the plan's blocks.

struct Node {
  MarkerKind kind = MarkerKind::kNone;
  std::string value;                 // "II", "2.1", "a", "-"
  const Block* head = nullptr;       // the block that opens it (nullptr for the root)
  std::vector<const Block*> content; // paragraphs and labels before the first child
  std::vector<const Block*> after;   // paragraphs and labels after children (same level)
  std::vector<Node> children;
  int first_line = 0, last_line = 0;

  std::string HeadText() const { return head == nullptr ? std::string() : head->text; }
};

int LevelOf(const Block& b) {
  switch (b.marker) {
    case MarkerKind::kUpperLetter: return 1;
    case MarkerKind::kRoman: return 2;
    case MarkerKind::kArabic: return 3 + static_cast<int>(std::count(b.value.begin(), b.value.end(), '.'));
    case MarkerKind::kLetter: return 10;
    case MarkerKind::kParen: return 11;
    case MarkerKind::kBullet: return 12;
    default: return 0;
  }
}

int LevelOfNode(const Node& n) { return n.head == nullptr ? 0 : LevelOf(*n.head); }

void ExtendLines(Node& n, int line) {
  if (n.first_line == 0 || line < n.first_line) n.first_line = line;
  n.last_line = std::max(n.last_line, line);
}

Node BuildOutline(const std::vector<const Block*>& blocks) {
  Node root;
  std::vector<Node*> stack{&root};
  for (const Block* b : blocks) {
    const int level = LevelOf(*b);
    if (level == 0) {
      // A label after a list of bullets ("Đơn vị đầu mối ...:", "Thời hạn hoàn thành: ...")
      // is the item's, not the last bullet's.
      if (b->marker == MarkerKind::kLabel) {
        while (stack.size() > 1 && (stack.back()->kind == MarkerKind::kBullet || stack.back()->kind == MarkerKind::kParen)) {
          stack.pop_back();
        }
      }
      Node* top = stack.back();
      (top->children.empty() ? top->content : top->after).push_back(b);
      for (Node* n : stack) ExtendLines(*n, b->last_line);
      continue;
    }
    while (stack.size() > 1 && LevelOfNode(*stack.back()) >= level) stack.pop_back();
    Node child;
    child.kind = b->marker;
    child.value = b->value;
    child.head = b;
    child.first_line = b->first_line;
    child.last_line = b->last_line;
    stack.back()->children.push_back(std::move(child));
    Node* added = &stack.back()->children.back();
    for (Node* n : stack) ExtendLines(*n, b->last_line);
    stack.push_back(added);
  }
  return root;
}

enum class LabelKind { kNone, kDeadline, kLead, kCoordinators, kSupport, kOutput, kPeriod };

LabelKind KindOfLabel(const std::string& label) {
  const std::string f = Fold(label);
  if (f.find("dau moi") != std::string::npos) return LabelKind::kSupport;
  if (f.find("phoi hop") != std::string::npos) return LabelKind::kCoordinators;
  if (f.find("chu tri") != std::string::npos) return LabelKind::kLead;
  if (f.starts_with("thoi gian thuc hien") || f.starts_with("thoi gian trien khai")) return LabelKind::kPeriod;
  if (f.starts_with("thoi gian") || f.starts_with("thoi han")) return LabelKind::kDeadline;
  if (f.starts_with("san pham") || f.starts_with("ket qua")) return LabelKind::kOutput;
  return LabelKind::kNone;
}

// A label inside running text ("... Thời hạn hoàn thành: 30/3/2024."): its value.
std::vector<std::string> InlineDeadlineLabels(const std::string& text) {
  std::vector<std::string> out;
  static const RE2 kInline(R"((?i)(?:thời hạn|thời gian) hoàn thành[^:.;]{0,40}:\s*(.+?)(?:\.\s|;|\.$|$))");
  re2::StringPiece in(text);
  std::string v;
  while (RE2::FindAndConsume(&in, kInline, &v)) out.push_back(TrimEnd(v));
  return out;
}

// "... Cơ quan chủ trì: Sở X. Cơ quan phối hợp: Sở Y, Sở Z. Thời gian hoàn thành: ...":
// the labels a sentence carries inline, as (label, value) pairs.
std::vector<std::pair<std::string, std::string>> InlineAgencyLabels(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  static const RE2 kInline(
      R"((?i)((?:cơ quan|đơn vị)\s+(?:chủ trì|phối hợp|đầu mối(?:\s+hỗ trợ)?)(?:\s+thực hiện)?)\s*:\s*(.+?)(?:\.\s|;|\.$|$))");
  re2::StringPiece in(text);
  std::string label, value;
  while (RE2::FindAndConsume(&in, kInline, &label, &value)) out.emplace_back(label, TrimEnd(value));
  return out;
}

struct InlineLabel {
  std::string value;
  int line = 0;
};

// ---------------------------------------------------------------------------------------
// The reader.

class Reader {
 public:
  Reader(std::shared_ptr<const UnitRegistry> registry, Proposal& p)
      : registry_(std::move(registry)), p_(p), warn_(&p_.warnings) {}

  void Run(const std::vector<SourceLine>& lines);

 private:
  void FindRegion();
  void ReadHeader();
  void ReadCitations();
  void ReadSections(const Node& root);
  // Objectives of a "Mục tiêu" section; `document` names a cited decision, "" this plan.
  void ReadObjectives(const ProposedSection& sec, const Node& node, const std::string& document = "");
  void ReadTaskSection(const std::string& numeral, const Node& node);
  void ReadItem(const std::string& numeral, const Node& item, const std::string& number);
  void InferPlanYear();
  void ReadSessionSchedule();
  // The block where the first appendix ("Phụ lục I") of blocks [begin, end) starts; end if none.
  size_t FindAnnexStart(size_t begin, size_t end) const;
  void ReadReferenceDocuments(TableContext& ctx);

  // Task assembly.
  struct Draft {
    std::string number;
    std::string title;
    std::vector<const Block*> blocks;      // the task's own blocks, in order
    std::vector<const Block*> context;     // item-level labels and paragraphs that apply
    std::vector<SubItem> sub_items;
    int first_line = 0, last_line = 0;
    std::optional<NameRef> heading_lead;
    std::string text_override;
    std::vector<InlineLabel> context_deadlines;  // deadline labels inside background text
  };
  void EmitTask(const std::string& numeral, Draft d);

  void WarnCount(int line, const std::string& number, int announced, int found);
  std::optional<NameRef> CombinedAddressee(const std::vector<NameRef>& list) const;

  std::shared_ptr<const UnitRegistry> registry_;
  Proposal& p_;
  WarningSink warn_;
  std::vector<Block> blocks_;
  size_t plan_begin_ = 0, plan_end_ = 0;  // block indexes [begin, end)
  size_t header_begin_ = 0;              // first block of the document the plan belongs to
  std::unique_ptr<AgencyResolver> resolver_;
  std::unique_ptr<AgencyPhrases> agencies_;
  std::vector<NameRef> addressees_;
  int addressees_line_ = 0;
  std::set<std::string> task_ids_;
};

void Reader::WarnCount(int line, const std::string& number, int announced, int found) {
  warn_.Add(line, "count_mismatch",
            "Mục " + number + " nêu " + std::to_string(announced) + " nhiệm vụ nhưng đọc được " + std::to_string(found),
            "item " + number + " announces " + std::to_string(announced) + " tasks but " + std::to_string(found) + " were read");
}


void Reader::Run(const std::vector<SourceLine>& lines) {
  blocks_ = MakeBlocks(lines);
  p_.source.line_count = lines.empty() ? 0 : lines.back().number;
  FindRegion();
  ReadHeader();
  const Date on = p_.source.date ? *p_.source.date
                                 : MakeDate(p_.source.date_year > 0 ? p_.source.date_year
                                                                    : (p_.source.plan_year > 0 ? p_.source.plan_year : 2022),
                                            6, 30);
  resolver_ = std::make_unique<AgencyResolver>(registry_, on);
  agencies_ = std::make_unique<AgencyPhrases>(*resolver_, warn_);
  // The issuer and addressees need the resolver: resolve them now.
  if (!p_.source.issuer.as_written.empty()) {
    auto m = resolver_->ResolveOne(p_.source.issuer.as_written);
    if (!m) m = resolver_->NameAtEnd(p_.source.issuer.as_written);
    if (m) p_.source.issuer = m->ref;
  }
  ReadCitations();
  // The plan's body ends at its first appendix ("Phụ lục I"): appendices hold indicator
  // tables, platform lists and action tables, never prose tasks.
  const size_t annex_at = FindAnnexStart(plan_begin_, plan_end_);
  std::vector<const Block*> body_text, body, annexes;
  for (size_t i = plan_begin_; i < plan_end_; ++i) {
    (i < annex_at ? body : annexes).push_back(&blocks_[i]);
    if (i < annex_at && !blocks_[i].table_row) body_text.push_back(&blocks_[i]);
  }
  ReadSections(BuildOutline(body_text));
  const size_t tasks_from_text = p_.tasks.size();
  TableContext ctx{*agencies_, warn_, p_.source.plan_year};
  for (const Table& t : FindTables(body)) {
    if (KindOfTable(t) == TableKind::kTasks) ReadTaskTable(t, ctx, task_ids_, p_);
    if (KindOfTable(t) == TableKind::kIndicators) ReadIndicatorTable(t, ctx, p_);
    if (KindOfTable(t) == TableKind::kKeyTasks) ReadKeyTaskTable(t, ctx, p_);
  }
  if (tasks_from_text == 0 && !p_.tasks.empty()) {
    // The tasks came from a table: the catch-all section made for prose has nothing in it.
    std::erase_if(p_.sections, [](const ProposedSection& s) { return s.numeral.empty(); });
  }
  // A plan whose body lists no tasks keeps them in an appendix table; otherwise appendix
  // tables of that shape are actions, kept apart from the tasks.
  const bool annex_tables_are_tasks = p_.tasks.empty();
  for (const Table& t : FindTables(annexes)) {
    if (KindOfTable(t) == TableKind::kIndicators) {
      ReadIndicatorTable(t, ctx, p_);
    } else if (KindOfTable(t) == TableKind::kKeyTasks) {
      ReadKeyTaskTable(t, ctx, p_);
    } else if (KindOfTable(t) == TableKind::kTasks) {
      if (annex_tables_are_tasks) {
        ReadTaskTable(t, ctx, task_ids_, p_);
      } else {
        ReadActionTable(t, ctx, "", p_);
      }
    }
  }
  std::vector<const Block*> region = body;
  region.insert(region.end(), annexes.begin(), annexes.end());
  ReadPlatformList(region, ctx, p_);
  ReadReferenceDocuments(ctx);
  InferPlanYear();
  ReadSessionSchedule();
  if (p_.source.plan_lines.from == 0 && plan_begin_ < plan_end_ && plan_end_ <= blocks_.size()) {
    p_.source.plan_lines = {blocks_[plan_begin_].first_line, blocks_[plan_end_ - 1].last_line};
  }
}

bool IsMotto(const Block& b) { return Fold(b.text).find("cong hoa xa hoi chu nghia viet nam") != std::string::npos; }

size_t Reader::FindAnnexStart(size_t begin, size_t end) const {
  static const RE2 kAnnex(R"(^phu luc(?:\s+(?:[ivxl]+|\d{1,2}|so \d{1,2}))?\s*:?$)");
  for (size_t i = begin + 3; i < end; ++i) {
    const Block& b = blocks_[i];
    if (!b.table_row && b.marker == MarkerKind::kNone && RE2::FullMatch(Fold(b.text), kAnnex)) return i;
  }
  return end;
}

void Reader::ReadReferenceDocuments(TableContext& ctx) {
  // Documents after the plan in the same file (a meeting's papers: the programme and
  // strategies the plan implements): their goals, and their appendices' action tables.
  std::vector<size_t> starts;
  for (size_t i = plan_end_; i < blocks_.size(); ++i) {
    if (!blocks_[i].table_row && ReadNumberLine(blocks_[i].text)) starts.push_back(i);
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t begin = starts[k];
    const size_t end = k + 1 < starts.size() ? starts[k + 1] : blocks_.size();
    std::string document = *ReadNumberLine(blocks_[begin].text);
    if (document.empty()) {
      // A draft: no number yet; the title under its type ("QUYẾT ĐỊNH" / "Phê duyệt ...")
      // names it.
      for (size_t i = begin + 1; i + 1 < std::min(end, begin + 10); ++i) {
        const std::string f = Fold(blocks_[i].text);
        if (f == "quyet dinh" || f == "chi thi" || f == "ke hoach" || f == "nghi quyet") {
          document = "Dự thảo: " + TrimEnd(blocks_[i + 1].text);
          break;
        }
      }
      if (document.empty()) continue;
    }
    const size_t annex_at = FindAnnexStart(begin, end);
    std::vector<const Block*> text_blocks, annexes;
    for (size_t i = begin; i < end; ++i) {
      if (i >= annex_at) {
        annexes.push_back(&blocks_[i]);
      } else if (!blocks_[i].table_row) {
        text_blocks.push_back(&blocks_[i]);
      }
    }
    const Node root = BuildOutline(text_blocks);
    for (const Node& n : root.children) {
      if (n.kind != MarkerKind::kRoman || !Fold(n.HeadText()).starts_with("muc tieu")) continue;
      ProposedSection sec;
      sec.numeral = n.value;
      sec.title = n.HeadText();
      ReadObjectives(sec, n, document);
    }
    for (const Table& t : FindTables(annexes)) {
      if (KindOfTable(t) == TableKind::kTasks) ReadActionTable(t, ctx, document, p_);
    }
  }
}

void Reader::FindRegion() {
  plan_begin_ = 0;
  plan_end_ = blocks_.size();
  header_begin_ = 0;
  size_t plan_heading = blocks_.size();
  for (size_t i = 0; i < blocks_.size(); ++i) {
    const std::string f = Fold(blocks_[i].text);
    if (blocks_[i].marker == MarkerKind::kNone && (f == "ke hoach" || f == "ke hoach:")) {
      plan_heading = i;
      break;
    }
  }
  if (plan_heading < blocks_.size()) {
    plan_begin_ = plan_heading;
    // The document the plan belongs to starts at the last number line before it, or at the
    // motto before that.
    size_t number_at = blocks_.size();
    for (size_t i = plan_heading; i-- > 0;) {
      if (ReadNumberLine(blocks_[i].text)) {
        number_at = i;
        break;
      }
    }
    if (number_at < blocks_.size()) {
      header_begin_ = number_at;
      for (size_t i = number_at; i-- > 0;) {
        if (IsMotto(blocks_[i])) {
          header_begin_ = i;
          // The issuing body is written just before the motto (top left of the page).
          size_t j = i;
          while (j > 0 && !blocks_[j - 1].text.empty() && blocks_[j - 1].first_line >= blocks_[i].first_line - 4 &&
                 blocks_[j - 1].marker == MarkerKind::kNone && !IsMotto(blocks_[j - 1])) {
            --j;
          }
          header_begin_ = j;
          break;
        }
        if (number_at - i > 12) break;
      }
    }
  }
  // The plan ends where another document starts.
  for (size_t i = plan_begin_ + 1; i < blocks_.size(); ++i) {
    const std::string f = Fold(blocks_[i].text);
    if ((IsMotto(blocks_[i]) && blocks_[i].first_line > blocks_[plan_begin_].first_line + 8) ||
        f.starts_with("van ban tham khao")) {
      // Header lines of the next document just above the motto belong to it.
      size_t end = i;
      while (end > plan_begin_ + 1 && blocks_[end - 1].emphasised && blocks_[end - 1].marker == MarkerKind::kNone &&
             blocks_[end - 1].last_line >= blocks_[i].first_line - 4) {
        --end;
      }
      plan_end_ = end;
      break;
    }
  }
  // A letter's body ends at its closing formulas; what follows is the distribution list and
  // the signature.
  for (size_t i = plan_begin_ + 1; i < plan_end_; ++i) {
    const std::string f = Fold(blocks_[i].text);
    if (blocks_[i].marker == MarkerKind::kNone &&
        (f.starts_with("tren day la") || f.starts_with("noi nhan") || f.starts_with("tran trong"))) {
      plan_end_ = i;
      break;
    }
  }
}

void Reader::ReadHeader() {
  SourceInfo& s = p_.source;
  const size_t scan_end = std::min(blocks_.size(), std::max(plan_begin_ + 6, header_begin_ + 60));
  bool motto_seen = false;
  std::vector<std::string> issuer_parts;
  for (size_t i = header_begin_; i < scan_end; ++i) {
    const Block& b = blocks_[i];
    if (i >= plan_begin_ + 6 && plan_begin_ > header_begin_) break;
    if (!motto_seen && IsMotto(b)) {
      // A line holding both the issuer and the motto: "BỘ ... CỘNG HÒA ...".
      const std::string f = Fold(b.text);
      const size_t p = b.text.find("CỘNG HÒA");
      if (p != std::string::npos && p > 0) issuer_parts.push_back(TrimEnd(b.text.substr(0, p)));
      motto_seen = true;
      continue;
    }
    if (!motto_seen && b.marker == MarkerKind::kNone && !b.text.empty() && issuer_parts.size() < 4 &&
        s.number.empty()) {
      issuer_parts.push_back(b.text);
    }
    if (auto n = ReadNumberLine(b.text); n && s.number.empty()) {
      s.number = *n;
      if (n->empty()) warn_.Add(b.first_line, "number_blank", "Số văn bản để trống (bản dự thảo?)", "the document number is left blank (a draft?)");
      continue;
    }
    if (auto pd = ReadPlaceDateLine(b.text); pd && !s.date && s.date_year == 0) {
      s.place = pd->place;
      s.date = pd->date;
      s.date_year = pd->year;
      if (!pd->date) warn_.Add(b.first_line, "date_blank", "Ngày ký để trống; chỉ có năm " + std::to_string(pd->year),
                               "the signing day is left blank; only the year " + std::to_string(pd->year));
      continue;
    }
    const std::string f = Fold(b.text);
    if (s.document_type.empty() && b.emphasised && (f == "quyet dinh" || f == "ke hoach" || f == "chi thi" || f == "thong bao")) {
      s.document_type = f == "quyet dinh" ? "Quyết định" : f == "ke hoach" ? "Kế hoạch" : f == "chi thi" ? "Chỉ thị" : "Thông báo";
    }
    if (f.starts_with("v/v ")) {
      if (s.document_type.empty()) s.document_type = "Văn bản";
      if (s.title.empty()) s.title = TrimEnd(b.text.substr(b.text.find(' ') + 1));
    }
    if (f.starts_with("kinh gui") && addressees_.empty()) {
      // Addressees: on the same line or in the bullets that follow.
      const std::string same_line = TrimEnd(b.text.substr(b.text.find(':') == std::string::npos ? b.text.size() : b.text.find(':') + 1));
      if (!Fold(same_line).empty()) addressees_.push_back(NameRef{same_line, "", ""});
      size_t j = i + 1;
      for (; j < blocks_.size() && blocks_[j].marker == MarkerKind::kBullet; ++j) {
        addressees_.push_back(NameRef{TrimEnd(blocks_[j].text), "", ""});
      }
      addressees_line_ = b.first_line;
      if (plan_begin_ == 0) plan_begin_ = j;  // a letter: its body follows the addressees
    }
  }
  // A letter's or an annex's reference to the document it belongs to: "(Kèm theo Văn bản
  // số /BTTTT-CĐSQG ngày / /2023 của Bộ Thông tin và Truyền thông)".
  for (size_t i = header_begin_; i < std::min(blocks_.size(), plan_begin_ + 8); ++i) {
    static const RE2 kAttached(
        R"((?i)^\(?\s*(?:ban hành\s+)?kèm theo\s+(\S+(?:\s\S+)?)\s+số\s*:?\s*(\d*)\s*(/\s*[\p{L}\p{N}&\-/.]+)?\s*,?\s*ngày\s*(\d{0,2})\s*(?:tháng|/)?\s*(\d{0,2})\s*(?:năm|/)?\s*(\d{4})\s*(?:của\s+(.+?))?\s*\)?\.?$)");
    std::string type, num, suffix, d, m, y, issuer;
    if (RE2::FullMatch(blocks_[i].text, kAttached, &type, &num, &suffix, &d, &m, &y, &issuer)) {
      if (s.number.empty() && !num.empty()) s.number = num + suffix;
      if (s.document_type.empty()) s.document_type = text::ToLower(type) == "quyết định" ? "Quyết định" : "Văn bản";
      if (!s.date && !d.empty() && !m.empty()) {
        s.date = PlausibleDate(std::stoi(y), std::stoi(m), std::stoi(d));
      }
      if (s.date_year == 0) s.date_year = PlausibleYear(std::stoi(y));
      if (s.issuer.as_written.empty() && !issuer.empty()) {
        // "của Chủ tịch Ủy ban ..." names the signer's office: the body is what counts.
        s.issuer.as_written = issuer;
      }
      break;
    }
  }
  // The plan's title: the heading after "KẾ HOẠCH", or the annex's heading.
  if (s.title.empty()) {
    const size_t first = plan_begin_;
    if (first < blocks_.size() && Fold(blocks_[first].text).starts_with("ke hoach") && first + 1 < blocks_.size()) {
      std::string rest = blocks_[first + 1].text;
      if (!rest.empty()) {
        // "Hoạt động của ..." -> "Kế hoạch hoạt động của ..."
        std::string lowered = text::ToLower(rest.substr(0, rest.find(' '))) + rest.substr(std::min(rest.size(), rest.find(' ')));
        s.title = "Kế hoạch " + lowered;
      }
    } else {
      for (size_t i = header_begin_; i < std::min(blocks_.size(), header_begin_ + 4); ++i) {
        if (!blocks_[i].text.empty()) {
          s.title = Join({blocks_[i].text, i + 1 < blocks_.size() ? blocks_[i + 1].text : ""}, ": ");
          break;
        }
      }
    }
  }
  // The signer: a person's name in bold under the signing title ("Phạm Minh Chính"). A
  // decision is signed before the plan it issues; a letter after its body.
  static const RE2 kPersonName(R"(^(?:\p{Lu}\p{Ll}*)(?:\s\p{Lu}\p{Ll}*){1,4}$)");
  // Text converted from PDF has no bold: there the name must follow a signing title
  // ("CHỦ TỊCH", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN") within three lines.
  static const RE2 kSigningTitle(
      R"(^(?:(?:tm|kt|q|tl|tuq)\.?\s+)?(?:pho\s+)?(?:chu tich|bo truong|thu truong|giam doc|chu nhiem|thu tuong|truong ban|tong giam doc|cuc truong|vu truong|uy ban nhan dan|ubnd)\b)");
  auto after_signing_title = [&](size_t i) {
    for (size_t k = i; k > 0 && k + 3 >= i; --k)
      if (RE2::PartialMatch(Fold(blocks_[k - 1].text), kSigningTitle)) return true;
    return false;
  };
  auto signer_in = [&](size_t from, size_t to) -> std::optional<std::string> {
    for (size_t i = from; i < std::min(to, blocks_.size()); ++i) {
      const Block& b = blocks_[i];
      if ((b.emphasised || after_signing_title(i)) && b.marker == MarkerKind::kNone && RE2::FullMatch(b.text, kPersonName) &&
          !Fold(b.text).starts_with("ke hoach") && i > header_begin_ + 3) {
        return b.text;
      }
    }
    return std::nullopt;
  };
  auto signer = signer_in(header_begin_, plan_begin_);
  if (!signer) {
    size_t next_document = blocks_.size();
    for (size_t i = plan_end_; i < blocks_.size(); ++i) {
      if (IsMotto(blocks_[i])) {
        next_document = i;
        break;
      }
    }
    signer = signer_in(plan_end_, std::min(next_document, plan_end_ + 40));
  }
  // A plan issued on its own is signed at its end, after "Nơi nhận".
  if (!signer && plan_end_ > plan_begin_) signer = signer_in(plan_end_ > 40 ? std::max(plan_begin_, plan_end_ - 40) : plan_begin_, plan_end_);
  if (signer) s.signer = *signer;
  if (!issuer_parts.empty() && s.issuer.as_written.empty()) s.issuer.as_written = Join(issuer_parts);
  static const RE2 kTitleYear(R"((?i)năm\s+(\d{4}))");
  std::string y;
  if (RE2::PartialMatch(s.title, kTitleYear, &y)) s.plan_year = PlausibleYear(std::stoi(y));
}

void Reader::ReadCitations() {
  // Documents the plan cites, in its own document (header and body), first mention kept.
  std::set<std::string> seen;
  if (!p_.source.number.empty()) seen.insert(p_.source.number);  // the document itself
  for (size_t i = header_begin_; i < plan_end_; ++i) {
    for (auto& c : FindCitedDocuments(blocks_[i].text)) {
      if (!seen.insert(c.doc.number).second) continue;
      c.doc.lines = {blocks_[i].first_line, blocks_[i].last_line};
      p_.documents.push_back(std::move(c.doc));
    }
  }
}

bool IsTaskSectionTitle(const std::string& title) {
  const std::string f = Fold(title);
  return FoldedContainsWord(f, "nhiem vu") || FoldedContainsWord(f, "hoat dong") || FoldedContainsWord(f, "giai phap") ||
         FoldedContainsWord(f, "cong viec") || FoldedContainsWord(f, "phan cong");
}
bool IsObjectiveSectionTitle(const std::string& title) {
  const std::string f = Fold(title);
  return f.starts_with("muc tieu") || f == "chi tieu" || f.starts_with("muc tieu, chi tieu");
}

std::vector<IntroParagraph> IntroParagraphs(const std::vector<const Block*>& blocks) {
  std::vector<IntroParagraph> out;
  for (const Block* b : blocks)
    if (b->marker != MarkerKind::kLabel && !b->table_row) out.push_back({b->text, {b->first_line, b->last_line}});
  return out;
}

std::string ParagraphText(const std::vector<const Block*>& blocks) {
  std::vector<std::string> parts;
  for (const Block* b : blocks) {
    if (b->marker == MarkerKind::kLabel) continue;
    parts.push_back(b->text);
  }
  return Join(parts);
}

void Reader::ReadSections(const Node& root) {
  bool has_roman = false;
  for (const Node& n : root.children) has_roman = has_roman || n.kind == MarkerKind::kRoman;
  if (!has_roman) {
    // No Roman sections: the numbered items of the whole plan are its tasks.
    ProposedSection sec;
    sec.title = p_.source.title;
    sec.intro = ParagraphText(root.content);
    sec.has_tasks = true;
    sec.lines = {root.first_line, root.last_line};
    p_.sections.push_back(sec);
    ReadTaskSection("", root);
    return;
  }
  for (const Node& n : root.children) {
    if (n.kind != MarkerKind::kRoman) continue;
    ProposedSection sec;
    sec.numeral = n.value;
    sec.title = n.HeadText();
    sec.intro = ParagraphText(n.content);
    sec.lines = {n.first_line, n.last_line};
    for (auto& d : ReadDuties(sec.numeral, IntroParagraphs(n.content), *resolver_, p_.source.plan_year)) {
      if (d.respondent.unit_id.empty())
        warn_.Add(d.lines.from, "duty_respondent",
                  "Không xác định được đơn vị phải ban hành kế hoạch: " + d.what,
                  "cannot tell who must issue the plan: " + d.what);
      p_.duties.push_back(std::move(d));
    }
    if (IsObjectiveSectionTitle(sec.title)) {
      p_.sections.push_back(sec);
      ReadObjectives(sec, n);
    } else if (IsTaskSectionTitle(sec.title)) {
      sec.has_tasks = true;
      p_.sections.push_back(sec);
      ReadTaskSection(sec.numeral, n);
    } else {
      p_.sections.push_back(sec);
    }
  }
}

// The year a heading sets for the targets under it ("Mục tiêu cơ bản đến năm 2025").
int YearInHeading(const std::string& heading, int otherwise) {
  static const RE2 kYear(R"((?i)năm\s+((?:19|20)\d\d))");
  std::string y;
  return RE2::PartialMatch(heading, kYear, &y) && PlausibleYear(std::stoi(y)) ? std::stoi(y) : otherwise;
}

void Reader::ReadObjectives(const ProposedSection& sec, const Node& node, const std::string& document) {
  const int section_year = YearInHeading(sec.title, p_.source.plan_year);
  auto add = [&](const std::string& code, const std::string& group, const Node& n, int year) {
    ProposedObjective o;
    o.code = code;
    o.group = group;
    o.document = document;
    std::vector<std::string> parts{n.HeadText()};
    for (const Block* b : n.content) parts.push_back(b->text);
    o.text = TrimEnd(Join(parts), " .;");
    o.targets = FindTargets(o.text, year);
    o.lines = {n.first_line, n.last_line};
    p_.objectives.push_back(std::move(o));
  };
  // A lettered goal, or a lettered heading whose bullets are the goals ("a) Phát triển Chính
  // phủ số ..." over "- 80% dịch vụ công trực tuyến mức độ 4 ...").
  auto add_letter = [&](const std::string& code, const std::string& group, const Node& letter, int year) {
    const int letter_year = YearInHeading(letter.HeadText(), year);
    std::vector<const Node*> bullets;
    for (const Node& c : letter.children) {
      if (c.kind == MarkerKind::kBullet || c.kind == MarkerKind::kParen) bullets.push_back(&c);
    }
    if (bullets.empty() || !FindTargets(letter.HeadText(), letter_year).empty()) {
      add(code, group, letter, letter_year);
      return;
    }
    int k = 0;
    for (const Node* b : bullets) add(code + "." + std::to_string(++k), TrimEnd(letter.HeadText()), *b, letter_year);
  };
  for (const Node& item : node.children) {
    if (item.kind == MarkerKind::kArabic) {
      const std::string group = item.value + ". " + item.HeadText();
      const int year = YearInHeading(item.HeadText(), section_year);
      int k = 0;
      bool any = false;
      for (const Node& sub : item.children) {
        if (sub.kind == MarkerKind::kLetter) {
          add_letter(sec.numeral + "." + item.value + "." + sub.value, group, sub, year);
          any = true;
        } else if (sub.kind == MarkerKind::kBullet || sub.kind == MarkerKind::kParen) {
          add(sec.numeral + "." + item.value + "." + std::to_string(++k), group, sub, year);
          any = true;
        }
      }
      if (!any && !FindTargets(item.HeadText() + " " + ParagraphText(item.content), year).empty()) {
        add(sec.numeral + "." + item.value, group, item, year);
      }
    } else if (item.kind == MarkerKind::kLetter) {
      add_letter(sec.numeral + "." + item.value, "", item, section_year);
    } else if (item.kind == MarkerKind::kBullet && !FindTargets(item.HeadText(), section_year).empty()) {
      add(sec.numeral + "." + std::to_string(p_.objectives.size() + 1), "", item, section_year);
    }
  }
}

// "Địa phương thực hiện 6 nhiệm vụ sau đây": the count a text announces, or 0.
int AnnouncedCount(const std::string& text) {
  static const RE2 kCount(R"((?i)(\d{1,2})\s+(?:nhiệm vụ|nội dung|nhóm nhiệm vụ)(?:\s+(?:cụ thể|trọng tâm|chính))?\s+(?:sau đây|sau|như sau|dưới đây)\s*:?\s*$)");
  std::string n;
  if (RE2::PartialMatch(TrimEnd(text, " "), kCount, &n)) return std::stoi(n);
  return 0;
}

// Inline "(1) ...; (2) ..." items of a text, with the words before the first and the
// sentences after the last item's ("... (4) Chính sách Y. Thời hạn hoàn thành: 30/3/2024."),
// which apply to every item.
std::vector<std::string> InlineEnumeration(const std::string& text, std::string* lead_in, std::string* tail) {
  std::vector<std::string> out;
  static const RE2 kItem(R"(\((\d{1,2})\)\s*)");
  std::vector<std::pair<size_t, size_t>> marks;
  re2::StringPiece m;
  size_t pos = 0;
  int expect = 1;
  while (pos < text.size() && kItem.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t b = static_cast<size_t>(m.data() - text.data());
    std::string num;
    RE2::PartialMatch(std::string(m.data(), m.size()), R"(\((\d+)\))", &num);
    if (std::stoi(num) == expect) {
      marks.emplace_back(b, b + m.size());
      ++expect;
    }
    pos = b + m.size();
  }
  if (marks.size() < 2) return out;
  if (lead_in != nullptr) *lead_in = TrimEnd(text.substr(0, marks.front().first), " :");
  for (size_t k = 0; k < marks.size(); ++k) {
    size_t end = k + 1 < marks.size() ? marks[k + 1].first : text.size();
    if (k + 1 == marks.size()) {
      const size_t stop = text.find(". ", marks[k].second);
      if (stop != std::string::npos) {
        if (tail != nullptr) *tail = TrimEnd(text.substr(stop + 2), " ");
        end = stop;
      }
    }
    out.push_back(TrimEnd(text.substr(marks[k].second, end - marks[k].second), " ;,."));
  }
  return out;
}

void Reader::ReadTaskSection(const std::string& numeral, const Node& node) {
  for (const Node& item : node.children) {
    if (item.kind == MarkerKind::kArabic) {
      ReadItem(numeral, item, item.value);
    } else if (item.kind == MarkerKind::kLetter) {
      // Lettered tasks straight under a section.
      Draft d;
      d.number = item.value;
      d.blocks.push_back(item.head);
      for (const Block* b : item.content) d.blocks.push_back(b);
      d.first_line = item.first_line;
      d.last_line = item.last_line;
      EmitTask(numeral, std::move(d));
    }
  }
}

bool IsLabelLetter(const std::string& text) {
  if (ReadMarker(text).kind == MarkerKind::kLabel) return true;
  static const RE2 kLabelLike(R"(^[^:.;,]{3,60}:\s+\S)");
  return RE2::PartialMatch(text, kLabelLike);
}

void Reader::ReadItem(const std::string& numeral, const Node& item, const std::string& number) {
  const std::string head = item.HeadText();
  const int head_line = item.head != nullptr ? item.head->first_line : item.first_line;
  const bool has_numbered_children =
      std::any_of(item.children.begin(), item.children.end(), [](const Node& c) { return c.kind == MarkerKind::kArabic; });
  if (has_numbered_children) {
    const int announced = AnnouncedCount(Join({head, ParagraphText(item.content)}));
    const size_t before = p_.tasks.size();
    for (const Node& child : item.children) {
      if (child.kind == MarkerKind::kArabic) ReadItem(numeral, child, child.value);
    }
    const int found = static_cast<int>(p_.tasks.size() - before);
    if (announced > 0 && found != announced) WarnCount(head_line, number, announced, found);
    return;
  }
  // The heading names the lead (sections III, IV of the 2022 plan) or is the task's title.
  std::optional<NameRef> heading_lead;
  if (auto m = resolver_->ResolveOne(head); m && !m->ref.unit_id.empty()) {
    agencies_->Note(*m, head_line);
    heading_lead = m->ref;
  }
  const bool head_is_title = !heading_lead && (!item.content.empty() || !item.children.empty()) &&
                             (item.head->emphasised || (head.size() < 240 && !head.ends_with(".")));

  std::vector<const Node*> letters;
  for (const Node& c : item.children) {
    if (c.kind == MarkerKind::kLetter) letters.push_back(&c);
  }
  struct LetterInfo {
    const Node* node;
    bool label = false, context = false, own_lead = false, own_deadline = false;
  };
  std::vector<LetterInfo> infos;
  std::optional<std::string> first_subject;
  for (const Node* n : letters) {
    LetterInfo li{n};
    const std::string t = n->HeadText();
    li.label = IsLabelLetter(t);
    std::vector<const Block*> own{n->head};
    own.insert(own.end(), n->content.begin(), n->content.end());
    for (const Block* b : own) {
      if (b->marker == MarkerKind::kLabel && KindOfLabel(b->value) == LabelKind::kDeadline) li.own_deadline = true;
      if (!InlineDeadlineLabels(b->text).empty()) li.own_deadline = true;
    }
    const std::string f = Fold(t);
    if (f.find("chu tri") != std::string::npos) {
      size_t at = t.find("chủ trì");
      if (at == std::string::npos) at = t.find("Chủ trì");
      li.own_lead = at != std::string::npos && at > 0 && resolver_->NameAtEnd(t.substr(ClauseStart(t, at), at - ClauseStart(t, at))).has_value();
    }
    size_t consumed = 0;
    auto subj = resolver_->SplitList(t, /*stop_at_unknown=*/true, &consumed);
    if (!subj.empty() && consumed > 0 && IsStatementOfFact(Fold(t.substr(consumed, 40)))) {
      li.context = true;  // what an agency has done, even with dates in it, is background
    } else if (!subj.empty() && !li.own_lead && !li.label) {
      const std::string id = subj.front().ref.unit_id;
      if (!first_subject) {
        first_subject = id;
      } else if (id != *first_subject && !li.own_deadline && (!heading_lead || heading_lead->unit_id != id)) {
        li.context = true;
      }
    }
    infos.push_back(li);
  }
  const bool any_label = std::any_of(infos.begin(), infos.end(), [](const LetterInfo& l) { return l.label; });
  const bool any_own = std::any_of(infos.begin(), infos.end(), [](const LetterInfo& l) { return l.own_deadline || l.own_lead; });
  const bool detail_group = any_label && !any_own;
  std::vector<const LetterInfo*> task_letters;
  if (!detail_group) {
    for (const auto& li : infos) {
      if (!li.context && !li.label) task_letters.push_back(&li);
    }
  }

  auto node_blocks = [](const Node& n, bool with_head) {
    std::vector<const Block*> out;
    if (with_head && n.head != nullptr) out.push_back(n.head);
    out.insert(out.end(), n.content.begin(), n.content.end());
    out.insert(out.end(), n.after.begin(), n.after.end());
    return out;
  };
  auto sub_item_of = [](const Node& n) {
    std::vector<std::string> parts{n.HeadText()};
    for (const Block* b : n.content) parts.push_back(b->text);
    for (const Node& c : n.children) parts.push_back(c.HeadText());
    return SubItem{n.kind == MarkerKind::kLetter ? n.value : n.kind == MarkerKind::kParen ? "(" + n.value + ")" : "-",
                   Join(parts), LineSpan{n.first_line, n.last_line}};
  };
  // Labels of context letters ("Đơn vị đầu mối hỗ trợ ...") belong to the whole item.
  std::vector<const Block*> item_labels;
  for (const auto& li : infos) {
    if (li.context || (detail_group && li.label)) {
      for (const Block* b : node_blocks(*li.node, /*with_head=*/false)) {
        if (b->marker == MarkerKind::kLabel) item_labels.push_back(b);
      }
    }
    if (detail_group && li.label) item_labels.push_back(li.node->head);  // "d) Đơn vị chủ trì ...: X"
  }
  for (const Block* b : item.after) {
    if (b->marker == MarkerKind::kLabel) item_labels.push_back(b);
  }
  // A deadline written inside a background letter ("b) Bộ ... đã tổ chức ... Thời hạn hoàn
  // thành: Tháng 6/2024.") is the item's: background has no deadline of its own.
  std::vector<InlineLabel> item_deadlines;
  for (const auto& li : infos) {
    if (!li.context) continue;
    for (const Block* b : node_blocks(*li.node, /*with_head=*/true)) {
      for (auto& v : InlineDeadlineLabels(b->text)) item_deadlines.push_back({std::move(v), b->first_line});
    }
  }

  auto bullet_tasks = [&](const Node& owner, const std::string& announce_text, const std::string& base_number,
                          std::optional<NameRef> lead) -> bool {
    const int announced = AnnouncedCount(announce_text);
    if (announced == 0) return false;
    std::vector<const Node*> bullets;
    for (const Node& c : owner.children) {
      if (c.kind == MarkerKind::kBullet || c.kind == MarkerKind::kParen) bullets.push_back(&c);
    }
    if (bullets.empty()) return false;
    int k = 0;
    const int spare = announced - static_cast<int>(bullets.size());
    auto draft_of = [&](const Node& bnode) {
      Draft d;
      d.number = base_number + "." + std::to_string(++k);
      d.blocks = node_blocks(bnode, true);
      d.context = item_labels;
      d.context_deadlines = item_deadlines;
      d.first_line = bnode.first_line;
      d.last_line = bnode.last_line;
      d.heading_lead = lead;
      return d;
    };
    for (const Node* bnode : bullets) {
      std::string lead_in, tail;
      auto parts = spare > 0 ? InlineEnumeration(bnode->HeadText(), &lead_in, &tail) : std::vector<std::string>{};
      if (parts.size() >= 2 && static_cast<int>(parts.size()) - 1 <= spare) {
        for (const auto& part : parts) {
          Draft d = draft_of(*bnode);
          d.text_override = Join({lead_in.empty() ? part : lead_in + ": " + part, tail}, ". ");
          d.title = TitleOf(part);
          EmitTask(numeral, std::move(d));
        }
      } else {
        EmitTask(numeral, draft_of(*bnode));
      }
    }
    if (k != announced) WarnCount(owner.first_line, base_number, announced, k);
    return true;
  };

  if (task_letters.size() >= 2) {
    for (const LetterInfo* li : task_letters) {
      Draft d;
      d.number = number + "." + li->node->value;
      d.blocks = node_blocks(*li->node, true);
      d.context = item_labels;
      d.context_deadlines = item_deadlines;
      for (const Block* b : item.content) {
        if (b->marker == MarkerKind::kLabel) d.context.push_back(b);
      }
      for (const Node& c : li->node->children) d.sub_items.push_back(sub_item_of(c));
      d.first_line = head_line;  // the item's heading states the lead or the title
      d.last_line = li->node->last_line;
      d.heading_lead = heading_lead;
      if (head_is_title) d.title = head;
      EmitTask(numeral, std::move(d));
    }
    return;
  }
  // One task for the item.
  Draft d;
  d.number = number;
  if (head_is_title) {
    d.title = head;
  } else if (!heading_lead && item.head != nullptr) {
    d.blocks.push_back(item.head);
  }
  for (const Block* b : item.content) d.blocks.push_back(b);
  const Node* owner = &item;
  // The lead when no sentence names one: the heading's agency, else the subject of the one
  // task letter ("a) Địa phương xem xét ...") even when a paragraph comes before it.
  std::optional<NameRef> fallback_lead = heading_lead;
  if (task_letters.size() == 1) {
    owner = task_letters.front()->node;
    for (const Block* b : node_blocks(*owner, true)) d.blocks.push_back(b);
    if (!fallback_lead) {
      if (auto subject = agencies_->ActingSubject(owner->HeadText())) fallback_lead = subject->ref;
    }
    if (bullet_tasks(*owner, owner->HeadText(), number, fallback_lead)) {
      return;
    }
  } else if (!detail_group && letters.empty()) {
    std::optional<NameRef> lead = heading_lead;
    if (bullet_tasks(item, Join({head, ParagraphText(item.content)}), number, lead)) return;
  }
  for (const Block* b : item.after) d.blocks.push_back(b);
  for (const auto& li : infos) {
    if (task_letters.size() == 1 && li.node == owner) {
      for (const Node& c : li.node->children) d.sub_items.push_back(sub_item_of(c));
      continue;
    }
    SubItem sub = sub_item_of(*li.node);
    sub.background = li.context;
    d.sub_items.push_back(std::move(sub));
  }
  if (letters.empty()) {
    for (const Node& c : item.children) d.sub_items.push_back(sub_item_of(c));
  }
  d.context = item_labels;
  d.context_deadlines = item_deadlines;
  d.first_line = item.first_line;
  d.last_line = item.last_line;
  d.heading_lead = fallback_lead;
  EmitTask(numeral, std::move(d));
}

void Reader::EmitTask(const std::string& numeral, Draft d) {
  ProposedTask t;
  t.section = numeral;
  t.number = d.number;
  t.id = UniqueTaskId(numeral, d.number, task_ids_);
  const int line = d.first_line;
  // Text: the task's paragraphs; labels are read below.
  std::vector<std::string> parts;
  struct LabelValue {
    LabelKind kind;
    std::string value;
    int line;
  };
  std::vector<LabelValue> labels;
  auto take_label = [&](const Block* b) {
    MarkerReading m = b->marker == MarkerKind::kLabel ? MarkerReading{MarkerKind::kLabel, b->value, b->text} : ReadMarker(b->text);
    if (m.kind != MarkerKind::kLabel) return false;
    labels.push_back({KindOfLabel(m.value), TrimEnd(m.rest, " .;:,/"), b->first_line});  // "./" ends a document
    return true;
  };
  for (const Block* b : d.blocks) {
    if (b->marker == MarkerKind::kLabel) {
      take_label(b);
      continue;
    }
    parts.push_back(b->text);
  }
  for (const Block* b : d.context) take_label(b);
  t.text = d.text_override.empty() ? Join(parts) : d.text_override;
  t.title = d.title.empty() ? TitleOf(t.text) : TrimEnd(d.title, " .;:");
  if (t.text.empty()) t.text = t.title;
  t.lines = {d.first_line, d.last_line};
  t.sub_items = std::move(d.sub_items);
  const int year = p_.source.plan_year;
  // Labels written inside the sentence count like labels on lines of their own, after them.
  for (auto& [label, value] : InlineAgencyLabels(t.text)) labels.push_back({KindOfLabel(label), value, line});

  // Lead.
  for (const auto& l : labels) {
    if (l.kind == LabelKind::kLead && !t.lead) {
      auto names = agencies_->SplitNames(l.value);
      if (!names.empty()) {
        agencies_->Note(names.front(), l.line);
        t.lead = names.front().ref;
      }
    }
  }
  if (!t.lead) t.lead = agencies_->LeadFromSentences(t.text, line);
  if (!t.lead && d.heading_lead) t.lead = d.heading_lead;
  if (!t.lead && !addressees_.empty()) {
    std::vector<NameRef> resolved;
    for (const auto& a : addressees_) {
      for (auto& m : resolver_->SplitList(a.as_written)) {
        agencies_->Note(m, addressees_line_);
        resolved.push_back(m.ref);
      }
    }
    t.lead = CombinedAddressee(resolved);
  }
  if (!t.lead) {
    warn_.Add(line, "no_lead", "Nhiệm vụ " + t.id + ": không xác định được cơ quan chủ trì",
              "task " + t.id + ": no lead agency found");
  }
  // Coordinators.
  bool labelled_coordinators = false;
  for (const auto& l : labels) {
    if (l.kind != LabelKind::kCoordinators) continue;
    labelled_coordinators = true;
    for (auto& r : agencies_->List(l.value, l.line)) t.coordinators.push_back(std::move(r));
  }
  if (!labelled_coordinators) t.coordinators = agencies_->CoordinatorsFromSentences(t.text, line);
  if (t.lead && !t.lead->unit_id.empty()) {
    std::erase_if(t.coordinators, [&](const NameRef& r) { return r.unit_id == t.lead->unit_id; });
  }
  // Support focal unit, expected output.
  for (const auto& l : labels) {
    if (l.kind == LabelKind::kSupport && !t.support_unit) {
      auto names = agencies_->SplitNames(l.value);
      if (!names.empty()) {
        agencies_->Note(names.front(), l.line);
        t.support_unit = names.front().ref;
      }
    }
    if (l.kind == LabelKind::kOutput && t.expected_output.empty()) t.expected_output = l.value;
  }
  // Deadline: the label, else the latest dated clause; every clause is a milestone.
  std::vector<Deadline> labelled;
  auto read_label_deadline = [&](const std::string& value, int at) {
    if (auto dl = ReadDeadlinePhrase(value, year)) {
      if (dl->kind == DeadlineKind::kOwnPlan) {
        const size_t p = value.find("của ");
        if (p != std::string::npos) {
          if (auto m = resolver_->ResolveOne(value.substr(p + std::string("của ").size()))) dl->unit = m->ref.unit_id;
        }
      }
      labelled.push_back(std::move(*dl));
    } else {
      warn_.Add(at, "deadline_unreadable", "Không đọc được thời hạn \"" + value + "\"",
                "cannot read the deadline \"" + value + "\"");
    }
  };
  for (const auto& l : labels) {
    if (l.kind == LabelKind::kDeadline) read_label_deadline(l.value, l.line);
  }
  for (const auto& v : InlineDeadlineLabels(t.text)) read_label_deadline(v, line);
  if (labelled.empty()) {
    for (const auto& c : d.context_deadlines) read_label_deadline(c.value, c.line);
  }
  for (auto& c : FindDatedClauses(t.text)) t.milestones.push_back(std::move(c.deadline));
  // The details listed under the task ("- Phê duyệt hồ sơ ... trước 30/6/2024") date it too.
  for (const auto& sub : t.sub_items) {
    if (sub.background) continue;  // another agency's work: not this task's dates
    for (auto& c : FindDatedClauses(sub.text)) t.milestones.push_back(std::move(c.deadline));
  }
  if (!labelled.empty()) {
    t.deadline = LatestDeadline(labelled);
    for (const auto& dl : labelled) {
      const bool dup = std::any_of(t.milestones.begin(), t.milestones.end(), [&](const Deadline& m) {
        Deadline a = m, b = dl;
        a.text.clear();
        b.text.clear();
        a.unit.clear();
        b.unit.clear();
        return a == b;
      });
      if (!dup) t.milestones.push_back(dl);
    }
  } else if (!t.milestones.empty()) {
    t.deadline = LatestDeadline(t.milestones);
  }
  if (t.milestones.size() == 1) t.milestones.clear();  // one clause: the deadline says it all
  // Targets stated as the task's aim.
  {
    size_t start = 0;
    const std::string& s = t.text;
    while (start < s.size()) {
      size_t end = s.find(". ", start);
      if (end == std::string::npos) end = s.size();
      const std::string sentence = s.substr(start, end - start);
      const std::string f = Fold(sentence);
      if (f.find("muc tieu") != std::string::npos || f.starts_with("het nam") || f.starts_with("den het nam")) {
        for (auto& tg : FindTargets(sentence, year)) t.targets.push_back(std::move(tg));
      }
      start = end + 2;
    }
  }
  for (const auto& c : FindCitedDocuments(t.text)) {
    if (std::find(t.documents.begin(), t.documents.end(), c.doc.number) == t.documents.end()) t.documents.push_back(c.doc.number);
  }
  p_.tasks.push_back(std::move(t));
}

std::optional<NameRef> Reader::CombinedAddressee(const std::vector<NameRef>& list) const {
  if (list.empty()) return std::nullopt;
  if (list.size() == 1) return list.front();
  const Date on = resolver_->date();
  std::set<UnitKind> kinds;
  std::vector<std::string> written;
  for (const auto& r : list) {
    written.push_back(r.as_written);
    const Unit* u = registry_->Find(r.unit_id);
    if (u == nullptr) return list.front();
    const UnitVersion& v = VersionOrLatest(*u, on);
    if (v.kind == UnitKind::kGroup) {
      kinds.insert(u->member_kinds.begin(), u->member_kinds.end());
    } else {
      kinds.insert(v.kind);
    }
  }
  for (const Unit& u : registry_->all()) {
    const UnitVersion* v = VersionOn(u, on);
    if (v == nullptr || v->kind != UnitKind::kGroup || !u.members.empty()) continue;
    if (std::set<UnitKind>(u.member_kinds.begin(), u.member_kinds.end()) == kinds) {
      return NameRef{Join(written, "; "), u.id, ""};
    }
  }
  return list.front();
}

// "Dự kiến thời gian các phiên họp: Tháng 3, Tháng 7 (sơ kết 6 tháng), ..." in prose or in
// a table cell: the first such schedule in the plan is the year's sessions.
void Reader::ReadSessionSchedule() {
  static constexpr std::string_view kMarkers[] = {"thoi gian cac phien hop", "thoi gian to chuc cac phien hop",
                                                  "lich hop cua uy ban"};
  for (size_t i = plan_begin_; i < plan_end_ && p_.sessions.empty(); ++i) {
    const Block& b = blocks_[i];
    const std::string f = Fold(b.table_row ? Join(b.cells) : b.text);
    for (std::string_view marker : kMarkers) {
      const size_t at = f.find(marker);
      if (at == std::string::npos) continue;
      for (const ScheduledSession& s : ParseSessionSchedule(std::string_view(f).substr(at + marker.size())))
        p_.sessions.push_back({s.month, s.kind, {b.first_line, b.last_line}});
      break;
    }
  }
}

void Reader::InferPlanYear() {
  SourceInfo& s = p_.source;
  if (s.plan_year > 0) return;
  // The year most deadlines fall in (the earlier one on a tie), not before the signing year:
  // a guide signed in late 2023 whose tasks are due in 2024 is a plan for 2024.
  std::map<int, int> by_year;
  for (const auto& t : p_.tasks) {
    if (!t.deadline) continue;
    int y = t.deadline->kind == DeadlineKind::kDate ? YearOf(*t.deadline->date) : t.deadline->year;
    if (y > 0 && y >= s.date_year) ++by_year[y];
  }
  int best = 0, best_count = 0;
  for (const auto& [y, n] : by_year) {
    if (n > best_count) {
      best = y;
      best_count = n;
    }
  }
  s.plan_year = best > 0 ? best : s.date_year;
  if (s.plan_year > 0) {
    warn_.Add(0, "plan_year_inferred", "Năm kế hoạch không ghi rõ; suy ra là " + std::to_string(s.plan_year),
              "the plan year is not stated; inferred " + std::to_string(s.plan_year));
  }
}

}  // namespace

Result<Proposal> ReadPlanDocument(std::string_view bytes, std::shared_ptr<const UnitRegistry> registry,
                                  const ReadOptions& options) {
  DX_ASSIGN_OR_RETURN(std::vector<SourceLine> lines, ReadSourceLines(bytes, options.max_bytes));
  Proposal p;
  p.source.file = options.file_name;
  Reader reader(std::move(registry), p);
  reader.Run(lines);
  return p;
}

}  // namespace dxgov::importer
