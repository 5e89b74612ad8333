// Routes for reminder digests (in-app notifications, read and unread) and for running the
// day's reminders at once ("gửi nhắc việc ngay").
#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/query_params.h"
#include "codec/notification_json.h"
#include "notify/reminder_service.h"

namespace dxgov::api {

namespace {

HttpResponse NotAUser() {
  return Api::ErrorResponse(403, "forbidden", "Thông báo nhắc việc dành cho người dùng, không dành cho mã truy cập",
                            "notifications belong to users, not to API tokens");
}

}  // namespace

HttpResponse Handler::ListNotifications() {
  QueryParams p(req_.query, {"unread", "limit", "offset"});
  const bool unread = p.Bool("unread");
  int limit = kDefaultLimit;
  int64_t offset = 0;
  p.Page(limit, offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  const Principal* who = Caller();
  if (!who || who->kind != Principal::Kind::kUser) return NotAUser();
  auto page = store_.ListNotifications(who->id, unread, limit, offset);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& n : page->items) items.push_back(codec::ToJson(n));
  auto unread_count = store_.ListNotifications(who->id, true, 1, 0);
  if (!unread_count.ok()) return FromError(unread_count.error());
  json::object body = PageJson(*page, std::move(items));
  body["unread"] = unread_count->total;
  return JsonResponse(200, body);
}

HttpResponse Handler::ReadNotification() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  const Principal* who = Caller();
  if (!who || who->kind != Principal::Kind::kUser) return NotAUser();
  if (Status s = store_.MarkNotificationRead(id_, who->id, NowIso()); !s.ok()) return FromError(s.error());
  auto n = store_.GetNotification(id_);
  if (!n.ok()) return FromError(n.error());
  return JsonResponse(200, codec::ToJson(*n));
}

HttpResponse Handler::RunReminders() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  if (!options_.reminders)
    return Api::ErrorResponse(503, "unavailable", "Máy chủ chưa bật nhắc việc", "reminders are not enabled on this server");
  auto planned = options_.reminders->PlanDay(Today());
  if (!planned.ok()) return FromError(planned.error());
  auto delivered = options_.reminders->Deliver();
  if (!delivered.ok()) return FromError(delivered.error());
  return JsonResponse(200, json::object{{"day", FormatIso(Today())},
                                        {"reminders", planned->items},
                                        {"notifications", planned->notifications},
                                        {"mails_queued", planned->mails},
                                        {"mails_sent", delivered->sent},
                                        {"mails_failed", delivered->failed}});
}

}  // namespace dxgov::api
