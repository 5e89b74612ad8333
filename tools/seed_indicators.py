#!/usr/bin/env python3
"""Builds data/indicators/indicators.json from the committed seed copy of seed 002.

Phụ lục I of the 2022 plan papers lists 18 indicators, grouped, with a column per year:
2020 and 2021 are what was reached (baselines; "(ước tính)" marks estimates), 2022 and
2025 are targets. "6-8%" is a range, "-" a missing figure. This script reads the table and
the footnotes from the seed; what a reader decides and a script should not guess (codes,
aggregation rules, who reports) is written below as data (CURATED), each with its reason.

The 2022 plan's objectives that no annex row measures get an indicator of their own
(PLAN_ONLY), with no baselines: their targets stay on the objectives. Supporting
indicators (SUPPORT) are the weights and the numerator/denominator the rules name.

A maintainer's tool, run by hand; its output is committed, and tests/data checks every
figure against the seed line named in "source".
"""
import json, re
from pathlib import Path

from seed_plans import nfc  # the same Unicode handling as the plans

ROOT = Path(__file__).resolve().parent.parent
SEED = "data/seeds/002_3104ea0fc0572af1.txt"
DOCUMENT = "Phụ lục I – Danh mục các chỉ tiêu ưu tiên nguồn lực triển khai năm 2022"
LOCAL = ["province", "city"]

# code, across units, over time, weight, reported by, value type; keyed by the row's
# opening words. Percentages of people or households weigh by population or households;
# percentages of a unit's own services are plain means over units (as the ministry's
# rankings compute them); national estimates (GDP share, SMEs, open data, workforce) are
# reported for the country only.
CURATED = [
    ("Tỷ lệ người dân có điện thoại thông minh", "HTS-01", "weighted_mean", "latest", "DS-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ hộ gia đình có đường Internet", "HTS-02", "weighted_mean", "latest", "HGD-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ DVCTT mức độ 4", "CPS-01", "mean", "latest", None, ["national", "ministry"] + LOCAL, "percentage"),
    ("Tỷ lệ DVCTT phát sinh hồ sơ", "CPS-02", "mean", "latest", None, ["national", "ministry"] + LOCAL, "percentage"),
    ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", "CPS-03", "ratio", "ratio", None, [], "percentage"),
    ("Tỷ lệ DVCTT đáp ứng tiêu chuẩn chất lượng", "CPS-04", "mean", "latest", None, ["national", "ministry"] + LOCAL, "percentage"),
    ("Tỷ lệ thống kê, báo cáo thực hiện trực tuyến", "CPS-05", "mean", "latest", None, ["national", "ministry"] + LOCAL, "percentage"),
    ("Tỷ lệ CQNN cung cấp dữ liệu mở", "CPS-06", "mean", "latest", None, ["national"], "percentage"),
    ("Tỷ trọng kinh tế số trong GDP", "KTS-01", "sum", "latest", None, ["national"], "share"),
    ("Tỷ lệ doanh nghiệp SMEs sử dụng nền tảng số", "KTS-02", "mean", "latest", None, ["national"], "percentage"),
    ("Tỷ lệ hoá đơn điện tử", "KTS-03", "mean", "latest", None, ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử", "KTS-04", "mean", "latest", None, ["national"] + LOCAL, "percentage"),
    ("Tỷ trọng doanh thu thương mại điện tử", "KTS-05", "sum", "latest", None, ["national"], "share"),
    ("Tỷ lệ người dân có kỹ năng số cơ bản", "KTS-06", "weighted_mean", "latest", "DS-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử", "KTS-07", "weighted_mean", "latest", "DS-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ dân số trưởng thành có chữ ký số cá nhân", "KTS-08", "weighted_mean", "latest", "DS-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ người dân kết nối mạng được bảo vệ cơ bản", "KTS-09", "weighted_mean", "latest", "DS-01", ["national"] + LOCAL, "percentage"),
    ("Tỷ lệ nhân lực công nghệ số trong lực lượng lao động", "KTS-10", "sum", "latest", None, ["national"], "percentage"),
]
# A national share (of GDP, of retail) is one figure for the country: "sum" over units
# never combines anything because only the country reports it.

# Objectives of the 2022 plan with no annex row (seed 000, Mục I).
PLAN_ONLY = [
    {"code": "CPS-07", "name": "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "group": "Chính phủ số",
     "value_type": "percentage", "reported_by": ["national", "ministry"] + LOCAL,
     "aggregation": {"across_units": "mean", "over_time": "latest"}},
    {"code": "KTS-11", "name": "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc tổ chức được phép khác",
     "group": "Kinh tế số và xã hội số", "value_type": "percentage", "reported_by": ["national"] + LOCAL,
     "aggregation": {"across_units": "weighted_mean", "over_time": "latest", "weight": "DS-01"}},
]

SUPPORT = [
    {"code": "DS-01", "name": "Dân số trung bình", "unit_of_measure": "người", "decimals": 0, "value_type": "count",
     "reported_by": ["national"] + LOCAL + ["commune"], "aggregation": {"across_units": "sum", "over_time": "latest"},
     "description": "Trọng số của các tỷ lệ tính trên người dân."},
    {"code": "HGD-01", "name": "Số hộ gia đình", "unit_of_measure": "hộ", "decimals": 0, "value_type": "count",
     "reported_by": ["national"] + LOCAL + ["commune"], "aggregation": {"across_units": "sum", "over_time": "latest"},
     "description": "Trọng số của các tỷ lệ tính trên hộ gia đình."},
    {"code": "HS-TT", "name": "Số hồ sơ thủ tục hành chính được xử lý trực tuyến", "unit_of_measure": "hồ sơ",
     "decimals": 0, "value_type": "count", "period_type": "month", "reported_by": ["ministry"] + LOCAL + ["commune"],
     "aggregation": {"across_units": "sum", "over_time": "sum"}, "description": "Tử số của CPS-03."},
    {"code": "HS-ALL", "name": "Tổng số hồ sơ thủ tục hành chính đã tiếp nhận", "unit_of_measure": "hồ sơ",
     "decimals": 0, "value_type": "count", "period_type": "month", "reported_by": ["ministry"] + LOCAL + ["commune"],
     "aggregation": {"across_units": "sum", "over_time": "sum"}, "description": "Mẫu số của CPS-03."},
]

GROUP_NAMES = {"Hạ tầng số": "HTS", "Chính phủ số": "CPS", "Kinh tế số và xã hội số": "KTS"}



def strip_tags(s):
    return re.sub(r"<[^>]+>", "", s).strip()


def cell(text, year, kind, estimated):
    """A year's cell -> a Target (dxgov's shape), or None for '-'."""
    t = text.strip()
    if t in ("-", ""):
        return None
    m = re.fullmatch(r"(\d+(?:,\d+)?)(?:\s*-\s*(\d+(?:,\d+)?))?%", t)
    if not m:
        raise SystemExit(f"unreadable cell {t!r}")
    lo = float(m.group(1).replace(",", "."))
    out = {"kind": kind, "value": lo, "unit": "%", "year": year, "text": t, "document": DOCUMENT}
    if m.group(2):
        out["comparator"] = "range"
        out["value_to"] = float(m.group(2).replace(",", "."))
    else:
        out["comparator"] = "eq" if kind == "baseline" else "ge"
    if estimated and kind == "baseline":
        out["estimated"] = True
    return out


def base(code, name, group, value_type, reported_by, aggregation, **extra):
    d = {"code": code, "name": name, "group": group, "unit_of_measure": "%", "decimals": 1,
         "direction": "higher_is_better", "period_type": "year", "value_type": value_type,
         "reported_by": reported_by, "aggregation": aggregation, "targets": [], "published": True}
    d.update(extra)
    return d


def main():
    lines = [nfc(l) for l in (ROOT / SEED).read_text("utf-8").split("\n")]
    # The table appears twice in seed 002: in the report and in Phụ lục I; this is the latter.
    annex = next(i for i, l in enumerate(lines) if re.match(r"\**Phụ lục I\**\s*$", l.strip()))
    head = next(i for i, l in enumerate(lines) if i > annex and l.startswith("Chỉ tiêu\t2020\t2021\t2022\t2025"))
    years = [2020, 2021, 2022, 2025]
    group, rows = None, []
    i = head + 1
    while i < len(lines) and lines[i].strip():
        cols = lines[i].split("\t")
        name_cell = cols[0]
        if name_cell.startswith("<b>"):
            group = strip_tags(name_cell)
        else:
            rows.append((i + 1, group, name_cell, cols[1:5]))
        i += 1
    footnotes = {}
    for l in lines[i:i + 20]:
        m = re.match(r"<sup>(\d+)</sup>\s*(.*)", l)
        if m:
            footnotes[m.group(1)] = m.group(2).strip()

    out = []
    for line_no, grp, name_cell, cells in rows:
        notes = re.findall(r"<sup>\s*(\d+)\s*</sup>", name_cell)
        plain = strip_tags(re.sub(r"<sup>.*?</sup>", "", name_cell))
        estimated = re.search(r"\(\s*ước tính\s*\)", plain) is not None
        name = re.sub(r"\s*\(\s*ước tính\s*\)\s*", " ", plain).strip()
        meta = next((c for c in CURATED if name.startswith(c[0])), None)
        if not meta:
            raise SystemExit(f"line {line_no}: no curated rules for {name!r}")
        _, code, across, over, weight, reported, vtype = meta
        agg = {"across_units": across, "over_time": over}
        if weight:
            agg["weight"] = weight
        if across == "ratio":
            agg.update({"numerator": "HS-TT", "denominator": "HS-ALL", "scale": 100})
        d = base(code, name, grp, vtype, reported, agg, source=f"{SEED}#L{line_no}",
                 description=" ".join(footnotes[n] for n in notes if n in footnotes) or None)
        if vtype == "share":
            d["unit_of_measure"] = "% GDP" if "GDP" in name else "%"
        if across == "ratio":
            d["period_type"] = "month"
        for year, text in zip(years, cells):
            t = cell(text, year, "baseline" if year <= 2021 else "target", estimated)
            if t:
                d["targets"].append(t)
        if d["description"] is None:
            del d["description"]
        out.append(d)
    if len(out) != 18:
        raise SystemExit(f"expected 18 annex rows, read {len(out)}")
    for p in PLAN_ONLY:
        out.append(base(p["code"], p["name"], p["group"], p["value_type"], p["reported_by"], p["aggregation"],
                        source="data/seeds/000_494c21983f4e96c0.txt"))
    for s in SUPPORT:
        d = base(s["code"], s["name"], None, s["value_type"], s["reported_by"], s["aggregation"],
                 unit_of_measure=s["unit_of_measure"], decimals=s["decimals"], description=s["description"])
        d["period_type"] = s.get("period_type", "year")
        del d["group"]
        out.append(d)
    target = ROOT / "data" / "indicators" / "indicators.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps({"indicators": out}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(out)} indicators ({len(rows)} from Phụ lục I) -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
