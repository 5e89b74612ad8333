#!/usr/bin/env python3
"""Builds data/sessions/sessions.json, the committee sessions held before the 2022 plan, from
the committed seed copies in data/seeds/.

  The first session of the national committee (seed 002, "TÀI LIỆU PHIÊN HỌP LẦN THỨ
  NHẤT"): its date from the programme's heading, its agenda from the programme table and
  its documents from the pack's list of contents.

The sessions the 2022 plan schedules (its V.1: March, July, September, November) are in
data/plans/27-qd-ubqgcds-2022.json, written by tools/seed_plans.py. A maintainer's tool, run
by hand; its output is committed and reviewed, and it is what dxgov loads.
"""
import json, re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = "data/seeds/002_3104ea0fc0572af1.txt"


def clean(s):
    s = re.sub(r"</?[bi]>", "", s)
    return re.sub(r"\s+", " ", s).strip()


def first_session():
    lines = (ROOT / SEED_002).read_text("utf-8").split("\n")
    head = next(i for i, l in enumerate(lines) if l.startswith("**CHƯƠNG TRÌNH PHIÊN HỌP LẦN THỨ NHẤT"))
    m = re.search(r"\((.+?), ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})\)", lines[head + 2])
    place, day, month, year = m.group(1).strip("*( "), int(m.group(2)), int(m.group(3)), int(m.group(4))
    # The programme table: "14h00<TAB><b>Item</b> presenter"; a row without a time continues
    # the slot above.
    agenda, end = [], head
    for i in range(head + 3, len(lines)):
        row = re.match(r"^(\d{1,2}h\d{2})?\t<b>(.+?)</b>\s*(.*)$", lines[i])
        if not row:
            if agenda and lines[i].strip().startswith("*"):
                break
            continue
        if row.group(2) == "Nội dung":
            continue
        agenda.append({"time": row.group(1), "title": clean(row.group(2)), "presenter": clean(row.group(3)) or None})
        end = i
    # The pack's contents: "<b>N. TITLE</b><TAB><b>page</b>".
    contents = next(i for i, l in enumerate(lines) if l.startswith("## DANH MỤC TÀI LIỆU"))
    documents = []
    for i in range(contents + 1, head):
        row = re.match(r"^<b>(\d+(?:\.\d+)?)\.\s+(.+?)</b>\t(?:<b>(\d+)</b>)?$", lines[i])
        if row and row.group(1) != "1":  # the programme itself is this session's agenda
            title = clean(row.group(2))  # as the pack writes it, capitals included
            documents.append({"title": title, "reference": f"trang {row.group(3)}" if row.group(3) else None})
    return {
        "committee": "ubqg-cds", "number": 1,
        "title": "Phiên họp lần thứ nhất của Ủy ban Quốc gia về chuyển đổi số",
        "kind": "regular", "year": year, "month": month, "date": f"{year}-{month:02d}-{day:02d}",
        "time": agenda[0]["time"], "place": place, "chair": "Thủ tướng Chính phủ Phạm Minh Chính, Chủ tịch Ủy ban",
        "agenda": agenda, "documents": documents, "state": "held",
        "source": {"file": SEED_002, "lines": [head + 1, end + 1]},
    }


def main():
    out = {"sessions": [first_session()]}
    (ROOT / "data" / "sessions" / "sessions.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
