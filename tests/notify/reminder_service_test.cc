// Reminders end to end, below the HTTP layer: a real SQLite file with the demo data, a
// clock the test moves, and a real SMTP server (python3-aiosmtpd) on loopback. Hà Nội leads
// task IV.1 of the 2022 plan, due "Tháng 6/2022" (30 June): its editor is reminded 7 days
// and 1 day before, on the day, and after it together with the unit's approver — each once,
// across a restart, and with the SMTP server down the digest waits and is sent once it is up.
#include "notify/reminder_service.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <set>

#include "auth/password.h"
#include "demo/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "support/settable_clock.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace dxgov::notify {
namespace {

struct Received {
  std::string to, subject, body, message_id;
};

std::string Unbase64(std::string b64) {
  std::erase_if(b64, [](char c) { return c == '\r' || c == '\n' || c == ' '; });
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "<invalid base64>";
  out.resize(len);
  return out;
}

// The header `name` of a raw message, unfolded.
std::string Header(const std::string& raw, const std::string& name) {
  const size_t at = raw.find("\n" + name + ": ");
  if (at == std::string::npos) return "";
  std::string value;
  for (size_t i = at + name.size() + 3; i < raw.size(); ++i) {
    if (raw[i] == '\r') continue;
    if (raw[i] == '\n') {
      if (i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t')) continue;
      break;
    }
    value += raw[i];
  }
  return value;
}

Received Parse(const std::string& raw) {
  Received r;
  r.to = Header(raw, "To");
  r.message_id = Header(raw, "Message-ID");
  const std::string subject = Header(raw, "Subject");
  for (size_t at = 0; (at = subject.find("=?UTF-8?B?", at)) != std::string::npos;) {
    const size_t end = subject.find("?=", at + 10);
    r.subject += Unbase64(subject.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  size_t body = raw.find("\r\n\r\n");
  body = body == std::string::npos ? raw.find("\n\n") + 2 : body + 4;
  r.body = Unbase64(raw.substr(body));
  return r;
}

class ReminderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.SetVietnam(MakeDate(2022, 6, 23), 8);
    Open();
    ASSERT_TRUE(demo::LoadDemoData(*store_).ok());
    AddUser("hn-bientap", "tp-ha-noi", Role::kUnitEditor, "hn-bientap@example.vn");
    AddUser("hn-pheduyet", "tp-ha-noi", Role::kUnitApprover, "hn-pheduyet@example.vn");
    AddUser("hn-xem", "tp-ha-noi", Role::kViewer, "hn-xem@example.vn");
    port_ = testing::SmtpSink::FreePort();
    ASSERT_TRUE(sink_.Start(port_)) << "python3-aiosmtpd did not start on port " << port_;
    SmtpConfig smtp;
    smtp.host = "127.0.0.1";
    smtp.port = port_;
    smtp.timeout = std::chrono::seconds(5);
    mailer_ = MakeSmtpMailer(smtp);
    NewService();
  }

  void Open() {
    auto s = OpenSqliteStore({(dir_.path() / "dxgov.sqlite").string(), 2, &clock_});
    ASSERT_TRUE(s.ok()) << s.error().message_en();
    store_ = std::move(s).value();
  }
  void NewService() {
    ReminderOptions o;
    o.app_url = "http://127.0.0.1:8080";
    service_ = std::make_unique<ReminderService>(*store_, clock_, mailer_.get(), o);
  }
  // The process stops and starts again: a new store handle and a new service.
  void Restart() {
    service_.reset();
    store_.reset();
    Open();
    NewService();
  }
  void AddUser(const std::string& login, const std::string& unit, Role role, const std::string& email) {
    User u;
    u.login = login;
    u.display_name = "Cán bộ " + login;
    u.unit_id = unit;
    u.email = email;
    u.roles = {role};
    u.password_hash = auth::PasswordHasher(1, {1024, 1, 1}).Hash("Mật khẩu thử nghiệm đủ dài 2026").value();
    ASSERT_TRUE(store_->Write([&](WriteTxn& t) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, t.CreateUser(u));
      ids_[login] = id;
      return OkStatus();
    }).ok());
  }
  void TickOn(Date day, int hour = 8) {
    clock_.SetVietnam(day, hour);
    Status s = service_->Tick();
    ASSERT_TRUE(s.ok()) << s.error().message_en();
  }
  // Messages delivered to `address`, oldest first by Message-ID.
  std::vector<Received> To(const std::string& address) const {
    std::vector<Received> out;
    for (const auto& raw : sink_.Messages()) {
      Received r = Parse(raw);
      if (r.to == address) out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const Received& a, const Received& b) {
      return a.message_id.size() != b.message_id.size() ? a.message_id.size() < b.message_id.size() : a.message_id < b.message_id;
    });
    return out;
  }

  testing::TempDir dir_{"dxgov-reminders"};
  testing::SettableClock clock_;
  std::unique_ptr<Store> store_;
  std::map<std::string, int64_t> ids_;
  uint16_t port_ = 0;
  testing::SmtpSink sink_{dir_.path() / "maildir"};
  std::unique_ptr<Mailer> mailer_;
  std::unique_ptr<ReminderService> service_;
};

TEST_F(ReminderServiceTest, ThresholdsAreRemindedOnceEachAcrossARestartAndAnOutage) {
  const std::string editor = "hn-bientap@example.vn", approver = "hn-pheduyet@example.vn";
  // 23 June: IV.1 is 7 days away.
  TickOn(MakeDate(2022, 6, 23));
  auto got = To(editor);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].subject, "[dxgov] Nhắc việc ngày 23/06/2022: 1 việc (1 sắp đến hạn)");
  EXPECT_NE(got[0].body.find("Kính gửi Cán bộ hn-bientap"), std::string::npos) << got[0].body;
  EXPECT_NE(got[0].body.find("Hệ thống dxgov nhắc các việc của Thành phố Hà Nội"), std::string::npos);
  EXPECT_NE(got[0].body.find("- Nhiệm vụ IV.1: Triển khai phổ cập danh tính điện tử"), std::string::npos);
  EXPECT_NE(got[0].body.find("(hạn 30/06/2022, còn 7 ngày)"), std::string::npos);
  EXPECT_TRUE(To(approver).empty()) << "approvers hear only of overdue items";
  EXPECT_TRUE(To("hn-xem@example.vn").empty()) << "viewers are not reminded";

  // Later the same day, and the next day (still the 7-day stage): nothing new.
  TickOn(MakeDate(2022, 6, 23), 15);
  TickOn(MakeDate(2022, 6, 24));
  EXPECT_EQ(To(editor).size(), 1u);

  // Before the run hour nothing is planned; at it, the 1-day reminder.
  TickOn(MakeDate(2022, 6, 29), 6);
  EXPECT_EQ(To(editor).size(), 1u);
  TickOn(MakeDate(2022, 6, 29), 7);
  got = To(editor);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_NE(got[1].body.find("còn 1 ngày"), std::string::npos);

  TickOn(MakeDate(2022, 6, 30));
  got = To(editor);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_NE(got[2].subject.find("1 đến hạn hôm nay"), std::string::npos) << got[2].subject;

  // 1 July: overdue; the approver hears of it too.
  TickOn(MakeDate(2022, 7, 1));
  ASSERT_EQ(To(editor).size(), 4u);
  ASSERT_EQ(To(approver).size(), 1u);
  EXPECT_NE(To(approver)[0].body.find("quá hạn 1 ngày"), std::string::npos);

  // A restart the same day gives nothing again.
  Restart();
  TickOn(MakeDate(2022, 7, 1), 9);
  EXPECT_EQ(To(editor).size(), 4u);
  EXPECT_EQ(To(approver).size(), 1u);

  // 8 July, the second escalation, with the SMTP server down: the digests wait.
  sink_.Stop();
  TickOn(MakeDate(2022, 7, 8));
  auto pending = store_->ListNotifications(ids_["hn-bientap"], false, 10, 0);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->items.size(), 5u);
  EXPECT_EQ(pending->items[0].mail_state, MailState::kPending);
  EXPECT_EQ(pending->items[0].attempts, 1);
  EXPECT_FALSE(pending->items[0].last_error.empty());
  ASSERT_TRUE(sink_.Start(port_));
  clock_.Advance(std::chrono::seconds(30));  // the retry waits a minute
  ASSERT_TRUE(service_->Tick().ok());
  EXPECT_EQ(To(editor).size(), 4u);
  Restart();  // and survives a restart while it waits
  clock_.Advance(std::chrono::seconds(40));
  ASSERT_TRUE(service_->Tick().ok());
  got = To(editor);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_NE(got[4].body.find("quá hạn 8 ngày"), std::string::npos);
  EXPECT_EQ(To(approver).size(), 2u);
  clock_.Advance(std::chrono::minutes(10));
  ASSERT_TRUE(service_->Tick().ok());
  EXPECT_EQ(To(editor).size(), 5u) << "a sent digest is never sent again";

  std::set<std::string> ids;
  for (const auto& r : To(editor)) ids.insert(r.message_id);
  for (const auto& r : To(approver)) ids.insert(r.message_id);
  EXPECT_EQ(ids.size(), 7u) << "seven digests, each delivered once";
  const auto after = store_->ListNotifications(ids_["hn-bientap"], false, 10, 0);
  ASSERT_TRUE(after.ok());
  for (const auto& n : after->items) EXPECT_EQ(n.mail_state, MailState::kSent);
}

TEST_F(ReminderServiceTest, WithoutAMailerDigestsStayInTheApplication) {
  const ReminderOptions options;
  service_ = std::make_unique<ReminderService>(*store_, clock_, nullptr, options);
  auto run = service_->PlanDay(MakeDate(2022, 6, 23));
  ASSERT_TRUE(run.ok()) << run.error().message_en();
  EXPECT_GE(run->notifications, 1);
  EXPECT_EQ(run->mails, 0);
  auto mine = store_->ListNotifications(ids_["hn-bientap"], true, 10, 0);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 1u);
  EXPECT_EQ(mine->items[0].mail_state, MailState::kNone);
  ASSERT_EQ(mine->items[0].items.size(), 1u);
  EXPECT_EQ(mine->items[0].items[0].key.substr(0, 5), "task:");
  EXPECT_TRUE(store_->MarkNotificationRead(mine->items[0].id, ids_["hn-bientap"], "2022-06-23T02:00:00.000Z").ok());
  EXPECT_EQ(store_->ListNotifications(ids_["hn-bientap"], true, 10, 0)->total, 0);
  EXPECT_EQ(store_->MarkNotificationRead(mine->items[0].id, ids_["hn-pheduyet"], "x").error().code(), ErrorCode::kNotFound);
  // Planning the same day again gives nothing new.
  auto again = service_->PlanDay(MakeDate(2022, 6, 23));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->notifications, 0);
  EXPECT_TRUE(sink_.Messages().empty());
}

}  // namespace
}  // namespace dxgov::notify
