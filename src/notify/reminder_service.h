// The reminder service (đôn đốc): each day, from a configured hour in Vietnam, it finds
// every open task of a published plan and every unanswered report whose due date puts it at
// a reminder stage that day (core/reminder.h), and gives each responsible user one digest
// of what they have not been reminded of yet — in the application, and by mail when they
// have an address and a mailer is configured. Digests are then mailed, failed sends retried
// with growing waits; nothing is lost and, since each digest and its reminders are written
// together, nothing is reminded twice across restarts.
//
// Time comes from the Clock it is given: tests move it across the thresholds.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/reminder.h"
#include "notify/smtp_mailer.h"
#include "store/store.h"

namespace dxgov::notify {

struct ReminderOptions {
  ReminderPolicy policy;
  int run_hour = 7;            // Vietnamese hour from which a day's reminders go out
  std::string from = "dxgov <no-reply@dxgov.invalid>";
  std::string app_url;         // where the digest sends the reader; may be empty
};

struct ReminderRun {
  int items = 0;          // reminders given (item x user)
  int notifications = 0;  // digests written
  int mails = 0;          // of which to be mailed
};

struct DeliveryRun {
  int sent = 0;
  int failed = 0;
};

class ReminderService {
 public:
  // `mailer` may be null: digests are then shown in the application only. REQUIRES: the
  // store, clock and mailer outlive the service; ValidateReminderPolicy(options.policy).
  ReminderService(Store& store, const Clock& clock, Mailer* mailer, const ReminderOptions& options);

  // Gives `day`'s reminders. Safe to repeat: what was given is not given again, and a user
  // who already has that day's digest gets anything new the next day.
  Result<ReminderRun> PlanDay(Date day);
  // Mails the digests whose attempt is due now.
  Result<DeliveryRun> Deliver();
  // What the scheduler runs every minute or so: today's reminders once it is past the run
  // hour (once per day per process), then delivery.
  Status Tick();

 private:
  Store& store_;
  const Clock& clock_;
  Mailer* mailer_;
  ReminderOptions options_;
  std::mutex mu_;  // one run at a time (the scheduler and "send now" may overlap)
  std::optional<Date> planned_;
};

}  // namespace dxgov::notify
