#!/usr/bin/env python3
"""Builds data/platforms/platforms.json from seed 002's Phụ lục III (the 35 national digital
platforms of the first announcement: 20 state-owned, 15 enterprise-owned).

The annex numbers platforms "(N) Nền tảng ..." under "2.1." (a state agency owns it) and
"2.2." (enterprises own it), at whatever heading depth the converter produced; each has an
owner agency ("Cơ quan chủ quản: ...") or core enterprises ("Doanh nghiệp nòng cốt: ..."),
and a description ("Mô tả ngắn gọn: ..."). Owners are kept as written; dxgov resolves them
against the registry on load (tests/data checks that every one resolves).

Tasks of the 2022 plan that name a platform (its name, folded) are linked to it. Adoption
indicators are linked where an annex indicator measures the platform's use (CURATED_ADOPTION).

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
        p["adoption"] = CURATED_ADOPTION.get(p["name"], [])
    out = ROOT / "data" / "platforms" / "platforms.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"source": SEED, "platforms": platforms}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    linked = sum(1 for p in platforms if p["tasks"])
    print(f"{len(state)} state + {len(ent)} enterprise platforms, {linked} named by 2022 tasks -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
