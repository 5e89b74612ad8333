// Report cycles and submissions <-> JSON (docs/api.md, "Report cycles"). Same rules as
// json_codec.h: strict on input, precise field errors, read-only members ignored.
//
// A cycle:
//   {"title":"Báo cáo quý III/2022","period":"2022-Q3","opens_on":"2022-09-15","due":"2022-10-15",
//    "respondents":{"units":["cac-dia-phuong"],"kinds":["ministry"]},"plans":[2],
//    "indicators":["HTS-01"],"sections":[{"key":"results","title":"Kết quả đạt được"}, ...],
//    "state":"open"}
// A submission's content, as a respondent saves it:
//   {"tasks":[{"task":61,"status":"in_progress","percent":40,"narrative":"..."}],
//    "indicators":[{"indicator":"HTS-01","value":72.5,"estimated":false,"note":""}],
//    "sections":{"results":"...","difficulties":"...","proposals":"..."}}
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

#include "codec/json_codec.h"
#include "core/report_cycle.h"

namespace dxgov::codec {

boost::json::object ToJson(const ReportCycle& c);
// Sections default to DefaultReportSections() when absent; state to "draft".
Result<ReportCycle> CycleFromJson(const boost::json::value& v, const std::string& path,
                                  ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Submission& s);
// Reads the whole stored record (kStored) or, from a client, the content only: tasks,
// indicators and sections (kStrict; everything else is the server's).
Result<Submission> SubmissionFromJson(const boost::json::value& v, const std::string& path,
                                      ReadMode mode = ReadMode::kStrict);

}  // namespace dxgov::codec
