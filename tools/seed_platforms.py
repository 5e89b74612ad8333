#!/usr/bin/env python3
"""Builds data/platforms/platforms.json from seed 002's Phụ lục III (the 35 national digital
platforms of the first announcement: 20 state-owned, 15 enterprise-owned).

The annex numbers platforms "(N) Nền tảng ..." under "2.1." (a state agency owns it) and
"2.2." (enterprises own it), at whatever heading depth the converter produced; each has an
owner agency ("Cơ quan chủ quản: ...") or core enterprises ("Doanh nghiệp nòng cốt: ..."),
and a description ("Mô tả ngắn gọn: ..."). Owners are kept as written; dxgov resolves them
against the registry on load (tests/data checks that every one resolves).

Tasks of the 2022 plan that name a platform (its name, folded) are linked to it.

Adoption: every platform gets three indicators of dxgov's own definition (the annex sets no
adoption measure), written to data/indicators/platform_adoption.json: the agencies and units
connected to it and the user accounts on it (stocks, reported quarterly, latest over time),
and the transactions through it (a flow, reported monthly, summed over time). Ministries and
provinces report them for their own area; sums give the national figure. An annex
indicator that measures a platform's use is linked as well (CURATED_ADOPTION).

A maintainer's tool, run by hand; its output is committed.
"""
import json, re
from pathlib import Path

from seed_plans import nfc, fold  # the same Unicode handling as the plans

ROOT = Path(__file__).resolve().parent.parent
SEED = "data/seeds/002_3104ea0fc0572af1.txt"
PLAN = ROOT / "data" / "plans" / "27-qd-ubqgcds-2022.json"

# Platform name -> indicators of data/indicators that measure its adoption.
CURATED_ADOPTION = {
    "Nền tảng hóa đơn điện tử": ["KTS-03"],
    "Nền tảng sàn thương mại điện tử": ["KTS-05"],
}

# The three adoption measures every platform gets: (code suffix, name prefix, unit of
# measure, period type, rule over time, description).
ADOPTION_MEASURES = [
    ("DV", "Số cơ quan, đơn vị đã kết nối, sử dụng", "đơn vị", "quarter", "latest",
     "Số cơ quan, đơn vị thuộc phạm vi báo cáo đã kết nối, sử dụng nền tảng tính đến cuối kỳ."),
    ("ND", "Số tài khoản người dùng trên", "tài khoản", "quarter", "latest",
     "Số tài khoản người dùng đang hoạt động trên nền tảng thuộc phạm vi báo cáo, tính đến cuối kỳ."),
    ("GD", "Số giao dịch qua", "giao dịch", "month", "sum",
     "Số giao dịch, lượt sử dụng phát sinh trên nền tảng trong kỳ thuộc phạm vi báo cáo."),
]
REPORTING_KINDS = ["ministry", "ministry_agency", "government_agency", "province", "city"]


def adoption_indicators(p):
    out = []
    for suffix, name, unit, period, over_time, description in ADOPTION_MEASURES:
        out.append({
            "code": f"NT-{p['key'].upper()}-{suffix}",
            # The annex names some enterprise platforms like state ones ("Nền tảng điện toán
            # đám mây" is both nn-01 and dn-01): say whose it is.
            "name": f"{name} {p['name'][0].lower()}{p['name'][1:]}"
                    + (" (doanh nghiệp)" if p["category"] == "enterprise" else ""),
            "group": "Nền tảng số quốc gia",
            "unit_of_measure": unit,
            "decimals": 0,
            "direction": "higher_is_better",
            "period_type": period,
            "value_type": "count",
            "reported_by": REPORTING_KINDS,
            "aggregation": {"across_units": "sum", "over_time": over_time},
            "targets": [],
            "published": True,
            "description": description,
            "source": "dxgov: chỉ số áp dụng nền tảng (Phụ lục III không quy định chỉ số)",
        })
    return out




def clean(s):
    return re.sub(r"\s+", " ", re.sub(r"[*#]", "", s)).strip()


def main():
    lines = [nfc(l) for l in (ROOT / SEED).read_text("utf-8").split("\n")]
    start = next(i for i, l in enumerate(lines) if re.match(r"^#*\s*Phụ lục III\s*$", l.strip()))
    end = next(i for i in range(start, len(lines)) if "VĂN BẢN THAM KHẢO" in lines[i])
    category, platforms, cur = None, [], None
    for i in range(start, end):
        text = clean(lines[i])
        if re.match(r"^2\.1\.", text):
            category = "state"
            continue
        if re.match(r"^2\.2\.", text):
            category = "enterprise"
            continue
        m = re.match(r"^\((\d+)\)\s*(Nền tảng .+)$", text)
        if m and category and lines[i].lstrip().startswith("#"):
            cur = {"key": ("nn-" if category == "state" else "dn-") + m.group(1).zfill(2),
                   "number": int(m.group(1)), "category": category, "name": m.group(2),
                   "owner": None, "enterprises": [], "description": "", "lines": [i + 1, i + 1]}
            platforms.append(cur)
            continue
        if not cur or not text:
            continue
        if text.startswith("Cơ quan chủ quản:"):
            cur["owner"] = text.split(":", 1)[1].strip()
        elif text.startswith("Doanh nghiệp nòng cốt:"):
            names = [n.strip().rstrip(".") for n in text.split(":", 1)[1].split(",")]
            seen = []
            for n in names:  # the annex lists FPT twice for the cloud
                if n and n not in seen:
                    seen.append(n)
            cur["enterprises"] = seen
        elif text.startswith("Mô tả ngắn gọn:"):
            cur["description"] = text.split(":", 1)[1].strip()
        else:
            continue
        cur["lines"][1] = i + 1
    state = [p for p in platforms if p["category"] == "state"]
    ent = [p for p in platforms if p["category"] == "enterprise"]
    if len(state) != 20 or len(ent) != 15:
        raise SystemExit(f"expected 20 + 15 platforms, read {len(state)} + {len(ent)}")

    plan = json.loads(PLAN.read_text("utf-8"))
    for p in platforms:
        needle = fold(p["name"])
        needle = re.sub(r"\s*\(.*\)$", "", needle)  # "(MOOCS)"
        p["tasks"] = [t["number"] for t in plan["tasks"]
                      if needle in fold(" ".join(filter(None, [t.get("title"), t.get("text")])))]
        p["adoption"] = [i["code"] for i in adoption_indicators(p)] + CURATED_ADOPTION.get(p["name"], [])
    out = ROOT / "data" / "platforms" / "platforms.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"source": SEED, "platforms": platforms}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    adoption = [i for p in platforms for i in adoption_indicators(p)]
    out_ind = ROOT / "data" / "indicators" / "platform_adoption.json"
    out_ind.write_text(json.dumps({"indicators": adoption}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(adoption)} adoption indicators -> {out_ind.relative_to(ROOT)}")
    linked = sum(1 for p in platforms if p["tasks"])
    print(f"{len(state)} state + {len(ent)} enterprise platforms, {linked} named by 2022 tasks -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
