#include "core/task.h"

#include <algorithm>
#include <array>

#include "text/vn_text.h"

namespace dxgov {
namespace {

struct StatusInfo {
  const char* name;
  const char* vi;
  const char* en;
};
constexpr std::array<StatusInfo, 5> kStatuses = {{
    {"not_started", "Chưa triển khai", "Not started"},
    {"in_progress", "Đang triển khai", "In progress"},
    {"done", "Đã hoàn thành", "Done"},
    {"paused", "Tạm dừng", "Paused"},
    {"cancelled", "Đã hủy", "Cancelled"},
}};

constexpr size_t kMaxTitle = 2000;
constexpr size_t kMaxText = 100000;

int RomanValue(std::string_view s) {
  int total = 0, prev = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    int v = 0;
    switch (*it) {
      case 'I': v = 1; break;
      case 'V': v = 5; break;
      case 'X': v = 10; break;
      case 'L': v = 50; break;
      case 'C': v = 100; break;
      default: return -1;
    }
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  return total;
}

void AppendInt(std::string& key, uint32_t v) {
  key.push_back('\x02');
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>((v >> shift) & 0xFF));
}

}  // namespace

const char* TaskStatusName(TaskStatus s) { return kStatuses[static_cast<size_t>(s)].name; }
const char* TaskStatusLabelVi(TaskStatus s) { return kStatuses[static_cast<size_t>(s)].vi; }
const char* TaskStatusLabelEn(TaskStatus s) { return kStatuses[static_cast<size_t>(s)].en; }

std::optional<TaskStatus> ParseTaskStatus(std::string_view s) {
  for (size_t i = 0; i < kStatuses.size(); ++i)
    if (s == kStatuses[i].name) return static_cast<TaskStatus>(i);
  return std::nullopt;
}

Status ValidateTask(const Task& t) {
  std::vector<FieldError> errs;
  if (t.plan_id <= 0) errs.push_back({"/plan_id", "required"});
  if (text::CollapseWhitespace(t.title).empty()) errs.push_back({"/title", "required"});
  if (t.title.size() > kMaxTitle) errs.push_back({"/title", "at most 2000 bytes"});
  if (t.text.size() > kMaxText) errs.push_back({"/text", "at most 100000 bytes"});
  if (t.expected_output.size() > kMaxText) errs.push_back({"/expected_output", "at most 100000 bytes"});
  if (t.number.size() > 64) errs.push_back({"/number", "at most 64 bytes"});
  if (t.lead.unit_id.empty()) errs.push_back({"/lead/unit", "required"});
  if (t.progress_percent < 0 || t.progress_percent > 100) errs.push_back({"/progress_percent", "0..100"});
  if (t.status == TaskStatus::kDone && !t.completed_on)
    errs.push_back({"/completed_on", "required when status is done"});
  if (t.status != TaskStatus::kDone && t.completed_on)
    errs.push_back({"/completed_on", "only a done task has a completion date"});
  if (t.deadline) {
    auto s = ValidateDeadline(*t.deadline, "/deadline");
    if (!s.ok())
      for (const auto& f : s.error().fields()) errs.push_back(f);
  }
  for (size_t i = 0; i < t.coordinators.size(); ++i) {
    if (t.coordinators[i].unit_id.empty())
      errs.push_back({"/coordinators/" + std::to_string(i) + "/unit", "required"});
    if (t.coordinators[i].unit_id == t.lead.unit_id && !t.lead.unit_id.empty())
      errs.push_back({"/coordinators/" + std::to_string(i) + "/unit", "the lead cannot also coordinate"});
  }
  for (size_t i = 0; i < t.targets.size(); ++i) {
    auto s = ValidateTarget(t.targets[i], "/targets/" + std::to_string(i));
    if (!s.ok())
      for (const auto& f : s.error().fields()) errs.push_back(f);
  }
  if (t.parent_id && *t.parent_id == t.id && t.id != 0) errs.push_back({"/parent_id", "a task cannot be its own parent"});
  for (size_t i = 0; i < t.serves.size(); ++i) {
    const std::string path = "/serves/" + std::to_string(i);
    if (t.id != 0 && t.serves[i] == t.id) errs.push_back({path, "a task cannot serve itself"});
    else if (std::find(t.serves.begin(), t.serves.begin() + static_cast<long>(i), t.serves[i]) != t.serves.begin() + static_cast<long>(i))
      errs.push_back({path, "listed twice"});
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Nhiệm vụ không hợp lệ", "invalid task", std::move(errs));
}

Status ValidateProgress(const ProgressEntry& p) {
  std::vector<FieldError> errs;
  if (text::CollapseWhitespace(p.text).empty() && !p.percent && !p.status)
    errs.push_back({"/text", "give a text, a percent or a status"});
  if (p.text.size() > kMaxText) errs.push_back({"/text", "at most 100000 bytes"});
  if (p.percent && (*p.percent < 0 || *p.percent > 100)) errs.push_back({"/percent", "0..100"});
  if (p.completed_on && p.status != TaskStatus::kDone)
    errs.push_back({"/completed_on", "only with status done"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Báo cáo tiến độ không hợp lệ", "invalid progress entry",
               std::move(errs));
}

void ApplyProgress(const ProgressEntry& p, Date today, TaskStatus& status, std::optional<Date>& completed_on,
                   int& progress_percent) {
  if (p.percent) progress_percent = *p.percent;
  if (p.status) {
    status = *p.status;
    if (status == TaskStatus::kDone) {
      completed_on = p.completed_on.value_or(today);
      progress_percent = 100;
    } else {
      completed_on.reset();
    }
  } else if (p.percent && status == TaskStatus::kNotStarted && *p.percent > 0) {
    status = TaskStatus::kInProgress;
  }
}

std::string NumberSortKey(std::string_view number) {
  std::string key;
  size_t start = 0;
  while (start <= number.size()) {
    size_t dot = number.find('.', start);
    if (dot == std::string_view::npos) dot = number.size();
    std::string_view seg = number.substr(start, dot - start);
    if (!seg.empty()) {
      const bool digits = seg.find_first_not_of("0123456789") == std::string_view::npos;
      const int roman = digits ? -1 : RomanValue(seg);
      if (digits && seg.size() <= 9) {
        AppendInt(key, static_cast<uint32_t>(std::stoul(std::string(seg))));
      } else if (roman > 0) {
        AppendInt(key, static_cast<uint32_t>(roman));
      } else {
        key.push_back('\x03');
        key += text::SortKey(seg);
        key.push_back('\0');
      }
    }
    start = dot + 1;
  }
  return key;
}

}  // namespace dxgov
