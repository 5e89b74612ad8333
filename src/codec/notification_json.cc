#include "codec/notification_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"

namespace dxgov::codec {

namespace json = boost::json;
using internal::Finish;
using internal::OptStr;
using internal::Reader;

json::object ToJson(const ReminderItem& item) {
  return json::object{{"key", item.key},
                      {"kind", item.kind},
                      {"ref_id", item.ref_id},
                      {"unit", item.unit_id},
                      {"number", OptStr(item.number)},
                      {"title", item.title},
                      {"due", FormatIso(item.due)},
                      {"stage", ReminderKindName(item.stage.kind)},
                      {"days", item.stage.days},
                      {"round", item.stage.round}};
}

json::array ItemsToJson(const std::vector<ReminderItem>& items) {
  json::array out;
  for (const auto& i : items) out.push_back(ToJson(i));
  return out;
}

Result<std::vector<ReminderItem>> ItemsFromJson(const json::value& v, const std::string& path) {
  std::vector<FieldError> errs;
  std::vector<ReminderItem> out;
  if (!v.is_array()) {
    errs.push_back({path, "must be an array"});
    return Finish(out, errs, "Danh sách nhắc việc không hợp lệ", "invalid reminder items");
  }
  for (size_t i = 0; i < v.get_array().size(); ++i) {
    Reader r(v.get_array()[i], path + "/" + std::to_string(i), errs, ReadMode::kStored);
    ReminderItem item;
    item.key = r.Str("key", true).value_or("");
    item.kind = r.Str("kind", true).value_or("");
    item.ref_id = r.Int("ref_id", 0, INT64_MAX).value_or(0);
    item.unit_id = r.Str("unit").value_or("");
    item.number = r.Str("number").value_or("");
    item.title = r.Str("title").value_or("");
    if (auto d = r.DateAt("due", true)) item.due = *d;
    const std::string stage = r.Str("stage").value_or("before");
    item.stage.kind = stage == "due" ? ReminderKind::kDue : stage == "overdue" ? ReminderKind::kOverdue : ReminderKind::kBefore;
    item.stage.days = static_cast<int>(r.Int("days", -100000, 100000).value_or(0));
    item.stage.round = static_cast<int>(r.Int("round", 0, 100000).value_or(0));
    r.Finish();
    out.push_back(std::move(item));
  }
  return Finish(out, errs, "Danh sách nhắc việc không hợp lệ", "invalid reminder items");
}

json::object ToJson(const Notification& n) {
  return json::object{{"id", n.id},
                      {"day", FormatIso(n.day)},
                      {"subject", n.subject},
                      {"body", n.body},
                      {"items", ItemsToJson(n.items)},
                      {"read", !n.read_at.empty()},
                      {"read_at", OptStr(n.read_at)},
                      {"mail", MailStateName(n.mail_state)},
                      {"sent_at", OptStr(n.sent_at)},
                      {"created_at", n.created_at}};
}

}  // namespace dxgov::codec
