// A minimal blocking HTTP/1.1 client for tests: real TCP on loopback, one request per
// call (or several on one kept-alive connection with Connection).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dxgov::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

HttpResult Http(uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});

// Headers every request of this process carries unless the request sets them itself
// (the tests' credentials). Set before starting client threads.
void SetDefaultHeaders(std::vector<std::pair<std::string, std::string>> headers);

// Signs in through POST /api/session; returns the Cookie and X-CSRF-Token headers of the
// new session, or nothing when sign-in failed.
std::vector<std::pair<std::string, std::string>> SignIn(uint16_t port, const std::string& login,
                                                        const std::string& password);

// Percent-encodes a query value.
std::string UrlEncode(const std::string& s);

// A kept-alive connection that sends several requests in turn.
class Connection {
 public:
  explicit Connection(uint16_t port);
  ~Connection();
  HttpResult Request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dxgov::testing
