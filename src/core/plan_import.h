// A plan document uploaded for import, and where its review stands.
//
// Uploading a document keeps it with the proposal the importer read from it, so that a
// review can be resumed or handed to a colleague; nothing of it is a plan yet. Committing
// the reviewed proposal creates the plan, its objectives and tasks and marks the import
// committed with the plan's id; discarding it ends the review. An import is never deleted.
// The proposal is kept as its JSON text (codec/proposal_json.h): the core does not read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dxgov {

enum class ImportState { kPending, kCommitted, kDiscarded };
const char* ImportStateName(ImportState s);     // "pending", "committed", "discarded"
const char* ImportStateLabelVi(ImportState s);  // "Chờ duyệt", "Đã ghi thành kế hoạch", "Đã hủy"
std::optional<ImportState> ParseImportState(std::string_view s);

struct PlanImport {
  int64_t id = 0;
  std::string sha256;     // of the uploaded bytes, lowercase hex
  std::string file_name;  // as the uploader named it
  std::string issuer_id;  // the issuer the importer resolved; "" when it found none
  std::string number;     // the decision number as read; "" for a draft
  std::string title;
  int task_count = 0;     // in the proposal as read (a summary for lists)
  int warning_count = 0;
  ImportState state = ImportState::kPending;
  std::optional<int64_t> plan_id;  // the plan it became; set exactly when committed
  std::string document;   // the uploaded text (UTF-8); lists leave it empty
  std::string proposal;   // JSON: as read while pending, as committed once committed; lists leave it empty
  std::string uploaded_by;
  std::string decided_by;  // who committed or discarded it
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Field rules: sha256 is 64 hex digits, a file name, document and proposal are present,
// the plan id is set exactly when committed, counts are not negative.
Status ValidatePlanImport(const PlanImport& i);

struct ImportQuery {
  std::string sha256;                    // only imports of this document
  std::optional<ImportState> state;
  int limit = 50;
  int64_t offset = 0;
};

}  // namespace dxgov
