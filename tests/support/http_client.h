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
