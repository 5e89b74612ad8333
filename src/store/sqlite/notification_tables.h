// SQL for reminder digests (migration 13): `notifications`, one per user per Vietnamese day,
// and `reminder_marks`, which reminder (item, due date, stage) each user has had. A digest
// and its marks are written together, so a reminder is never given twice; mail delivery is
// bookkeeping on the digest row. Free functions over a connection; SqliteStore decides
// transactions and auditing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/query.h"
#include "core/reminder.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

// kConflict when the user already has a digest that day, or one of its items already
// reminded the user.
Result<int64_t> InsertNotification(Db& db, const Notification& n, const std::string& now);
Result<Notification> SelectNotification(Db& db, int64_t id);
// Newest day first.
Result<Page<Notification>> SelectNotifications(Db& db, int64_t user_id, bool unread_only, int limit, int64_t offset);
Result<bool> SelectReminded(Db& db, const std::string& key, int64_t user_id);
Result<bool> SelectHasNotification(Db& db, int64_t user_id, Date day);
// Pending mail whose next attempt is due at `now`, oldest first.
Result<std::vector<Notification>> SelectPendingMail(Db& db, const std::string& now, int limit);
Status UpdateMailAttempt(Db& db, int64_t id, bool sent, const std::string& error, const std::string& now,
                         const std::string& next_attempt_at);
// kNotFound unless the notification is the user's.
Status UpdateNotificationRead(Db& db, int64_t id, int64_t user_id, const std::string& now);

}  // namespace dxgov::sqlite
