// Creating and patching a record the same way for every kind (Handler::Kind): decode,
// authorise, check, write in one transaction, answer with the stored record and its ETag.
// Private to the API; included by the route files whose records are kinds.
#pragma once

#include <type_traits>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/query_params.h"
// Every kind's codec: the templates name codec::ToJson, whose overloads must be seen here.
#include "codec/json_codec.h"
#include "codec/key_task_json.h"
#include "codec/report_json.h"
#include "codec/session_json.h"

namespace dxgov::api {

template <typename T>
HttpResponse Handler::Create(const Kind<T>& k) {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  if (k.settle) k.settle(*body, json::object(body->as_object()));
  auto item = k.decode(*body, "", codec::ReadMode::kStrict);
  if (!item.ok()) return Unprocessable(item.error());
  item->id = 0;
  Subject subject = k.subject(*item);
  if constexpr (std::is_same_v<T, Plan>) subject.published = true;  // a new plan hides nothing yet
  if (auto no = Authorize(subject)) return *no;
  if (k.check_change)
    if (auto s = k.check_change(*item, nullptr); !s.ok()) return Unprocessable(s.error());
  if (auto s = k.check(*item); !s.ok()) return Unprocessable(s.error());
  int64_t id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(id, k.create(txn, *item));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = k.get(id);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = WithETag(JsonResponse(201, k.view(*stored)), stored->version);
  r.headers.emplace_back("Location", std::string("/api/") + k.collection + "/" + std::to_string(id));
  return r;
}

template <typename T>
HttpResponse Handler::Patch(const Kind<T>& k) {
  const int64_t id = id_;
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = k.get(id);
  if (!cur.ok()) return FromError(cur.error());
  if (auto no = Authorize(k.subject(*cur))) return *no;
  if (auto pre = Precondition(cur->version)) return *pre;
  HttpResponse fail;
  auto patch = Body(fail, true);
  if (!patch) return fail;
  json::value merged = codec::ToJson(*cur);
  codec::MergePatch(merged, *patch);
  if (k.settle) k.settle(merged, patch->as_object());
  auto item = k.decode(merged, "", codec::ReadMode::kStrict);
  if (!item.ok()) return Unprocessable(item.error());
  if (item->id != id) return Unprocessable(InvalidArgument("/id", "cannot be changed", "Không được đổi mã bản ghi"));
  if (k.check_change)
    if (auto s = k.check_change(*item, &*cur); !s.ok()) return Unprocessable(s.error());
  if (auto no = Authorize(k.subject(*item))) return *no;  // e.g. a plan moved to another issuer
  if (k.changes_assignment && k.changes_assignment(*item, *cur))
    if (auto no = Authorize(Action::kEditPlan, k.subject(*cur))) return *no;
  if (auto s = k.check(*item); !s.ok()) return Unprocessable(s.error());
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return k.replace(txn, *item, cur->version); });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = k.get(id);
  if (!stored.ok()) return FromError(stored.error());
  return WithETag(JsonResponse(200, k.view(*stored)), stored->version);
}

}  // namespace dxgov::api
