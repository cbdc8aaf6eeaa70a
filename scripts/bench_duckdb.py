#!/usr/bin/env python3
"""The DuckDB peer of `make bench` (e): the journey reports' core queries on DuckDB's own
columnar copy of the same events.

    scripts/bench_duckdb.py DIR SQLITE_DB REPS OUT_TSV N

Loads DIR/events.csv.gz into a DuckDB table (in memory) and the paid or completed parent orders
from SQLITE_DB (as Sluice's timeline sees them: one `order` per parent order at its earliest
sub-order time, worth the sum of paid_fen), then times, REPS times each, the equivalent of:

  funnel       an ordered 4-step funnel (view > click > visit > add_to_cart) with a 7-day window,
               entries in the month 2026-10-01 … 2026-10-29
  cohort       a weekly first-seen retention matrix (cohort week × weeks since, 8 weeks), active
               events all but impressions
  attribution  last-touch attribution of the month's orders with a 30-day lookback (touch events
               view, click, like, comment, share, follow, visit), credited per platform

Appends "N label rep wall_seconds 0" lines to OUT_TSV (the harness's results format). Exits 3
when the duckdb module is missing.
"""
import csv
import os
import sqlite3
import statistics
import sys
import tempfile
import time

try:
    import duckdb
except ImportError:
    sys.exit(3)

directory, sqlite_path, reps, out_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
# Sluice stores UTC epoch milliseconds; the export's local times are Asia/Shanghai (UTC+8).
OFFSET_MS = 8 * 3600 * 1000
WINDOW = ("2026-10-01", "2026-10-30")  # [from, to + 1 day), local

con = duckdb.connect()
started = time.monotonic()
con.execute(f"""
    CREATE TABLE events AS
    SELECT user_id, epoch_ms(occurred_at::TIMESTAMP) - {OFFSET_MS} AS t, platform, channel, event
    FROM read_csv('{directory}/events.csv.gz', header = true, all_varchar = true)
""")
with tempfile.TemporaryDirectory() as tmp:
    orders_csv = os.path.join(tmp, "orders.csv")
    with open(orders_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["user_id", "t", "platform", "value_fen"])
        db = sqlite3.connect(sqlite_path)
        for row in db.execute("""
            SELECT user_id, min(ordered_at), min(platform), sum(coalesce(paid_fen, 0))
            FROM orders WHERE status IN ('paid', 'completed') AND user_id IS NOT NULL AND user_id <> ''
            GROUP BY user_id, coalesce(parent_order_id, order_id)"""):
            w.writerow(row)
        db.close()
    con.execute(f"CREATE TABLE orders AS SELECT * FROM read_csv('{orders_csv}', header = true, "
                "columns = {'user_id': 'VARCHAR', 't': 'BIGINT', 'platform': 'VARCHAR', 'value_fen': 'BIGINT'})")
load_seconds = time.monotonic() - started
rows = con.execute("SELECT count(*) FROM events").fetchone()[0]

start_ms = f"(epoch_ms(TIMESTAMP '{WINDOW[0]}') - {OFFSET_MS})"
end_ms = f"(epoch_ms(TIMESTAMP '{WINDOW[1]}') - {OFFSET_MS})"
DAY = "86400000::BIGINT"

QUERIES = {
    "funnel": f"""
        WITH s1 AS (
            SELECT user_id, min(t) AS t1 FROM events
            WHERE event = 'view' AND t >= {start_ms} AND t < {end_ms} GROUP BY user_id),
        s2 AS (
            SELECT s1.user_id, s1.t1, min(e.t) AS t2 FROM s1 JOIN events e
              ON e.user_id = s1.user_id AND e.event = 'click' AND e.t > s1.t1 AND e.t < s1.t1 + 7 * {DAY}
            GROUP BY s1.user_id, s1.t1),
        s3 AS (
            SELECT s2.user_id, s2.t1, min(e.t) AS t3 FROM s2 JOIN events e
              ON e.user_id = s2.user_id AND e.event = 'visit' AND e.t > s2.t2 AND e.t < s2.t1 + 7 * {DAY}
            GROUP BY s2.user_id, s2.t1),
        s4 AS (
            SELECT s3.user_id FROM s3 JOIN events e
              ON e.user_id = s3.user_id AND e.event = 'add_to_cart' AND e.t > s3.t3 AND e.t < s3.t1 + 7 * {DAY}
            GROUP BY s3.user_id)
        SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3), (SELECT count(*) FROM s4)
    """,
    "cohort": f"""
        WITH weeks AS (
            -- Monday-based local weeks (1970-01-01 was a Thursday).
            SELECT user_id, event, (((t + {OFFSET_MS}) // 86400000) + 3) // 7 AS w FROM events),
        first AS (SELECT user_id, min(w) AS cohort FROM weeks GROUP BY user_id),
        active AS (
            SELECT DISTINCT e.user_id, f.cohort, e.w - f.cohort AS k
            FROM weeks e JOIN first f USING (user_id) WHERE e.event <> 'impression')
        SELECT cohort, k, count(*) FROM active WHERE k BETWEEN 0 AND 8 GROUP BY cohort, k ORDER BY cohort, k
    """,
    "attribution": f"""
        WITH touches AS (
            SELECT user_id, t, platform FROM events
            WHERE event IN ('view', 'click', 'like', 'comment', 'share', 'follow', 'visit')),
        conv AS (SELECT user_id, t, value_fen FROM orders WHERE t >= {start_ms} AND t < {end_ms}),
        last AS (
            SELECT c.value_fen, CASE WHEN tt.t >= c.t - 30 * {DAY} THEN tt.platform ELSE '(direct)' END AS channel
            FROM conv c ASOF LEFT JOIN touches tt ON c.user_id = tt.user_id AND c.t > tt.t)
        SELECT coalesce(channel, '(direct)'), count(*), sum(value_fen) FROM last GROUP BY 1 ORDER BY 1
    """,
}

with open(out_path, "a") as out:
    out.write(f"{n}\tduckdb_load\t1\t{load_seconds:.2f}\t0\n")
    for label, sql in QUERIES.items():
        times = []
        for rep in range(1, reps + 1):
            started = time.monotonic()
            con.execute(sql).fetchall()
            elapsed = time.monotonic() - started
            times.append(elapsed)
            out.write(f"{n}\tduckdb_{label}\t{rep}\t{elapsed:.2f}\t0\n")
        print(f"  duckdb {label:<12} median {statistics.median(times):6.2f} s ({rows:,} events)")
print(f"  duckdb load (CSV.gz events + orders) {load_seconds:.2f} s")
