// Agency names in plan documents, resolved against the unit registry as it stood on the
// document's date.
//
// A name is matched by the registry's names and aliases (abbreviations such as "Bộ TT&TT",
// "BTTTT"), case- and diacritic-insensitively, after the titles that precede it are removed
// ("Bộ trưởng", "Thống đốc", "Chủ tịch UBND" ...). Lists split on ",", ";" and "và" only
// between names: the longest registry name wins, so "Bộ Văn hóa, Thể thao và Du lịch" and
// "các bộ, ngành, địa phương" stay whole. A name off by a letter or two from a registry name
// ("Môi trưởng", "nông thông") resolves with `typo` set, for a warning; a name the registry
// does not know is returned unresolved, never invented.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/unit.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

struct AgencyMatch {
  NameRef ref;          // unit_id empty: unknown
  bool typo = false;    // matched a registry name only approximately
  bool ambiguous = false;
  std::string registry_name;  // the name or alias it matched, as the registry spells it
};

// One word or punctuation mark of a phrase, folded for matching.
struct NameToken {
  std::string folded;
  size_t begin = 0, end = 0;  // bytes of the original phrase
};
std::vector<NameToken> TokenizeName(std::string_view phrase);

class AgencyResolver {
 public:
  // REQUIRES: registry non-null; it must outlive the resolver.
  AgencyResolver(std::shared_ptr<const UnitRegistry> registry, Date on);

  // The whole phrase as one name (titles and surrounding punctuation removed); nullopt when
  // it is not exactly one known name.
  std::optional<AgencyMatch> ResolveOne(std::string_view phrase) const;

  // Splits a list of names. With `stop_at_unknown`, reading stops at the first word that
  // is neither a name nor a separator (for a list followed by a verb: "phối hợp với Bộ Công
  // an xây dựng ..."); otherwise every unknown stretch between separators comes back
  // unresolved. `consumed` receives the bytes of `phrase` read.
  std::vector<AgencyMatch> SplitList(std::string_view phrase, bool stop_at_unknown = false,
                                     size_t* consumed = nullptr) const;

  // The name that `phrase` ends with, titles allowed before it: "Bộ trưởng Bộ Y tế" ->
  // Bộ Y tế. nullopt when the phrase does not end with a name.
  std::optional<AgencyMatch> NameAtEnd(std::string_view phrase) const;

  Date date() const { return on_; }
  const UnitRegistry& registry() const { return *registry_; }

 private:
  struct Form {
    std::vector<std::string> tokens;  // folded
    std::string original;
    size_t unit = 0;  // index into registry_->all()
  };
  struct Hit {
    size_t length = 0;  // tokens consumed, titles included
    AgencyMatch match;
  };
  std::optional<Hit> MatchAt(const std::vector<NameToken>& toks, size_t i, std::string_view phrase) const;
  std::optional<Hit> MatchFormsAt(const std::vector<NameToken>& toks, size_t i, std::string_view phrase) const;
  size_t TitleLength(const std::vector<NameToken>& toks, size_t i) const;
  AgencyMatch MakeMatch(const Form& f, std::string_view as_written, bool typo) const;

  std::shared_ptr<const UnitRegistry> registry_;
  Date on_;
  std::unordered_map<std::string, std::vector<Form>> forms_;  // by first folded token, longest first
};

// Whether folded token `t` separates names in a list.
bool IsNameSeparator(std::string_view folded_token);

}  // namespace dxgov::importer
