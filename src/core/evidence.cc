#include "core/evidence.h"

#include <algorithm>
#include <array>

#include "text/vn_text.h"

namespace dxgov {
namespace {

struct AcceptedType {
  std::string_view media_type;
  std::string_view extension;
};

// libmagic's names. Office documents are recognised by their zip entries, so a .docx
// renamed .pdf is still a Word document, and a zip of anything else is refused.
constexpr std::array<AcceptedType, 9> kAccepted{{
    {"application/pdf", "pdf"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    {"application/vnd.oasis.opendocument.text", "odt"},
    {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
    {"image/png", "png"},
    {"image/jpeg", "jpg"},
    {"image/gif", "gif"},
    {"image/webp", "webp"},
}};

bool IsHex64(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The length of the longest prefix of `s` of at most `max` bytes that ends on a UTF-8
// character boundary.
size_t Utf8Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s.size();
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

const char* EvidenceOwnerName(EvidenceOwner o) { return o == EvidenceOwner::kProgress ? "progress" : "submission"; }

std::optional<EvidenceOwner> ParseEvidenceOwner(std::string_view s) {
  if (s == "progress") return EvidenceOwner::kProgress;
  if (s == "submission") return EvidenceOwner::kSubmission;
  return std::nullopt;
}

const char* EvidenceKindName(EvidenceKind k) { return k == EvidenceKind::kFile ? "file" : "link"; }

bool AcceptedEvidenceType(std::string_view media_type) { return !ExtensionOf(media_type).empty(); }

std::string_view ExtensionOf(std::string_view media_type) {
  for (const auto& a : kAccepted)
    if (a.media_type == media_type) return a.extension;
  return {};
}

std::string AcceptedEvidenceTypesVi() {
  std::string out;
  for (const auto& a : kAccepted) {
    if (!out.empty()) out += ", ";
    for (char c : a.extension) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

std::string CleanFileName(std::string_view given) {
  const size_t slash = given.find_last_of("/\\");
  if (slash != std::string_view::npos) given.remove_prefix(slash + 1);
  std::string out;
  for (char c : given)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  out = text::CollapseWhitespace(out);
  if (out == "." || out == "..") out.clear();
  out.resize(Utf8Prefix(out, 200));
  return out.empty() ? "tep-dinh-kem" : out;
}

Status ValidateEvidence(const Evidence& e) {
  std::vector<FieldError> errs;
  if (e.owner_id <= 0) errs.push_back({"/owner_id", "required"});
  if (e.kind == EvidenceKind::kFile) {
    if (!IsHex64(e.sha256)) errs.push_back({"/sha256", "must be 64 lowercase hex digits"});
    if (e.file_name.empty() || e.file_name != CleanFileName(e.file_name)) errs.push_back({"/file_name", "not a clean file name"});
    if (!AcceptedEvidenceType(e.media_type))
      errs.push_back({"/media_type", "'" + e.media_type + "' is not accepted; accepted: " + AcceptedEvidenceTypesVi()});
    if (e.size <= 0 || e.size > kMaxEvidenceBytes)
      errs.push_back({"/size", "must be 1.." + std::to_string(kMaxEvidenceBytes) + " bytes"});
    if (!e.url.empty()) errs.push_back({"/url", "a file has no URL"});
  } else {
    const bool scheme = e.url.rfind("https://", 0) == 0 || e.url.rfind("http://", 0) == 0;
    const bool clean = std::none_of(e.url.begin(), e.url.end(),
                                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; });
    const size_t host_at = scheme ? e.url.find("://") + 3 : 0;
    if (!scheme || !clean || e.url.size() > 2000 || e.url.size() <= host_at || e.url[host_at] == '/')
      errs.push_back({"/url", "must be an http or https address of at most 2000 bytes, without spaces"});
    if (!e.sha256.empty() || !e.media_type.empty() || e.size != 0) errs.push_back({"/sha256", "a link has no file"});
  }
  if (e.title.size() > 500) errs.push_back({"/title", "at most 500 bytes"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Tài liệu minh chứng không hợp lệ", "invalid evidence", std::move(errs));
}

}  // namespace dxgov
