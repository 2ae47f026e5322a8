//! The Apertium engine through its local binary (`apertium eng-spa`), the default engine:
//! free, offline, installed with `apt-get install apertium-eng-spa`.
//!
//! A batch is one run of the binary: the segments go in as paragraphs separated by blank
//! lines (`-f txt` keeps them), and the output is split back at the blank lines. When the
//! count does not match, each segment is sent alone. Unknown-word marks stay on: the words
//! Apertium did not know are read from them and the marks taken out (`unmark` in [`super`]).
//!
//! A run that exits with an error, or exits normally without writing anything for a
//! non-empty input (its pipeline's first program aborted, say), is an error that carries the
//! exit status and the program's own complaint (its standard error): never an empty
//! translation for every segment.
//!
//! Every run of the program (the check with `-l` too) has a timeout ([`TIMEOUT`] unless the
//! engine's table says otherwise; a batch of 200 segments takes about a second). `apertium`
//! is a shell script that runs a pipeline of programs, so each run gets a process group of
//! its own, and a run past its timeout is stopped as a whole: the group is killed, nothing of
//! it is left running, and the run reports [`ApertiumError::Timeout`]. A signal that stops
//! puente stops the groups still running too ([`stop_running`]).

use std::io::{Read, Write};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::lang::Lang;

/// How long one run of the program may take unless the engine's table says otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Why Apertium could not translate.
#[derive(Debug, thiserror::Error)]
pub enum ApertiumError {
    /// The binary is not installed.
    #[error("the apertium program is not installed")]
    Missing,
    /// The language pair is not installed.
    #[error("the Apertium pair {0} is not installed")]
    PairMissing(String),
    /// The program could not be waited for.
    #[error("apertium {pair} failed: {message}")]
    Failed {
        /// The pair.
        pair: String,
        /// Why.
        message: String,
    },
    /// The program exited with an error (`code`), or was killed by a signal (no code).
    #[error("{program} {pair} exited with status {code:?}: {message}")]
    Exit {
        /// The program, as configured.
        program: String,
        /// The pair.
        pair: String,
        /// Its exit status; `None` when a signal stopped it.
        code: Option<i32>,
        /// Its standard error, cut.
        message: String,
    },
    /// The program exited normally without writing a translation of a non-empty input.
    #[error("{program} {pair} wrote nothing: {message}")]
    NoOutput {
        /// The program, as configured.
        program: String,
        /// The pair.
        pair: String,
        /// Its standard error, cut.
        message: String,
    },
    /// The program did not finish within its timeout, and was stopped with its pipeline.
    #[error("{program} did not finish within {seconds} s")]
    Timeout {
        /// The program, as configured.
        program: String,
        /// The timeout.
        seconds: f64,
    },
}

/// The Apertium mode for a direction (`eng-spa`, `spa-eng`).
pub fn pair(source: Lang, target: Lang) -> &'static str {
    match (source, target) {
        (Lang::En, _) => "eng-spa",
        (Lang::Es, _) => "spa-eng",
    }
}

/// The local binary.
pub struct Apertium {
    program: String,
    pair: &'static str,
    timeout: Duration,
}

/// The process groups of the runs under way, by their leader's id. A run is listed from its
/// spawn until its leader is reaped, and the lock is held while it is reaped: a group is only
/// ever killed while its id is still puente's child's.
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn running() -> MutexGuard<'static, Vec<u32>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Kills the process group led by `pid` (on other systems, the program alone).
fn kill_group(pid: u32, child: Option<&mut Child>) {
    #[cfg(unix)]
    {
        let _ = child;
        if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        if let Some(c) = child {
            let _ = c.kill();
        }
    }
}

/// For a signal handler about to exit the process: kills every run still under way, with its
/// pipeline, so that no program outlives puente.
pub fn stop_running() {
    for &pid in running().iter() {
        kill_group(pid, None);
    }
}

impl Apertium {
    /// The engine for `source` → `target`, run as `program` (normally `apertium`), each run
    /// within [`TIMEOUT`].
    pub fn new(program: &str, source: Lang, target: Lang) -> Apertium {
        Apertium {
            program: program.to_string(),
            pair: pair(source, target),
            timeout: TIMEOUT,
        }
    }

    /// The engine with each run of the program limited to `timeout`.
    pub fn within(self, timeout: Duration) -> Apertium {
        Apertium { timeout, ..self }
    }

    /// The mode name, for provenance.
    pub fn pair(&self) -> &str {
        self.pair
    }

    /// Whether the binary runs and offers the pair.
    pub fn check(&self) -> Result<(), ApertiumError> {
        let out = self.exec(&["-l"], None)?;
        if !out.status.success() {
            return Err(self.exit(&out));
        }
        let listed = String::from_utf8_lossy(&out.stdout);
        if listed.split_whitespace().any(|m| m == self.pair) {
            Ok(())
        } else {
            Err(ApertiumError::PairMissing(self.pair.to_string()))
        }
    }

    /// Runs the program with `args` and `input` on its standard input (none when `None`),
    /// within the timeout, in a process group of its own.
    fn exec(&self, args: &[&str], input: Option<&str>) -> Result<Output, ApertiumError> {
        let mut command = Command::new(&self.program);
        command
            .args(args)
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Apertium's C++ programs abort on a locale the system has not generated (a UI
            // in es_CO.UTF-8, say): they run under C.UTF-8, which every glibc system has,
            // whatever locale puente itself was started in.
            .env("LC_ALL", "C.UTF-8")
            .env("LANG", "C.UTF-8")
            .env_remove("LANGUAGE");
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let started = Instant::now();
        let mut child = {
            let mut list = running();
            let child = command.spawn().map_err(|_| ApertiumError::Missing)?;
            list.push(child.id());
            child
        };
        let pid = child.id();
        // Writing and reading happen on threads of their own: a large batch would otherwise
        // fill the output pipe while we are still writing the input, and both sides would
        // wait forever.
        if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
            let input = input.to_string();
            std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        }
        let (sender, outputs) = std::sync::mpsc::channel();
        let drain = |pipe: Option<Box<dyn Read + Send>>, which: usize| {
            let sender = sender.clone();
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut bytes);
                }
                let _ = sender.send((which, bytes));
            });
        };
        drain(child.stdout.take().map(|p| Box::new(p) as _), 0);
        drain(child.stderr.take().map(|p| Box::new(p) as _), 1);
        // The run is over when the program has exited and both pipes are closed (a stray
        // member of the pipeline could hold them open). Polled, because the standard library
        // has no wait with a timeout; the pause grows from 1 ms to 20 ms, nothing next to a
        // batch's second.
        let mut pipes: [Option<Vec<u8>>; 2] = [None, None];
        let mut status = None;
        let mut pause = Duration::from_millis(1);
        loop {
            let mut list = running();
            if status.is_none() {
                status = child.try_wait().map_err(|e| ApertiumError::Failed {
                    pair: self.pair.to_string(),
                    message: e.to_string(),
                })?;
            }
            while let Ok((which, bytes)) = outputs.try_recv() {
                pipes[which] = Some(bytes);
            }
            if let (Some(status), [Some(_), Some(_)]) = (status, &pipes) {
                list.retain(|&p| p != pid);
                let [stdout, stderr] = pipes.map(Option::unwrap_or_default);
                return Ok(Output {
                    status,
                    stdout,
                    stderr,
                });
            }
            if started.elapsed() >= self.timeout {
                kill_group(pid, Some(&mut child));
                if status.is_none() {
                    let _ = child.wait();
                }
                list.retain(|&p| p != pid);
                return Err(ApertiumError::Timeout {
                    program: self.program.clone(),
                    seconds: self.timeout.as_secs_f64(),
                });
            }
            drop(list);
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }

    /// The program's standard error, cut to what a message can hold.
    fn complaint(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr)
            .trim()
            .chars()
            .take(300)
            .collect()
    }

    /// The error for a run that exited with an error.
    fn exit(&self, out: &Output) -> ApertiumError {
        ApertiumError::Exit {
            program: self.program.clone(),
            pair: self.pair.to_string(),
            code: out.status.code(),
            message: Self::complaint(out),
        }
    }

    fn run(&self, input: &str) -> Result<String, ApertiumError> {
        let out = self.exec(&["-f", "txt", self.pair], Some(input))?;
        if !out.status.success() {
            return Err(self.exit(&out));
        }
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // A pipeline whose first program aborted still exits 0 (its last program's status):
        // nothing written for something to translate is the program failing.
        if text.trim().is_empty() && !input.trim().is_empty() {
            return Err(ApertiumError::NoOutput {
                program: self.program.clone(),
                pair: self.pair.to_string(),
                message: Self::complaint(&out),
            });
        }
        Ok(text)
    }

    /// Translates `texts`, one output per input, in order, with the words Apertium did not
    /// know.
    pub fn translate<S: AsRef<str>>(
        &self,
        texts: &[S],
    ) -> Result<Vec<super::Translation>, ApertiumError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.run(&format!("{}\n", super::join_paragraphs(texts)))?;
        let outputs = match super::split_paragraphs(&out, texts.len()) {
            Some(parts) => parts,
            None => texts
                .iter()
                .map(|t| {
                    self.run(&format!("{}\n", t.as_ref()))
                        .map(|o| o.trim().to_string())
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(texts
            .iter()
            .zip(outputs)
            .map(|(t, o)| super::unmark(t.as_ref(), &o))
            .collect())
    }
}
