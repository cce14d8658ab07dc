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
        M::up(include_str!("ugc/0022_trail_steps.sql")),
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

    /// A database as of migration `version` (20 or later), holding a bakery written as
    /// the code of that time wrote it, by hand: today's code writes today's tables. Its
    /// post 1 failed on Bluesky and used follower item 1, whose request failed; Sara's
    /// message got a reply that failed. Then `rows`.
    fn bakery_as_of(version: usize, rows: &str) -> (Connection, crate::ugc::UgcId) {
        let mut conn = Connection::open_in_memory().expect("open");
        MIGRATIONS.to_version(&mut conn, version).expect("migrated");
        conn.execute_batch(
            "INSERT INTO brands (id, name, name_key, time_zone, locale, color, created_at, updated_at)
                 VALUES (1, 'Rayyan Bakery', 'rayyan bakery', 'Asia/Riyadh', 'en', '#d97706', 1795600800, 1795600800);
             INSERT INTO channels (id, brand_id, kind, name, name_key, handle, created_at)
                 VALUES (1, 1, 'bluesky', 'Bakery on Bluesky', 'bakery on bluesky', 'rayyan.test', 1795600800);
             INSERT INTO posts (id, brand_id, body, status, at, zone, created_at, updated_at)
                 VALUES (1, 1, 'Fresh bread', 'failed', 1795600800, 'Asia/Riyadh', 1795600800, 1795600800);
             INSERT INTO deliveries (post_id, channel_id, status, attempts, last_error)
                 VALUES (1, 1, 'failed', 1, 'Bluesky refused it');
             INSERT INTO interactions (id, brand_id, channel_id, source, author_handle, text, received_at,
                                       status, kind, priority, created_at)
                 VALUES (1, 1, 1, 'reply', 'sara.test', 'Where is my box?', 1795600800, 'open', 'complaint',
                         'normal', 1795600800);
             INSERT INTO replies (interaction_id, text, key, status, error, created_at)
                 VALUES (1, 'So sorry!', '3kreplykey22a', 'failed', 'Bluesky did not answer', 1795600800);
             INSERT INTO ugc_items (id, brand_id, origin, channel_id, network, creator_handle, state,
                                    granted_at, request_text, request_error, found_at)
                 VALUES (1, 1, 'search', 1, 'bluesky', 'sara.test', 'used', 1795600800,
                         'May we share it?', 'network down', 1795600800);
             INSERT INTO post_ugc (post_id, item_id) VALUES (1, 1);",
        )
        .expect("the bakery");
        conn.execute_batch(rows).expect("rows");
        (conn, crate::ugc::UgcId(1))
    }

    #[test]
    fn failures_recorded_before_read_the_same_in_each_language() {
        // As the engine recorded them then: one sentence, in the language of the moment.
        let (mut conn, item) = bakery_as_of(
            20,
            "INSERT INTO ugc_events (item_id, at, state, what, text)
                 VALUES (1, 1795600800, 'found', 'request_failed', 'network down');",
        );
        MIGRATIONS.to_version(&mut conn, 21).expect("0021");
        let same = |worded: &crate::worded::Worded, words: &str| {
            assert_eq!((worded.en.as_str(), worded.ar.as_str()), (words, words));
        };
        let posts = crate::posts::list(&conn, crate::brands::BrandId(1), Default::default())
            .expect("posts");
        same(
            posts[0].deliveries[0].last_error.as_ref().expect("why"),
            "Bluesky refused it",
        );
        let why: String = conn
            .query_row("SELECT request_error FROM ugc_items", [], |r| r.get(0))
            .expect("the request");
        assert_eq!(why, r#"{"en":"network down","ar":"network down"}"#);
        let replies =
            crate::inbox::replies::list(&conn, crate::inbox::InteractionId(1)).expect("replies");
        same(
            replies[0].error.as_ref().expect("why"),
            "Bluesky did not answer",
        );
        MIGRATIONS.to_latest(&mut conn).expect("latest");
        let trail = crate::ugc::rights::trail(&conn, item).expect("trail");
        same(trail[0].why.as_ref().expect("why"), "network down");
    }

    #[test]
    fn a_trail_kept_in_one_column_reads_the_same_each_in_its_own() {
        use crate::ugc::rights::EventKind;
        // As 0021's code wrote them: words, why and the post all in `text`. The post 2
        // the last step used was deleted, and its number given to a post made since.
        let (mut conn, item) = bakery_as_of(
            21,
            r#"INSERT INTO posts (id, brand_id, body, status, at, zone, created_at, updated_at)
                 VALUES (2, 1, 'Made since', 'draft', NULL, 'Asia/Riyadh', 1795601000, 1795601000);
               INSERT INTO ugc_events (item_id, at, state, what, text, url) VALUES
                 (1, 1795600800, 'found', 'found', NULL, 'https://bsky.app/profile/sara.test/post/1'),
                 (1, 1795600801, 'found', 'request_failed', '{"en":"network down","ar":"الشبكة متوقفة"}', NULL),
                 (1, 1795600802, 'granted', 'manual', 'By email', NULL),
                 (1, 1795600803, 'used', 'used', 'post 1', NULL),
                 (1, 1795600804, 'used', 'used', 'post 2', NULL);"#,
        );
        MIGRATIONS.to_latest(&mut conn).expect("0022");
        let trail = crate::ugc::rights::trail(&conn, item).expect("trail");
        let kinds: Vec<_> = trail.iter().map(|e| e.what).collect();
        assert_eq!(
            kinds,
            [
                EventKind::Found,
                EventKind::RequestFailed,
                EventKind::Manual,
                EventKind::Used,
                EventKind::Used
            ]
        );
        assert_eq!(
            trail[0].url.as_deref(),
            Some("https://bsky.app/profile/sara.test/post/1")
        );
        assert_eq!(trail[1].text, None);
        assert_eq!(trail[1].said(Language::Ar), "الشبكة متوقفة");
        assert_eq!(trail[2].text.as_deref(), Some("By email"));
        assert_eq!(
            (trail[3].text.as_ref(), trail[3].post),
            (None, Some(crate::posts::PostId(1)))
        );
        // The post 2 it used is gone: the step names none, not the post given its number.
        assert_eq!(trail[4].post, None);
        assert_eq!(trail[4].said(Language::En), "a post since deleted");
        // Nor does one whose post is deleted afterwards.
        conn.execute("DELETE FROM posts WHERE id = 1", [])
            .expect("deleted");
        let trail = crate::ugc::rights::trail(&conn, item).expect("trail");
        assert_eq!(trail[3].post, None);
        // A step keeps only what its kind is proved by.
        let wrong = conn.execute(
            "INSERT INTO ugc_events (item_id, at, state, what, text) VALUES (1, 1, 'used', 'used', 'post 1')",
            [],
        );
        assert!(wrong.is_err(), "a post's step keeps no words");
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
