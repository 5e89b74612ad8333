#include "core/unit.h"

#include <algorithm>
#include <array>

#include "text/vn_text.h"

namespace dxgov {
namespace {

struct KindInfo {
  const char* name;
  const char* vi;
  const char* en;
};
constexpr std::array<KindInfo, 12> kKinds = {{
    {"committee", "Ủy ban, Ban chỉ đạo", "Committee"},
    {"committee_body", "Cơ quan giúp việc Ủy ban", "Committee body"},
    {"ministry", "Bộ", "Ministry"},
    {"ministry_agency", "Cơ quan ngang bộ", "Ministry-level agency"},
    {"government_agency", "Cơ quan thuộc Chính phủ", "Government agency"},
    {"province", "Tỉnh", "Province"},
    {"city", "Thành phố trực thuộc Trung ương", "Centrally-run city"},
    {"department", "Sở, ngành", "Department"},
    {"commune", "Xã, phường, đặc khu", "Commune"},
    {"organisation", "Tổ chức", "Organisation"},
    {"enterprise", "Doanh nghiệp", "Enterprise"},
    {"group", "Nhóm đơn vị", "Group"},
}};

// Lists of provinces and communes are read by their proper names ("An Giang, Bà Rịa - Vũng
// Tàu, ..."), so the administrative prefix does not take part in sorting.
std::string NameForSorting(const UnitVersion& v) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {"Tỉnh ", "Thành phố ", "Xã ", "Phường ",
                                                                 "Đặc khu ", "Thị trấn "};
  if (v.kind == UnitKind::kProvince || v.kind == UnitKind::kCity || v.kind == UnitKind::kCommune) {
    for (auto p : kPrefixes)
      if (v.name.rfind(p, 0) == 0) return v.name.substr(p.size());
  }
  return v.name;
}

}  // namespace

const char* UnitKindName(UnitKind k) { return kKinds[static_cast<size_t>(k)].name; }
const char* UnitKindLabelVi(UnitKind k) { return kKinds[static_cast<size_t>(k)].vi; }
const char* UnitKindLabelEn(UnitKind k) { return kKinds[static_cast<size_t>(k)].en; }

std::optional<UnitKind> ParseUnitKind(std::string_view s) {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (s == kKinds[i].name) return static_cast<UnitKind>(i);
  return std::nullopt;
}

std::vector<UnitKind> AllUnitKinds() {
  std::vector<UnitKind> out;
  for (size_t i = 0; i < kKinds.size(); ++i) out.push_back(static_cast<UnitKind>(i));
  return out;
}

bool InRange(const std::optional<Date>& from, const std::optional<Date>& to, Date d) {
  return (!from || *from <= d) && (!to || d <= *to);
}

bool ValidOn(const Unit& u, Date d) { return InRange(u.valid_from, u.valid_to, d); }

const UnitVersion* VersionOn(const Unit& u, Date d) {
  if (!ValidOn(u, d)) return nullptr;
  for (const auto& v : u.versions)
    if (InRange(v.valid_from, v.valid_to, d)) return &v;
  return nullptr;
}

const UnitVersion& VersionOrLatest(const Unit& u, Date d) {
  for (const auto& v : u.versions)
    if (InRange(v.valid_from, v.valid_to, d)) return v;
  return u.versions.back();
}

bool IsValidUnitId(std::string_view id) {
  if (id.size() < 2 || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status ValidateUnit(const Unit& u, const std::string& path) {
  std::vector<FieldError> errs;
  if (!IsValidUnitId(u.id)) errs.push_back({path + "/id", "2-64 characters of a-z, 0-9 and '-'"});
  if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from)
    errs.push_back({path + "/valid_to", "before valid_from"});
  if (u.versions.empty()) errs.push_back({path + "/versions", "at least one version is required"});
  for (size_t i = 0; i < u.versions.size(); ++i) {
    const auto& v = u.versions[i];
    const std::string vp = path + "/versions/" + std::to_string(i);
    if (text::CollapseWhitespace(v.name).empty()) errs.push_back({vp + "/name", "required"});
    if (v.valid_from && v.valid_to && *v.valid_to < *v.valid_from)
      errs.push_back({vp + "/valid_to", "before valid_from"});
    if (i > 0) {
      const auto& prev = u.versions[i - 1];
      if (!v.valid_from || !prev.valid_to || *prev.valid_to >= *v.valid_from)
        errs.push_back({vp + "/valid_from", "versions must follow each other without overlap"});
    }
    if (v.kind != UnitKind::kGroup && (!u.member_kinds.empty() || !u.members.empty()))
      errs.push_back({path + "/member_kinds", "only groups have members"});
  }
  for (size_t i = 0; i < u.successors.size(); ++i)
    if (u.successors[i].unit_id == u.id)
      errs.push_back({path + "/successors/" + std::to_string(i), "a unit cannot succeed itself"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Đơn vị không hợp lệ", "invalid unit", std::move(errs));
}

Result<std::shared_ptr<const UnitRegistry>> UnitRegistry::Create(std::vector<Unit> units) {
  auto reg = std::shared_ptr<UnitRegistry>(new UnitRegistry());
  reg->units_ = std::move(units);
  for (size_t i = 0; i < reg->units_.size(); ++i) {
    const Unit& u = reg->units_[i];
    DX_RETURN_IF_ERROR(ValidateUnit(u, "/units/" + u.id));
    if (!reg->by_id_.emplace(u.id, i).second)
      return InvalidArgument("/units/" + u.id, "duplicate unit id", "Mã đơn vị bị trùng: " + u.id);
  }
  auto must_exist = [&](const std::string& id, const std::string& where) -> Status {
    if (reg->by_id_.count(id)) return OkStatus();
    return InvalidArgument(where, "names an unknown unit '" + id + "'", "Không có đơn vị " + id);
  };
  for (size_t i = 0; i < reg->units_.size(); ++i) {
    const Unit& u = reg->units_[i];
    reg->name_keys_.emplace_back();
    for (size_t k = 0; k < u.versions.size(); ++k) {
      const auto& v = u.versions[k];
      if (!v.parent_id.empty()) DX_RETURN_IF_ERROR(must_exist(v.parent_id, "/units/" + u.id + "/parent"));
      reg->folded_names_.push_back({text::Fold(v.name), i, static_cast<int>(k)});
      reg->name_keys_.back().push_back(text::SortKey(NameForSorting(v)));
    }
    for (const auto& a : u.aliases) reg->folded_names_.push_back({text::Fold(a), i, -1});
    for (const auto& s : u.successors) {
      DX_RETURN_IF_ERROR(must_exist(s.unit_id, "/units/" + u.id + "/successors"));
      reg->predecessors_[s.unit_id].push_back(u.id);
    }
    for (const auto& m : u.members) DX_RETURN_IF_ERROR(must_exist(m, "/units/" + u.id + "/members"));
  }
  return std::shared_ptr<const UnitRegistry>(std::move(reg));
}

const Unit* UnitRegistry::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

std::vector<const Unit*> UnitRegistry::ValidOn(Date d, const std::set<UnitKind>& kinds) const {
  std::vector<const Unit*> out;
  for (const auto& u : units_) {
    const UnitVersion* v = VersionOn(u, d);
    if (v && (kinds.empty() || kinds.count(v->kind))) out.push_back(&u);
  }
  return out;
}

std::vector<std::string> UnitRegistry::Expand(std::string_view id, Date d) const {
  const Unit* g = Find(id);
  if (g == nullptr) return {};
  const UnitVersion* gv = VersionOn(*g, d);
  if (gv == nullptr || gv->kind != UnitKind::kGroup) return {std::string(id)};
  std::vector<std::string> out;
  if (!g->member_kinds.empty()) {
    std::set<UnitKind> kinds(g->member_kinds.begin(), g->member_kinds.end());
    for (const Unit* u : ValidOn(d, kinds)) out.push_back(u->id);
  }
  for (const auto& m : g->members) {
    const Unit* u = Find(m);
    if (u && dxgov::ValidOn(*u, d) && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  return out;
}

std::vector<std::string> UnitRegistry::GroupsContaining(std::string_view id, Date d) const {
  std::vector<std::string> out;
  const Unit* u = Find(id);
  if (u == nullptr) return out;
  const UnitVersion* uv = VersionOn(*u, d);
  for (const auto& g : units_) {
    const UnitVersion* gv = VersionOn(g, d);
    if (gv == nullptr || gv->kind != UnitKind::kGroup) continue;
    const bool by_kind = uv && std::find(g.member_kinds.begin(), g.member_kinds.end(), uv->kind) != g.member_kinds.end();
    const bool listed = uv && std::find(g.members.begin(), g.members.end(), u->id) != g.members.end();
    if (by_kind || listed) out.push_back(g.id);
  }
  return out;
}

std::vector<std::string> UnitRegistry::Predecessors(std::string_view id) const {
  std::vector<std::string> out;
  std::vector<std::string> todo{std::string(id)};
  std::set<std::string> seen{std::string(id)};
  while (!todo.empty()) {
    std::string cur = std::move(todo.back());
    todo.pop_back();
    auto it = predecessors_.find(cur);
    if (it == predecessors_.end()) continue;
    for (const auto& p : it->second) {
      if (seen.insert(p).second) {
        out.push_back(p);
        todo.push_back(p);
      }
    }
  }
  return out;
}

std::vector<std::string> UnitRegistry::MatchNames(std::string_view folded_query) const {
  std::vector<std::string> out;
  if (folded_query.empty()) return out;
  size_t last = SIZE_MAX;
  for (const auto& n : folded_names_) {
    if (n.unit == last) continue;
    if (n.folded.find(folded_query) != std::string::npos) {
      out.push_back(units_[n.unit].id);
      last = n.unit;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::string& UnitRegistry::NameKey(const Unit& u, size_t version_index) const {
  return name_keys_[static_cast<size_t>(&u - units_.data())][version_index];
}

const Unit* UnitRegistry::Resolve(std::string_view name, Date d) const {
  const std::string f = text::Fold(name);
  const Unit* alias_hit = nullptr;
  for (const auto& n : folded_names_) {
    if (n.folded != f) continue;
    const Unit& u = units_[n.unit];
    const UnitVersion* in_force = VersionOn(u, d);
    if (in_force == nullptr) continue;
    if (n.version >= 0 && in_force == &u.versions[static_cast<size_t>(n.version)]) return &u;
    if (n.version < 0 && alias_hit == nullptr) alias_hit = &u;
  }
  return alias_hit;
}

}  // namespace dxgov
