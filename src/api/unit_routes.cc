// Routes for the unit registry: ministries, provinces, communes and groups, as of a date.

#include "api/internal/handler.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/json_codec.h"
#include "text/vn_text.h"

namespace dxgov::api {

HttpResponse Handler::ListUnits() {
  QueryParams p(req_.query, {"as_of", "kind", "parent", "q", "limit", "offset"});
  UnitQuery q;
  q.as_of = p.DateP("as_of");
  q.kinds = p.List<UnitKind>("kind", ParseUnitKind,
                             "committee|committee_body|ministry|ministry_agency|government_agency|province|city|"
                             "department|commune|organisation|enterprise|group");
  q.parent_id = p.Str("parent").value_or("");
  q.q = p.Str("q").value_or("");
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  auto page = QueryUnits(*reg_, q);
  json::array items;
  for (const Unit* u : page.items) items.push_back(UnitView(*u, *reg_, q.as_of));
  return JsonResponse(200, PageJson(page, std::move(items)));
}

HttpResponse Handler::GetUnit() {
  const std::string& id = key_;
  QueryParams p(req_.query, {"as_of"});
  auto as_of = p.DateP("as_of");
  if (auto bad = p.Problems()) return FromError(*bad);
  const Unit* u = reg_->Find(id);
  if (!u) return FromError(NotFound("đơn vị", "unit", id));
  auto rev = store_.UnitRevision(id);
  if (!rev.ok()) return FromError(rev.error());
  return Single(UnitView(*u, *reg_, as_of), *rev);
}

// A unit change is checked against the whole registry (parents, successors, members).
Status Handler::CheckRegistryWith(const Unit& u) {
  std::vector<Unit> all;
  all.reserve(reg_->all().size() + 1);
  bool replaced = false;
  for (const auto& x : reg_->all()) {
    if (x.id == u.id) {
      all.push_back(u);
      replaced = true;
    } else {
      all.push_back(x);
    }
  }
  if (!replaced) all.push_back(u);
  auto r = UnitRegistry::Create(std::move(all));
  if (!r.ok()) return std::move(r).error();
  return OkStatus();
}

HttpResponse Handler::CreateUnit() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto u = codec::UnitFromJson(*body, "");
  if (!u.ok()) return Unprocessable(u.error());
  if (reg_->Find(u->id))
    return FromError(Error(ErrorCode::kConflict, "Mã đơn vị " + u->id + " đã tồn tại", "unit " + u->id + " exists",
                           {FieldError{"/id", "already exists"}}));
  if (auto s = CheckRegistryWith(*u); !s.ok()) return Unprocessable(s.error());
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.CreateUnit(*u); });
  if (!w.ok()) return Unprocessable(w.error());
  reg_ = store_.Units();
  HttpResponse r = WithETag(JsonResponse(201, UnitView(*reg_->Find(u->id), *reg_, std::nullopt)), 1);
  r.headers.emplace_back("Location", "/api/units/" + u->id);
  return r;
}

HttpResponse Handler::PatchUnit() {
  const std::string& id = key_;
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  const Unit* cur = reg_->Find(id);
  if (!cur) return FromError(NotFound("đơn vị", "unit", id));
  auto rev = store_.UnitRevision(id);
  if (!rev.ok()) return FromError(rev.error());
  if (auto pre = Precondition(*rev)) return *pre;
  HttpResponse fail;
  auto patch = Body(fail, true);
  if (!patch) return fail;
  if (patch->as_object().contains("id") && patch->as_object().at("id") != json::value(id))
    return Unprocessable(InvalidArgument("/id", "cannot be changed", "Không được đổi mã đơn vị"));
  // History is never rewritten: existing versions stay; a change of name, kind, code or
  // parent is a new version appended with its valid_from.
  json::value merged = codec::ToJson(*cur);
  json::array old_versions = merged.as_object()["versions"].as_array();
  codec::MergePatch(merged, *patch);
  auto u = codec::UnitFromJson(merged, "");
  if (!u.ok()) return Unprocessable(u.error());
  const auto& nv = merged.as_object().at("versions").as_array();
  if (nv.size() < old_versions.size())
    return Unprocessable(InvalidArgument("/versions", "versions cannot be removed", "Không được xóa lịch sử đơn vị"));
  for (size_t i = 0; i + 1 < old_versions.size(); ++i)
    if (nv[i] != old_versions[i])
      return Unprocessable(InvalidArgument("/versions/" + std::to_string(i), "past versions cannot be changed",
                                           "Không được sửa lịch sử đơn vị"));
  if (auto s = CheckRegistryWith(*u); !s.ok()) return Unprocessable(s.error());
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceUnit(*u, *rev); });
  if (!w.ok()) return Unprocessable(w.error());
  reg_ = store_.Units();
  return WithETag(JsonResponse(200, UnitView(*reg_->Find(id), *reg_, std::nullopt)), *rev + 1);
}

}  // namespace dxgov::api
