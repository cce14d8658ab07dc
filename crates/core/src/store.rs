//! The store: one SQLite connection, shared by the commands, the engine and the CLI.
//!
//! One owner keeps writes serialised and simple; WAL lets the CLI read and write the same
//! file while the app runs. Feature modules take a `&Connection` (reads) or a
//! `&Transaction` (writes) and never open connections themselves.

use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use rusqlite_migration::{HookError, M, Migrations};

use crate::Result;

/// Numbered migrations, in order. Each file lives next to the feature that owns its table.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("brands/0001_brands.sql")),
        M::up(include_str!("settings/0002_settings.sql")),
        M::up(include_str!("channels/0003_channels.sql")),
        M::up(include_str!("categories/0004_categories.sql")),
        M::up(include_str!("posts/0005_posts.sql")),
        M::up(include_str!("slots/0006_slots.sql")),
        M::up(include_str!("recurrence/0007_recurrence.sql")),
        M::up(include_str!("media/0008_media.sql")),
        M::up(include_str!("publishing/0009_publishing.sql")),
        M::up(include_str!("inbox/0010_inbox.sql")),
        M::up(include_str!("templates/0011_templates.sql")),
        M::up(include_str!("ugc/0012_ugc.sql")),
        M::up(include_str!("insights/0013_insights.sql")),
        M::up(include_str!("categories/0014_targets.sql")),
        M::up(include_str!("insights/0015_insights_covering.sql")),
        M::up(include_str!("templates/0016_template_terms.sql")),
        M::up(include_str!("insights/0017_voiced_without_spam.sql")),
        M::up(include_str!("templates/0018_template_prefixes.sql")),
        M::up_with_hook(
            include_str!("templates/0019_searched_words.sql"),
            |tx: &Transaction<'_>| {
                crate::templates::reindex_all(tx).map_err(|e| HookError::Hook(e.to_string()))
            },
        ),
        M::up(include_str!("posts/0020_in_review.sql")),
        M::up(include_str!("publishing/0021_worded_failures.sql")),
    ])
});

/// How long a connection waits for another's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A cheap-to-clone handle on the database.
#[derive(Clone, Debug)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    #[tracing::instrument(err)]
    pub fn open(path: &Path) -> Result<Self> {
        let mut conn = Connection::open(path)?;
        // Another process may be opening it too: wait for its locks from the start.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL returns the new mode as a row, so it is read rather than executed.
        // Switching to WAL takes the file to itself, and SQLite does not wait for that
        // lock: while another process opens it too, try again up to the busy timeout.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        while let Err(e) = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())) {
            let busy = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
            if !busy || std::time::Instant::now() > deadline {
                return Err(e.into());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Self::prepare(&mut conn)?;
        Ok(Self::from_connection(conn))
    }

    /// A private in-memory database with the full schema, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        Self::prepare(&mut conn)?;
        Ok(Self::from_connection(conn))
    }

    fn prepare(conn: &mut Connection) -> Result<()> {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Two processes opening a new database at once (the app and the CLI, or a
        // second launch before it hands over) both find it unmigrated. Migrating in an
        // immediate transaction makes the second wait for the first's lock (a deferred
        // one would be refused at once, as a read turning into a write); its migration
        // then fails on what the first made, and finds the schema up to date when asked
        // again.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let migrated = MIGRATIONS
            .to_latest(conn)
            .or_else(|_| MIGRATIONS.to_latest(conn));
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Deferred);
        migrated?;
        Ok(())
    }

    fn from_connection(conn: Connection) -> Self {
        Self {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    /// Runs `f` with the connection, for reads.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` inside one immediate transaction: it commits when `f` returns `Ok`, and
    /// nothing of it remains when `f` fails.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done transaction behind
        // (it rolls back on drop), so the connection is still good to use.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Language;
    use crate::templates::{self, NewTemplate, Prefer, Template, Variant};

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("migrations apply cleanly to an empty database");
    }

    /// A database as of migration `version`, holding `template`.
    fn library_as_of(version: usize, template: &NewTemplate) -> (Connection, Template) {
        let mut conn = Connection::open_in_memory().expect("open");
        MIGRATIONS.to_version(&mut conn, version).expect("migrated");
        let tx = conn.transaction().expect("tx");
        let now = crate::time::Timestamp::from_unix(1_795_600_800).expect("time");
        let kept = templates::create(&tx, template, now).expect("template");
        tx.commit().expect("commit");
        (conn, kept)
    }

    #[test]
    fn templates_indexed_before_are_found_by_their_words_only() {
        let thanks = NewTemplate {
            title: "Thanks".into(),
            variants: vec![Variant {
                language: "en".into(),
                body: "Thank you {author_name:first}!".into(),
            }],
            ..NewTemplate::default()
        };
        let (mut conn, kept) = library_as_of(18, &thanks);
        // As 0018's code wrote it: the whole body, names between braces too.
        conn.execute(
            "UPDATE templates_fts SET body = 'thank you {author_name:first}!' WHERE rowid = ?1",
            [kept.id.0],
        )
        .expect("old row");
        let found = |conn: &Connection, query: &str| {
            templates::search(conn, None, query, &Prefer::default(), 10)
                .expect("search")
                .len()
        };
        assert_eq!(found(&conn, "author"), 1, "the old row");
        MIGRATIONS.to_latest(&mut conn).expect("0019");
        assert_eq!(found(&conn, "author"), 0);
        assert_eq!(found(&conn, "thank"), 1);
    }

    #[test]
    fn the_template_index_rebuilt_with_prefixes_keeps_the_library() {
        let shipping = NewTemplate {
            brand: None,
            title: "Where is my order".into(),
            category: "Shipping question".into(),
            shortcut: Some(";ship".into()),
            variants: vec![Variant {
                language: "ar".into(),
                body: "طلبك في الطريق".into(),
            }],
        };
        let (mut conn, kept) = library_as_of(17, &shipping);
        MIGRATIONS.to_latest(&mut conn).expect("0018");
        let (schema, leftovers): (String, i64) = conn
            .query_row(
                "SELECT (SELECT sql FROM sqlite_master WHERE name = 'templates_fts'),
                        (SELECT count(*) FROM sqlite_master WHERE name LIKE 'templates_fts_prefixed%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("schema");
        assert!(schema.contains("prefix = '1 2 3'"), "{schema}");
        assert_eq!(leftovers, 0);
        for query in ["order", "sh", "طلب"] {
            let found =
                templates::search(&conn, None, query, &Prefer::default(), 10).expect("search");
            assert_eq!(found.len(), 1, "{query}");
            assert_eq!(found[0].template.id, kept.id);
        }
    }

    #[test]
    fn failures_recorded_before_read_the_same_in_each_language() {
        let dir = tempfile::tempdir().expect("dir");
        let mut conn = Connection::open_in_memory().expect("open");
        MIGRATIONS.to_version(&mut conn, 20).expect("0020");
        let tx = conn.transaction().expect("tx");
        let now = crate::time::Timestamp::from_unix(1_795_600_800).expect("time");
        let brand = crate::sample::create(&tx, dir.path(), Language::En, now).expect("sample");
        // As the engine recorded them then: one sentence, in the language of the moment.
        tx.execute_batch(
            "UPDATE deliveries SET last_error = 'Bluesky refused it' WHERE last_error IS NOT NULL;
             UPDATE ugc_items SET request_text = 'May we share it?', request_error = 'network down';
             INSERT INTO replies (interaction_id, text, key, status, error, created_at)
                 SELECT id, 'So sorry!', '3kreplykey22a', 'failed', 'Bluesky did not answer',
                        1795600800 FROM interactions LIMIT 1;
             INSERT INTO ugc_events (item_id, at, state, what, text)
                 SELECT id, 1795600800, state, 'request_failed', 'network down' FROM ugc_items;",
        )
        .expect("old rows");
        tx.commit().expect("commit");
        MIGRATIONS.to_latest(&mut conn).expect("0021");
        let same = |worded: &crate::worded::Worded, words: &str| {
            assert_eq!((worded.en.as_str(), worded.ar.as_str()), (words, words));
        };
        let posts = crate::posts::list(&conn, brand.id, Default::default()).expect("posts");
        let failed: Vec<_> = posts
            .iter()
            .flat_map(|p| &p.deliveries)
            .filter_map(|d| d.last_error.as_ref())
            .collect();
        assert!(!failed.is_empty(), "the sample has a failed delivery");
        failed.iter().for_each(|w| same(w, "Bluesky refused it"));
        let page = crate::ugc::list(&conn, brand.id, &Default::default(), 0, 1).expect("items");
        let item = page.items.first().expect("the sample has followers' posts");
        same(
            item.request
                .as_ref()
                .and_then(|r| r.error.as_ref())
                .expect("why"),
            "network down",
        );
        let interaction: i64 = conn
            .query_row("SELECT interaction_id FROM replies", [], |r| r.get(0))
            .expect("the reply");
        let replies = crate::inbox::replies::list(&conn, crate::inbox::InteractionId(interaction))
            .expect("replies");
        same(
            replies[0].error.as_ref().expect("why"),
            "Bluesky did not answer",
        );
        let trail = crate::ugc::rights::trail(&conn, item.id).expect("trail");
        same(
            trail.last().and_then(|e| e.why.as_ref()).expect("why"),
            "network down",
        );
    }

    #[test]
    fn two_processes_opening_a_new_database_at_once_both_get_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("majlis.db");
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            let openers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        Store::open(&path).map(|_| ())
                    })
                })
                .collect();
            for opener in openers {
                opener.join().expect("thread").expect("opened");
            }
        });
    }

    #[test]
    fn opening_a_file_enables_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("majlis.db")).expect("open");
        let (mode, fk): (String, i64) = store
            .read(|c| {
                Ok(c.query_row(
                    "SELECT * FROM pragma_journal_mode, pragma_foreign_keys",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .expect("pragmas");
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
    }

    #[test]
    fn reopening_keeps_data_and_does_not_rerun_migrations() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("majlis.db");
        Store::open(&path)
            .expect("open")
            .write(|tx| Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('k', '1')", [])?))
            .expect("insert");
        let count: i64 = Store::open(&path)
            .expect("reopen")
            .read(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?))
            .expect("count");
        assert_eq!(count, 1);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let store = Store::open_in_memory().expect("open");
        let result: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('k', '1')", [])?;
            Err(crate::Error::NameEmpty(crate::name::Named::Brand))
        });
        assert!(result.is_err());
        let count: i64 = store
            .read(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?))
            .expect("count");
        assert_eq!(count, 0);
    }
}
