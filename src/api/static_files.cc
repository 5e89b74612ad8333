#include "api/static_files.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

namespace dxgov::api {

namespace fs = std::filesystem;

namespace {

bool IsApiPath(const std::string& path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/version";
}

// A request path as a relative path under the root, or nullopt when it tries to leave it
// (".." segments, backslashes, NUL) or names a hidden file.
std::optional<fs::path> Relative(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return std::nullopt;
  fs::path out;
  std::istringstream segments(path.substr(1));
  for (std::string seg; std::getline(segments, seg, '/');) {
    if (seg.empty()) continue;
    if (seg == "." || seg == ".." || seg[0] == '.') return std::nullopt;
    out /= seg;
  }
  return out;
}

bool AcceptsGzip(const std::string& accept_encoding) {
  // "gzip" listed and not refused with q=0.
  const auto at = accept_encoding.find("gzip");
  if (at == std::string::npos) return false;
  const auto end = accept_encoding.find(',', at);
  const std::string item = accept_encoding.substr(at, end == std::string::npos ? std::string::npos : end - at);
  return item.find("q=0") == std::string::npos || item.find("q=0.") != std::string::npos;
}

std::optional<std::string> ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string MediaTypeOfName(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".geojson", "application/geo+json"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".jpg", "image/jpeg"},                 {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},                {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},               {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},  {".webmanifest", "application/manifest+json"},
      {".map", "application/json; charset=utf-8"},
  };
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  auto it = kTypes.find(name.substr(dot));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  built_ = !root_.empty() && fs::is_regular_file(root_ / "index.html", ec);
}

std::optional<HttpResponse> StaticFiles::Serve(const HttpRequest& req) const {
  if (IsApiPath(req.path)) return std::nullopt;
  if (!built_) return NotBuilt();
  const auto rel = Relative(req.path);
  if (!rel) {
    HttpResponse r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Không tìm thấy (not found)\n";
    return r;
  }
  std::error_code ec;
  const fs::path file = root_ / *rel;
  if (!rel->empty() && fs::is_regular_file(file, ec))
    return File(file, req, rel->begin()->string() == "assets");
  // A missing asset is an error (a stale page asking for an old build), not a page.
  if (!rel->empty() && (rel->begin()->string() == "assets" || rel->has_extension())) {
    HttpResponse r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Không tìm thấy (not found)\n";
    return r;
  }
  return File(root_ / "index.html", req, false);
}

HttpResponse StaticFiles::File(const fs::path& file, const HttpRequest& req, bool immutable) const {
  HttpResponse r;
  struct stat st {};
  if (stat(file.c_str(), &st) != 0) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Không tìm thấy (not found)\n";
    return r;
  }
  // Weak validator from size and modification time: a rebuilt bundle changes both.
  const std::string etag = "W/\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) + "\"";
  r.content_type = MediaTypeOfName(file.filename().string());
  r.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (req.if_none_match == etag) {
    r.status = 304;
    return r;
  }
  const fs::path gz = file.string() + ".gz";
  std::error_code ec;
  if (AcceptsGzip(req.accept_encoding) && fs::is_regular_file(gz, ec)) {
    if (auto body = ReadAll(gz)) {
      r.body = std::move(*body);
      r.headers.emplace_back("Content-Encoding", "gzip");
      return r;
    }
  }
  auto body = ReadAll(file);
  if (!body) {
    r.status = 500;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Không đọc được tệp (cannot read the file)\n";
    return r;
  }
  r.body = std::move(*body);
  return r;
}

HttpResponse StaticFiles::NotBuilt() const {
  HttpResponse r;
  r.status = 503;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.body = R"(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>dxgov — chưa có giao diện web</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Giao diện web chưa được xây dựng</h1>
<p>Máy chủ dxgov đang chạy và API vẫn phục vụ tại <a href="/api/plans">/api/…</a>
(xem <code>docs/api.md</code>). Để có giao diện web, xây dựng gói <code>web/dist</code> rồi khởi động lại máy chủ:</p>
<pre>scripts/build-web        # npm ci + vite build, trong thư mục web/</pre>
<p>hoặc chỉ định thư mục đã xây dựng: <code>dxgov serve --web-root DIR</code>.</p>
<hr>
<h2 lang="en">The web interface has not been built</h2>
<p lang="en">The dxgov server is running and the API is served under <a href="/api/plans">/api/…</a>
(see <code>docs/api.md</code>). To get the web interface, build <code>web/dist</code> with
<code>scripts/build-web</code> and restart the server, or point <code>--web-root</code> at a built bundle.</p>
</body></html>
)";
  return r;
}

}  // namespace dxgov::api
