// Routes for evidence (core/evidence.h): files and links attached to a progress entry or a
// report-cycle submission, and the files served back.
//
//   POST /api/evidence?progress=ID|submission=ID&name=FILE[&title=]  body: the file's bytes
//   POST /api/evidence?progress=ID|submission=ID                     body: {"url","title"}
//   GET  /api/evidence?progress=ID|submission=ID                     what is attached
//   GET  /api/evidence/{id}, GET /api/evidence/{id}/content
//
// Evidence is seen by whoever may see what it backs (a progress entry: the task's readers
// who are signed in; a submission: the unit's report readers), and added by whoever may
// report it (the unit's reporters, or the entry's own author). A file is what its bytes
// say it is: the name and the Content-Type the client sends are never trusted.
#include <boost/json.hpp>

#include <cctype>
#include <climits>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/query_params.h"
#include "codec/evidence_json.h"
#include "evidence/media_type.h"

namespace dxgov::api {

namespace {

}  // namespace

std::optional<HttpResponse> Handler::AuthorizeEvidence(EvidenceOwner owner, int64_t owner_id, bool adding) {
  if (owner == EvidenceOwner::kProgress) {
    auto entry = store_.GetProgress(owner_id);
    if (!entry.ok()) return FromError(entry.error());
    auto task = store_.GetTask(entry->task_id);
    if (!task.ok()) return FromError(task.error());
    Subject subject = TaskSubject(*task);
    if (!adding) return Authorize(Action::kReadInternal, subject);
    // The entry's author documents their own entry; otherwise the unit's reporters do.
    if (principal_ && principal_->name == entry->author) return Authorize(Action::kReadInternal, subject);
    subject.reporting_unit = entry->unit_id;
    return Authorize(Action::kReportProgress, subject);
  }
  auto submission = store_.GetSubmission(owner_id);
  if (!submission.ok()) return FromError(submission.error());
  Subject subject;
  subject.reporting_unit = submission->unit_id;
  if (!adding) return Authorize(Action::kReadReport, subject);
  if (auto no = Authorize(Action::kSubmitReport, subject)) return no;
  // A submitted or accepted report is what the agency reviews: it changes only when returned.
  if (submission->state != SubmissionState::kDraft && submission->state != SubmissionState::kReturned) {
    Error e(ErrorCode::kConflict, "Báo cáo đã gửi, không thêm được minh chứng",
            std::string("a ") + SubmissionStateName(submission->state) + " submission takes no more evidence");
    e.detail = SubmissionStateName(submission->state);
    return FromError(e);
  }
  return std::nullopt;
}

std::optional<HttpResponse> Handler::EvidenceOwnerParam(QueryParams& p, EvidenceOwner& owner, int64_t& owner_id) {
  auto progress = p.Int("progress", 1, INT64_MAX);
  auto submission = p.Int("submission", 1, INT64_MAX);
  if (progress.has_value() == submission.has_value())
    p.Fail("/query/progress", "name exactly one of progress=ID or submission=ID");
  if (auto bad = p.Problems()) return FromError(*bad);
  owner = progress ? EvidenceOwner::kProgress : EvidenceOwner::kSubmission;
  owner_id = progress ? *progress : *submission;
  return std::nullopt;
}

HttpResponse Handler::AddEvidence() {
  QueryParams p(req_.query, {"progress", "submission", "name", "title"});
  const std::string name = p.Str("name").value_or("");
  const std::string title = p.Str("title").value_or("");
  EvidenceOwner owner;
  int64_t owner_id = 0;
  if (auto bad = EvidenceOwnerParam(p, owner, owner_id)) return *bad;
  if (auto no = AuthorizeEvidence(owner, owner_id, true)) return *no;

  Evidence e;
  e.owner = owner;
  e.owner_id = owner_id;
  if (req_.content_type == "application/json") {
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto fields = StringFields(*body, {"url"}, {"title"}, fail);
    if (!fields) return fail;
    e.kind = EvidenceKind::kLink;
    e.url = fields->at("url");
    if (auto t = fields->find("title"); t != fields->end()) e.title = t->second;
  } else {
    if (static_cast<int64_t>(req_.body.size()) > kMaxEvidenceBytes)
      return FromError(Error(ErrorCode::kPayloadTooLarge, "Tệp minh chứng vượt quá 10 MB",
                             "evidence files are at most " + std::to_string(kMaxEvidenceBytes) + " bytes"));
    if (req_.body.empty())
      return Unprocessable(InvalidArgument("/body", "send the file's bytes as the body", "Chưa có nội dung tệp"));
    auto type = evidence::DetectMediaType(req_.body);
    if (!type.ok()) return FromError(type.error());
    if (!AcceptedEvidenceType(*type))
      return FromError(Error(ErrorCode::kUnsupportedMediaType,
                             "Loại tệp không được chấp nhận làm minh chứng; chấp nhận: " + AcceptedEvidenceTypesVi(),
                             "a file of type " + *type + " is not accepted as evidence; accepted: " +
                                 AcceptedEvidenceTypesVi()));
    e.kind = EvidenceKind::kFile;
    e.media_type = *type;
    e.size = static_cast<int64_t>(req_.body.size());
    e.file_name = CleanFileName(name.empty() ? "minh-chung." + std::string(ExtensionOf(*type)) : name);
  }
  e.title = title.empty() ? e.title : title;
  Evidence check = e;
  if (check.kind == EvidenceKind::kFile) check.sha256 = std::string(64, '0');  // known once the bytes are kept
  if (Status v = ValidateEvidence(check); !v.ok()) return Unprocessable(v.error());
  // The bytes first: a file no record names is harmless; a record without its file is not.
  if (e.kind == EvidenceKind::kFile) {
    auto sha = store_.PutFile(req_.body);
    if (!sha.ok()) return FromError(sha.error());
    e.sha256 = std::move(sha).value();
  }
  int64_t id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(id, txn.AddEvidence(e));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetEvidence(id);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = JsonResponse(201, codec::ToJson(*stored));
  r.headers.emplace_back("Location", "/api/evidence/" + std::to_string(id));
  return r;
}

HttpResponse Handler::ListEvidence() {
  QueryParams p(req_.query, {"progress", "submission"});
  EvidenceOwner owner;
  int64_t owner_id = 0;
  if (auto bad = EvidenceOwnerParam(p, owner, owner_id)) return *bad;
  if (auto no = AuthorizeEvidence(owner, owner_id, false)) return *no;
  auto items = store_.ListEvidence(owner, owner_id);
  if (!items.ok()) return FromError(items.error());
  json::array out;
  for (const auto& e : *items) out.push_back(codec::ToJson(e));
  return JsonResponse(200, WholeList(std::move(out)));
}

std::optional<HttpResponse> Handler::LoadVisibleEvidence(Evidence& out) {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto e = store_.GetEvidence(id_);
  if (!e.ok()) return FromError(e.error());
  if (auto no = AuthorizeEvidence(e->owner, e->owner_id, false)) return no;
  out = std::move(e).value();
  return std::nullopt;
}

HttpResponse Handler::GetEvidence() {
  Evidence e;
  if (auto no = LoadVisibleEvidence(e)) return *no;
  return JsonResponse(200, codec::ToJson(e));
}

HttpResponse Handler::GetEvidenceContent() {
  Evidence e;
  if (auto no = LoadVisibleEvidence(e)) return *no;
  if (e.kind != EvidenceKind::kFile)
    return FromError(NotFound("tệp của minh chứng", "file of evidence", std::to_string(e.id)));
  const std::string etag = "\"" + e.sha256 + "\"";
  HttpResponse r;
  if (!req_.if_none_match.empty() && req_.if_none_match == etag) {
    r.status = 304;
    r.content_type.clear();
  } else {
    auto bytes = store_.ReadFile(e.sha256);
    if (!bytes.ok()) return FromError(bytes.error());
    r.content_type = e.media_type;
    r.body = std::move(bytes).value();
  }
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Content-Disposition", ContentDisposition(e.file_name));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // Never rendered as a page of this origin, whatever a browser makes of it.
  r.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
  r.headers.emplace_back("Cache-Control", "private, max-age=0, must-revalidate");
  return r;
}

}  // namespace dxgov::api
