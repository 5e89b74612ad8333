#!/usr/bin/env python3
"""Builds the demo plans in data/plans/ from the committed seed copies in data/seeds/.

  data/plans/749-qd-ttg-2020.json   Decision 749/QĐ-TTg: basic goals for 2025 and 2030 (seed 002)
  data/plans/27-qd-ubqgcds-2022.json the committee's 2022 activity plan (seed 000)

A maintainer's tool, run by hand; its output is committed and reviewed, and it is what
dxgov loads. The general plan importer (`dxgov import-plan`) is a separate, later piece:
this script only has to be right for these two documents, and every record it writes keeps
the seed lines it came from, which tests/data/plan_provenance_test checks record by record.

Curation that a reader of the plan does and a script should not guess is written down below
as data (CURATED_*), each with its reason.
"""
import json, re, sys, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_2022 = "data/seeds/000_494c21983f4e96c0.txt"
SEED_002 = "data/seeds/002_3104ea0fc0572af1.txt"
PLAN_DATE = "2022-03-15"

# Task -> objectives it moves, as a reader of the plan links them (same indicator, same figure).
CURATED_OBJECTIVE_LINKS = {
    "II.1": ["I.1.a", "I.1.b"], "II.6": ["I.3.a"], "II.7": ["I.3.b"], "II.11": ["I.3.d"],
    "IV.3": ["I.3.đ"], "IV.23": ["I.1.a", "I.1.b"], "IV.50": ["I.1.a", "I.1.b"],
    "IV.40": ["I.3.d"], "IV.53": ["I.3.d"], "IV.56": ["I.3.d"], "IV.61": ["I.3.d"], "IV.62": ["I.3.b"],
}
# Objective -> the indicator that measures it (data/indicators/indicators.json). I.1.b sets
# 75 % for fibre households where Phụ lục I sets 70 %: both figures are kept, each with its
# document, and shown side by side. I.2.c and I.3.đ have no annex row (CPS-07, KTS-11).
CURATED_OBJECTIVE_INDICATORS = {
    "I.1.a": "HTS-01", "I.1.b": "HTS-02", "I.2.a": "CPS-02", "I.2.b": "CPS-03", "I.2.c": "CPS-07",
    "I.2.d": "CPS-05", "I.2.đ": "CPS-06", "I.3.a": "KTS-02", "I.3.b": "KTS-03", "I.3.c": "KTS-04",
    "I.3.d": "KTS-05", "I.3.đ": "KTS-11",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D").lower()


def clean(s):
    """Markdown emphasis and surrounding whitespace removed; inner whitespace collapsed."""
    s = s.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", s).strip()


class Registry:
    """Surface forms (names and aliases) of the units valid on a date, for greedy matching."""

    def __init__(self, on_date):
        units = json.loads((DATA / "registry/units.json").read_text("utf-8"))["units"]
        self.forms = {}
        for u in units:
            if u["versions"][0]["kind"] == "commune":
                continue
            if (u.get("valid_from") or "0000") > on_date or (u.get("valid_to") or "9999") < on_date:
                continue
            for v in u["versions"]:
                self.forms[fold(v["name"])] = u["id"]
            for a in u.get("aliases", []):
                self.forms.setdefault(fold(a), u["id"])
        self.by_len = sorted(self.forms, key=len, reverse=True)

    def split(self, phrase):
        """Splits 'A, B và C' into known unit names, never inside a name.

        Returns [(as_written, unit_id)]; an unknown stretch raises, so that no name is invented.
        """
        out, i, f = [], 0, fold(phrase)
        while i < len(phrase):
            m = re.match(r"(\s*(,|;|\bvà\b)\s*|\s+)", phrase[i:])
            if m and m.end() > 0:
                i += m.end()
                continue
            for form in self.by_len:
                if f.startswith(form, i) and (i + len(form) == len(f) or not f[i + len(form)].isalnum()):
                    out.append((phrase[i:i + len(form)], self.forms[form]))
                    i += len(form)
                    break
            else:
                raise SystemExit(f"unknown agency name at: {phrase[i:]!r}")
        return out


def parse_targets(sentence, year):
    """Figures stated as targets: 'đạt 85%', 'tối thiểu 75%', 'trên 90%', 'từ 65 - 70%', '100%'."""
    out = []
    pat = re.compile(r"(?P<lead>(đạt tỷ lệ|đạt tối thiểu|tối thiểu|đạt từ|đạt|trên|từ|tới|chiếm tối thiểu|chiếm từ)\s+)?"
                     r"\**(?P<a>\d+(?:[.,]\d+)?)\**(?:\s*-\s*\**(?P<b>\d+(?:[.,]\d+)?)\**)?\s*%")
    matches = list(pat.finditer(sentence))
    for k, m in enumerate(matches):
        lead = (m.group("lead") or "").strip()
        a = float(m.group("a").replace(",", "."))
        t = {"unit": "%", "year": year, "text": clean(m.group(0))}
        if m.group("b"):
            t.update(comparator="range", value=a, value_to=float(m.group("b").replace(",", ".")))
        elif lead == "trên":
            t.update(comparator="gt", value=a)
        else:
            t.update(comparator="ge", value=a)
        if len(matches) > 1:  # several figures: say which clause each one belongs to
            end = matches[k + 1].start() if k + 1 < len(matches) else len(sentence)
            clause = clean(sentence[m.end():end]).split(";")[0]
            t["qualifier"] = re.sub(r"[\s;,.]*(\bvà\b)?[\s;,.]*$", "", clause) or None
        out.append(t)
    return out


def deadline_from_label(phrase, reg):
    p = clean(phrase).rstrip(".")
    m = re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", p)
    if m:
        return {"kind": "month", "text": p, "year": int(m.group(2)), "month": int(m.group(1))}
    m = re.fullmatch(r"Theo kế hoạch cụ thể của (.+)", p)
    if m:
        (as_written, uid), = reg.split(m.group(1))
        return {"kind": "own_plan", "text": p, "unit": uid}
    raise SystemExit(f"deadline form not handled: {p!r}")


def deadline_from_text(text):
    m = re.search(r"đến hết năm (\d{4})", text)
    if m:
        return {"kind": "year", "text": m.group(0), "year": int(m.group(1))}
    return None


def lead_from_sentence(sentence, reg):
    """'Bộ trưởng Bộ X chủ trì ..., A, B phối hợp ...' -> lead X and coordinators A, B."""
    s = clean(sentence)
    m = re.match(r"(?:Bộ trưởng, Chủ nhiệm |Bộ trưởng |Thống đốc |Thông đốc )?(?P<lead>.+?) "
                 r"(?P<verb>chủ trì|hướng dẫn)", s)
    if not m:
        raise SystemExit(f"no lead in: {s!r}")
    (lead_written, lead_id), = reg.split(m.group("lead"))
    rest = s[m.end():]
    coords = []
    m2 = re.search(r"phối hợp (?:cùng |với )?(?P<who>.+?) (?:trong việc|phê duyệt|xây dựng|thúc đẩy|triển khai|thực hiện|tổ chức|có giải pháp|ban hành)", rest)
    m3 = re.search(r"^(?: chỉ đạo| điều phối)?, (?P<who>.+?) phối hợp", rest)
    if m3 and not m3.group("who").startswith("phối hợp"):
        coords = reg.split(m3.group("who"))
    elif m2:
        coords = reg.split(m2.group("who"))
    return (lead_written, lead_id), coords


def title_of(text):
    first = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(".;:")
    if len(first) <= 180:
        return first
    cut = first[:180]
    return cut[:cut.rfind(" ")] + "…"


def read_plan_2022():
    lines = (ROOT / SEED_2022).read_text("utf-8").split("\n")
    lines = [nfc(l) for l in lines]
    reg = Registry(PLAN_DATE)
    start = next(i for i, l in enumerate(lines) if "KẾ HOẠCH" in l and l.startswith("##"))

    # Blocks: (level, key, title, first_line, last_line) where level is section/item.
    sec_re = re.compile(r"^#*\s*\**\s*(" + "|".join(ROMAN) + r")\.\s+(.+?)\s*\**\s*$")
    item_re = re.compile(r"^#*\s*\**\s*(\d+)\.\s+(.+?)\s*\**\s*$")
    letter_re = re.compile(r"^(?:-\s*)?([a-zđ])\)\s+(.*)$")
    sections, cur_sec, cur_item = [], None, None
    for i in range(start, len(lines)):
        l = lines[i].strip()
        if not l:
            continue
        m = sec_re.match(l)
        if m and (l.startswith("#") or l.startswith("**")):
            cur_sec = {"numeral": m.group(1), "title": clean(m.group(2)), "line": i + 1, "intro": [], "items": []}
            sections.append(cur_sec)
            cur_item = None
            continue
        if cur_sec is None:
            continue
        m = item_re.match(l)
        if m and (l.startswith("#") or l.startswith("**")):
            cur_item = {"n": m.group(1), "title": clean(m.group(2)), "line": i + 1, "paras": []}
            cur_sec["items"].append(cur_item)
            continue
        (cur_item["paras"] if cur_item else cur_sec["intro"]).append((i + 1, l))
    for s in sections:
        s["end"] = None
    for a, b in zip(sections, sections[1:]):
        a["end"] = b["line"] - 1
    sections[-1]["end"] = len(lines)

    def last_nonblank(upto):
        j = upto
        while j > 0 and not lines[j - 1].strip():
            j -= 1
        return j

    plan_sections, objectives, tasks = [], [], []
    for s in sections:
        intro = " ".join(clean(t) for _, t in s["intro"])
        plan_sections.append({"numeral": s["numeral"], "title": s["title"], "intro": intro or None,
                              "lines": [s["line"], last_nonblank(s["end"])]})
        for k, it in enumerate(s["items"]):
            nxt = s["items"][k + 1]["line"] - 1 if k + 1 < len(s["items"]) else s["end"]
            it["end"] = last_nonblank(nxt)
        if s["numeral"] == "I":
            for it in s["items"]:
                for ln, t in it["paras"]:
                    m = letter_re.match(t)
                    if not m:
                        continue
                    text = clean(m.group(2)).rstrip(".")
                    code = f"I.{it['n']}.{m.group(1)}"
                    objectives.append({"code": code, "group": f"{it['n']}. {it['title']}", "text": text,
                                       "targets": parse_targets(text, 2022)[:1],
                                       "indicator": CURATED_OBJECTIVE_INDICATORS.get(code), "lines": [ln, ln]})
            continue
        for it in s["items"]:
            tasks += tasks_of_item(s, it, reg)
    for t in tasks:
        t["objectives"] = CURATED_OBJECTIVE_LINKS.get(t["number"], [])
    return lines, plan_sections, objectives, tasks


def tasks_of_item(sec, it, reg):
    """One task per lettered sub-item, else one per numbered item."""
    numeral = sec["numeral"]
    paras = it["paras"]
    letter_re = re.compile(r"^(?:-\s*)?([a-zđ])\)\s+(.*)$")
    lettered = [i for i, (_, t) in enumerate(paras) if letter_re.match(t)]
    base = {"section": numeral}
    if numeral in ("III", "IV"):
        (lead_written, lead_id), = reg.split(it["title"])
        base_lead = {"as_written": lead_written, "unit": lead_id}
    else:
        base_lead = None

    def finish(number, body, first, last, shared_lead_sentence=None):
        texts, deadline, coords, lead = [], None, [], base_lead
        for ln, t in body:
            c = clean(t)
            label = re.sub(r"^[a-zđ]\)\s+", "", c)  # a lettered detail may carry a label (V.1 d)
            if label.startswith("Đơn vị chủ trì tổ chức triển khai:"):
                (w, uid), = reg.split(label.split(":", 1)[1].strip().rstrip("."))
                lead = {"as_written": w, "unit": uid}
            elif c.startswith("Thời gian hoàn thành:"):
                deadline = deadline_from_label(c.split(":", 1)[1], reg)
            elif re.match(r"(Đơn vị|Cơ quan) phối hợp:", c):
                coords = reg.split(c.split(":", 1)[1].strip().rstrip("."))
            else:
                texts.append(c)
        text = " ".join(texts)
        if numeral == "II":
            (lw, lid), cs = lead_from_sentence(shared_lead_sentence or text, reg)
            lead = {"as_written": lw, "unit": lid}
            coords = cs
            deadline = deadline_from_text(text)
        if numeral == "V" and not text:
            text = it["title"]
        targets = []
        for sent in re.split(r"(?<=\.)\s", text):
            if sent.startswith("Mục tiêu") or "Hoàn thành mục tiêu" in sent or "Hết năm" in sent:
                targets += parse_targets(sent, 2022)
        title = it["title"] if numeral in ("II", "V") else title_of(text)
        return {"number": number, "section": numeral, "title": title, "text": text,
                "lead": lead, "coordinators": [{"as_written": w, "unit": u} for w, u in coords],
                "deadline": deadline, "targets": targets, "lines": [first, last]}

    if lettered and numeral != "V":
        out = []
        for k, idx in enumerate(lettered):
            end_idx = lettered[k + 1] if k + 1 < len(lettered) else len(paras)
            body = paras[idx:end_idx]
            letter = letter_re.match(body[0][1]).group(1)
            body = [(body[0][0], letter_re.match(body[0][1]).group(2))] + body[1:]
            # The range starts at the item's heading: a sub-item's lead (III, IV) or title (II)
            # is written there.
            out.append(finish(f"{numeral}.{it['n']}.{letter}", body, it["line"], body[-1][0]))
        return out
    # V.1's a)-d) describe one activity (rhythm, schedule, organiser): one task.
    body = paras
    return [finish(f"{numeral}.{it['n']}", body, it["line"], it["end"])]


def read_749():
    lines = [nfc(l) for l in (ROOT / SEED_002).read_text("utf-8").split("\n")]
    start = next(i for i, l in enumerate(lines) if l.startswith("Số: 749/QĐ-TTg"))
    objectives, year, group = [], None, None
    counters = {}
    for i in range(start, len(lines)):
        l = lines[i].strip()
        m = re.match(r"^## (\d)\. Mục tiêu cơ bản đến năm (\d{4})", l)
        if m:
            year = int(m.group(2))
            continue
        if l.startswith("**III. QUAN ĐIỂM") or l.startswith("### **III. QUAN ĐIỂM"):
            break
        m = re.match(r"^### ([abc])\) (.+)$", l)
        if m and year:
            group = (m.group(1), clean(m.group(2)))
            continue
        if l.startswith("- ") and year and group:
            text = clean(l[2:]).rstrip(";.")
            key = (year, group[0])
            counters[key] = counters.get(key, 0) + 1
            code = f"{year}.{group[0]}.{counters[key]}"
            objectives.append({"code": code, "group": f"{group[0]}) {group[1]}", "text": text,
                               "targets": targets_749(text, year), "lines": [i + 1, i + 1]})
    return objectives


def targets_749(text, year):
    out = []
    m = re.search(r"nhóm (\d+) nước dẫn đầu", text)
    if m:
        out.append({"comparator": "top", "value": int(m.group(1)), "unit": "rank", "year": year,
                    "text": m.group(0)})
        return out
    m = re.search(r"chiếm (\d+)% GDP", text)
    if m:
        out.append({"comparator": "ge", "value": float(m.group(1)), "unit": "share_of_gdp", "year": year,
                    "text": m.group(0)})
        return out
    for t in parse_targets(text, year):
        out.append(t)
    return out


# Phụ lục II of the draft plan in seed 002 lists each committee member's key task for 2022
# (the signed plan in seed 000 does not reproduce its annexes). The member's body, as their
# titles name it; the importer resolves the same names (tests/fixtures/import/002.expected.json).
CURATED_KEY_TASK_UNITS = {
    1: "bo-tttt", 2: "bo-cong-an", 3: "vpcp", 4: "bo-khcn", 5: "bo-tai-chinh", 6: "bo-khdt", 7: "bo-noi-vu",
    8: "bo-gddt", 9: "bo-y-te", 10: "bo-cong-thuong", 11: "bo-xay-dung", 12: "bo-nnptnt", 13: "nhnn", 14: "bo-tttt",
}


def read_key_tasks():
    lines = (ROOT / SEED_002).read_text("utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if "DANH MỤC CÁC NHIỆM VỤ TRỌNG ĐIỂM" in l)
    out = []
    for i in range(start, len(lines)):
        if lines[i].startswith("Mỗi Ủy viên"):
            break
        m = re.match(r"^(\d{1,2})\t([^\t]+)\t([^\t]+)$", lines[i].strip())
        if m:
            n = int(m.group(1))
            out.append({"ordinal": n, "member": m.group(2).strip(), "unit": CURATED_KEY_TASK_UNITS[n],
                        "title": m.group(3).strip(), "year": 2022,
                        "source": {"file": SEED_002, "lines": [i + 1, i + 1]}})
    return out


# V.1.c of the 2022 plan: "Dự kiến thời gian các phiên họp: Tháng 3, Tháng 7 (sơ kết 6
# tháng), Tháng 9, Tháng 11 (Tổng kết năm)"; the importer reads the same schedule
# (ParseSessionSchedule, tests/fixtures/import/000.expected.json).
def read_sessions_2022():
    lines = (ROOT / SEED_2022).read_text("utf-8").split("\n")
    at = next(i for i, l in enumerate(lines) if "Dự kiến thời gian các phiên họp" in l)
    out = []
    for m in re.finditer(r"Tháng (\d{1,2})(?: \(([^)]*)\))?", lines[at]):
        note = (m.group(2) or "").lower()
        kind = "six_month_review" if "sơ kết" in note else "annual_review" if "tổng kết" in note else "regular"
        out.append({"month": int(m.group(1)), "kind": kind, "lines": [at + 1, at + 1]})
    return out


def main():
    lines, sections, objectives, tasks = read_plan_2022()
    plan = {
        "plan": {
            "key": "27-qd-ubqgcds-2022", "kind": "plan",
            "title": "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2022",
            "decision": {"number": "27/QĐ-UBQGCĐS", "date": "2022-03-15", "issuer": "ubqg-cds",
                         "signer": "Phạm Minh Chính"},
            "period": {"from": "2022-01-01", "to": "2022-12-31"}, "parent": "749-qd-ttg-2020",
            "published": True, "source": SEED_2022,
            "documents": referenced_documents(lines),
            "sections": sections,
            # Sections III and IV oblige the ministries' and the provinces' steering committees
            # to issue their own 2022 plans in Q1 (seed lines 204 and 534); the importer reads
            # the same duties (src/importer/plan/duties.cc).
            "duties": [
                {"respondent": "cac-bo-nganh", "section": "III", "due": "Quý I/2022", "year": 2022, "lines": [204, 204],
                 "what": "ban hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi số bộ, ngành mình"},
                {"respondent": "cac-dia-phuong", "section": "IV", "due": "Quý I/2022", "year": 2022, "lines": [534, 534],
                 "what": "ban hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi số của địa phương"},
            ],
        },
        "objectives": objectives, "tasks": tasks, "key_tasks": read_key_tasks(),
        "sessions": read_sessions_2022(),
    }
    p749 = {
        "plan": {
            "key": "749-qd-ttg-2020", "kind": "programme",
            "title": "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
            "decision": {"number": "749/QĐ-TTg", "date": "2020-06-03", "issuer": "thu-tuong", "signer": None},
            "period": {"from": "2020-06-03", "to": "2030-12-31"}, "parent": None, "published": True,
            "source": SEED_002, "documents": [], "sections": [
                {"numeral": "II.1", "title": "Mục tiêu cơ bản đến năm 2025", "intro": None, "lines": None},
                {"numeral": "II.2", "title": "Mục tiêu cơ bản đến năm 2030", "intro": None, "lines": None}],
        },
        "objectives": read_749(), "tasks": [],
    }
    for data, name in ((plan, "27-qd-ubqgcds-2022.json"), (p749, "749-qd-ttg-2020.json")):
        (DATA / "plans" / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    by_sec = {}
    for t in tasks:
        by_sec[t["section"]] = by_sec.get(t["section"], 0) + 1
    print(f"2022: {len(objectives)} objectives, {len(tasks)} tasks {by_sec}; 749: {len(p749['objectives'])} goals",
          file=sys.stderr)


def referenced_documents(lines):
    out = []
    # The issuer ends where the subject starts: at "phê duyệt"/"ban hành" when the sentence
    # has one (an issuer may itself contain "về"), else at the first "về".
    head = r"^Căn cứ (Nghị quyết|Quyết định) số (\S+) ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4}) của "
    pats = [re.compile(head + r"(.+?) (?:phê duyệt|ban hành) (.*);$"), re.compile(head + r"(.+?) về (.*);$")]
    for i, l in enumerate(lines):
        m = pats[0].match(l.strip()) or pats[1].match(l.strip())
        if m:
            out.append({"type": m.group(1), "number": m.group(2),
                        "date": f"{m.group(5)}-{int(m.group(4)):02d}-{int(m.group(3)):02d}",
                        "issuer": m.group(6), "title": clean(m.group(7) or "").strip("“”\" ") or None,
                        "lines": [i + 1, i + 1]})
    return out


if __name__ == "__main__":
    main()
