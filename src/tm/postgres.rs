//! The memory on a PostgreSQL server, shared by a newsroom's translators and its CI: the same
//! units, the same lookups and the same scores as the SQLite memory.
//!
//! - Schema: made and migrated by puente itself, under an advisory lock so that two runs
//!   starting at once do not race: `puente_schema` (the version) and `puente_units` (one row
//!   per unit, a unique `key`: the SHA-256 of its direction, source, target and context, since
//!   a B-tree cannot hold long sentences), an index for exact lookups (direction and the MD5
//!   of the source), `puente_postings` (word, unit: the word index, read from its B-tree
//!   alone) and `puente_words` (how many units hold each word) for fuzzy ones.
//! - Writes: one transaction per batch, under an advisory lock (one writer at a time, as
//!   SQLite's write lock: no deadlock between writers of overlapping batches, and units keep
//!   the order they were added in), rows sent in order through `unnest` with
//!   `ON CONFLICT (key) DO NOTHING`, so concurrent writers lose no unit and duplicate none; a
//!   deadlock or serialization failure is tried again all the same.
//! - Fuzzy lookups: the same plan as the SQLite memory's ([`super::word_plan`]: the query's
//!   rarest words, a bounded walk of the index), each plan word's postings read from the
//!   B-tree alone as one array, the units holding them ranked here as the SQLite memory ranks
//!   them ([`super::Ranking`]), and the best candidates scored by the same exact similarity
//!   ([`super::score_candidates`]): three round trips of statements prepared once per
//!   connection. Ranking on the server (a hash aggregate over up to 30,000 postings) took
//!   most of a lookup. `pg_trgm` was measured first and left out: its index must read the
//!   posting lists of every trigram of a sentence, the common ones included, and a lookup in
//!   100,000 synthetic news sentences took seconds; a GIN index over each unit's words made
//!   the same plan read every candidate row (p95 237 ms there).
//! - Connections: a connect timeout (10 s unless the URL says `connect_timeout`), a statement
//!   timeout and TCP keepalives, so a server that is down or goes away is an error, not a hang;
//!   JIT off (compiling a plan costs more than any of puente's statements run);
//!   TLS (rustls) only when the URL asks for it, as libpq reads `sslmode` and `sslrootcert`:
//!   `require` encrypts without checking the certificate; `verify-ca` checks that it is
//!   signed by a trusted authority, `verify-full` that and the host name; the trusted
//!   authorities are the web's, or those of the PEM file `sslrootcert` names (a newsroom's
//!   private authority; with it `require` checks as `verify-ca`).
//!
//! The password is never part of a [`Server`], its URL or an error: it is handed to
//! [`Postgres::connect`] and removed from any text the server or the driver sends back.
//! PostgreSQL text cannot hold a NUL: a unit's NUL (from a `\000` in a PO) is stored as
//! U+FFFF and read back as NUL.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row, Statement};
use sha2::{Digest, Sha256};

use super::{
    index_words, score_candidates, word_plan, Backend, FuzzyMatch, Group, Ranking, Stats, TmError,
    TmUnit, UnitRef,
};
use crate::lang::Lang;

/// The schema version this puente writes and reads (`puente_schema.version`).
pub const SCHEMA_VERSION: i32 = 1;

/// How long a connection may take unless the URL says otherwise (`connect_timeout`).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one statement may run on the server: a batch's insert of 2,000 rows or a lookup
/// takes far less, so this only ends what is stuck.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(120);

/// The advisory lock that serializes schema changes: "puente" and the number.
const SCHEMA_LOCK: i64 = 0x7075_656e_7465_0018;

/// The advisory lock a write transaction holds.
const WRITE_LOCK: i64 = 0x7075_656e_7465_0019;

/// Rows per insert statement: big enough to pay few round trips, small enough to stay far
/// from the protocol's parameter and statement-size limits.
const ROWS_PER_STATEMENT: usize = 2_000;

/// How many times a batch is tried again after a deadlock or serialization failure.
const RETRIES: u32 = 5;

/// Schema version 1: the units with their folded words ([`super::index_words`]), the word
/// index as postings (word, unit), which a lookup reads from the B-tree alone, and how many
/// units hold each word (for the rarest-words plan, [`super::word_plan`]).
const SCHEMA_V1: &str = "
    CREATE TABLE puente_units (
        id bigserial PRIMARY KEY,
        key bytea NOT NULL UNIQUE,
        source_lang text NOT NULL,
        target_lang text NOT NULL,
        source text NOT NULL,
        target text NOT NULL,
        prev text NOT NULL DEFAULT '',
        next text NOT NULL DEFAULT '',
        origin text NOT NULL DEFAULT '',
        words text[] NOT NULL DEFAULT '{}',
        created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX puente_units_exact ON puente_units (source_lang, target_lang, md5(source));
    CREATE TABLE puente_postings (
        word text NOT NULL,
        id bigint NOT NULL,
        PRIMARY KEY (word, id)
    );
    CREATE TABLE puente_words (
        word text PRIMARY KEY,
        df bigint NOT NULL
    );";

/// Whether and how the connection is encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// Plain TCP or a Unix socket (no `sslmode`, or `disable`, `allow`, `prefer`).
    Off,
    /// Encrypted, the certificate not checked (`sslmode=require`, as libpq).
    Require,
    /// Encrypted, the certificate checked against the web's roots (or the URL's
    /// `sslrootcert`) and the host name (`sslmode=verify-full`).
    Verify,
    /// Encrypted, the certificate checked against the web's roots (or the URL's
    /// `sslrootcert`) but not the host name (`sslmode=verify-ca`, as libpq).
    VerifyCa,
}

/// Where a memory server is and how to reach it: everything of its URL but the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The user puente logs in as.
    pub user: String,
    /// The host name or address, or a Unix socket folder (starting with `/`).
    pub host: String,
    /// The port.
    pub port: u16,
    /// The database.
    pub database: String,
    /// Encryption.
    pub tls: Tls,
    /// How long a connection may take.
    pub connect_timeout: Duration,
    /// The certificate authorities (a PEM file) the server's certificate must be signed by,
    /// instead of the web's (`sslrootcert`, as libpq; with `sslmode=require` it makes the
    /// check `verify-ca`'s, as in libpq).
    pub root_cert: Option<PathBuf>,
}

/// What is wrong with a memory server's URL (the text itself is never repeated: it may hold
/// a password).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlProblem {
    /// Not a `postgresql://` or `postgres://` URL.
    #[error("not a postgresql:// URL")]
    NotPostgres,
    /// No user name before the host.
    #[error("no user name")]
    NoUser,
    /// No host (and no `host=` socket folder).
    #[error("no host")]
    NoHost,
    /// A query parameter puente does not use.
    #[error("unknown parameter {0}")]
    Parameter(String),
    /// A parameter with a value puente does not accept.
    #[error("bad value for {0}")]
    Value(String),
}

/// Whether `text` is a memory server URL rather than a file path.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgresql://") || lower.starts_with("postgres://")
}

impl Server {
    /// Reads a `postgresql://user[:password]@host[:port]/database[?param=value&…]` URL: the
    /// server, and the password when the URL holds one (in its user part or as `password=`).
    /// Parameters: `sslmode`, `connect_timeout` (seconds), `host` (a socket folder).
    pub fn parse(url: &str) -> Result<(Server, Option<String>), UrlProblem> {
        if !is_url(url) {
            return Err(UrlProblem::NotPostgres);
        }
        // libpq's URLs may leave the host empty (`user@/db?host=/run/pg`, a socket folder),
        // which the URL reader refuses: a stand-in host is read and then forgotten.
        let scheme_end = url.find("://").map_or(0, |i| i + 3);
        let authority_end = url[scheme_end..]
            .find(['/', '?'])
            .map_or(url.len(), |i| scheme_end + i);
        let host_start = url[scheme_end..authority_end]
            .rfind('@')
            .map_or(scheme_end, |i| scheme_end + i + 1);
        let no_host = url[host_start..authority_end].is_empty()
            || url[host_start..authority_end].starts_with(':');
        let text = if no_host {
            Cow::Owned(format!(
                "{}stand-in{}",
                &url[..host_start],
                &url[host_start..]
            ))
        } else {
            Cow::Borrowed(url)
        };
        let parsed = url::Url::parse(&text).map_err(|_| UrlProblem::NotPostgres)?;
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let mut password = parsed.password().map(decode);
        let mut user = decode(parsed.username());
        let mut host = match no_host {
            true => String::new(),
            false => parsed.host_str().map(decode).unwrap_or_default(),
        };
        if host.starts_with('[') && host.ends_with(']') {
            host = host[1..host.len() - 1].to_string();
        }
        let mut port = parsed.port().unwrap_or(5432);
        let mut database = decode(parsed.path().trim_start_matches('/'));
        let mut tls = Tls::Off;
        let mut connect_timeout = CONNECT_TIMEOUT;
        let mut root_cert = None;
        for (name, value) in parsed.query_pairs() {
            let value = value.into_owned();
            match name.as_ref() {
                "sslmode" => {
                    tls = match value.as_str() {
                        "disable" | "allow" | "prefer" => Tls::Off,
                        "require" => Tls::Require,
                        "verify-ca" => Tls::VerifyCa,
                        "verify-full" => Tls::Verify,
                        _ => return Err(UrlProblem::Value(name.into_owned())),
                    }
                }
                "connect_timeout" => {
                    let seconds: u64 = value
                        .parse()
                        .ok()
                        .filter(|s| *s > 0)
                        .ok_or_else(|| UrlProblem::Value(name.to_string()))?;
                    connect_timeout = Duration::from_secs(seconds);
                }
                // libpq's `system` is the default: the web's roots.
                "sslrootcert" if value == "system" => root_cert = None,
                "sslrootcert" if value.is_empty() => {
                    return Err(UrlProblem::Value(name.into_owned()))
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(value)),
                "host" => host = value,
                "port" => {
                    port = value
                        .parse()
                        .map_err(|_| UrlProblem::Value(name.to_string()))?
                }
                "user" => user = value,
                "dbname" => database = value,
                "password" => password = Some(value),
                _ => return Err(UrlProblem::Parameter(name.into_owned())),
            }
        }
        if user.is_empty() {
            return Err(UrlProblem::NoUser);
        }
        if host.is_empty() {
            return Err(UrlProblem::NoHost);
        }
        if database.is_empty() {
            database = user.clone();
        }
        let server = Server {
            user,
            host,
            port,
            database,
            tls,
            connect_timeout,
            root_cert,
        };
        Ok((server, password.filter(|p| !p.is_empty())))
    }

    /// The server's URL without a password: what puente shows and what stands for the memory
    /// where a file path would.
    pub fn url(&self) -> String {
        use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
        let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
        let mut params = Vec::new();
        let host = if self.host.starts_with('/') {
            params.push(format!("host={}", enc(&self.host)));
            String::new()
        } else if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.tls {
            Tls::Off => {}
            Tls::Require => params.push("sslmode=require".into()),
            Tls::Verify => params.push("sslmode=verify-full".into()),
            Tls::VerifyCa => params.push("sslmode=verify-ca".into()),
        }
        if let Some(file) = &self.root_cert {
            params.push(format!("sslrootcert={}", enc(&file.to_string_lossy())));
        }
        if self.connect_timeout != CONNECT_TIMEOUT {
            params.push(format!(
                "connect_timeout={}",
                self.connect_timeout.as_secs()
            ));
        }
        let query = if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        };
        format!(
            "postgresql://{}@{host}:{}/{}{query}",
            enc(&self.user),
            self.port,
            enc(&self.database)
        )
    }

    /// The server as messages name it: host, port and database.
    pub fn place(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.database)
    }

    /// The driver's configuration: timeouts, keepalives and the session's settings.
    fn config(&self, password: Option<&str>) -> Config {
        let mut config = Config::new();
        if self.host.starts_with('/') {
            config.host_path(&self.host);
        } else {
            config.host(&self.host);
        }
        config
            .port(self.port)
            .user(&self.user)
            .dbname(&self.database)
            .application_name("puente")
            .connect_timeout(self.connect_timeout)
            // A server that goes away mid-run is noticed within a minute, not hours.
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(15))
            .keepalives_interval(Duration::from_secs(5))
            .keepalives_retries(4)
            // JIT compiling a plan costs tens of milliseconds, more than any of puente's
            // statements run: a lookup's estimate crossing `jit_above_cost` would make it
            // several times slower, so it is off for puente's sessions.
            .options(&format!(
                "-c statement_timeout={} -c jit=off",
                STATEMENT_TIMEOUT.as_millis()
            ))
            .ssl_mode(match self.tls {
                Tls::Off => postgres::config::SslMode::Disable,
                Tls::Require | Tls::Verify | Tls::VerifyCa => postgres::config::SslMode::Require,
            });
        if let Some(p) = password {
            config.password(p);
        }
        config
    }
}

/// The password `.pgpass` gives for `server`, read as libpq reads the file: lines of
/// `host:port:database:user:password`, `*` matching anything in the first four fields, `\:`
/// and `\\` escaping, `#` comments; the first matching line wins. A socket folder matches the
/// host `localhost`, as in libpq.
pub fn pgpass_password(text: &str, server: &Server) -> Option<String> {
    let host = if server.host.starts_with('/') {
        "localhost"
    } else {
        server.host.as_str()
    };
    let port = server.port.to_string();
    let wanted = [
        host,
        port.as_str(),
        server.database.as_str(),
        server.user.as_str(),
    ];
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::with_capacity(5);
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|(f, w)| f == "*" || f == w)
        {
            return Some(fields.pop().unwrap_or_default());
        }
    }
    None
}

/// What went wrong with the memory server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerErrorKind {
    /// Nothing answers (refused, unresolved, timed out), or it went away.
    Unreachable,
    /// The server asks for a password and none was given.
    NoPassword,
    /// The server refused the user or the password.
    Auth,
    /// The TLS handshake failed: no TLS on the server, or a certificate not accepted
    /// (`sslmode=verify-full`).
    Tls,
    /// The database does not exist.
    NoDatabase,
    /// The memory's schema is newer than this puente.
    Newer,
    /// The certificate authority file the URL names (`sslrootcert`) cannot be read or holds
    /// no certificate; the detail names the file.
    RootCert,
    /// Anything else the server or the driver said.
    Query,
}

/// An error from the memory server: what kind, where (host, port, database) and the driver's
/// words, from which the password has been removed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {detail}")]
pub struct ServerError {
    /// What kind of failure.
    pub kind: ServerErrorKind,
    /// Host, port and database.
    pub place: String,
    /// The driver's or the server's words.
    pub detail: String,
}

/// An open memory on a PostgreSQL server: one connection of its own, so that memories open in
/// several threads (workers of one run) never wait for each other's statements. When the
/// memory is dropped its connection is kept for the next one the run opens on the same server
/// as the same user ([`KEEP`] at most each), so a run that opens the memory for each of many
/// work files logs in once, not once a file.
pub struct Postgres {
    /// Always there until the memory is dropped and its connection kept.
    inner: Mutex<Option<Inner>>,
    place: String,
    /// The server's URL (without the password): what a kept connection is kept for.
    url: String,
    password: Option<String>,
}

/// How many idle connections a run keeps per server and user. A run opens one memory per
/// work file (and at most one per worker at a time), so a few serve every later open.
pub const KEEP: usize = 4;

/// A connection a dropped memory left for the next one opened on its server as its user.
struct Kept {
    url: String,
    password: Option<String>,
    inner: Inner,
}

/// The connections dropped memories left, oldest first. Why not a pool crate: r2d2 (the
/// synchronous one) keeps trying a refused or failed login until its checkout timeout and
/// gives back only the last error's text (sfackler/r2d2#51), where puente answers at once
/// with what went wrong, localized from the driver's typed error; a memory keeps one
/// connection from open to drop, so all puente needs is the connections handed on.
static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

/// A kept connection for `url` as the user with `password`, checked alive (one round trip),
/// or `None`.
fn take_kept(url: &str, password: Option<&str>) -> Option<Inner> {
    loop {
        let mut inner = {
            let mut kept = KEPT
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let at = kept
                .iter()
                .rposition(|k| k.url == url && k.password.as_deref() == password)?;
            kept.remove(at).inner
        };
        // A connection the server ended while it waited (a restart, an idle timeout) is
        // dropped, and the next one tried.
        if inner.client.is_valid(Duration::from_secs(5)).is_ok() {
            return Some(inner);
        }
    }
}

/// The connection.
struct Inner {
    client: Client,
    /// The lookups' statements, each prepared once on this connection: a lookup then costs
    /// one round trip per statement, and the server plans it from its cached plan.
    statements: HashMap<&'static str, Statement>,
    /// Whether the memory's schema was made or checked on this connection.
    schema: bool,
}

/// The connection of an open memory, while its statements run.
struct Conn<'a>(std::sync::MutexGuard<'a, Option<Inner>>);

impl std::ops::Deref for Conn<'_> {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        self.0.as_ref().expect("an open memory has its connection")
    }
}

impl std::ops::DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut Inner {
        self.0.as_mut().expect("an open memory has its connection")
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let inner = self
            .inner
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let Some(inner) = inner.filter(|i| !i.client.is_closed()) else {
            return;
        };
        let mut kept = KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let same = |k: &&Kept| k.url == self.url && k.password == self.password;
        if kept.iter().filter(same).count() < KEEP {
            kept.push(Kept {
                url: self.url.clone(),
                password: self.password.clone(),
                inner,
            });
        }
    }
}

impl Inner {
    fn new(client: Client) -> Inner {
        Inner {
            client,
            statements: HashMap::new(),
            schema: false,
        }
    }

    /// The statement `sql`, prepared on this connection the first time it is asked for.
    fn statement(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }

    /// Runs `sql` (prepared once) with `params`.
    fn query(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        let statement = self.statement(sql)?;
        self.client.query(&statement, params)
    }
}

impl Postgres {
    /// Connects to `server`, creating or migrating the memory's schema there.
    pub fn connect(server: &Server, password: Option<&str>) -> Result<Postgres, ServerError> {
        let memory = Postgres::connect_only(server, password)?;
        memory.prepare_schema()?;
        Ok(memory)
    }

    /// Connects to `server` to read its memory: `None` when there is none there yet (no
    /// `puente_schema` table), and nothing is created.
    pub fn connect_existing(
        server: &Server,
        password: Option<&str>,
    ) -> Result<Option<Postgres>, ServerError> {
        let memory = Postgres::connect_only(server, password)?;
        if memory.client().schema {
            return Ok(Some(memory));
        }
        let exists: bool = memory
            .client()
            .client
            .query_one("SELECT to_regclass('puente_schema') IS NOT NULL", &[])
            .map_err(|e| memory.error(&e))?
            .get(0);
        if !exists {
            return Ok(None);
        }
        memory.prepare_schema()?;
        Ok(Some(memory))
    }

    /// A kept connection to `server` as this user, else a new one.
    fn connect_only(server: &Server, password: Option<&str>) -> Result<Postgres, ServerError> {
        let url = server.url();
        if let Some(inner) = take_kept(&url, password) {
            return Ok(Postgres {
                inner: Mutex::new(Some(inner)),
                place: server.place(),
                url,
                password: password.map(str::to_string),
            });
        }
        let client = open_client(server, password)?;
        let place = server.place();
        let password = password.map(str::to_string);
        Ok(Postgres {
            inner: Mutex::new(Some(Inner::new(client))),
            place,
            url,
            password,
        })
    }

    /// The connection. A panic while it was held leaves it as it was: every use is one
    /// statement or one transaction, which the server ends whole or not at all.
    fn client(&self) -> Conn<'_> {
        Conn(
            self.inner
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// The error for what the server or the driver said, without the password.
    fn error(&self, e: &postgres::Error) -> ServerError {
        describe(e, &self.place, self.password.as_deref(), false)
    }

    /// Creates or migrates the schema, one run at a time (an advisory lock held for the
    /// transaction).
    fn prepare_schema(&self) -> Result<(), ServerError> {
        let mut inner = self.client();
        if inner.schema {
            return Ok(());
        }
        let err = |e: &postgres::Error| self.error(e);
        let mut tx = inner.client.transaction().map_err(|e| err(&e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .map_err(|e| err(&e))?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS puente_schema (version integer NOT NULL)")
            .map_err(|e| err(&e))?;
        let version: i32 = tx
            .query_one("SELECT COALESCE(MAX(version), 0) FROM puente_schema", &[])
            .map_err(|e| err(&e))?
            .get(0);
        if version > SCHEMA_VERSION {
            return Err(ServerError {
                kind: ServerErrorKind::Newer,
                place: self.place.clone(),
                detail: format!("schema version {version}, this puente knows {SCHEMA_VERSION}"),
            });
        }
        if version < 1 {
            tx.batch_execute(SCHEMA_V1).map_err(|e| err(&e))?;
            tx.batch_execute("DELETE FROM puente_schema; INSERT INTO puente_schema VALUES (1)")
                .map_err(|e| err(&e))?;
        }
        tx.commit().map_err(|e| err(&e))?;
        inner.schema = true;
        Ok(())
    }

    /// One try at storing `rows` in one transaction, in order: the keys that were new.
    fn try_add(
        &self,
        rows: &[([u8; 32], usize, &UnitRef<'_>)],
    ) -> Result<HashSet<Vec<u8>>, postgres::Error> {
        let mut inner = self.client();
        let mut tx = inner.client.transaction()?;
        // One writer at a time, as SQLite's write lock: units keep the order they were added
        // in (ids are the memory's "oldest first"), and writers of overlapping batches wait
        // for each other instead of deadlocking over each other's rows.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let insert = tx.prepare(
            "WITH added AS (
                 INSERT INTO puente_units
                     (key, source_lang, target_lang, source, target, prev, next, origin, words)
                 SELECT k, sl, tl, s, t, p, n, o, string_to_array(w, ' ')
                 FROM unnest($1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[],
                             $6::text[], $7::text[], $8::text[], $9::text[])
                      AS u(k, sl, tl, s, t, p, n, o, w)
                 ON CONFLICT (key) DO NOTHING
                 RETURNING id, key, words),
             postings AS (
                 INSERT INTO puente_postings (word, id)
                 SELECT unnest(words), id FROM added)
             SELECT key, words FROM added",
        )?;
        let mut new = HashSet::new();
        // Word counts are summed here and written once per word, not once per unit.
        let mut counts: HashMap<String, i64> = HashMap::new();
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let keys: Vec<&[u8]> = chunk.iter().map(|r| &r.0[..]).collect();
            let column = |f: &dyn for<'u> Fn(&'u UnitRef<'u>) -> &'u str| -> Vec<Cow<'_, str>> {
                chunk.iter().map(|r| store(f(r.2))).collect()
            };
            let source_langs = column(&|u| u.source_lang.code());
            let target_langs = column(&|u| u.target_lang.code());
            let sources = column(&|u| u.source);
            let targets = column(&|u| u.target);
            let prevs = column(&|u| u.prev);
            let nexts = column(&|u| u.next);
            let origins = column(&|u| u.origin);
            // A unit's words joined by spaces (a word holds none), as SQL arrays of arrays
            // must all be the same length.
            let words: Vec<String> = chunk
                .iter()
                .map(|r| index_words(&store(r.2.source)).join(" "))
                .collect();
            for row in tx.query(
                &insert,
                &[
                    &keys,
                    &source_langs,
                    &target_langs,
                    &sources,
                    &targets,
                    &prevs,
                    &nexts,
                    &origins,
                    &words,
                ],
            )? {
                new.insert(row.get::<_, Vec<u8>>(0));
                for w in row.get::<_, Vec<String>>(1) {
                    *counts.entry(w).or_default() += 1;
                }
            }
        }
        let (words, dfs): (Vec<String>, Vec<i64>) = counts.into_iter().unzip();
        tx.execute(
            "INSERT INTO puente_words (word, df) SELECT * FROM unnest($1::text[], $2::bigint[])
             ON CONFLICT (word) DO UPDATE SET df = puente_words.df + excluded.df",
            &[&words, &dfs],
        )?;
        tx.commit()?;
        Ok(new)
    }
}

/// A connection to `server` for another of puente's tables there (the MT cache,
/// [`crate::mt::cache`]): the memory's timeouts, keepalives and TLS, and its errors (host,
/// port and database, never the password).
pub fn open_client(server: &Server, password: Option<&str>) -> Result<Client, ServerError> {
    let config = server.config(password);
    let client = match server.tls {
        Tls::Off => config.connect(NoTls),
        _ => config.connect(tls_connector(server)?),
    };
    client.map_err(|e| describe(&e, &server.place(), password, true))
}

/// The error for what the server or the driver said on a connection [`open_client`] gave,
/// without the password.
pub fn client_error(e: &postgres::Error, server: &Server, password: Option<&str>) -> ServerError {
    describe(e, &server.place(), password, false)
}

/// A TLS connector for `server` (whose TLS is not [`Tls::Off`]), on the rustls with ring
/// already in the tree: the certificate checked against `sslrootcert`'s authorities when the
/// URL names a file (then `require` checks as `verify-ca`, as in libpq), else the web's.
fn tls_connector(server: &Server) -> Result<tokio_postgres_rustls::MakeRustlsConnect, ServerError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions");
    let roots = || -> Result<Arc<rustls::RootCertStore>, ServerError> {
        match &server.root_cert {
            Some(file) => root_certificates(file).map_err(|detail| ServerError {
                kind: ServerErrorKind::RootCert,
                place: server.place(),
                detail,
            }),
            None => Ok(Arc::new(rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            })),
        }
    };
    let check_host = match (server.tls, &server.root_cert) {
        (Tls::Verify, _) => Some(true),
        (Tls::VerifyCa, _) | (Tls::Require, Some(_)) => Some(false),
        _ => None,
    };
    let config = match check_host {
        Some(true) => builder
            .with_root_certificates(roots()?)
            .with_no_client_auth(),
        Some(false) => {
            let verifier =
                rustls::client::WebPkiServerVerifier::builder_with_provider(roots()?, provider)
                    .build()
                    .map_err(|e| ServerError {
                        kind: ServerErrorKind::RootCert,
                        place: server.place(),
                        detail: e.to_string(),
                    })?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyHostName(verifier)))
                .with_no_client_auth()
        }
        None => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth(),
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The certificate authorities of the PEM file `file`, or why they cannot be used (the
/// file's name first: it is what the user must fix).
fn root_certificates(file: &Path) -> Result<Arc<rustls::RootCertStore>, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let name = file.display();
    let bytes = std::fs::read(file).map_err(|e| format!("{name}: {e}"))?;
    let mut store = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        let cert = cert.map_err(|e| format!("{name}: {e}"))?;
        store.add(cert).map_err(|e| format!("{name}: {e}"))?;
    }
    if store.is_empty() {
        return Err(format!("{name}: no PEM certificate in it"));
    }
    Ok(Arc::new(store))
}

/// `sslmode=verify-ca` as libpq means it: the certificate must be signed by a trusted
/// authority, for whatever host name it names.
#[derive(Debug)]
struct AnyHostName(Arc<rustls::client::WebPkiServerVerifier>);

impl rustls::client::danger::ServerCertVerifier for AnyHostName {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use rustls::CertificateError as C;
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                C::NotValidForName | C::NotValidForNameContext { .. },
            )) => Ok(rustls::client::danger::ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `sslmode=require` as libpq means it: the connection encrypted, the certificate not
/// checked (its signatures on the handshake still are).
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: &rustls::pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The error for what the driver said, its kind read from the server's SQLSTATE or, before
/// there was a connection, from the driver's words; the password removed from the text.
fn describe(
    e: &postgres::Error,
    place: &str,
    password: Option<&str>,
    connecting: bool,
) -> ServerError {
    // The driver's words and their causes ("invalid configuration: password missing").
    let mut detail = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let text = c.to_string();
        if !detail.contains(&text) {
            detail = format!("{detail}: {text}");
        }
        cause = c.source();
    }
    if let Some(db) = e.as_db_error() {
        detail = format!("{}: {}", db.severity(), db.message());
    }
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        detail = detail.replace(p, "***");
    }
    let kind = match e.code() {
        Some(c) if *c == SqlState::INVALID_PASSWORD => ServerErrorKind::Auth,
        Some(c) if *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => ServerErrorKind::Auth,
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => ServerErrorKind::NoDatabase,
        Some(_) => ServerErrorKind::Query,
        None if detail.contains("password missing") => ServerErrorKind::NoPassword,
        None if tls_failure(e) => ServerErrorKind::Tls,
        None if connecting || e.is_closed() => ServerErrorKind::Unreachable,
        None => {
            // A connection that broke mid-run: the cause is an I/O error.
            let io = std::error::Error::source(e)
                .is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some());
            if io {
                ServerErrorKind::Unreachable
            } else {
                ServerErrorKind::Query
            }
        }
    };
    ServerError {
        kind,
        place: place.to_string(),
        detail,
    }
}

/// Whether the driver failed in the TLS handshake: a rustls error among the causes (inside
/// an I/O error, where tokio-rustls puts it), or the driver's own words for that step.
fn tls_failure(e: &postgres::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cause {
        if c.downcast_ref::<rustls::Error>().is_some()
            || c.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
        {
            return true;
        }
        cause = c.source();
    }
    e.to_string().contains("TLS")
}

/// Whether a batch that failed with `e` may be tried again whole.
pub fn retryable(e: &postgres::Error) -> bool {
    matches!(e.code(), Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE)
}

/// A unit's identity: the SHA-256 of its direction, source, target and context, each part
/// length-prefixed so that no two units share one.
fn key(u: &UnitRef<'_>) -> [u8; 32] {
    let mut h = Sha256::new();
    for part in [
        u.source_lang.code(),
        u.target_lang.code(),
        u.source,
        u.target,
        u.prev,
        u.next,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().into()
}

/// Text as the server stores it: a NUL, which PostgreSQL text cannot hold, as U+FFFF.
fn store(s: &str) -> Cow<'_, str> {
    if s.contains('\0') {
        Cow::Owned(s.replace('\0', "\u{FFFF}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text as the server gave it back, its U+FFFF a NUL again.
fn load(s: String) -> String {
    if s.contains('\u{FFFF}') {
        s.replace('\u{FFFF}', "\0")
    } else {
        s
    }
}

/// A unit from a row whose first columns are `source, target, prev, next, origin`.
fn unit_from_row(r: &postgres::Row, source_lang: Lang, target_lang: Lang) -> TmUnit {
    TmUnit {
        source_lang,
        target_lang,
        source: load(r.get(0)),
        target: load(r.get(1)),
        prev: load(r.get(2)),
        next: load(r.get(3)),
        origin: load(r.get(4)),
    }
}

impl Backend for Postgres {
    fn add_groups(&mut self, groups: &[Group<'_>]) -> Result<Vec<usize>, TmError> {
        // A unit met earlier in this call is not new, as in the SQLite memory.
        let mut seen = HashSet::new();
        let mut rows: Vec<([u8; 32], usize, &UnitRef<'_>)> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for u in group.units {
                let k = key(u);
                if seen.insert(k) {
                    rows.push((k, g, u));
                }
            }
        }
        let mut attempt = 0;
        let new = loop {
            match self.try_add(&rows) {
                Ok(new) => break new,
                Err(e) if retryable(&e) && attempt < RETRIES => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(
                        20 * u64::from(attempt) + fastrand::u64(0..50),
                    ));
                }
                Err(e) => return Err(self.error(&e).into()),
            }
        };
        let mut added = vec![0; groups.len()];
        for (k, g, _) in &rows {
            if new.contains(&k[..]) {
                added[*g] += 1;
            }
        }
        Ok(added)
    }

    fn exact(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        prev: &str,
        next: &str,
    ) -> Result<Option<(TmUnit, bool)>, TmError> {
        let row = self
            .client()
            .query(
                "SELECT source, target, prev, next, origin, (prev = $4 AND next = $5) AS same
                 FROM puente_units
                 WHERE source_lang = $1 AND target_lang = $2 AND md5(source) = md5($3)
                   AND source = $3
                 ORDER BY same DESC, created DESC, id DESC LIMIT 1",
                &[
                    &source_lang.code(),
                    &target_lang.code(),
                    &store(source),
                    &store(prev),
                    &store(next),
                ],
            )
            .map_err(|e| self.error(&e))?;
        Ok(row
            .first()
            .map(|r| (unit_from_row(r, source_lang, target_lang), r.get(5))))
    }

    fn fuzzy(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        min: f64,
        limit: usize,
    ) -> Result<Vec<FuzzyMatch>, TmError> {
        let source_stored = store(source);
        let words = index_words(&source_stored);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut inner = self.client();
        // Three round trips of statements prepared once per connection: the query's words
        // the memory knows (with the memory's size), the plan's postings, the best units.
        // The ranking is done here, as the SQLite memory does it ([`Ranking`]): summing tens
        // of thousands of postings in a server-side hash aggregate took most of a lookup.
        let known = inner
            .query(
                "SELECT w.word, w.df, (SELECT COALESCE(MAX(id), 0) FROM puente_units)
                 FROM puente_words w WHERE w.word = ANY($1)",
                &[&words],
            )
            .map_err(|e| self.error(&e))?;
        let Some(total) = known.first().map(|r| r.get::<_, i64>(2)) else {
            return Ok(Vec::new());
        };
        let known: Vec<(String, i64)> = known.iter().map(|r| (r.get(0), r.get(1))).collect();
        let plan = word_plan(known.iter().map(|(w, n)| (*n, w.as_str())).collect(), total);
        if plan.is_empty() {
            return Ok(Vec::new());
        }
        let plan_words: Vec<&str> = plan.iter().map(|(w, _)| *w).collect();
        // Each plan word's postings as one array, read from the B-tree alone.
        let postings = inner
            .query(
                "SELECT c.n::int4, ARRAY(SELECT p.id FROM puente_postings p WHERE p.word = c.word)
                 FROM unnest($1::text[]) WITH ORDINALITY AS c(word, n)",
                &[&plan_words],
            )
            .map_err(|e| self.error(&e))?;
        let mut lists: Vec<Vec<i64>> = vec![Vec::new(); plan.len()];
        for r in &postings {
            let n = r.get::<_, i32>(0) as usize;
            if let Some(list) = lists.get_mut(n.wrapping_sub(1)) {
                *list = r.get(1);
            }
        }
        drop(postings);
        let mut ranking = Ranking::default();
        for ((_, weight), ids) in plan.iter().zip(&lists) {
            for id in ids {
                ranking.hold(*id, *weight);
            }
        }
        let ranked = ranking.best();
        // As in the SQLite memory: of the best, those of this direction whose source is not
        // the query itself, in rank order.
        let rows = inner
            .query(
                "SELECT source, target, prev, next, origin, id FROM puente_units
                 WHERE id = ANY($1) AND source_lang = $2 AND target_lang = $3 AND source <> $4",
                &[
                    &ranked,
                    &source_lang.code(),
                    &target_lang.code(),
                    &source_stored,
                ],
            )
            .map_err(|e| self.error(&e))?;
        drop(inner);
        let mut found: HashMap<i64, TmUnit> = rows
            .iter()
            .map(|r| (r.get(5), unit_from_row(r, source_lang, target_lang)))
            .collect();
        let candidates = ranked.iter().filter_map(|id| found.remove(id));
        Ok(score_candidates(source, candidates, min, limit))
    }

    fn stats(&self) -> Result<Vec<Stats>, TmError> {
        let rows = self
            .client()
            .client
            .query(
                "SELECT source_lang, target_lang, COUNT(*), COUNT(DISTINCT source)
                 FROM puente_units GROUP BY source_lang, target_lang
                 ORDER BY source_lang, target_lang",
                &[],
            )
            .map_err(|e| self.error(&e))?;
        Ok(rows
            .iter()
            .map(|r| Stats {
                source: r.get(0),
                target: r.get(1),
                units: r.get::<_, i64>(2) as u64,
                sources: r.get::<_, i64>(3) as u64,
            })
            .collect())
    }

    fn page(&self, after: i64, limit: usize) -> Result<Vec<(i64, Option<TmUnit>)>, TmError> {
        let rows = self
            .client()
            .query(
                "SELECT source, target, prev, next, origin, id, source_lang, target_lang
                 FROM puente_units WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &(limit as i64)],
            )
            .map_err(|e| self.error(&e))?;
        Ok(rows
            .iter()
            .map(|r| {
                let langs = (
                    r.get::<_, &str>(6).parse::<Lang>(),
                    r.get::<_, &str>(7).parse::<Lang>(),
                );
                let unit = match langs {
                    (Ok(s), Ok(t)) => Some(unit_from_row(r, s, t)),
                    _ => None,
                };
                (r.get(5), unit)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_gives_the_server_and_keeps_the_password_apart() {
        let (s, p) =
            Server::parse("postgresql://ana:s3cr%40t@db.example.org:6543/newsroom?sslmode=require")
                .unwrap();
        assert_eq!(p.as_deref(), Some("s3cr@t"));
        assert_eq!(
            (
                s.user.as_str(),
                s.host.as_str(),
                s.port,
                s.database.as_str()
            ),
            ("ana", "db.example.org", 6543, "newsroom")
        );
        assert_eq!(s.tls, Tls::Require);
        assert_eq!(
            s.url(),
            "postgresql://ana@db.example.org:6543/newsroom?sslmode=require"
        );
        assert!(!s.url().contains("s3cr"));
        assert_eq!(s.place(), "db.example.org:6543/newsroom");
        // The URL puente shows reads back as the same server.
        assert_eq!(Server::parse(&s.url()).unwrap(), (s, None));
        let (s, p) = Server::parse("postgres://bo@[::1]/tm?password=x&connect_timeout=3").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, p.as_deref()),
            ("::1", 5432, Some("x"))
        );
        assert_eq!(s.connect_timeout, Duration::from_secs(3));
        assert_eq!(Server::parse(&s.url()).unwrap().0, s);
        let (s, _) = Server::parse("postgresql://bo@/tm?host=%2Ftmp%2Fpg").unwrap();
        assert_eq!(s.host, "/tmp/pg");
        assert_eq!(Server::parse(&s.url()).unwrap().0, s);
        assert_eq!(Tls::Off, Server::parse("postgresql://u@h/d").unwrap().0.tls);
        // A private authority's file, as libpq's sslrootcert; verify-ca is its own mode.
        let (s, _) = Server::parse(
            "postgresql://u@h/d?sslmode=verify-ca&sslrootcert=%2Fetc%2Fnews%20room%2Fca.pem",
        )
        .unwrap();
        assert_eq!(s.tls, Tls::VerifyCa);
        assert_eq!(
            s.root_cert.as_deref(),
            Some(Path::new("/etc/news room/ca.pem"))
        );
        assert_eq!(Server::parse(&s.url()).unwrap().0, s);
        let (s, _) =
            Server::parse("postgresql://u@h/d?sslmode=verify-full&sslrootcert=system").unwrap();
        assert_eq!((s.tls, s.root_cert), (Tls::Verify, None));
        assert_eq!(
            Server::parse("postgresql://u@h/d?sslrootcert="),
            Err(UrlProblem::Value("sslrootcert".into()))
        );
        assert_eq!("u", Server::parse("postgresql://u@h").unwrap().0.database);
    }

    #[test]
    fn a_bad_url_is_refused_without_repeating_it() {
        assert_eq!(Server::parse("mysql://u@h/d"), Err(UrlProblem::NotPostgres));
        assert_eq!(Server::parse("postgresql://h/d"), Err(UrlProblem::NoUser));
        assert_eq!(
            Server::parse("postgresql://u@h/d?sslmode=sometimes"),
            Err(UrlProblem::Value("sslmode".into()))
        );
        assert_eq!(
            Server::parse("postgresql://u@h/d?sslcert=x"),
            Err(UrlProblem::Parameter("sslcert".into()))
        );
        assert!(is_url("PostgreSQL://u@h/d"));
        assert!(!is_url(".puente/tm.sqlite"));
    }

    #[test]
    fn a_unit_key_tells_every_part_apart_and_nul_survives_the_trip() {
        let u = TmUnit {
            source_lang: Lang::En,
            target_lang: Lang::Es,
            source: "ab".into(),
            target: "c".into(),
            prev: String::new(),
            next: String::new(),
            origin: "x".into(),
        };
        let moved = TmUnit {
            source: "a".into(),
            target: "bc".into(),
            ..u.clone()
        };
        assert_ne!(key(&u.borrowed()), key(&moved.borrowed()));
        assert_eq!(
            key(&u.borrowed()),
            key(&TmUnit {
                origin: "y".into(),
                ..u.clone()
            }
            .borrowed())
        );
        assert_eq!(load(store("a\0b").into_owned()), "a\0b");
    }

    #[test]
    fn pgpass_is_read_as_libpq_reads_it() {
        let (server, _) = Server::parse("postgresql://ana@db.example.org:6543/news").unwrap();
        let text = "# comment\n\
                    other:6543:news:ana:wrong\n\
                    db.example.org:5432:news:ana:wrong-port\n\
                    db.example.org:*:news:ana:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            pgpass_password(text, &server).as_deref(),
            Some("pa:ss\\word")
        );
        let (bo, _) = Server::parse("postgresql://bo@elsewhere/x").unwrap();
        assert_eq!(pgpass_password(text, &bo).as_deref(), Some("fallback"));
        let (sock, _) = Server::parse("postgresql://ana@/news?host=%2Frun%2Fpg").unwrap();
        assert_eq!(
            pgpass_password("localhost:5432:news:ana:s\n", &sock).as_deref(),
            Some("s")
        );
        assert_eq!(pgpass_password("a:b:c\n", &server), None);
    }
}
