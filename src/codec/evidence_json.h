// Evidence -> JSON (docs/api.md, "Evidence"). Read-only: a client sends a file as the
// request body and a link as {"url","title"}, which the API reads itself.
//   {"id":4,"owner":"progress","owner_id":12,"kind":"file","file_name":"Biên bản.pdf",
//    "media_type":"application/pdf","size":48213,"sha256":"…","title":"","url":null,
//    "added_by":"hanoi","created_at":"…","content":"/api/evidence/4/content"}
#pragma once

#include <boost/json/object.hpp>

#include "core/evidence.h"

namespace dxgov::codec {

boost::json::object ToJson(const Evidence& e);

}  // namespace dxgov::codec
