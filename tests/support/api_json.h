// Reading API answers in tests: the body as JSON, and the field paths of an error answer.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "support/http_client.h"

namespace dxgov::testing {

// The body as JSON; a null value when it is not JSON.
inline boost::json::value Json(const HttpResult& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  return ec ? boost::json::value() : v;
}

// The paths of error.fields, in order; empty for an answer that is not an error.
inline std::vector<std::string> ErrorPaths(const HttpResult& r) {
  std::vector<std::string> out;
  const boost::json::value v = Json(r);
  if (!v.is_object() || !v.as_object().contains("error")) return out;
  for (const auto& f : v.at("error").at("fields").as_array()) out.emplace_back(f.at("path").as_string());
  return out;
}

}  // namespace dxgov::testing
