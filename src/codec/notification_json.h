// Reminder digests (notifications) <-> JSON (docs/api.md, "Notifications and reminders").
// What the store keeps of a digest's items, and what GET /api/notifications shows.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "core/reminder.h"

namespace dxgov::codec {

boost::json::object ToJson(const ReminderItem& item);
boost::json::array ItemsToJson(const std::vector<ReminderItem>& items);
Result<std::vector<ReminderItem>> ItemsFromJson(const boost::json::value& v, const std::string& path);

// Everything but the mail bookkeeping's error text, which only the log shows.
boost::json::object ToJson(const Notification& n);

}  // namespace dxgov::codec
