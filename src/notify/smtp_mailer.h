// Sending mail: the Mailer interface the reminder service uses, and SmtpMailer, which
// speaks SMTP through libcurl (host, port, STARTTLS required or not, credentials).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/status.h"
#include "notify/mail_message.h"

namespace dxgov::notify {

class Mailer {
 public:
  virtual ~Mailer() = default;
  // kUnavailable with the server's or the connection's reason when not accepted.
  virtual Status Send(const Mail& m) = 0;
};

struct SmtpConfig {
  std::string host;          // empty: no mail is sent
  int port = 25;
  bool starttls = false;     // require STARTTLS (the connection is refused without it)
  bool smtps = false;        // TLS from the first byte (port 465)
  std::string username;      // empty: no authentication
  std::string password;
  std::string from = "dxgov <no-reply@dxgov.invalid>";
  std::chrono::seconds timeout{20};
};

// REQUIRES: config.host is not empty.
std::unique_ptr<Mailer> MakeSmtpMailer(SmtpConfig config);

}  // namespace dxgov::notify
