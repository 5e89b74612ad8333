// Units: the committee and its bodies, ministries and agencies, provinces and cities,
// departments, communes, organisations, enterprises, and groups ("các địa phương").
//
// A unit has a stable id that is never reused. Its name, kind, code and parent are dated
// versions: a code may be reused by another unit later, so a code means something only
// together with a date. A unit that ends keeps its history and names its successors
// (merged into X from date D). A group expands, on a given date, to the units of its
// member kinds valid then plus its explicit members.
//
// Date conventions: valid_from is the first day, valid_to the last day (both inclusive,
// absent = open); a successor's date is the first day under the successor.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace dxgov {

enum class UnitKind {
  kCommittee, kCommitteeBody, kMinistry, kMinistryAgency, kGovernmentAgency, kProvince,
  kCity, kDepartment, kCommune, kOrganisation, kEnterprise, kGroup,
};
const char* UnitKindName(UnitKind k);      // "ministry", "ministry_agency", ...
const char* UnitKindLabelVi(UnitKind k);   // "Bộ", "Cơ quan ngang bộ", ...
const char* UnitKindLabelEn(UnitKind k);
std::optional<UnitKind> ParseUnitKind(std::string_view s);
std::vector<UnitKind> AllUnitKinds();

struct UnitVersion {
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  std::string name;
  UnitKind kind = UnitKind::kOrganisation;
  std::string code;       // e.g. GSO code; empty when none
  std::string parent_id;  // empty when none
  std::string note;
};

struct Successor {
  std::string unit_id;
  Date date;
  std::string note;
};

struct Unit {
  std::string id;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  std::vector<UnitVersion> versions;  // ordered by valid_from, non-overlapping
  std::vector<std::string> aliases;
  std::vector<Successor> successors;
  std::string subkind;                   // e.g. "xa", "phuong", "dac_khu" for communes
  std::vector<UnitKind> member_kinds;    // groups only
  std::vector<std::string> members;      // groups only
};

bool InRange(const std::optional<Date>& from, const std::optional<Date>& to, Date d);
bool ValidOn(const Unit& u, Date d);
// The version in force on `d`; REQUIRES nothing, returns nullptr when none is.
const UnitVersion* VersionOn(const Unit& u, Date d);
// The version in force on `d`, else the latest one (for names of ended units).
const UnitVersion& VersionOrLatest(const Unit& u, Date d);

// Id format: lowercase ASCII letters, digits and '-', 2..64 characters.
bool IsValidUnitId(std::string_view id);

// Structural checks: id, at least one version, versions ordered and inside the unit's
// validity, names non-empty, group fields only on groups. Paths are under `path`.
Status ValidateUnit(const Unit& u, const std::string& path = "");

// An immutable snapshot of all units with the indexes the domain needs. Build one with
// Create(); share it with std::shared_ptr<const UnitRegistry>.
class UnitRegistry {
 public:
  // Fails if ids repeat, a unit is invalid, or a parent/successor/member names no unit.
  static Result<std::shared_ptr<const UnitRegistry>> Create(std::vector<Unit> units);

  const Unit* Find(std::string_view id) const;
  const std::vector<Unit>& all() const { return units_; }

  // Units valid on `d`, optionally of the given kinds (empty = all kinds).
  std::vector<const Unit*> ValidOn(Date d, const std::set<UnitKind>& kinds = {}) const;

  // Members of a group on `d` (kinds valid then, plus explicit members valid then).
  // For a non-group returns {id}.
  std::vector<std::string> Expand(std::string_view id, Date d) const;

  // Groups whose membership includes `id` on `d`.
  std::vector<std::string> GroupsContaining(std::string_view id, Date d) const;

  // Every unit that was merged, directly or through a chain, into `id` (not including it).
  std::vector<std::string> Predecessors(std::string_view id) const;

  // Ids of units whose folded name (any version) or alias contains the folded `query`.
  std::vector<std::string> MatchNames(std::string_view folded_query) const;

  // Resolves a name or alias as written to the unit valid on `d` that carries it (names
  // of the version in force first, then aliases); nullptr when none.
  const Unit* Resolve(std::string_view name, Date d) const;

  // Vietnamese collation key of the name of `u`'s version `version_index`; provinces, cities
  // and communes sort by their proper names ("Tỉnh"/"Thành phố"/"Xã" ... left out).
  // REQUIRES: u belongs to this registry and version_index < u.versions.size().
  const std::string& NameKey(const Unit& u, size_t version_index) const;

 private:
  std::vector<Unit> units_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::string>> predecessors_;  // direct
  struct FoldedName {
    std::string folded;
    size_t unit;      // index into units_
    int version;      // the version whose name this is; -1 for an alias
  };
  std::vector<FoldedName> folded_names_;
  std::vector<std::vector<std::string>> name_keys_;                         // [unit index][version index]
};

}  // namespace dxgov
