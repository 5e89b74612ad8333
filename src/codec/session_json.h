// Committee sessions <-> JSON (docs/api.md, "Committee sessions"). Same rules as
// json_codec.h: strict on input, precise field errors, read-only members ignored.
//
//   {"committee":"ubqg-cds","number":1,"title":"Phiên họp lần thứ nhất ...","kind":"regular",
//    "year":2021,"month":11,"date":"2021-11-30","time":"14h00","place":"Hà Nội","chair":"...",
//    "agenda":[{"time":"14h00","title":"...","presenter":"..."}],
//    "documents":[{"title":"...","reference":"1619/QĐ-TTg"}],
//    "state":"held","plan_id":null,"conclusions":[7],"source":{"file":"...","lines":[31,46]}}
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "core/plan.h"
#include "core/session.h"
#include "core/task.h"

namespace dxgov::codec {

boost::json::object ToJson(const CommitteeSession& s);
// Kind defaults to "regular", state to "planned". "conclusions" is read only in kStored
// mode: notices are added through POST /api/sessions/{id}/conclusions.
Result<CommitteeSession> SessionFromJson(const boost::json::value& v, const std::string& path,
                                         ReadMode mode = ReadMode::kStrict);

// A conclusions notice as the standing agency records it: the notice becomes a plan of kind
// "conclusions" and each item a task of it.
//   {"number":"115/TB-VPCP","date":"2022-04-12","issuer":"vpcp","title":"Thông báo kết luận ...",
//    "key":"115-tb-vpcp-2022","published":true,
//    "items":[{"title":"...","lead":"bo-tttt","coordinators":["cac-dia-phuong"],"deadline":"Tháng 6/2022"}]}
// `key` defaults to the number and year as a slug, `published` to true; an item's number to
// its position ("1", "2", ...). The plan's and tasks' plan ids are left 0.
struct ConclusionsNotice {
  Plan plan;
  std::vector<Task> tasks;
};
Result<ConclusionsNotice> NoticeFromJson(const boost::json::value& v, const std::string& path);

}  // namespace dxgov::codec
