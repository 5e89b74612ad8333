#include "notify/reminder_service.h"

#include <algorithm>
#include <map>

#include "core/query.h"
#include "core/report_cycle.h"

namespace dxgov::notify {

namespace {

const Actor kSystem{"system:reminders", ""};

std::string UnitNameOf(const UnitRegistry& reg, const std::string& id, Date day) {
  const Unit* u = reg.Find(id);
  return u ? VersionOrLatest(*u, day).name : id;
}

std::string ItemLine(const ReminderItem& item, Date day) {
  std::string what = item.kind == "report" ? "Báo cáo \"" + item.title + "\""
                                           : "Nhiệm vụ " + item.number + ": " + item.title;
  const int left = DaysBetween(day, item.due);
  std::string when = "hạn " + FormatVi(item.due);
  if (left > 0) when += ", còn " + std::to_string(left) + " ngày";
  else if (left == 0) when += ", đến hạn hôm nay";
  else when += ", quá hạn " + std::to_string(-left) + " ngày";
  return "- " + what + " (" + when + ")";
}

// The digest's Vietnamese subject and body, with an English line for readers of both.
void Compose(Notification& n, const User& u, const UnitRegistry& reg, const std::string& app_url) {
  std::vector<const ReminderItem*> overdue, due, soon;
  for (const auto& i : n.items)
    (i.stage.kind == ReminderKind::kOverdue ? overdue : i.stage.kind == ReminderKind::kDue ? due : soon).push_back(&i);
  const size_t total = n.items.size();
  std::string counts;
  auto add = [&](size_t k, const char* label) {
    if (k == 0) return;
    counts += (counts.empty() ? "" : ", ") + std::to_string(k) + " " + label;
  };
  add(overdue.size(), "quá hạn");
  add(due.size(), "đến hạn hôm nay");
  add(soon.size(), "sắp đến hạn");
  n.subject = "[dxgov] Nhắc việc ngày " + FormatVi(n.day) + ": " + std::to_string(total) + " việc (" + counts + ")";
  std::string body = "Kính gửi " + (u.display_name.empty() ? u.login : u.display_name) + ",\n\n";
  body += "Hệ thống dxgov nhắc các việc của " + UnitNameOf(reg, u.unit_id, n.day) + " cần xử lý:\n";
  auto section = [&](const std::vector<const ReminderItem*>& items, const char* heading) {
    if (items.empty()) return;
    body += std::string("\n") + heading + ":\n";
    for (const auto* i : items) body += ItemLine(*i, n.day) + "\n";
  };
  section(overdue, "Quá hạn");
  section(due, "Đến hạn hôm nay");
  section(soon, "Sắp đến hạn");
  if (!app_url.empty()) body += "\nXem và cập nhật tại: " + app_url + "\n";
  body += "\nThư này được gửi tự động từ dxgov, vui lòng không trả lời.\n";
  body += "(dxgov reminder: " + std::to_string(total) + " item(s) need your attention.)\n";
  n.body = std::move(body);
}

int VietnamHour(std::chrono::system_clock::time_point now) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() + 7 * 3600;
  return static_cast<int>((s / 3600) % 24);
}

}  // namespace

ReminderService::ReminderService(Store& store, const Clock& clock, Mailer* mailer, const ReminderOptions& options)
    : store_(store), clock_(clock), mailer_(mailer), options_(options) {}

Result<ReminderRun> ReminderService::PlanDay(Date day) {
  std::lock_guard lock(mu_);
  const auto reg = store_.Units();
  const ReminderPolicy& policy = options_.policy;
  int horizon = 0;
  for (int d : policy.days_before) horizon = std::max(horizon, d);

  // What is at a stage today, per unit that must act.
  std::vector<ReminderItem> items;
  auto add = [&](std::string kind, int64_t ref, const std::string& unit, std::string number, std::string title, Date due) {
    auto stage = StageOn(due, day, policy);
    if (!stage) return;
    ReminderItem item{"", std::move(kind), ref, unit, std::move(number), std::move(title), due, *stage};
    item.key = ReminderKey(item);
    items.push_back(std::move(item));
  };

  TaskQuery q;
  q.statuses = {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kPaused};
  q.published_only = true;
  q.as_of = day;
  q.due_to = AddDays(day, horizon);
  DX_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                      Drain<Task>(q, [&](const TaskQuery& page) { return store_.ListTasks(page); }));
  for (const auto& t : tasks) {
    if (!t.deadline) continue;
    const std::optional<Date> due = GoverningDue(*t.deadline, day);
    if (!due) continue;
    const Unit* lead = reg->Find(t.lead.unit_id);
    if (lead && VersionOrLatest(*lead, day).kind == UnitKind::kGroup) {
      // Each member answers for its own part; a part already done is not reminded.
      DX_ASSIGN_OR_RETURN(auto parts, store_.ListAddressees(t.id));
      for (const auto& member : reg->Expand(lead->id, day)) {
        auto it = std::find_if(parts.begin(), parts.end(), [&](const TaskAddressee& a) { return a.unit_id == member; });
        if (it != parts.end() && (it->status == TaskStatus::kDone || it->status == TaskStatus::kCancelled)) continue;
        add("task", t.id, member, t.number, t.title, *due);
      }
    } else if (!t.lead.unit_id.empty()) {
      add("task", t.id, t.lead.unit_id, t.number, t.title, *due);
    }
  }

  DX_ASSIGN_OR_RETURN(std::vector<ReportCycle> cycles, AllPages<ReportCycle>([&](int limit, int64_t offset) {
                        return store_.ListCycles(CycleState::kOpen, limit, offset);
                      }));
  for (const auto& c : cycles) {
    DX_ASSIGN_OR_RETURN(auto subs, store_.ListSubmissions(c.id));
    for (const auto& unit : CycleRespondents(c, *reg)) {
      auto it = std::find_if(subs.begin(), subs.end(), [&](const Submission& s) { return s.unit_id == unit; });
      const bool answered = it != subs.end() && (it->state == SubmissionState::kSubmitted || it->state == SubmissionState::kAccepted);
      if (!answered) add("report", c.id, unit, "", c.title, c.due);
    }
  }

  // Who is reminded of what, leaving out what each was reminded of before.
  DX_ASSIGN_OR_RETURN(std::vector<User> users,
                      AllPages<User>([&](int limit, int64_t offset) { return store_.ListUsers(limit, offset); }));
  ReminderRun run;
  for (const auto& u : users) {
    const auto concerns = [&](const ReminderItem& item) { return RemindsUser(u, item.unit_id, item.stage); };
    if (std::none_of(items.begin(), items.end(), concerns)) continue;
    DX_ASSIGN_OR_RETURN(bool has_today, store_.HasNotification(u.id, day));
    if (has_today) continue;  // one digest a day: the rest waits for tomorrow's
    Notification n;
    n.user_id = u.id;
    n.day = day;
    for (const auto& item : items) {
      if (!concerns(item)) continue;
      DX_ASSIGN_OR_RETURN(bool given, store_.IsReminded(item.key, u.id));
      if (!given) n.items.push_back(item);
    }
    if (n.items.empty()) continue;
    Compose(n, u, *reg, options_.app_url);
    if (mailer_ && !u.email.empty()) {
      n.email = u.email;
      n.mail_state = MailState::kPending;
    }
    Status w = store_.Write(kSystem, [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateNotification(n));
      (void)id;
      return OkStatus();
    });
    if (!w.ok()) return std::move(w).error().WithContext("Nhắc việc cho " + u.login, "reminders for " + u.login);
    run.items += static_cast<int>(n.items.size());
    ++run.notifications;
    if (n.mail_state == MailState::kPending) ++run.mails;
  }
  return run;
}

Result<DeliveryRun> ReminderService::Deliver() {
  std::lock_guard lock(mu_);
  DeliveryRun run;
  if (!mailer_) return run;
  const auto now = clock_.Now();
  const std::string now_iso = FormatIsoTimestamp(now);
  DX_ASSIGN_OR_RETURN(std::vector<Notification> due, store_.PendingMail(now_iso, 50));
  for (const auto& n : due) {
    Mail m;
    m.from = options_.from;
    m.to = {n.email};
    m.subject = n.subject;
    m.body = n.body;
    m.message_id = "<dxgov-notification-" + std::to_string(n.id) + "@dxgov>";
    m.date = now;
    Status sent = mailer_->Send(m);
    const std::string next = FormatIsoTimestamp(now + std::chrono::seconds(RetryDelaySeconds(n.attempts + 1)));
    DX_RETURN_IF_ERROR(store_.RecordMailAttempt(n.id, sent.ok(), sent.ok() ? "" : sent.error().message_en(), now_iso, next));
    ++(sent.ok() ? run.sent : run.failed);
  }
  return run;
}

Status ReminderService::Tick() {
  const auto now = clock_.Now();
  const Date today = VietnamDate(now);
  bool plan = false;
  {
    std::lock_guard lock(mu_);
    plan = VietnamHour(now) >= options_.run_hour && planned_ != today;
  }
  if (plan) {
    DX_ASSIGN_OR_RETURN(ReminderRun run, PlanDay(today));
    (void)run;
    std::lock_guard lock(mu_);
    planned_ = today;
  }
  DX_ASSIGN_OR_RETURN(DeliveryRun delivered, Deliver());
  (void)delivered;
  return OkStatus();
}

}  // namespace dxgov::notify
