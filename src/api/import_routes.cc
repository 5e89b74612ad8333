// Routes for plan imports: upload a document, review the proposal, commit or discard it.

#include "api/internal/handler.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/json_codec.h"
#include "text/vn_text.h"
#include "importer/plan/commit.h"
#include "importer/plan/plan_reader.h"
#include "codec/proposal_json.h"
#include "auth/secret.h"

namespace dxgov::api {

Subject Handler::ImportSubject(const PlanImport& i) const {
  Subject s;
  s.published = false;
  s.plan_issuer = i.issuer_id;
  s.owner = i.uploaded_by;
  return s;
}

// Earlier records of the same document: committed imports of the same bytes, and plans
// with the same decision number from the same issuer (a plan typed in before imports
// existed, or loaded with the demo data). Each as {"import"|"plan": id, "key", "reason"}.
Result<json::array> Handler::DuplicatesOf(const std::string& sha256, const std::string& number, const std::string& issuer,
                                 int64_t except_import) {
  json::array out;
  ImportQuery q;
  q.sha256 = sha256;
  q.state = ImportState::kCommitted;
  q.limit = kMaxLimit;
  DX_ASSIGN_OR_RETURN(auto same, store_.ListImports(q));
  std::set<int64_t> plans;
  for (const auto& i : same.items) {
    if (i.id == except_import || !i.plan_id) continue;
    plans.insert(*i.plan_id);
    out.push_back(json::object{{"import", i.id}, {"plan", *i.plan_id}, {"reason", "same_document"}});
  }
  if (!number.empty() && !issuer.empty()) {
    PlanQuery pq;
    pq.issuer = issuer;
    pq.limit = kMaxLimit;
    DX_ASSIGN_OR_RETURN(auto theirs, store_.ListPlans(pq));
    for (const auto& p : theirs.items)
      if (!plans.count(p.id) && text::Fold(p.decision_number) == text::Fold(number))
        out.push_back(json::object{{"plan", p.id}, {"key", p.key}, {"reason", "same_number_and_issuer"}});
  }
  return out;
}

// POST /api/imports?name=FILE with the document as the body (text/plain or text/markdown,
// UTF-8): reads it and keeps it as a pending import with the proposal. Nothing of it is a
// plan until committed.
HttpResponse Handler::UploadImport() {
  QueryParams p(req_.query, {"name"});
  std::string name = p.Str("name").value_or("tai-lieu.txt");
  if (name.empty() || name.size() > 255) p.Fail("/query/name", "a file name of 1 to 255 bytes");
  if (auto bad = p.Problems()) return FromError(*bad);
  const std::string& type = req_.content_type;
  if (type != "text/plain" && type != "text/markdown" && type != "text/x-markdown" && type != "application/octet-stream")
    return FromError(Error(ErrorCode::kUnsupportedMediaType,
                           "Tài liệu phải là văn bản UTF-8 (text/plain hoặc text/markdown)",
                           "the document must be UTF-8 text (text/plain or text/markdown)"));
  auto proposal = importer::ReadPlanDocument(req_.body, reg_, importer::ReadOptions{name});
  if (!proposal.ok()) return Unprocessable(proposal.error());
  proposal->source.sha256 = auth::Sha256Hex(req_.body);
  PlanImport imp;
  imp.sha256 = proposal->source.sha256;
  imp.file_name = name;
  imp.issuer_id = proposal->source.issuer.unit_id;
  imp.number = proposal->source.number;
  imp.title = proposal->source.title;
  imp.task_count = static_cast<int>(proposal->tasks.size());
  imp.warning_count = static_cast<int>(proposal->warnings.size());
  imp.document = req_.body;
  json::object proposal_json = codec::ToJson(*proposal);
  imp.proposal = codec::Serialize(proposal_json);
  auto duplicates = DuplicatesOf(imp.sha256, imp.number, imp.issuer_id, 0);
  if (!duplicates.ok()) return FromError(duplicates.error());
  int64_t id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(id, txn.CreateImport(imp));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetImport(id);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = JsonResponse(201, json::object{{"import", codec::ToJson(*stored)},
                                                  {"duplicates", std::move(duplicates).value()},
                                                  {"proposal", std::move(proposal_json)}});
  r.headers.emplace_back("Location", "/api/imports/" + std::to_string(id));
  return r;
}

// Imports the caller may see, newest first.
HttpResponse Handler::ListImports() {
  QueryParams p(req_.query, {"state", "sha256", "limit", "offset"});
  ImportQuery q;
  if (auto s = p.Str("state")) {
    q.state = ParseImportState(*s);
    if (!q.state) p.Fail("/query/state", "pending, committed or discarded");
  }
  q.sha256 = p.Str("sha256").value_or("");
  int limit = kDefaultLimit;
  int64_t offset = 0;
  p.Page(limit, offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  // Visibility is decided per import; imports are few (a plan a unit a year).
  q.limit = INT32_MAX;
  auto all = store_.ListImports(q);
  if (!all.ok()) return FromError(all.error());
  json::array items;
  int64_t total = 0;
  for (const auto& i : all->items) {
    if (Decide(Caller(), Action::kImportPlan, ImportSubject(i), *reg_, Today()) != Verdict::kAllow) continue;
    if (total++ < offset || static_cast<int64_t>(items.size()) >= limit) continue;
    items.push_back(codec::ToJson(i));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}, {"limit", limit}, {"offset", offset}});
}

// Loads the import the path names into `out` when the request has no query parameters and
// the caller may see the import; otherwise the response to send.
std::optional<HttpResponse> Handler::LoadVisibleImport(PlanImport& out) {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto imp = store_.GetImport(id_);
  if (!imp.ok()) return FromError(imp.error());
  if (auto refused = Authorize(ImportSubject(*imp))) return refused;
  out = std::move(imp).value();
  return std::nullopt;
}

HttpResponse Handler::GetImport() {
  PlanImport imp;
  if (auto fail = LoadVisibleImport(imp)) return *fail;
  auto proposal = codec::ParseJson(imp.proposal);
  if (!proposal.ok()) return FromError(Internal("stored proposal unreadable: " + proposal.error().message_en()));
  auto duplicates = DuplicatesOf(imp.sha256, imp.number, imp.issuer_id, imp.id);
  if (!duplicates.ok()) return FromError(duplicates.error());
  return WithETag(JsonResponse(200, json::object{{"import", codec::ToJson(imp)},
                                                 {"duplicates", std::move(duplicates).value()},
                                                 {"proposal", std::move(proposal).value()}}),
                  imp.version);
}

// The document as uploaded, for reading beside the proposal (its line numbers refer to it).
HttpResponse Handler::GetImportDocument() {
  PlanImport imp;
  if (auto fail = LoadVisibleImport(imp)) return *fail;
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(imp.document);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

// The refusal for an import that is no longer pending: committed (re-committing the same
// document) or discarded.
HttpResponse Handler::NotPending(const PlanImport& i) {
  if (i.state == ImportState::kCommitted && i.plan_id) {
    const std::string plan = std::to_string(*i.plan_id);
    return FromError(Error(ErrorCode::kConflict, "Tài liệu này đã được ghi thành kế hoạch số " + plan,
                           "this import was already committed as plan " + plan,
                           {FieldError{"/plan", "already committed as plan " + plan}}));
  }
  return FromError(Error(ErrorCode::kConflict, "Bản nhập này đã bị hủy; hãy tải tài liệu lên lại",
                         "this import was discarded; upload the document again", {FieldError{"/state", "discarded"}}));
}

// POST /api/imports/{id}/commit {"proposal"?: the reviewed proposal, "key"?, "parent"?: plan
// id, "published"?, "unresolved_to_issuer"?}: the plan, its objectives and tasks in one transaction, and the import
// marked committed with the proposal as committed.
HttpResponse Handler::CommitImport() {
  PlanImport imp;
  if (auto fail = LoadVisibleImport(imp)) return *fail;
  HttpResponse fail;
  std::optional<json::value> body = json::object{};
  if (!req_.body.empty() || !req_.content_type.empty()) {
    body = Body(fail, false);
    if (!body) return fail;
  }
  const json::object& o = body->as_object();
  std::vector<FieldError> errs;
  importer::CommitOptions options;
  for (const auto& kv : o)
    if (kv.key() != "proposal" && kv.key() != "key" && kv.key() != "parent" && kv.key() != "published" &&
        kv.key() != "unresolved_to_issuer")
      errs.push_back({"/" + std::string(kv.key()), "unknown field"});
  if (const auto* k = o.if_contains("key")) {
    if (!k->is_string()) errs.push_back({"/key", "a string"});
    else options.key = std::string(k->get_string());
  }
  if (const auto* pub = o.if_contains("published")) {
    if (!pub->is_bool()) errs.push_back({"/published", "true or false"});
    else options.published = pub->get_bool();
  }
  if (const auto* u = o.if_contains("unresolved_to_issuer")) {
    if (!u->is_bool()) errs.push_back({"/unresolved_to_issuer", "true or false"});
    else options.unresolved_to_issuer = u->get_bool();
  }
  if (const auto* parent = o.if_contains("parent"); parent && !parent->is_null()) {
    if (!parent->is_int64() || parent->get_int64() <= 0) errs.push_back({"/parent", "a plan id"});
    else options.parent_plan_id = parent->get_int64();
  }
  if (!errs.empty())
    return Unprocessable(Error(ErrorCode::kInvalidArgument, "Yêu cầu ghi kế hoạch không hợp lệ", "invalid commit request",
                               std::move(errs)));
  if (imp.state != ImportState::kPending) return NotPending(imp);

  // The reviewed proposal, or the one read at upload when the reviewer changed nothing.
  Result<importer::Proposal> proposal = Error(ErrorCode::kInternal, "", "");
  if (const auto* given = o.if_contains("proposal")) {
    proposal = codec::ProposalFromJson(*given);
    if (!proposal.ok()) {
      std::vector<FieldError> fields;
      for (const auto& f : proposal.error().fields()) fields.push_back({"/proposal" + f.path, f.reason});
      return Unprocessable(Error(ErrorCode::kInvalidArgument, proposal.error().message_vi(),
                                 proposal.error().message_en(), std::move(fields)));
    }
  } else {
    auto stored = codec::ParseJson(imp.proposal);
    if (!stored.ok()) return FromError(Internal("stored proposal unreadable"));
    proposal = codec::ProposalFromJson(*stored);
    if (!proposal.ok()) return FromError(Internal("stored proposal unreadable: " + proposal.error().message_en()));
  }
  // Where the document came from is not the reviewer's to change.
  proposal->source.sha256 = imp.sha256;
  proposal->source.file = imp.file_name;

  auto records = importer::RecordsFromProposal(*proposal, *reg_, options);
  if (!records.ok()) return Unprocessable(records.error());
  // The plan does not exist yet, so there is no draft to hide: the question is only whether
  // the caller edits the issuer's plans (403 when not).
  Subject target;
  target.plan_issuer = records->plan.issuer_id;
  if (auto no = Authorize(Action::kEditPlan, target)) return *no;
  if (options.parent_plan_id) {
    auto parent = store_.GetPlan(*options.parent_plan_id);
    if (!parent.ok() || Decide(Caller(), Action::kRead, PlanSubject(*parent), *reg_, Today()) != Verdict::kAllow)
      return Unprocessable(InvalidArgument("/parent", "no such plan", "Không có kế hoạch cấp trên này"));
  }
  auto duplicates = DuplicatesOf(imp.sha256, records->plan.decision_number, records->plan.issuer_id, imp.id);
  if (!duplicates.ok()) return FromError(duplicates.error());
  if (!duplicates->empty()) {
    const json::object& d = duplicates->front().as_object();
    const std::string plan = std::to_string(d.at("plan").as_int64());
    const bool same_document = d.at("reason").as_string() == "same_document";
    return FromError(Error(
        ErrorCode::kConflict,
        same_document ? "Tài liệu này đã được ghi thành kế hoạch số " + plan
                      : "Đã có kế hoạch số " + plan + " cùng số hiệu " + records->plan.decision_number + " của cùng cơ quan ban hành",
        same_document ? "the same document was already committed as plan " + plan
                      : "plan " + plan + " has the same decision number from the same issuer",
        {FieldError{"/plan", "already committed as plan " + plan}}));
  }

  PlanImport done = imp;
  done.state = ImportState::kCommitted;
  done.decided_by = Who().user;
  done.proposal = codec::Serialize(codec::ToJson(*proposal));
  int64_t plan_id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(plan_id, txn.CreatePlan(records->plan));
    for (Objective ob : records->objectives) {
      ob.plan_id = plan_id;
      DX_RETURN_IF_ERROR(txn.CreateObjective(ob));
    }
    for (Task t : records->tasks) {
      t.plan_id = plan_id;
      DX_RETURN_IF_ERROR(txn.CreateTask(t));
    }
    for (KeyTask k : records->key_tasks) {
      k.plan_id = plan_id;
      DX_RETURN_IF_ERROR(txn.CreateKeyTask(k));
    }
    for (CommitteeSession cs : records->sessions) {
      cs.plan_id = plan_id;
      DX_RETURN_IF_ERROR(txn.CreateCommitteeSession(cs));
    }
    done.plan_id = plan_id;
    return txn.ReplaceImport(done, imp.version);
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetImport(imp.id);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = JsonResponse(201, json::object{{"plan", json::object{{"id", plan_id}, {"key", records->plan.key}}},
                                                  {"objectives", records->objectives.size()},
                                                  {"tasks", records->tasks.size()},
                                                  {"key_tasks", records->key_tasks.size()},
                                                  {"sessions", records->sessions.size()},
                                                  {"cited_goals", records->cited_goals},
                                                  {"import", codec::ToJson(*stored)}});
  r.headers.emplace_back("Location", "/api/plans/" + std::to_string(plan_id));
  return r;
}

HttpResponse Handler::DiscardImport() {
  PlanImport imp;
  if (auto fail = LoadVisibleImport(imp)) return *fail;
  if (imp.state != ImportState::kPending) return NotPending(imp);
  PlanImport done = imp;
  done.state = ImportState::kDiscarded;
  done.decided_by = Who().user;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceImport(done, imp.version); });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetImport(imp.id);
  if (!stored.ok()) return FromError(stored.error());
  return JsonResponse(200, json::object{{"import", codec::ToJson(*stored)}});
}

}  // namespace dxgov::api
