#include "store/sqlite/indicator_tables.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kIndicatorColumns = "SELECT id, body, revision, created_at, updated_at FROM indicators ";

StoredIndicator IndicatorFrom(const Stmt& s) {
  return StoredIndicator{s.Int(0), s.Text(1), s.Int(2), s.Text(3), s.Text(4)};
}

constexpr const char* kValueColumns =
    "SELECT indicator, unit, period, value, estimated, status, provenance, note, revision, updated_at, updated_by ";

DataValue ValueFrom(const Stmt& s) {
  DataValue v;
  v.indicator = s.Text(0);
  v.unit_id = s.Text(1);
  v.period = ParsePeriod(s.Text(2)).value_or(Period{});
  v.value = s.Real(3);
  v.estimated = s.Int(4) != 0;
  v.status = static_cast<ValueStatus>(s.Int(5));
  v.provenance = static_cast<Provenance>(s.Int(6));
  v.note = s.Text(7);
  v.version = s.Int(8);
  v.updated_at = s.Text(9);
  v.updated_by = s.Text(10);
  return v;
}

// The filter of a ValueQuery as SQL, with its parameters in order.
std::string ValueWhere(const ValueQuery& q, std::vector<std::string>& params) {
  std::string where = " WHERE 1=1";
  if (!q.indicator.empty()) {
    where += " AND indicator = ?";
    params.push_back(q.indicator);
  }
  if (q.unit) {
    where += " AND unit = ?";
    params.push_back(*q.unit);
  }
  if (q.from) {
    where += " AND period >= ?";
    params.push_back(FormatPeriod(*q.from));
  }
  if (q.to) {
    where += " AND period <= ?";
    params.push_back(FormatPeriod(*q.to));
  }
  if (q.status) {
    where += " AND status = ?";
    params.push_back(std::to_string(static_cast<int>(*q.status)));
  }
  if (q.exclude_drafts) where += " AND status <> " + std::to_string(static_cast<int>(ValueStatus::kDraft));
  for (const auto& code : q.hidden_indicators) {
    where += " AND indicator <> ?";
    params.push_back(code);
  }
  return where;
}

}  // namespace

Result<int64_t> InsertIndicator(Db& db, const Indicator& ind, const std::string& body, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO indicators(code, published, body, revision, created_at, updated_at) VALUES (?,?,?,1,?,?)"));
  s.Bind(1, std::string_view(ind.code)).Bind(2, ind.published ? 1 : 0).Bind(3, std::string_view(body));
  s.Bind(4, std::string_view(now)).Bind(5, std::string_view(now));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Đã có chỉ tiêu mã " + ind.code, "indicator code " + ind.code + " exists",
                 {{"/code", "already used"}});
  DX_RETURN_IF_ERROR(r);
  return db.LastInsertId();
}

Status UpdateIndicator(Db& db, const Indicator& ind, const std::string& body, int64_t expected, const std::string& now) {
  DX_ASSIGN_OR_RETURN(StoredIndicator cur, SelectIndicator(db, ind.code));
  if (cur.revision != expected) return Stale("chỉ tiêu", "indicator", cur.revision);
  DX_ASSIGN_OR_RETURN(Stmt h, db.Prepare(
      "INSERT INTO indicator_history(indicator_id, revision, body, replaced_at) VALUES (?,?,?,?)"));
  h.Bind(1, cur.id).Bind(2, cur.revision).Bind(3, std::string_view(cur.body)).Bind(4, std::string_view(now));
  DX_RETURN_IF_ERROR(h.Run());
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "UPDATE indicators SET published = ?, body = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  s.Bind(1, ind.published ? 1 : 0).Bind(2, std::string_view(body)).Bind(3, std::string_view(now)).Bind(4, cur.id);
  return s.Run();
}

Result<std::vector<StoredIndicator>> SelectIndicators(Db& db) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kIndicatorColumns) + "ORDER BY code"));
  std::vector<StoredIndicator> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(IndicatorFrom(s));
  }
  return out;
}

Result<StoredIndicator> SelectIndicator(Db& db, const std::string& code) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kIndicatorColumns) + "WHERE code = ?"));
  s.Bind(1, std::string_view(code));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("chỉ tiêu", "indicator", code);
  return IndicatorFrom(s);
}

Result<ValueCounts> UpsertValues(Db& db, const std::vector<DataValue>& values, Provenance provenance,
                                 const std::string& by, const std::string& now, std::vector<DataValue>& changed,
                                 std::vector<DataValue>& previous) {
  // A figure new to the table costs one insert (most figures of a bulk batch are new); only
  // when one is already there is it read, compared, kept in history and replaced.
  DX_ASSIGN_OR_RETURN(Stmt add, db.Prepare(
      "INSERT INTO data_values(indicator, unit, period, value, estimated, status, provenance, note, revision, "
      "updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,1,?,?) ON CONFLICT(indicator, unit, period) DO NOTHING"));
  DX_ASSIGN_OR_RETURN(Stmt get, db.Prepare(std::string(kValueColumns) +
                                           "FROM data_values WHERE indicator = ? AND unit = ? AND period = ?"));
  DX_ASSIGN_OR_RETURN(Stmt keep, db.Prepare(
      "INSERT INTO value_history(indicator, unit, period, value, estimated, status, provenance, note, revision, "
      "updated_at, updated_by) SELECT indicator, unit, period, value, estimated, status, provenance, note, revision, "
      "updated_at, updated_by FROM data_values WHERE indicator = ? AND unit = ? AND period = ?"));
  DX_ASSIGN_OR_RETURN(Stmt replace, db.Prepare(
      "UPDATE data_values SET value = ?4, estimated = ?5, status = ?6, provenance = ?7, note = ?8, revision = ?9, "
      "updated_at = ?10, updated_by = ?11 WHERE indicator = ?1 AND unit = ?2 AND period = ?3"));
  ValueCounts counts;
  changed.reserve(changed.size() + values.size());
  for (const DataValue& v : values) {
    const std::string period = FormatPeriod(v.period);
    add.Reset();
    add.Bind(1, std::string_view(v.indicator)).Bind(2, std::string_view(v.unit_id)).Bind(3, std::string_view(period));
    add.Bind(4, v.value).Bind(5, v.estimated ? 1 : 0).Bind(6, static_cast<int>(v.status));
    add.Bind(7, static_cast<int>(provenance)).Bind(8, std::string_view(v.note));
    add.Bind(9, std::string_view(now)).Bind(10, std::string_view(by));
    DX_RETURN_IF_ERROR(add.Run());
    int64_t revision = 1;
    if (db.Changes() == 1) {
      ++counts.inserted;
    } else {
      get.Reset();
      get.Bind(1, std::string_view(v.indicator)).Bind(2, std::string_view(v.unit_id)).Bind(3, std::string_view(period));
      DX_ASSIGN_OR_RETURN(bool exists, get.Step());
      if (!exists) return Internal("figure " + v.indicator + "/" + v.unit_id + "/" + period + " vanished mid-write");
      const DataValue cur = ValueFrom(get);
      if (cur.value == v.value && cur.estimated == v.estimated && cur.status == v.status && cur.note == v.note) {
        ++counts.unchanged;
        continue;
      }
      keep.Reset();
      keep.Bind(1, std::string_view(v.indicator)).Bind(2, std::string_view(v.unit_id)).Bind(3, std::string_view(period));
      DX_RETURN_IF_ERROR(keep.Run());
      revision = cur.version + 1;
      replace.Reset();
      replace.Bind(1, std::string_view(v.indicator)).Bind(2, std::string_view(v.unit_id)).Bind(3, std::string_view(period));
      replace.Bind(4, v.value).Bind(5, v.estimated ? 1 : 0).Bind(6, static_cast<int>(v.status));
      replace.Bind(7, static_cast<int>(provenance)).Bind(8, std::string_view(v.note)).Bind(9, revision);
      replace.Bind(10, std::string_view(now)).Bind(11, std::string_view(by));
      DX_RETURN_IF_ERROR(replace.Run());
      ++counts.updated;
      previous.push_back(cur);
    }
    DataValue stored = v;
    stored.provenance = provenance;
    stored.version = revision;
    stored.updated_at = now;
    stored.updated_by = by;
    changed.push_back(std::move(stored));
  }
  return counts;
}

Result<Page<DataValue>> SelectValues(Db& db, const ValueQuery& q) {
  std::vector<std::string> params;
  const std::string where = ValueWhere(q, params);
  Page<DataValue> page;
  page.limit = q.limit;
  page.offset = q.offset;
  DX_ASSIGN_OR_RETURN(Stmt n, db.Prepare("SELECT COUNT(*) FROM data_values" + where));
  for (size_t i = 0; i < params.size(); ++i) n.Bind(static_cast<int>(i) + 1, std::string_view(params[i]));
  DX_ASSIGN_OR_RETURN(bool counted, n.Step());
  page.total = counted ? n.Int(0) : 0;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kValueColumns) + "FROM data_values" + where +
                                         " ORDER BY indicator, period, unit LIMIT ? OFFSET ?"));
  for (size_t i = 0; i < params.size(); ++i) s.Bind(static_cast<int>(i) + 1, std::string_view(params[i]));
  s.Bind(static_cast<int>(params.size()) + 1, static_cast<int64_t>(q.limit));
  s.Bind(static_cast<int>(params.size()) + 2, q.offset);
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    page.items.push_back(ValueFrom(s));
  }
  return page;
}

Result<std::vector<DataValue>> SelectValueHistory(Db& db, const std::string& indicator, const std::string& unit,
                                                  const Period& period) {
  const std::string p = FormatPeriod(period);
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      std::string(kValueColumns) + "FROM data_values WHERE indicator = ?1 AND unit = ?2 AND period = ?3 UNION ALL " +
      kValueColumns + "FROM value_history WHERE indicator = ?1 AND unit = ?2 AND period = ?3 ORDER BY 9 DESC"));
  s.Bind(1, std::string_view(indicator)).Bind(2, std::string_view(unit)).Bind(3, std::string_view(p));
  std::vector<DataValue> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ValueFrom(s));
  }
  return out;
}

Status ForEachValue(Db& db, const std::function<void(const DataValue&)>& fn) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kValueColumns) + "FROM data_values"));
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    fn(ValueFrom(s));
  }
  return OkStatus();
}

}  // namespace dxgov::sqlite
