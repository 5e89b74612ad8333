// The HTTP/JSON API of dxgov: every route, its parameters and its answers (docs/api.md).
// Transport-independent: the server hands over an HttpRequest and sends back what Handle
// returns. Thread-safe; holds no per-request state.
#pragma once

#include <string>

#include "api/http_types.h"
#include "core/date.h"
#include "store/store.h"

namespace dxgov::api {

struct ApiOptions {
  int due_soon_days = 14;
  std::string version = "0.0.0";
};

class Api {
 public:
  // `store` and `clock` must outlive the Api.
  Api(Store& store, const Clock& clock, ApiOptions options);

  HttpResponse Handle(const HttpRequest& req) const;

  // A response carrying `error` in dxgov's error shape with the given HTTP status.
  static HttpResponse ErrorResponse(int status, const std::string& code, const std::string& message_vi,
                                    const std::string& message_en);

 private:
  Store& store_;
  const Clock& clock_;
  ApiOptions options_;
};

}  // namespace dxgov::api
