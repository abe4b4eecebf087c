#!/usr/bin/env python3
"""Consistency check for Parley's labelled development set.

Run from anywhere: python3 testdata/dev/check.py
Exits non-zero and lists every problem when the set is inconsistent;
otherwise prints the counts the README reports.
"""
import collections
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
PRECISIONS = {"day", "month", "year", "weekday", "none"}
STATUSES = {"held", "planned", "cancelled"}
MODES = {"in_person", "phone", "video", "unknown"}
KINDS = {"bilateral", "multilateral"}
PARTY_KINDS = {"person", "delegation", "organisation", "country"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ISO3 = re.compile(r"^[A-Z]{3}$")
MEETING_KEYS = ["gid", "participants", "date", "date_precision", "weekday", "place", "country",
                "status", "mode", "kind", "evidence"]
PARTY_KEYS = ["name", "aliases", "country", "role", "kind"]


def read_jsonl(path, problems):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            problems.append(f"{path.name}:{n}: {err}")
    return rows


def parse_day(value, where, problems):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(f"{where}: bad date {value!r}")
        return None


def check_meeting(doc, m, published, problems):
    where = f"{doc['id']} {m.get('gid')}"
    if list(m) != MEETING_KEYS:
        problems.append(f"{where}: keys {list(m)}")
        return
    if m["evidence"] not in doc["text"]:
        problems.append(f"{where}: evidence is not a substring of the text")
    for field, allowed in [("date_precision", PRECISIONS), ("status", STATUSES),
                           ("mode", MODES), ("kind", KINDS)]:
        if m[field] not in allowed:
            problems.append(f"{where}: {field}={m[field]!r}")
    if m["country"] is not None and not ISO3.match(m["country"]):
        problems.append(f"{where}: country {m['country']!r}")
    parties = m["participants"]
    if len(parties) < 2:
        problems.append(f"{where}: fewer than two participants")
    if m["kind"] == "multilateral" and len(parties) < 3:
        problems.append(f"{where}: multilateral with {len(parties)} participants")
    for p in parties:
        if list(p) != PARTY_KEYS or p["kind"] not in PARTY_KINDS or not isinstance(p["aliases"], list):
            problems.append(f"{where}: bad participant {p}")
        elif p["country"] is not None and not ISO3.match(p["country"]):
            problems.append(f"{where}: participant country {p['country']!r}")
    if m["date"] is None:
        if m["date_precision"] == "day":
            problems.append(f"{where}: precision day without a date")
        if (m["weekday"] is not None) != (m["date_precision"] == "weekday"):
            problems.append(f"{where}: weekday {m['weekday']!r} with precision {m['date_precision']}")
        if m["date_precision"] == "weekday" and m["weekday"] not in WEEKDAYS:
            problems.append(f"{where}: weekday {m['weekday']!r}")
        return
    day = parse_day(m["date"], where, problems)
    if day is None:
        return
    if m["date_precision"] != "day":
        problems.append(f"{where}: a date with precision {m['date_precision']}")
    if m["weekday"] != WEEKDAYS[day.weekday()]:
        problems.append(f"{where}: weekday {m['weekday']} but {m['date']} is a {WEEKDAYS[day.weekday()]}")
    if published is not None:
        if m["status"] == "held" and day > published:
            problems.append(f"{where}: held after publication")
        if m["status"] == "planned" and day < published:
            problems.append(f"{where}: planned before publication")


def main():
    problems = []
    docs = read_jsonl(HERE / "docs.jsonl", problems)
    gold = read_jsonl(HERE / "gold.jsonl", problems)
    by_id = {}
    for doc in docs:
        if doc.get("id") in by_id:
            problems.append(f"duplicate article id {doc.get('id')}")
        by_id[doc.get("id")] = doc
        if list(doc) != ["id", "title", "source", "published", "url", "text"]:
            problems.append(f"{doc.get('id')}: keys {list(doc)}")
        words = len(doc["text"].split())
        if not 150 <= words <= 500:
            problems.append(f"{doc['id']}: {words} words")
        if doc["published"] is not None:
            parse_day(doc["published"], doc["id"], problems)
    seen = set()
    gids = collections.defaultdict(list)
    for row in gold:
        doc = by_id.get(row.get("doc_id"))
        if doc is None:
            problems.append(f"gold doc_id {row.get('doc_id')} has no article")
            continue
        if row["doc_id"] in seen:
            problems.append(f"gold doc_id {row['doc_id']} twice")
        seen.add(row["doc_id"])
        if row["published"] != doc["published"]:
            problems.append(f"{row['doc_id']}: published differs from docs.jsonl")
        published = datetime.date.fromisoformat(doc["published"]) if doc["published"] else None
        doc_gids = [m["gid"] for m in row["meetings"]]
        if len(doc_gids) != len(set(doc_gids)):
            problems.append(f"{row['doc_id']}: the same gid twice in one article")
        for m in row["meetings"]:
            check_meeting(doc, m, published, problems)
            gids[m["gid"]].append((row["doc_id"], {p["name"] for p in m["participants"]}))
    for missing in sorted(set(by_id) - seen):
        problems.append(f"article {missing} has no gold line")
    for gid, uses in gids.items():
        names = [n for _, n in uses]
        for doc_id, n in uses[1:]:
            if len(n & names[0]) < 2:
                problems.append(f"{gid}: {doc_id} shares fewer than two parties with {uses[0][0]}")

    if problems:
        print("\n".join(problems))
        return 1

    meetings = [m for row in gold for m in row["meetings"]]
    counter = lambda field: dict(sorted(collections.Counter(m[field] for m in meetings).items()))
    print(f"articles: {len(docs)}")
    print(f"articles with published null: {sum(d['published'] is None for d in docs)}")
    print(f"articles with no meeting: {sum(not row['meetings'] for row in gold)}")
    print(f"meeting records: {len(meetings)}")
    print(f"distinct gids: {len(gids)}")
    print(f"gids reported by more than one article: {sum(len({d for d, _ in u}) > 1 for u in gids.values())}")
    for field in ["status", "mode", "kind", "date_precision"]:
        print(f"{field}: {counter(field)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
