"""Score de-identification on a span-annotated corpus (the blind PII corpora' format).

Usage: python tests/eval/pii_score.py CORPUS.jsonl [--misses]

For each text, both paths: publication (Deidentifier with the text's known_names) and user text
(user_text=True). A private span is caught when the changed findings cover every character of it;
a public span is altered when any changed finding overlaps it (a road, village or estate name, or a Korean
address's district and 동/洞, at the head of a private address need not be covered: the address policy keeps it). Also checks the scrubbed output: a
private span's exact text must not survive, and no number in it (digits joined by the separators people
write inside a number) may hold a run of more than 4 of its original digits. And each masked number's mask:
it shows at most 4 digits, and only the number's own last ones (a numeral read wrong would show others).
"""
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict

from anonymize import Deidentifier
from anonymize.masks import mask

# (洞 and 拐 are how phone and radio speech say 0 and 7; ○ is typed for 〇)
NUM = str.maketrans("〇○零一幺二两三四五六七八九洞拐", "0001122345678907")


def digits(s):
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", s).translate(NUM))


# A number as it stands in the output: digits joined only by what people write inside one (blanks, dashes,
# dots, brackets round an area code). Digits on either side of a word or a mask's stars are two numbers,
# so a kept last four beside an unrelated digit (「***-****-6848」 after 「第3孔」) is no run of five.
_NUMBER_RUN = re.compile(r"[0-9０-９〇○零一幺二两三四五六七八九洞拐](?:[ \u3000\t\-－—–.．·()（）]*"
                         r"[0-9０-９〇○零一幺二两三四五六七八九洞拐Xx])*")
_MASKED = ("id_number", "mobile", "bank_card", "landline")


# A road name an annotator put inside a private address (「梅林路88号」): public under the address
# policy (README: the road stays, the house number and all after it go), so it need not be changed.
ROAD_HEAD = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:路|街|巷|大道|大街|胡同)[东西南北中]?段?"
                       r"(?=[0-9０-９一二三四五六七八九十百零〇两]+(?:[-－—~～][0-9０-９]+)?\s?(?:弄|号|號))")


# A village or an estate an annotator put inside a private address (「石桥村3组12号」「锦绣小区12栋…」):
# public under the address policy too (README: the village or estate stays, its group, natural village,
# building and number go). The shortest such name: a natural village after its 村 is the private part
# (「那洪村|板录屯27号」), as is an estate's phase or area after its name (「渔民新村|二期3区8栋」).
_NUMERAL = "0-9０-９一二三四五六七八九十百零〇两第"
SETTLEMENT_HEAD = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:(?:村(?:委会)?|屯(?!村)|寨(?!村)|嘎查)\s*"
    rf"(?=[{_NUMERAL}A-Za-zＡ-Ｚ]|[\u4e00-\u9fff]{{1,3}}?(?:组|組|屯|坡|寨|沟|岗|窝棚|甸子|营子)|(?:[\u4e00-\u9fff] ){{1,3}}[组組])"
    r"|(?:小区|小院|花园|公寓|家园|新村|新城|苑|府|名城|名都|广场|大厦|园|里|庭|居|阁|邸|坊|湾|城|郡|宿舍楼|宿舍|大院"
    r"|家属院|家属楼|公租房|廉租房|安置房|安置区|安置点|安置小区|社区|[一二三四五六七八九十]{1,2}区)\s*"
    rf"(?=[{_NUMERAL}A-Za-zＡ-Ｚ]))")


# A Korean address's city, district and neighbourhood (시/市, 구/区, 동/洞, and the province 도/道) before its lot number
# (「论岘洞 645-3 302호」「월성동 1288-4」): public for the same reason as a road or a community under the address policy
# (README 住址策略: a place of thousands of homes points to no household); only the lot and the flat after them go. Only in an address written with Hangul, and only up to its 동/洞.
KOREAN_HEAD = re.compile(r"(?:[\u4e00-\u9fff\uac00-\ud7a3]{1,8}[市区道시구도]\s?)*[\u4e00-\u9fff\uac00-\ud7a3]{1,8}[洞동]\s?(?=[0-9])")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def address_head(text):
    """The public head of a private address span's text (a road, village or estate name, a Korean address's
    district and 동), or ""."""
    head = ROAD_HEAD.match(text) or SETTLEMENT_HEAD.match(text) or (HANGUL.search(text) and KOREAN_HEAD.match(text))
    return head.group(0) if head and head.end() < len(text) else ""


def covered(span, finds):
    chars = set()
    for f in finds:
        chars.update(range(f.start, f.end))
    start = span["start"]
    if span["type"] == "address":
        start += len(address_head(span["text"]))
    return all(i in chars for i in range(start, span["end"]))


def overlaps(span, f):
    return f.start < span["end"] and span["start"] < f.end


def leaks(span, out):
    text = span["text"]
    if span["type"] == "name":
        return text in out
    d = digits(text)
    if len(d) >= 7:
        runs = [digits(m.group(0)) for m in _NUMBER_RUN.finditer(out)]
        return any(d[i:i + 5] in run for run in runs for i in range(len(d) - 4))
    return text in out


def wrong_mask(finding):
    """Whether the mask of a masked number shows more than four digits, or digits that are not the
    number's own last ones (a numeral read wrong, a digit skipped)."""
    shown = re.search(r"[0-9X]*$", mask(finding.kind, finding.value)).group(0)
    own = digits(unicodedata.normalize("NFKC", finding.value).upper().replace("X", "9"))  # (an ID's check letter stands as a digit here)
    shown_digits = shown.replace("X", "9")
    return len(shown) > 4 or (shown and not own.endswith(shown_digits))


def score(items, user_text):
    rec, tot, leak = Counter(), Counter(), Counter()
    pub_altered = pub_total = 0
    tp = fp = 0
    misses = defaultdict(list)
    for item in items:
        text = item["text"]
        deid = Deidentifier("blind-eval-key", known_person_names=[] if user_text else item.get("known_names", []),
                            user_text=user_text)
        finds = deid.findings(text)
        out = deid.text(text)
        spans = [dict(s, text=text[s["start"]:s["end"]]) for s in item["spans"]]
        for s in spans:
            if s["private"]:
                key = s["type"] + ("(known)" if s.get("known") else "(unknown)" if s["type"] == "name" else "")
                tot[key] += 1
                if covered(s, finds):
                    rec[key] += 1
                else:
                    misses[key].append((item["id"], s["text"], text[max(0, s["start"] - 12):s["end"] + 12]))
                leak[key] += leaks(s, out)
            else:
                pub_total += 1
                if any(overlaps(s, f) for f in finds) or s["text"] not in out:
                    pub_altered += 1
                    misses["PUBLIC-" + s["type"]].append((item["id"], s["text"], text[max(0, s["start"] - 12):s["end"] + 12]))
        for f in finds:
            if f.kind in _MASKED and wrong_mask(f):
                misses["MASK-wrong-digits"].append((item["id"], f.value, mask(f.kind, f.value)))
            if any(s["private"] and overlaps(s, f) for s in spans):
                tp += 1
            else:
                fp += 1
    return rec, tot, leak, pub_altered, pub_total, tp, fp, misses


def summary(items, user_text):
    """Recall per span type (names also by known/unknown), precision and public spans altered."""
    rec, tot, leak, altered, public, tp, fp, misses = score(items, user_text)
    by_type = defaultdict(lambda: [0, 0])
    for key in tot:
        by_type[key.split("(")[0]][0] += rec[key]
        by_type[key.split("(")[0]][1] += tot[key]
    return {"recall": {k: r / t for k, (r, t) in by_type.items()},
            "recall_detail": {k: rec[k] / tot[k] for k in tot},
            "counts": {k: (rec[k], tot[k], leak[k]) for k in tot},
            "overall_recall": sum(rec.values()) / sum(tot.values()),
            "precision": tp / max(tp + fp, 1), "public_altered": altered / public,
            "altered": (altered, public), "found": (tp, tp + fp), "misses": misses}


def report(name, items, user_text):
    result = summary(items, user_text)
    print(f"\n== {name} ({len(items)} texts)")
    print(f"{'type':22} {'caught':>7} {'total':>6} {'recall':>7} {'leaked':>7}")
    for key, (caught, total, leaked) in sorted(result["counts"].items()):
        print(f"{key:22} {caught:7} {total:6} {caught / total:7.1%} {leaked:7}")
    for key, value in sorted(result["recall"].items()):
        print(f"  {key:20} recall {value:.1%}")
    tp, found = result["found"]
    altered, public = result["altered"]
    print(f"ALL private recall {result['overall_recall']:.1%}; precision {tp}/{found} = {result['precision']:.1%}; "
          f"public spans altered {altered}/{public} = {result['public_altered']:.1%}")
    print(f"masks showing more than four digits or digits not the number's own: {len(result['misses'].get('MASK-wrong-digits', []))}")
    return result["misses"]


if __name__ == "__main__":
    items = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    misses = report("publication path", items, user_text=False)
    report("user-text path", items, user_text=True)
    if "--misses" in sys.argv:
        for key, rows in sorted(misses.items()):
            print(f"\n-- {key}: {len(rows)}")
            for row in rows[:60]:
                print("  ", row)
