// Who leads and who coordinates, read from the sentences, labels and cells of a plan.
//
// AgencyPhrases wraps an AgencyResolver with the reading rules that turn Vietnamese
// administrative phrasing into a lead and coordinators:
//   - "<titles> X chủ trì"                    -> lead X (titles removed)
//   - a sentence opening with X and a duty    -> lead X ("Địa phương xem xét ...")
//     but not a statement of fact             ("Bộ X đã thiết lập ...", "... là ...")
//   - "phối hợp (với|cùng) X, Y"              -> coordinators X, Y
//   - "X và Y phối hợp"                       -> coordinators X, Y
// A name the registry lacks but that reads as an agency (UnlistedAgencyLength) is kept as
// written, unresolved, with an `unknown_agency` warning: the reviewer chooses the unit.
// Every name it resolves is noted: an unknown, misspelt or ambiguous name becomes a warning
// with its line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importer/plan/agency_resolver.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

// Collects warnings, one per (line, code, English message).
class WarningSink {
 public:
  // REQUIRES: `out` outlives the sink.
  explicit WarningSink(std::vector<Warning>* out) : out_(out) {}
  void Add(int line, const std::string& code, const std::string& vi, const std::string& en);

 private:
  std::vector<Warning>* out_;
};

// Whether the (folded) words after a sentence's subject report a fact rather than give a
// duty: "đã", "đang", "là", "được", "có văn bản" ...
bool IsStatementOfFact(const std::string& folded_rest);

// The start of the clause of `text` that holds byte `at`: after the last ". " or "; ".
size_t ClauseStart(const std::string& text, size_t at);

// The byte length of an agency name at the start of `text` that the registry need not hold
// (a province's or a ministry's own departments), recognised by the capitalised word that
// opens it ("Sở", "Văn phòng", "Ban", "Cục", "Trung tâm", "Công an", ...) and the capitals
// that follow, each word allowed one lower-case syllable ("Sở Nội vụ", "Sở Khoa học và
// Công nghệ", "Văn phòng Ủy ban nhân dân tỉnh"). 0 when `text` does not open with one.
// "Sở Nội vụ xây dựng ..." gives "Sở Nội vụ".
size_t UnlistedAgencyLength(std::string_view text);

// A province's own collective, the whole phrase ("Các sở, ban, ngành", "các cơ quan, đơn
// vị"), as written and unresolved: the registry's groups are national.
std::optional<AgencyMatch> LocalCollective(std::string_view phrase);

class AgencyPhrases {
 public:
  // REQUIRES: both outlive this object.
  AgencyPhrases(const AgencyResolver& resolver, WarningSink& warnings) : resolver_(resolver), warn_(warnings) {}

  const AgencyResolver& resolver() const { return resolver_; }

  // Warns about an unknown, misspelt or ambiguous name found at `line`.
  void Note(const AgencyMatch& m, int line);

  // Every name of a list ("Bộ Tài chính, Bộ Công an"), unknown stretches kept unresolved.
  std::vector<NameRef> List(const std::string& phrase, int line);
  // The names of a list without noting them: the registry's reading, unless unknown names
  // read better by their shape ("Sở Thông tin và Truyền thông" whole, not split at "và").
  std::vector<AgencyMatch> SplitNames(const std::string& phrase) const;

  // The lead a text names ("Bộ trưởng Bộ Y tế chủ trì ...", "Địa phương triển khai ...").
  std::optional<NameRef> LeadFromSentences(const std::string& text, int line);

  // The agency that opens `text` as the subject of a duty, not of a statement of fact.
  std::optional<AgencyMatch> ActingSubject(const std::string& text) const;

  // Coordinators named by "phối hợp (với|cùng) X" or "X và Y phối hợp", without repeats.
  std::vector<NameRef> CoordinatorsFromSentences(const std::string& text, int line);

 private:
  // An unlisted agency that ends `clause` (see UnlistedAgencyLength), unresolved.
  std::optional<AgencyMatch> UnlistedAtEnd(const std::string& clause) const;
  // The names opening `text` when at least one is unlisted; empty otherwise.
  // `consumed` (optional) receives the bytes of `text` read up to the last name.
  std::vector<AgencyMatch> UnlistedList(const std::string& text, size_t* consumed = nullptr) const;

  const AgencyResolver& resolver_;
  WarningSink& warn_;
};

}  // namespace dxgov::importer
