// Evidence: the files and links that back a progress entry or a report-cycle submission
// ("kèm theo tài liệu minh chứng"): a signed decision as PDF, a spreadsheet of figures, a
// photo of a launched service, a link to a published page.
//
// A file is kept once per content, by its SHA-256, beside the database; an evidence record
// names the file (or the link) and what it backs. What a file is comes from its bytes, never
// from its name: the caller detects the media type and the core decides whether it is
// accepted. Evidence is never deleted; it is seen by whoever may see what it backs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dxgov {

enum class EvidenceOwner { kProgress, kSubmission };
const char* EvidenceOwnerName(EvidenceOwner o);  // "progress", "submission"
std::optional<EvidenceOwner> ParseEvidenceOwner(std::string_view s);

enum class EvidenceKind { kFile, kLink };
const char* EvidenceKindName(EvidenceKind k);  // "file", "link"

// The largest file accepted, in bytes.
inline constexpr int64_t kMaxEvidenceBytes = 10 << 20;

// The media types accepted as evidence (PDF, Word and Excel documents, images), as libmagic
// names them, with the file extension each is served under.
bool AcceptedEvidenceType(std::string_view media_type);
std::string_view ExtensionOf(std::string_view media_type);  // "pdf", "docx", ...; "" when not accepted
// Vietnamese list of what is accepted, for error messages: "PDF, DOCX, XLSX, PNG, JPEG, ...".
std::string AcceptedEvidenceTypesVi();

struct Evidence {
  int64_t id = 0;
  EvidenceOwner owner = EvidenceOwner::kProgress;
  int64_t owner_id = 0;      // the progress entry's or the submission's id
  EvidenceKind kind = EvidenceKind::kFile;
  // A file:
  std::string sha256;        // lowercase hex of the content
  std::string file_name;     // as uploaded, cleaned (no directories)
  std::string media_type;    // detected from the content
  int64_t size = 0;
  // A link:
  std::string url;           // http or https
  // Both:
  std::string title;         // what it is, optional ("Quyết định 123/QĐ-UBND")
  std::string added_by;
  std::string created_at;
};

// The name a file is kept under: the last path component of `given` (either separator),
// control characters removed, at most 200 bytes on a character boundary; "tep-dinh-kem"
// when nothing is left.
std::string CleanFileName(std::string_view given);

// Checks the record's shape: an owner, a file with a 64-hex sha256, a clean name, an
// accepted media type and 1..kMaxEvidenceBytes bytes; or a link with an http(s) URL of at
// most 2,000 bytes and no spaces or control characters; a title of at most 500 bytes.
// Field paths: /owner_id, /sha256, /file_name, /media_type, /size, /url, /title.
Status ValidateEvidence(const Evidence& e);

}  // namespace dxgov
