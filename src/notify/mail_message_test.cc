#include "notify/mail_message.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace dxgov::notify {
namespace {

std::string Unbase64(const std::string& b64) {
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), "\r\n", &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "<invalid base64>";
  out.resize(len);
  return out;
}

// The text of RFC 2047 words, joined.
std::string DecodeWords(const std::string& header) {
  std::string out;
  size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    const size_t end = header.find("?=", at + 10);
    out += Unbase64(header.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return out;
}

TEST(MailMessageTest, VietnameseSubjectAndBodySurviveEncoding) {
  Mail m;
  m.from = "dxgov <no-reply@dxgov.invalid>";
  m.to = {"hn@example.vn", "pd@example.vn"};
  m.subject = "[dxgov] Nhắc việc ngày 23/06/2022: 1 việc (1 sắp đến hạn) — Thành phố Hà Nội, Bộ Thông tin và Truyền thông";
  m.body = "Kính gửi Nguyễn Thị Hoa,\n- Nhiệm vụ IV.1: Triển khai phổ cập danh tính điện tử (hạn 30/06/2022, còn 7 ngày)\n";
  m.message_id = "<dxgov-notification-1@dxgov>";
  const std::string msg = FormatMessage(m);
  EXPECT_NE(msg.find("To: hn@example.vn, pd@example.vn\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Message-ID: <dxgov-notification-1@dxgov>\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);

  const size_t s = msg.find("Subject: ") + 9, e = msg.find("\r\nDate: ");
  const std::string subject = msg.substr(s, e - s);
  for (size_t i = 0, line = 0; i <= subject.size(); ++i, ++line) {
    if (i == subject.size() || subject[i] == '\n') {
      EXPECT_LE(line, 78u) << "header lines stay short";
      line = 0;
    }
  }
  EXPECT_EQ(DecodeWords(subject), m.subject);
  const std::string encoded_body = msg.substr(msg.find("\r\n\r\n") + 4);
  std::string body = Unbase64(encoded_body);
  std::erase(body, '\r');
  EXPECT_EQ(body, m.body);
}

TEST(MailMessageTest, AsciiIsLeftAloneAndAddressesAreBared) {
  EXPECT_EQ(EncodeHeaderWord("Weekly digest"), "Weekly digest");
  EXPECT_EQ(BareAddress("dxgov <no-reply@dxgov.invalid>"), "no-reply@dxgov.invalid");
  EXPECT_EQ(BareAddress("hn@example.vn"), "hn@example.vn");
}

}  // namespace
}  // namespace dxgov::notify
