#include "store/sqlite/notification_tables.h"

#include "codec/notification_json.h"
#include "store/sqlite/rows.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, user_id, day, subject, body, items, email, mail_state, attempts, next_attempt_at, last_error, sent_at, "
    "read_at, created_at FROM notifications";

Result<Notification> NotificationFrom(const Stmt& s) {
  Notification n;
  n.id = s.Int(0);
  n.user_id = s.Int(1);
  auto day = ParseIsoDate(s.Text(2));
  if (!day) return Internal("stored notification day unreadable");
  n.day = *day;
  n.subject = s.Text(3);
  n.body = s.Text(4);
  DX_ASSIGN_OR_RETURN(boost::json::value items, codec::ParseJson(s.Text(5)));
  auto parsed = codec::ItemsFromJson(items, "/items");
  if (!parsed.ok()) return Internal("stored notification items unreadable: " + parsed.error().message_en());
  n.items = std::move(parsed).value();
  n.email = s.Text(6);
  n.mail_state = ParseMailState(s.Text(7)).value_or(MailState::kNone);
  n.attempts = static_cast<int>(s.Int(8));
  n.next_attempt_at = s.Text(9);
  n.last_error = s.Text(10);
  n.sent_at = s.Text(11);
  n.read_at = s.Text(12);
  n.created_at = s.Text(13);
  return n;
}

Result<std::vector<Notification>> All(Stmt& s) {
  std::vector<Notification> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(Notification n, NotificationFrom(s));
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<int64_t> InsertNotification(Db& db, const Notification& n, const std::string& now) {
  DX_ASSIGN_OR_RETURN(bool exists, SelectHasNotification(db, n.user_id, n.day));
  if (exists)
    return Error(ErrorCode::kConflict, "Người dùng đã có bản nhắc việc trong ngày", "the user already has a digest that day");
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("INSERT INTO notifications(user_id, day, subject, body, items, email, mail_state, "
                                         "attempts, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,0,?,?)"));
  const std::string day = FormatIso(n.day), items = codec::Serialize(codec::ItemsToJson(n.items));
  s.Bind(1, n.user_id).Bind(2, std::string_view(day)).Bind(3, std::string_view(n.subject));
  s.Bind(4, std::string_view(n.body)).Bind(5, std::string_view(items));
  if (n.email.empty()) s.BindNull(6);
  else s.Bind(6, std::string_view(n.email));
  s.Bind(7, std::string_view(MailStateName(n.mail_state))).Bind(8, std::string_view(now)).Bind(9, std::string_view(now));
  DX_RETURN_IF_ERROR(s.Run());
  const int64_t id = db.LastInsertId();
  DX_ASSIGN_OR_RETURN(Stmt mark, db.Prepare("INSERT INTO reminder_marks(reminder_key, user_id, notification_id) VALUES (?,?,?)"));
  for (const auto& item : n.items) {
    mark.Reset();
    mark.Bind(1, std::string_view(item.key)).Bind(2, n.user_id).Bind(3, id);
    Status st = mark.Run();
    if (!st.ok()) {
      if (st.error().code() == ErrorCode::kConflict)
        return Error(ErrorCode::kConflict, "Việc này đã được nhắc", "already reminded: " + item.key);
      return std::move(st).error();
    }
  }
  return id;
}

Result<Notification> SelectNotification(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("thông báo", "notification", std::to_string(id));
  return NotificationFrom(s);
}

Result<Page<Notification>> SelectNotifications(Db& db, int64_t user_id, bool unread_only, int limit, int64_t offset) {
  const std::string where = std::string(" WHERE user_id = ?") + (unread_only ? " AND read_at IS NULL" : "");
  Page<Notification> page;
  page.limit = limit;
  page.offset = offset;
  DX_ASSIGN_OR_RETURN(Stmt c, db.Prepare("SELECT COUNT(*) FROM notifications" + where));
  c.Bind(1, user_id);
  DX_ASSIGN_OR_RETURN(bool counted, c.Step());
  page.total = counted ? c.Int(0) : 0;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + where + " ORDER BY day DESC, id DESC LIMIT ? OFFSET ?"));
  s.Bind(1, user_id).Bind(2, limit).Bind(3, offset);
  DX_ASSIGN_OR_RETURN(page.items, All(s));
  return page;
}

Result<bool> SelectReminded(Db& db, const std::string& key, int64_t user_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT 1 FROM reminder_marks WHERE reminder_key = ? AND user_id = ?"));
  s.Bind(1, std::string_view(key)).Bind(2, user_id);
  return s.Step();
}

Result<bool> SelectHasNotification(Db& db, int64_t user_id, Date day) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT 1 FROM notifications WHERE user_id = ? AND day = ?"));
  const std::string d = FormatIso(day);
  s.Bind(1, user_id).Bind(2, std::string_view(d));
  return s.Step();
}

Result<std::vector<Notification>> SelectPendingMail(Db& db, const std::string& now, int limit) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) +
                                         " WHERE mail_state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"));
  s.Bind(1, std::string_view(now)).Bind(2, limit);
  return All(s);
}

Status UpdateMailAttempt(Db& db, int64_t id, bool sent, const std::string& error, const std::string& now,
                         const std::string& next_attempt_at) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      sent ? "UPDATE notifications SET mail_state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL "
             "WHERE id = ? AND mail_state = 'pending'"
           : "UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
             "WHERE id = ? AND mail_state = 'pending'"));
  if (sent) {
    s.Bind(1, std::string_view(now)).Bind(2, id);
  } else {
    s.Bind(1, std::string_view(error)).Bind(2, std::string_view(next_attempt_at)).Bind(3, id);
  }
  return s.Run();
}

Status UpdateNotificationRead(Db& db, int64_t id, int64_t user_id, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt check, db.Prepare("SELECT 1 FROM notifications WHERE id = ? AND user_id = ?"));
  check.Bind(1, id).Bind(2, user_id);
  DX_ASSIGN_OR_RETURN(bool mine, check.Step());
  if (!mine) return NotFound("thông báo", "notification", std::to_string(id));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL"));
  s.Bind(1, std::string_view(now)).Bind(2, id);
  return s.Run();
}

}  // namespace dxgov::sqlite
