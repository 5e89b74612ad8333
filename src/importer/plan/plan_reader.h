// Reads a plan document into a Proposal: the importer's entry point.
//
// The rules (docs/import-format.md has an example of each):
//   - The plan is the part under a "KẾ HOẠCH" heading when the file has one (a decision
//     with its plan attached, or a pack of session papers), else the whole first document.
//     It ends where the next document starts (another national motto, or "VĂN BẢN THAM
//     KHẢO"). The header before it gives number, place, date, issuer and signer.
//   - Numbering, not heading depth, makes the outline: Roman sections, Arabic items
//     ("1.", "2.1."), lettered sub-items ("a)" ... "đ)"), then "(1)" and bullets.
//   - Tasks come from sections whose title speaks of tasks or activities ("nhiệm vụ",
//     "hoạt động", "giải pháp", "công việc"), or from the whole plan when it has no Roman
//     sections. One task per lettered sub-item, else one per numbered item. Lettered
//     details of one activity (a label among them, none with its own lead or deadline) and
//     lettered statements about another agency ("Bộ ... đã thiết lập ...") are sub-items.
//     Bullets are tasks only where the text announces a count ("thực hiện 6 nhiệm vụ sau
//     đây"); an inline "(1) ... (4)" list counts as several when the count needs it.
//   - Objectives come from sections titled "mục tiêu".
//   - Lead: a "Đơn vị chủ trì:" label, else the sentence ("Bộ trưởng X chủ trì", a
//     sentence that opens with an agency), else the item's heading when it names an agency,
//     else the document's addressees. Coordinators: the "Đơn vị/Cơ quan phối hợp:" label,
//     else "phối hợp (với|cùng) X" or "X và Y phối hợp". Deadline: the "Thời gian/Thời hạn
//     hoàn thành:" label, else the latest dated clause (all kept as milestones).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/unit.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

struct ReadOptions {
  std::string file_name;  // shown in the proposal's source
  size_t max_bytes = 8u << 20;
};

// REQUIRES: registry non-null. Errors: the input errors of ReadSourceLines (empty, not
// UTF-8, too large). Everything else the reader is unsure of becomes a warning.
Result<Proposal> ReadPlanDocument(std::string_view bytes, std::shared_ptr<const UnitRegistry> registry,
                                  const ReadOptions& options = {});

}  // namespace dxgov::importer
