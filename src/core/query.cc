#include "core/query.h"

#include <algorithm>

#include "text/vn_text.h"

namespace dxgov {

Page<const Unit*> QueryUnits(const UnitRegistry& registry, const UnitQuery& q) {
  const std::string folded = text::Fold(q.q);
  std::vector<std::string> name_hits;
  if (!folded.empty()) name_hits = registry.MatchNames(folded);
  struct Hit {
    const Unit* unit;
    const std::string* key;
  };
  std::vector<Hit> hits;
  for (const Unit& u : registry.all()) {
    const UnitVersion* v = nullptr;
    if (q.as_of) {
      v = VersionOn(u, *q.as_of);
      if (v == nullptr) continue;
    } else {
      v = &u.versions.back();
    }
    if (!q.kinds.empty() && std::find(q.kinds.begin(), q.kinds.end(), v->kind) == q.kinds.end()) continue;
    if (!q.parent_id.empty() && v->parent_id != q.parent_id) continue;
    if (!folded.empty()) {
      const bool by_name = std::binary_search(name_hits.begin(), name_hits.end(), u.id);
      const bool by_code = !v->code.empty() && v->code == q.q;
      if (!by_name && !by_code && u.id.find(folded) == std::string::npos) continue;
    }
    hits.push_back({&u, &registry.NameKey(u, static_cast<size_t>(v - u.versions.data()))});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return *a.key != *b.key ? *a.key < *b.key : a.unit->id < b.unit->id;
  });
  Page<const Unit*> page;
  page.total = static_cast<int64_t>(hits.size());
  page.limit = q.limit;
  page.offset = q.offset;
  for (int64_t i = q.offset; i < page.total && i < q.offset + q.limit; ++i) page.items.push_back(hits[static_cast<size_t>(i)].unit);
  return page;
}

}  // namespace dxgov
