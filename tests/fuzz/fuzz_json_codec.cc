// Request bodies: any bytes through the JSON parser and every decoder must give a value or
// a precise error, never a crash. A task the decoder accepts must also come back unchanged
// through its own JSON (what the store writes is what it reads).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "codec/indicator_json.h"
#include "codec/json_codec.h"

using namespace dxgov;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto v = codec::ParseJson(in);
  if (!v.ok()) return 0;
  (void)codec::UnitFromJson(*v, "");
  (void)codec::PlanFromJson(*v, "");
  (void)codec::ObjectiveFromJson(*v, "");
  (void)codec::ProgressFromJson(*v, "");
  (void)codec::DeadlineFromJson(*v, "/deadline");
  (void)codec::TargetFromJson(*v, "/target");
  (void)codec::ApiTokenFromJson(*v, "");
  (void)codec::DataValueFromJson(*v, "");
  auto ind = codec::IndicatorFromJson(*v, "");
  if (ind.ok()) {
    auto again = codec::IndicatorFromJson(codec::ToJson(*ind), "");
    if (!again.ok() || codec::Serialize(codec::ToJson(*again)) != codec::Serialize(codec::ToJson(*ind))) std::abort();
  }
  auto user = codec::UserFromJson(*v, "");
  if (user.ok()) {
    auto again = codec::UserFromJson(codec::ToJson(*user), "");
    if (!again.ok() || codec::Serialize(codec::ToJson(*again)) != codec::Serialize(codec::ToJson(*user))) std::abort();
  }
  auto task = codec::TaskFromJson(*v, "");
  if (task.ok()) {
    auto again = codec::TaskFromJson(codec::ToJson(*task), "");
    if (!again.ok() || codec::Serialize(codec::ToJson(*again)) != codec::Serialize(codec::ToJson(*task))) std::abort();
  }
  boost::json::value target = *v;
  codec::MergePatch(target, *v);
  return 0;
}
