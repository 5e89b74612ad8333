// The HTTP/JSON API of dxgov: every route, its parameters and its answers (docs/api.md).
// Transport-independent: the server hands over an HttpRequest and sends back what Handle
// returns. Thread-safe; holds no per-request state.
//
// Every route is declared once in a table with the Action it performs (core/access.h);
// Routes() lists that table so that tests can check each route against each role.
// Callers authenticate with a session cookie (browsers; writes also need X-CSRF-Token)
// or an API token ("Authorization: Bearer dxt_..."); without either they are anonymous.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/http_types.h"
#include "core/access.h"
#include "core/date.h"
#include "store/store.h"

namespace dxgov::auth {
class PasswordHasher;
class LoginThrottle;
}  // namespace dxgov::auth

namespace dxgov::notify {
class ReminderService;
}  // namespace dxgov::notify

namespace dxgov::api {

class EventHub;
class StaticFiles;

struct ApiOptions {
  int due_soon_days = 14;
  std::string version = "0.0.0";
  // Session cookies carry Secure when the public URL is https, or when a trusted proxy
  // says the request came over https (X-Forwarded-Proto).
  bool public_https = false;
  std::vector<std::string> trusted_proxies;
  // Argon2id cost; tests lower it, production keeps the defaults (auth/password.h).
  uint32_t hash_memory_kib = 19 * 1024;
  uint32_t hash_passes = 2;
  int max_hashes_in_flight = 2;
  // The reminder service "POST /api/reminders/run" runs; null: the route answers 503.
  notify::ReminderService* reminders = nullptr;
  // The built web application (web/dist); empty or without index.html: every page says how
  // to build it, and the API is served as ever.
  std::string web_root;
};

struct RouteInfo {
  std::string method;   // "GET"
  std::string pattern;  // "/api/tasks/{id}/progress"
  Action action;
};

class Api {
 public:
  // `store` and `clock` must outlive the Api.
  Api(Store& store, const Clock& clock, ApiOptions options);
  ~Api();

  HttpResponse Handle(const HttpRequest& req) const;

  // Where accepted figures are announced (GET /api/events); the server subscribes streams.
  EventHub& events() const { return *events_; }

  // Every route, in table order.
  static std::vector<RouteInfo> Routes();

  // A response carrying `error` in dxgov's error shape with the given HTTP status.
  static HttpResponse ErrorResponse(int status, const std::string& code, const std::string& message_vi,
                                    const std::string& message_en);

 private:
  Store& store_;
  const Clock& clock_;
  ApiOptions options_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::LoginThrottle> throttle_;
  std::unique_ptr<EventHub> events_;
  std::unique_ptr<StaticFiles> web_;
};

}  // namespace dxgov::api
