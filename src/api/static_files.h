// The web application's files (web/dist, built by Vite), served by `dxgov serve` itself so
// that no other web server is needed.
//
// A path names a file under the root; anything else that is not an API path is a page of
// the single-page application and gets index.html, which then routes in the browser. Files
// under /assets/ carry a content hash in their names and are cached for a year; index.html
// is revalidated on every load (ETag). A precompressed twin (file.gz) is sent to clients that
// accept gzip. Without a built bundle, every page is a short notice saying how to build it.
//
// No Beast, no JSON: plain values in and out (api/http_types.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "api/http_types.h"

namespace dxgov::api {

class StaticFiles {
 public:
  // `root` is the bundle's directory; empty or missing means "not built".
  explicit StaticFiles(std::filesystem::path root);

  // The answer for GET `req.path`, or nullopt for API paths (/api/..., /healthz, /version),
  // which are the router's. REQUIRES: req.method is GET.
  std::optional<HttpResponse> Serve(const HttpRequest& req) const;

  bool built() const { return built_; }

 private:
  HttpResponse File(const std::filesystem::path& file, const HttpRequest& req, bool immutable) const;
  HttpResponse NotBuilt() const;
  std::filesystem::path root_;
  bool built_ = false;
};

// The media type of a file name by its extension ("app.js" → "text/javascript; charset=utf-8").
std::string MediaTypeOfName(const std::string& name);

}  // namespace dxgov::api
