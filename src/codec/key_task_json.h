// Members' key tasks <-> JSON (docs/api.md, "Key tasks"). Same rules as json_codec.h:
// strict on input, precise field errors, read-only members ignored.
//
//   {"plan_id":2,"ordinal":2,"member":"Đại tướng Tô Lâm, Bộ trưởng Bộ Công an","unit":"bo-cong-an",
//    "title":"Phổ cập danh tính số toàn dân","year":2022,"task_id":null,
//    "roadmap":[{"month":1,"expected":"..."}],
//    "results":[{"month":1,"actual":"...","achieved":"met","reported_by":"bca","reported_at":"..."}]}
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "core/key_task.h"

namespace dxgov::codec {

boost::json::object ToJson(const KeyTask& k);
Result<KeyTask> KeyTaskFromJson(const boost::json::value& v, const std::string& path,
                                ReadMode mode = ReadMode::kStrict);

// A roadmap as a member sends it: {"roadmap":[{"month":1,"expected":"..."}, ...]}.
Result<std::vector<RoadmapStep>> RoadmapFromJson(const boost::json::value& v, const std::string& path);
// One month's result as a member reports it: {"actual":"...","achieved":"met|partly|not_met"}.
// The month comes from the URL; who and when from the request.
Result<MonthlyResult> MonthlyResultFromJson(const boost::json::value& v, const std::string& path);

}  // namespace dxgov::codec
