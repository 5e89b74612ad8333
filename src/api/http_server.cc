#include "api/http_server.h"

#include "api/events.h"
#include "api/request_target.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace dxgov::api {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class HttpSession;

struct HttpServer::Impl {
  const Api& api;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::atomic<bool> draining{false};
  std::mutex sessions_mu;
  std::unordered_set<HttpSession*> sessions;
  uint16_t bound_port = 0;

  Impl(const Api& a, ServerOptions o) : api(a), options(std::move(o)), ioc(std::max(1, options.threads)) {}

  void Accept();
  void BeginShutdown();
  HttpResponse Serve(const http::request<http::string_body>& req, const std::string& remote, bool& ok_to_keep);
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "?" : ep.address().to_string();
  }
  ~HttpSession() {
    if (subscription_) server_.api.events().Unsubscribe(subscription_);
    std::lock_guard lock(server_.sessions_mu);
    server_.sessions.erase(this);
  }

  void Start() {
    {
      std::lock_guard lock(server_.sessions_mu);
      server_.sessions.insert(this);
    }
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::Read, shared_from_this()));
  }

  // Closes the connection if it is waiting for a request (not in the middle of one).
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        boost::system::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void Read() {
    if (server_.draining) return Close();
    parser_.emplace();
    // Beast refuses a Content-Length over the limit while reading the header, before the
    // target is known: allow the upload limit here and narrow it in OnHeader.
    body_limit_ = std::max(server_.options.max_upload_bytes, server_.options.max_body_bytes);
    parser_->body_limit(body_limit_);
    parser_->header_limit(static_cast<uint32_t>(server_.options.max_header_bytes));
    stream_.expires_after(server_.options.idle_timeout);
    busy_ = false;
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    busy_ = true;  // a request has begun: drain waits for it
    const bool upload = parser_->get().method() == http::verb::post && (parser_->get().target().starts_with("/api/imports") ||
                                                                        parser_->get().target().starts_with("/api/evidence"));
    if (!upload) {
      body_limit_ = server_.options.max_body_bytes;
      if (auto length = parser_->content_length(); length && *length > body_limit_)
        return OnReadError(http::error::body_limit);
      parser_->body_limit(body_limit_);  // for chunked bodies
    }
    // Beast reads as much as the buffer has room for, at least 512 bytes: without room made
    // here a 500 KB batch arrives in a thousand small reads.
    if (auto length = parser_->content_length(); length && *length > 4096)
      buffer_.reserve(static_cast<size_t>(std::min<uint64_t>(*length, 1 << 20)));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      busy_ = true;
      return SendError(413, "payload_too_large", "Nội dung gửi lên quá lớn",
                       "request body exceeds " + std::to_string(body_limit_) + " bytes");
    }
    if (ec == http::error::header_limit) {
      busy_ = true;
      return SendError(431, "headers_too_large", "Phần đầu yêu cầu quá lớn", "request headers too large");
    }
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::bad_descriptor || ec == asio::error::eof)
      return Close();
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      busy_ = true;
      return SendError(400, "bad_request", "Yêu cầu HTTP không hợp lệ", "malformed HTTP request: " + ec.message());
    }
    return Close();
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    bool keep = false;
    const auto& req = parser_->get();
    // A connection that sent one large batch does not keep a megabyte of buffer while idle.
    if (buffer_.capacity() > (64u << 10)) buffer_.shrink_to_fit();
    HttpResponse out = server_.Serve(req, remote_, keep);
    if (!out.stream_topics.empty() && out.status == 200) return StartStream(std::move(out));
    keep_alive_ = keep && !server_.draining;
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(out.status), req.version());
    res->set(http::field::server, "dxgov");
    if (!out.content_type.empty()) res->set(http::field::content_type, out.content_type);
    for (const auto& [k, v] : out.headers) res->set(k, v);
    res->body() = std::move(out.body);
    res->keep_alive(keep_alive_);
    res->prepare_payload();
    Write(std::move(res));
  }

  void SendError(int status, const char* code, const std::string& vi, const std::string& en) {
    HttpResponse r = Api::ErrorResponse(status, code, vi, en);
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    res->set(http::field::content_type, r.content_type);
    res->set(http::field::connection, "close");
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (server_.options.access_log) spdlog::info("{} - - {} {}", remote_, status, en);
    keep_alive_ = false;
    Write(std::move(res));
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res) {
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      self->busy_ = false;
      if (ec || !self->keep_alive_) return self->Close();
      self->Read();
    });
  }

  void Close() {
    closed_ = true;
    if (heartbeat_) heartbeat_->cancel();
    if (subscription_) {
      server_.api.events().Unsubscribe(subscription_);
      subscription_ = 0;
    }
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  // ---------------------------------------------------------------- Server-Sent Events
  // The connection stays open; the body ends when it closes. Events arrive from any thread
  // through the hub and are queued on this connection's strand.

  static constexpr size_t kMaxQueuedFrames = 256;  // a listener this far behind is dropped
  static constexpr std::chrono::seconds kHeartbeat{15};

  void StartStream(HttpResponse out) {
    busy_ = false;  // shutting down closes streams at once
    stream_.expires_never();
    std::string head = "HTTP/1.1 200 OK\r\nServer: dxgov\r\nContent-Type: " + out.content_type + "\r\n";
    for (const auto& [k, v] : out.headers) head += k + ": " + v + "\r\n";
    head += "Connection: close\r\n\r\n" + out.body;
    std::weak_ptr<HttpSession> weak = weak_from_this();
    subscription_ = server_.api.events().Subscribe(out.stream_topics, [weak](const Event& e) {
      if (auto self = weak.lock())
        asio::post(self->stream_.get_executor(),
                   [self, frame = FormatEvent(e)]() mutable { self->Enqueue(std::move(frame)); });
    });
    Enqueue(std::move(head));
    WatchForClose();
    Heartbeat();
  }

  void Enqueue(std::string frame) {
    if (closed_) return;
    if (queue_.size() >= kMaxQueuedFrames) return Close();
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1) WriteNext();
  }

  void WriteNext() {
    asio::async_write(stream_.socket(), asio::buffer(queue_.front()),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->queue_.pop_front();
                        if (!self->queue_.empty() && !self->closed_) self->WriteNext();
                      });
  }

  // A listener sends nothing after its request; a read completes only when it goes away.
  void WatchForClose() {
    stream_.socket().async_read_some(asio::buffer(ignored_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->WatchForClose();
    });
  }

  void Heartbeat() {
    if (!heartbeat_) heartbeat_ = std::make_unique<asio::steady_timer>(stream_.get_executor());
    heartbeat_->expires_after(kHeartbeat);
    heartbeat_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      self->Enqueue(": ping\n\n");
      self->Heartbeat();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpServer::Impl& server_;
  std::string remote_;
  bool busy_ = false;
  size_t body_limit_ = 0;  // of the request being read: uploads may be larger
  bool keep_alive_ = true;
  // Streams only.
  uint64_t subscription_ = 0;
  bool closed_ = false;
  std::deque<std::string> queue_;
  std::unique_ptr<asio::steady_timer> heartbeat_;
  std::array<char, 256> ignored_{};
};

namespace {

// Converts Beast's request into the API's; false when the target is malformed.
bool ToApi(const http::request<http::string_body>& req, const std::string& remote, HttpRequest& out) {
  out.method = std::string(req.method_string());
  const bool target_ok = ParseRequestTarget(req.target(), out.path, out.query);
  out.content_type = MediaType(req[http::field::content_type]);
  out.if_match = std::string(req[http::field::if_match]);
  out.if_none_match = std::string(req[http::field::if_none_match]);
  out.accept_language = std::string(req[http::field::accept_language]);
  out.accept_encoding = std::string(req[http::field::accept_encoding]);
  out.cookie = std::string(req[http::field::cookie]);
  out.authorization = std::string(req[http::field::authorization]);
  out.csrf_token = std::string(req["X-CSRF-Token"]);
  out.forwarded_proto = std::string(req["X-Forwarded-Proto"]);
  out.forwarded_for = std::string(req["X-Forwarded-For"]);
  out.body = req.body();
  out.remote = remote;
  return target_ok;
}

}  // namespace

HttpResponse HttpServer::Impl::Serve(const http::request<http::string_body>& req, const std::string& remote,
                                     bool& keep_alive) {
  const auto start = std::chrono::steady_clock::now();
  HttpRequest in;
  HttpResponse out = ToApi(req, remote, in) ? api.Handle(in)
                                            : Api::ErrorResponse(400, "bad_request", "Địa chỉ yêu cầu không hợp lệ",
                                                                 "malformed request target");
  keep_alive = req.keep_alive();
  std::string log_note;
  auto res_headers = out.headers;
  out.headers.clear();
  for (auto& [k, v] : res_headers) {
    if (k == "X-Dxgov-Log") log_note = v;
    else out.headers.emplace_back(k, v);
  }
  if (options.access_log) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("{} \"{} {}\" {} {} {:.2f}ms", remote, in.method, std::string(req.target()), out.status,
                 out.body.size(), ms);
  }
  if (!log_note.empty()) spdlog::error("{} {}: {}", in.method, in.path, log_note);
  return out;
}

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      spdlog::warn("accept: {}", ec.message());
    } else {
      boost::system::error_code opt_ec;
      socket.set_option(tcp::no_delay(true), opt_ec);  // small JSON replies must not wait for Nagle
      std::make_shared<HttpSession>(std::move(socket), *this)->Start();
    }
    if (!draining) Accept();
  });
}

void HttpServer::Impl::BeginShutdown() {
  if (draining.exchange(true)) return;
  asio::post(ioc, [this] {
    boost::system::error_code ec;
    acceptor.close(ec);
    // Owning references are taken under the lock: a session whose destructor is waiting
    // for the lock has no owners left, and lock() returns null for it.
    std::vector<std::shared_ptr<HttpSession>> open;
    {
      std::lock_guard lock(sessions_mu);
      for (HttpSession* s : sessions)
        if (auto keep = s->weak_from_this().lock()) open.push_back(std::move(keep));
    }
    for (auto& s : open) s->CloseIfIdle();
    // Wait for requests in flight, then stop.
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, timer, deadline, poll] {
      size_t open_now;
      {
        std::lock_guard lock(sessions_mu);
        open_now = sessions.size();
      }
      if (open_now == 0 || std::chrono::steady_clock::now() >= deadline) {
        if (open_now) spdlog::warn("shutdown: {} connection(s) still open after the drain timeout", open_now);
        ioc.stop();
        *poll = nullptr;  // break the self-reference
        return;
      }
      timer->expires_after(std::chrono::milliseconds(20));
      timer->async_wait([poll](beast::error_code) {
        if (*poll) (*poll)();
      });
    };
    (*poll)();
  });
}

HttpServer::HttpServer(const Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgument("--host", "not an IP address", "Địa chỉ --host không hợp lệ: " + impl_->options.host);
  tcp::endpoint ep(address, impl_->options.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Error(ErrorCode::kUnavailable, "Không mở được cổng " + std::to_string(impl_->options.port) + ": " + ec.message(),
                 "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " +
                     ec.message());
  impl_->bound_port = a.local_endpoint().port();
  return OkStatus();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::Run(bool handle_signals) {
  std::optional<asio::signal_set> signals;
  if (handle_signals) {
    signals.emplace(impl_->ioc, SIGTERM, SIGINT);
    signals->async_wait([this](beast::error_code ec, int sig) {
      if (ec) return;
      spdlog::info("signal {}: stopping (finishing requests in flight)", sig);
      impl_->BeginShutdown();
    });
  }
  if (!impl_->draining) impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::Shutdown() { impl_->BeginShutdown(); }

}  // namespace dxgov::api
