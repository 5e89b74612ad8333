#include "support/http_client.h"

#include <mutex>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace dxgov::testing {
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

struct Connection::Impl {
  boost::asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

Connection::Connection(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  impl_->stream.socket().set_option(tcp::no_delay(true));
}

Connection::~Connection() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

namespace {
std::mutex g_defaults_mu;
std::vector<std::pair<std::string, std::string>> g_defaults;
}  // namespace

void SetDefaultHeaders(std::vector<std::pair<std::string, std::string>> headers) {
  std::lock_guard lock(g_defaults_mu);
  g_defaults = std::move(headers);
}

std::vector<std::pair<std::string, std::string>> SignIn(uint16_t port, const std::string& login,
                                                        const std::string& password) {
  HttpResult r = Http(port, "POST", "/api/session",
                      "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}", {{"Cookie", ""}});
  if (r.status != 200) return {};
  const std::string cookie = r.header("set-cookie");
  const std::string key = "\"csrf_token\":\"";
  const size_t at = r.body.find(key);
  if (at == std::string::npos) return {};
  const size_t from = at + key.size();
  return {{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", r.body.substr(from, r.body.find('"', from) - from)}};
}

HttpResult Connection::Request(const std::string& method, const std::string& target, const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  bool has_type = false;
  {
    std::lock_guard lock(g_defaults_mu);
    for (const auto& [k, v] : g_defaults) req.set(k, v);
  }
  for (const auto& [k, v] : headers) {
    req.set(k, v);
    if (beast::iequals(k, "content-type")) has_type = true;
  }
  if (!body.empty() && !has_type) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(impl_->stream, req);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(impl_->stream, impl_->buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  return out;
}

HttpResult Http(uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                const std::vector<std::pair<std::string, std::string>>& headers) {
  Connection c(port);
  return c.Request(method, target, body, headers);
}

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace dxgov::testing
