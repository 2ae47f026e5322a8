//! A throw-away PostgreSQL cluster for tests: `initdb` in a temporary folder, started on a free
//! port (TCP on 127.0.0.1, its socket in the same folder), stopped and removed on drop.
//!
//! PostgreSQL refuses to run as root, and CI runs the tests as root: there the cluster is made
//! and run as the `postgres` user (`runuser`), its folder handed to that user. The binaries
//! are PostgreSQL's own (`PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`); without them
//! the test fails saying how to install them, never passes quietly.
//!
//! Roles: `tester` (the superuser, trusted on the socket and on TCP) and `writer`, who logs in
//! over TCP with the password [`WRITER_PASSWORD`] only.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The password of the role `writer`.
pub const WRITER_PASSWORD: &str = "Wr1ter-s3cret-do-not-print";

/// A running cluster.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Its TCP port on 127.0.0.1.
    pub port: u16,
    as_postgres: bool,
    /// The server's options, to start it again as it was ([`Cluster::start_again`]).
    options: std::cell::RefCell<String>,
}

/// The folder holding `initdb`, `pg_ctl` and `postgres`, or a failure that says what to do.
fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL's server binaries (initdb, pg_ctl, postgres) are needed for the \
             PostgreSQL memory tests and were not found under /usr/lib/postgresql/*/bin \
             (or PG_BIN): install Debian's package `postgresql` (scripts/test.sh does)"
        ),
    }
}

/// How a TLS cluster's certificate is made.
#[derive(Clone, Copy)]
enum Certificate {
    /// Self-signed, for `localhost`.
    SelfSigned,
    /// Signed by a private certificate authority, for `localhost`.
    PrivateCa,
}

/// Runs the `openssl` program, failing the test with its words.
fn openssl(args: &[&std::ffi::OsStr]) {
    let out = Command::new("openssl")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("the openssl program is needed for the TLS tests (Debian: openssl): {e}")
        });
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new key on the P-256 curve, unencrypted (quick to make, which RSA is not).
const EC_KEY: [&str; 5] = [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
];

/// Makes a certificate authority: its certificate (PEM) at `cert`, its key beside it (`.key`).
pub fn certificate_authority(cert: &Path) {
    let mut args: Vec<std::ffi::OsString> = ["req", "-x509"].map(Into::into).to_vec();
    args.extend(EC_KEY.map(Into::into));
    args.extend(["-days", "2", "-subj", "/CN=puente test CA"].map(Into::into));
    args.extend(["-addext", "basicConstraints=critical,CA:TRUE"].map(Into::into));
    args.extend(["-addext", "keyUsage=critical,keyCertSign,cRLSign"].map(Into::into));
    args.extend([
        "-keyout".into(),
        cert.with_extension("key").into_os_string(),
        "-out".into(),
        cert.as_os_str().to_owned(),
    ]);
    openssl(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
}

/// A private certificate authority (`dir/ca.crt`, its key beside it) and the server's key
/// and certificate in `data`, signed by it for the host name `localhost` only.
fn private_ca(dir: &Path, data: &Path) {
    let p = |name: &str| dir.join(name).into_os_string();
    let ec = EC_KEY;
    certificate_authority(&dir.join("ca.crt"));
    let mut args: Vec<std::ffi::OsString> = vec!["req".into()];
    args.extend(ec.map(Into::into));
    args.extend(["-subj", "/CN=localhost", "-keyout"].map(Into::into));
    args.extend([
        data.join("server.key").into(),
        "-out".into(),
        p("server.csr"),
    ]);
    openssl(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName = DNS:localhost\n\
         basicConstraints = critical, CA:FALSE\n\
         keyUsage = critical, digitalSignature\n\
         extendedKeyUsage = serverAuth\n",
    )
    .unwrap();
    let args: Vec<std::ffi::OsString> = vec![
        "x509".into(),
        "-req".into(),
        "-in".into(),
        p("server.csr"),
        "-CA".into(),
        p("ca.crt"),
        "-CAkey".into(),
        p("ca.key"),
        "-set_serial".into(),
        "1".into(),
        "-days".into(),
        "2".into(),
        "-extfile".into(),
        p("server.ext"),
        "-out".into(),
        data.join("server.crt").into(),
    ];
    openssl(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
}

/// A TCP port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

impl Cluster {
    /// Makes and starts a cluster.
    pub fn start() -> Cluster {
        Cluster::start_with(None)
    }

    /// Makes and starts a cluster that also takes TLS connections, with a self-signed
    /// certificate for `localhost` (made with the `openssl` program, which Debian's
    /// `postgresql` brings along through `ssl-cert`).
    pub fn start_with_tls() -> Cluster {
        Cluster::start_with(Some(Certificate::SelfSigned))
    }

    /// Makes and starts a cluster that takes TLS connections with a certificate signed by a
    /// private certificate authority made here ([`Cluster::ca_file`]), for the host name
    /// `localhost` only (not for 127.0.0.1, where the tests connect).
    pub fn start_with_private_ca() -> Cluster {
        Cluster::start_with(Some(Certificate::PrivateCa))
    }

    /// The private certificate authority's certificate (PEM) of a cluster made with
    /// [`Cluster::start_with_private_ca`].
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    fn start_with(tls: Option<Certificate>) -> Cluster {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("puente-pg-")
            .tempdir()
            .unwrap();
        let as_postgres = is_root();
        let cluster = Cluster {
            dir,
            bin,
            port: free_port(),
            as_postgres,
            options: std::cell::RefCell::new(String::new()),
        };
        if as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres:"])
                .arg(cluster.dir.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown of the cluster's folder to the postgres user");
        }
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "tester",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "-A",
                "trust",
                "--no-sync",
            ],
        );
        // The superuser is trusted; `writer` must give its password.
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\n\
             host all tester 127.0.0.1/32 trust\n\
             host all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
        let mut options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
            cluster.port,
            cluster.dir.path().display()
        );
        if let Some(certificate) = tls {
            match certificate {
                Certificate::SelfSigned => openssl(&[
                    "req".as_ref(),
                    "-x509".as_ref(),
                    "-newkey".as_ref(),
                    "rsa:2048".as_ref(),
                    "-nodes".as_ref(),
                    "-days".as_ref(),
                    "2".as_ref(),
                    "-subj".as_ref(),
                    "/CN=localhost".as_ref(),
                    "-keyout".as_ref(),
                    data.join("server.key").as_os_str(),
                    "-out".as_ref(),
                    data.join("server.crt").as_os_str(),
                ]),
                Certificate::PrivateCa => private_ca(cluster.dir.path(), &data),
            }
            if as_postgres {
                let ok = Command::new("chown")
                    .arg("postgres:")
                    .arg(data.join("server.key"))
                    .arg(data.join("server.crt"))
                    .status()
                    .unwrap()
                    .success();
                assert!(ok, "chown of the certificate");
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                data.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
            options.push_str(" -c ssl=on");
        }
        *cluster.options.borrow_mut() = options;
        cluster.start_again();
        let mut admin = cluster.admin("postgres");
        admin
            .batch_execute(&format!(
                "CREATE ROLE writer LOGIN PASSWORD '{WRITER_PASSWORD}'"
            ))
            .unwrap();
        cluster
    }

    /// Starts the server (again, after [`Cluster::stop`]), with the same data and port.
    pub fn start_again(&self) {
        let data = self.data();
        let log = self.dir.path().join("log");
        let options = self.options.borrow().clone();
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "60",
                "-o",
                &options,
                "start",
            ],
        );
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`), as a crash or a pulled cable
    /// looks to its clients: their connections are cut, and nothing answers on the port.
    pub fn stop(&self) {
        let data = self.data();
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs one of PostgreSQL's programs, as the `postgres` user when this is root.
    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let out = command
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{} cannot run: {e}", path.display()));
        assert!(
            out.status.success(),
            "{program} failed: {}\n{}\nlog:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
        );
    }

    /// The socket folder.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A superuser connection to `db`.
    pub fn admin(&self, db: &str) -> postgres::Client {
        postgres::Config::new()
            .host("127.0.0.1")
            .port(self.port)
            .user("tester")
            .dbname(db)
            .connect(postgres::NoTls)
            .unwrap()
    }

    /// Makes the database `name`, owned by `owner`.
    pub fn create_db(&self, name: &str, owner: &str) {
        self.admin("postgres")
            .batch_execute(&format!("CREATE DATABASE {name} OWNER {owner}"))
            .unwrap();
    }

    /// The URL of `db` for the trusted superuser.
    pub fn url(&self, db: &str) -> String {
        format!("postgresql://tester@127.0.0.1:{}/{db}", self.port)
    }

    /// The URL of `db` for `user` (without a password).
    pub fn url_as(&self, user: &str, db: &str) -> String {
        format!("postgresql://{user}@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let path = self.bin.join("pg_ctl");
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let _ = command
            .args([
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
