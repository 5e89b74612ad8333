// Reading every item a paged store query selects, page after page, for routes that answer
// with a whole set (a cascade, a respondent's tasks in a report cycle).
#pragma once

#include <utility>
#include <vector>

#include "core/query.h"
#include "core/status.h"

namespace dxgov::api {

// `fetch(q)` returns one Result<Page<T>> for the query's limit and offset.
template <typename T, typename Query, typename Fetch>
Result<std::vector<T>> Drain(Query q, Fetch fetch) {
  std::vector<T> out;
  q.limit = kMaxLimit;
  q.offset = 0;
  for (;;) {
    DX_ASSIGN_OR_RETURN(Page<T> page, fetch(q));
    for (auto& item : page.items) out.push_back(std::move(item));
    q.offset += static_cast<int64_t>(page.items.size());
    if (page.items.empty() || q.offset >= page.total) break;
  }
  return out;
}

}  // namespace dxgov::api
