#include "notify/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace dxgov::notify {

namespace {

// libcurl's global set-up, once per process.
void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadPart(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  const size_t room = size * nitems, left = up->data->size() - up->offset;
  const size_t n = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpConfig c) : c_(std::move(c)) { InitCurl(); }

  Status Send(const Mail& m) override {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Error(ErrorCode::kUnavailable, "Không khởi tạo được kết nối thư", "curl_easy_init failed");
    const std::string url = std::string(c_.smtps ? "smtps://" : "smtp://") + c_.host + ":" + std::to_string(c_.port);
    const std::string message = FormatMessage(m);
    // append, not "<" + s: GCC 12 warns falsely (-Wrestrict) on a literal plus a string.
    auto angle = [](const std::string& address) { return std::string("<").append(address).append(">"); };
    const std::string from = angle(BareAddress(m.from.empty() ? c_.from : m.from));
    curl_slist* rcpt = nullptr;
    for (const auto& to : m.to) rcpt = curl_slist_append(rcpt, angle(to).c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
    Upload up{&message};
    char error[CURL_ERROR_SIZE] = {0};
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadPart);
    curl_easy_setopt(h, CURLOPT_READDATA, &up);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(c_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(c_.timeout.count()) * 3);
    if (c_.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!c_.username.empty()) {
      curl_easy_setopt(h, CURLOPT_USERNAME, c_.username.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, c_.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      const std::string why = error[0] ? error : curl_easy_strerror(rc);
      return Error(ErrorCode::kUnavailable, std::string("Không gửi được thư: ").append(why),
                   std::string("mail not sent: ").append(why));
    }
    return OkStatus();
  }

 private:
  SmtpConfig c_;
};

}  // namespace

std::unique_ptr<Mailer> MakeSmtpMailer(SmtpConfig config) { return std::make_unique<SmtpMailer>(std::move(config)); }

}  // namespace dxgov::notify
