/// The database schema, created and migrated by Sluice.
///
/// Each migration runs once, in order, inside a transaction; `schema_version` records the last one
/// applied. Add a migration by appending to `migrations`; never edit one that has shipped.
public enum Schema {
    /// The schema version this build of Sluice writes.
    public static var currentVersion: Int { migrations.count }

    static let migrations: [String] = [
        // 1: canonical tables and bookkeeping.
        """
        CREATE TABLE ingest_files (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime_ms INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            encoding TEXT,
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_loaded INTEGER NOT NULL DEFAULT 0,
            rows_quarantined INTEGER NOT NULL DEFAULT 0,
            rows_skipped INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('loaded', 'failed')),
            error TEXT,
            ingested_at INTEGER NOT NULL,
            run_id INTEGER
        );
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES ingest_files(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            line INTEGER NOT NULL,
            column_name TEXT,
            field TEXT,
            reason TEXT NOT NULL,
            raw TEXT NOT NULL
        );
        CREATE INDEX quarantine_file ON quarantine(file_id);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            window_from TEXT,
            window_to TEXT,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            files_ingested INTEGER NOT NULL DEFAULT 0,
            files_failed INTEGER NOT NULL DEFAULT 0,
            rows_loaded INTEGER NOT NULL DEFAULT 0,
            rows_quarantined INTEGER NOT NULL DEFAULT 0,
            reports_written INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL DEFAULT 'running',
            message TEXT,
            sluice_version TEXT NOT NULL,
            pid INTEGER
        );
        CREATE TABLE content_snapshots (
            platform TEXT NOT NULL,
            content_id TEXT NOT NULL,
            snapshot_date TEXT NOT NULL,
            account_id TEXT,
            title TEXT,
            content_type TEXT,
            published_at INTEGER,
            plays INTEGER, completed_plays INTEGER, avg_watch_ms INTEGER,
            likes INTEGER, comments INTEGER, shares INTEGER, favorites INTEGER,
            new_followers INTEGER, profile_visits INTEGER, impressions INTEGER,
            source TEXT NOT NULL,
            file_id INTEGER NOT NULL,
            PRIMARY KEY (platform, content_id, snapshot_date)
        ) WITHOUT ROWID;
        CREATE TABLE derived_state (
            source TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL
        );
        CREATE TABLE content_daily (
            platform TEXT NOT NULL,
            account_id TEXT,
            content_id TEXT NOT NULL,
            title TEXT,
            content_type TEXT,
            published_at INTEGER,
            stat_date TEXT NOT NULL,
            plays INTEGER, completed_plays INTEGER, avg_watch_ms INTEGER,
            likes INTEGER, comments INTEGER, shares INTEGER, favorites INTEGER,
            new_followers INTEGER, profile_visits INTEGER, impressions INTEGER,
            source TEXT NOT NULL,
            file_id INTEGER,
            PRIMARY KEY (platform, content_id, stat_date)
        ) WITHOUT ROWID;
        CREATE TABLE account_daily (
            platform TEXT NOT NULL,
            account_id TEXT NOT NULL,
            stat_date TEXT NOT NULL,
            followers_total INTEGER, new_followers INTEGER, lost_followers INTEGER,
            source TEXT NOT NULL,
            file_id INTEGER,
            PRIMARY KEY (platform, account_id, stat_date)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            platform TEXT,
            channel TEXT,
            event TEXT NOT NULL,
            content_id TEXT,
            campaign_id TEXT,
            kol_id TEXT,
            value_fen INTEGER,
            source TEXT NOT NULL,
            file_id INTEGER
        );
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY,
            parent_order_id TEXT,
            user_id TEXT,
            ordered_at INTEGER NOT NULL,
            paid_fen INTEGER,
            quantity INTEGER,
            status TEXT NOT NULL CHECK (status IN ('paid', 'completed', 'refunded', 'cancelled')),
            platform TEXT,
            source TEXT,
            content_id TEXT,
            kol_id TEXT,
            product_id TEXT,
            product_name TEXT,
            source_name TEXT NOT NULL,
            file_id INTEGER
        );
        CREATE TABLE spend_daily (
            platform TEXT NOT NULL,
            channel TEXT,
            campaign_id TEXT NOT NULL DEFAULT '',
            campaign_name TEXT,
            kol_id TEXT NOT NULL DEFAULT '',
            stat_date TEXT NOT NULL,
            spend_fen INTEGER,
            impressions INTEGER, clicks INTEGER, conversions INTEGER,
            source TEXT NOT NULL,
            file_id INTEGER,
            PRIMARY KEY (platform, campaign_id, kol_id, stat_date)
        ) WITHOUT ROWID;
        """,
        // 2: the user timeline is read in user/time order by every journey report.
        """
        CREATE INDEX events_user_time ON events(user_id, occurred_at);
        CREATE INDEX orders_user_time ON orders(user_id, ordered_at);
        """,
        // 3: which days each load changed, and which reports were written from which state, so a
        // late file marks exactly the reports it affects as stale.
        """
        ALTER TABLE ingest_files ADD COLUMN first_day TEXT;
        ALTER TABLE ingest_files ADD COLUMN last_day TEXT;
        CREATE TABLE data_changes (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            file_id INTEGER,
            source TEXT NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            changed_at INTEGER NOT NULL
        );
        CREATE TABLE report_outputs (
            folder TEXT PRIMARY KEY,
            window_from TEXT NOT NULL,
            window_to TEXT NOT NULL,
            locale TEXT NOT NULL,
            definition_hash TEXT NOT NULL,
            manifest_state TEXT NOT NULL,
            sluice_version TEXT NOT NULL,
            change_seq INTEGER NOT NULL,
            files TEXT NOT NULL,
            written_at INTEGER NOT NULL,
            run_id INTEGER
        );
        """,
        // 4: the timeline index covers every column the journey reports read, in their order
        // (user, time, event id), so reading the timeline walks the index alone, without sorting or
        // visiting the table; with file_id it also serves the quality report's scan of events, which
        // then reads the pages the timeline read, not the whole table. It keeps its name, and
        // serves every lookup the narrower one did.
        """
        DROP INDEX IF EXISTS events_user_time;
        CREATE INDEX events_user_time ON events(
            user_id, occurred_at, event_id, event, platform, channel, content_id, campaign_id, kol_id, value_fen, file_id);
        """,
    ]

    /// Brings `database` up to `currentVersion`, refusing a database written by a newer Sluice.
    public static func migrate(_ database: Database) throws {
        try database.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        let current = try database.scalar("SELECT max(version) FROM schema_version")?.int ?? 0
        if current > Int64(currentVersion) {
            throw SluiceError(
                .store, "the database has schema version \(current), newer than this Sluice (\(currentVersion))",
                file: database.path, hint: "upgrade Sluice, or point the pipeline at another database")
        }
        for version in Int(current)..<currentVersion {
            try database.transaction {
                try database.execute(migrations[version])
                try database.run("INSERT INTO schema_version(version) VALUES (?)", [.integer(Int64(version + 1))])
            }
        }
    }
}
