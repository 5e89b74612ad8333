// An e-mail as dxgov sends it: UTF-8 text, Vietnamese subject and body, encoded so that any
// SMTP server carries it unchanged (RFC 2047 for the subject, base64 for the body).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace dxgov::notify {

struct Mail {
  std::string from;               // "dxgov <no-reply@dxgov.gov.vn>" or a bare address
  std::vector<std::string> to;    // bare addresses
  std::string subject;            // UTF-8
  std::string body;               // UTF-8 plain text, lines separated by '\n'
  std::string message_id;         // "<notification-12@dxgov>": the same digest always has the same id
  std::chrono::system_clock::time_point date;
};

// The message as sent: headers (From, To, Subject, Date, Message-ID, MIME) and the body,
// CRLF line ends.
std::string FormatMessage(const Mail& m);

// The address inside "Name <addr>", or the whole string.
std::string BareAddress(const std::string& from);

// RFC 2047 "=?UTF-8?B?...?=" words for a UTF-8 header value; ASCII is left as it is.
std::string EncodeHeaderWord(const std::string& utf8);

}  // namespace dxgov::notify
