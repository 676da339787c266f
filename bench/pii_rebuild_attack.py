#!/usr/bin/env python3
"""The ID-number rebuild attack of security issue 9.1, run on a SQLite store.

An attacker with the database file but not the key file: until migration
0011, persons.id_mask kept the first 6 and the last 4 characters of every ID
number and persons.birth_date the 8 between. This script rebuilds them,
counts those whose GB 11643 check character holds, and scans the file's bytes
for stored masks (what VACUUM must have removed from free pages).

    python3 bench/pii_rebuild_attack.py jiuye-data/jiuye.db
"""
import re
import sqlite3
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def valid(number):
    return CHECK[sum(int(number[i]) * WEIGHTS[i] for i in range(17)) % 11] == number[17]


def main(path):
    db = sqlite3.connect(path)
    cols = [r[1] for r in db.execute("PRAGMA table_info(persons)")]
    total = db.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
    if "id_mask" in cols and "birth_date" in cols:
        rebuilt = sum(1 for mask, birth in db.execute("SELECT id_mask, birth_date FROM persons")
                      if valid(mask[:6] + birth[:10].replace("-", "") + mask[-4:]))
        print(f"rebuilt {rebuilt} of {total} ID numbers (check character holds)")
    else:
        print(f"rebuilt 0 of {total} ID numbers: no mask or birth date column")
    data = open(path, "rb").read()
    ids = len(re.findall(rb"\d{6}\*{8}[\dX]{4}", data))
    phones = len(re.findall(rb"1\d\d\*{4}\d{4}", data))
    print(f"masks left in the file's bytes: {ids} ID masks, {phones} phone masks")


if __name__ == "__main__":
    main(sys.argv[1])
