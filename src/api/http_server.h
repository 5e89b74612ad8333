// The HTTP/1.1 server in front of the API (Boost.Beast/Asio, kept inside http_server.cc).
//
// Lifecycle: Listen() binds (port 0 picks a free one), Run() serves on a few threads until
// Shutdown() or, when asked, SIGTERM/SIGINT. Shutting down stops accepting, closes idle
// keep-alive connections, lets requests in flight finish for up to `drain_timeout`, then
// Run() returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/routes.h"
#include "core/status.h"

namespace dxgov::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 4;
  size_t max_body_bytes = 1 << 20;
  // Plan documents and reviewed proposals (POST under /api/imports) may be larger: the
  // importer reads documents up to 8 MB.
  size_t max_upload_bytes = 12 << 20;
  size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds drain_timeout{10000};
  std::chrono::seconds idle_timeout{60};
  bool access_log = true;
};

class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(const Api& api, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  Status Listen();
  uint16_t port() const;
  void Run(bool handle_signals);
  // Thread-safe; may be called before or during Run.
  void Shutdown();

  struct Impl;  // opaque; public only so that the implementation's session class can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace dxgov::api
