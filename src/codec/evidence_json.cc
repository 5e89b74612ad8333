#include "codec/evidence_json.h"

namespace dxgov::codec {

namespace json = boost::json;

json::object ToJson(const Evidence& e) {
  const bool file = e.kind == EvidenceKind::kFile;
  auto text_or_null = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
  return json::object{{"id", e.id},
                      {"owner", EvidenceOwnerName(e.owner)},
                      {"owner_id", e.owner_id},
                      {"kind", EvidenceKindName(e.kind)},
                      {"file_name", text_or_null(e.file_name)},
                      {"media_type", text_or_null(e.media_type)},
                      {"size", file ? json::value(e.size) : json::value(nullptr)},
                      {"sha256", text_or_null(e.sha256)},
                      {"url", text_or_null(e.url)},
                      {"title", e.title},
                      {"added_by", e.added_by},
                      {"created_at", e.created_at},
                      {"content", file && e.id > 0 ? json::value("/api/evidence/" + std::to_string(e.id) + "/content")
                                                   : json::value(nullptr)}};
}

}  // namespace dxgov::codec
