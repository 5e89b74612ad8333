// Indicators, data values and national platforms <-> JSON (docs/api.md, "Indicators"). Same rules as
// json_codec.h: strict on input, precise field errors, read-only members ignored.
//
// An indicator:
//   {"code":"HTS-01","name":"Tỷ lệ người dân có điện thoại thông minh","group":"Hạ tầng số",
//    "unit_of_measure":"%","decimals":1,"direction":"higher_is_better","period_type":"year",
//    "value_type":"percentage","reported_by":["national","province","city"],
//    "aggregation":{"across_units":"weighted_mean","over_time":"latest","weight":"DS-01"},
//    "range":{"min":0,"max":100},"targets":[...],"published":true}
// A value ("unit": null is the country as a whole):
//   {"indicator":"HTS-01","unit":"tinh-ha-giang","period":"2022","value":85.5,"estimated":false,
//    "status":"submitted","note":""}
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

#include "codec/json_codec.h"
#include "core/indicator.h"
#include "core/platform.h"

namespace dxgov::codec {

boost::json::object ToJson(const Indicator& ind);
Result<Indicator> IndicatorFromJson(const boost::json::value& v, const std::string& path,
                                    ReadMode mode = ReadMode::kStrict);

// "reported_by" names: "national" and unit kind names.
boost::json::array ReportedByJson(const Indicator& ind);

boost::json::object ToJson(const DataValue& v);
// Reads a value as sent by a client. Provenance, revision and who/when are set by the
// server and ignored here; status defaults to "submitted".
Result<DataValue> DataValueFromJson(const boost::json::value& v, const std::string& path,
                                    ReadMode mode = ReadMode::kStrict);

// National platforms. Tasks are ids; the owner is the unit id plus the name as written.
boost::json::object ToJson(const Platform& p);
Result<Platform> PlatformFromJson(const boost::json::value& v, const std::string& path,
                                  ReadMode mode = ReadMode::kStrict);

}  // namespace dxgov::codec
