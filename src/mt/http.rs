//! Network manners shared by the HTTP engines, in one [`Http`] client per engine and run.
//!
//! Time is bounded three ways: a connect timeout, a timeout on each whole request (connect,
//! first byte and the full body, with a read timeout between bytes), and the run's deadline,
//! which clips every request and every wait. Retries use exponential back-off with jitter on
//! 429, 408, 5xx and 529. No retry where another try cannot help (authentication, exhausted
//! quota, bad requests). `Retry-After` is honored in both forms (seconds and HTTP date) up to
//! [`LONGEST_WAIT`]; a longer wait, or one past the deadline, stops the run at once.
//!
//! Whether a server is there at all is asked with its engine's probe, a cheap `GET` (APy's
//! `/listPairs`, LibreTranslate's `/languages`, DeepL's `/v2/usage`, OpenAI's `/v1/models`)
//! given only [`PROBE_TIMEOUT`] (or the request timeout, when that is shorter): any HTTP
//! answer means alive, and a 404 or 405 to [`Http::probe`] means alive without that endpoint.
//! Engines check themselves with it before the first batch, so a dead server (one that accepts
//! and never answers) is given up in seconds, before any text is sent. When a request times
//! out later, the probe is asked again instead of blindly trying again: no answer, and the
//! server is taken for dead at once ([`HttpError::Dead`]); an answer, and the request was only
//! slow, so it is tried once more. A second timeout, or a connection that fails twice, takes
//! the engine for dead too: the run stops after at most a timeout and a probe (or two
//! timeouts), never after one per batch.
//!
//! Keys travel in headers (DeepL, OpenAI) and, for LibreTranslate, in the JSON body. So a
//! redirect is followed only within the origin it started from (scheme, host and port): a
//! body and its key are never sent to another server, and https never becomes http. Every
//! string that comes back (bodies, errors, URLs) goes through the engine's
//! [`Secrets`](super::secret::Secrets): [`HttpError`] holds only [`Redacted`] text, and
//! successful answers lose the key before an engine parses them.

use std::time::{Duration, Instant, SystemTime};

use reqwest::{RequestBuilder, StatusCode};

use super::secret::{self, Redacted, Secrets};

/// The longest `Retry-After` puente waits for; a server that asks for more is told no.
pub const LONGEST_WAIT: Duration = Duration::from_secs(120);

/// The longest a probe may take: a server that cannot answer a cheap `GET` in this time is
/// not going to translate a batch.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest answer read; anything bigger is no translation of a news batch.
const LARGEST_ANSWER: usize = 32 << 20;

/// How long an engine may take, and how often it is asked again.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// One whole request: connect, first byte and the full body.
    pub timeout: Duration,
    /// Connecting alone.
    pub connect_timeout: Duration,
    /// The whole run with this engine (its budget): checks, requests, retries and waits.
    pub deadline: Duration,
    /// Retries after a 429 or 5xx; a timeout or failed connection is retried at most once.
    pub retries: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(600),
            retries: 5,
        }
    }
}

/// Why a request failed for good. Every text in it has been redacted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HttpError {
    /// The server answered with an error status.
    #[error("{url}: HTTP {status}: {body}")]
    Status {
        /// The URL (without query or userinfo).
        url: Redacted,
        /// The status code.
        status: u16,
        /// The start of the body.
        body: Redacted,
        /// Whether no other try can succeed (auth, quota).
        fatal: bool,
        /// Whether the status was worth retrying (and the retries ran out).
        retryable: bool,
    },
    /// No answer within the request's timeout.
    #[error("{url}: the server did not answer within {seconds} s")]
    Timeout {
        /// The URL.
        url: Redacted,
        /// The timeout.
        seconds: f64,
    },
    /// No answer: connection refused, broken response.
    #[error("{url}: {kind:?}: {detail}")]
    Transport {
        /// The URL.
        url: Redacted,
        /// What happened.
        kind: TransportKind,
        /// The HTTP client's own words (and its causes'), shown only as the cause.
        detail: Redacted,
    },
    /// An answer that is not what the protocol says.
    #[error("{url}: unexpected answer: {problem}")]
    Protocol {
        /// The URL.
        url: Redacted,
        /// What was wrong.
        problem: ProtocolProblem,
        /// The JSON reader's own words, when it refused the answer.
        detail: Option<Redacted>,
    },
    /// A redirect to another origin, refused.
    #[error("redirected from {from} to {to}, another origin")]
    Redirect {
        /// The origin asked.
        from: Redacted,
        /// The origin it points to.
        to: Redacted,
    },
    /// The server asks for a longer wait than the run allows.
    #[error("{url}: HTTP {status}: the server asks to wait {seconds} s")]
    Wait {
        /// The URL.
        url: Redacted,
        /// The status that came with it.
        status: u16,
        /// The wait asked for, in whole seconds.
        seconds: u64,
    },
    /// The server did not answer its probe: it is taken for dead.
    #[error("{url}: the server did not answer within {seconds} s")]
    Dead {
        /// The probe's URL.
        url: Redacted,
        /// The probe's timeout.
        seconds: f64,
        /// The timeout of the request that was not answered before the probe (none for the
        /// check before the first batch).
        after: Option<f64>,
    },
    /// The run's deadline passed.
    #[error("{url}: the run's deadline of {seconds} s has passed")]
    Deadline {
        /// The URL that was next.
        url: Redacted,
        /// The deadline.
        seconds: f64,
    },
}

/// Why a request got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// Nothing listens at the address: the connection was refused.
    Refused,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake failed (a certificate refused, or no TLS server at an https URL).
    Tls,
    /// No connection could be made for another reason (no route, a reset).
    Connect,
    /// The connection broke while the request was sent or the answer read.
    Broken,
    /// The request could not be made at all (an address the client cannot use).
    Request,
}

/// How an answer breaks an engine's protocol (the CLI words each kind in the user's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolProblem {
    /// Larger than [`LARGEST_ANSWER`].
    #[error("the answer is larger than 32 MiB")]
    TooLarge,
    /// Not JSON, or JSON of another shape than the protocol's.
    #[error("invalid JSON")]
    Json,
    /// The OpenAI-compatible server does not offer the configured model.
    #[error("the model is not offered")]
    ModelNotOffered,
    /// The server does not offer the language pair.
    #[error("the language pair {pair} is not offered")]
    PairNotOffered {
        /// The pair, as the engine names it.
        pair: String,
    },
    /// Another number of translations than texts sent.
    #[error("{sent} texts sent, {got} returned")]
    Count {
        /// Texts sent.
        sent: usize,
        /// Translations returned.
        got: usize,
    },
    /// A chat completion without a choice.
    #[error("no choices")]
    NoChoices,
    /// A chat completion that stopped for another reason than its end (cut or filtered).
    #[error("finish_reason {reason} (truncated or filtered)")]
    Unfinished {
        /// The finish reason given (`missing` when none).
        reason: String,
    },
    /// A chat completion whose content is not the JSON the prompt asked for.
    #[error("the answer is not the JSON asked for")]
    NotAsked,
    /// A segment id answered twice.
    #[error("segment id {id} returned twice")]
    Twice {
        /// The id.
        id: String,
    },
    /// A segment id sent and not answered.
    #[error("segment id {id} not returned")]
    NotReturned {
        /// The id.
        id: String,
    },
    /// A segment id answered that was never sent.
    #[error("segment id {id} was never sent")]
    NeverSent {
        /// The id.
        id: String,
    },
    /// LibreTranslate's `translatedText` is not a list of texts.
    #[error("translatedText is not a list of texts")]
    NotTexts,
}

impl HttpError {
    /// Whether the whole run must stop: the engine refuses the key or the quota is spent,
    /// is unreachable, silent or overloaded after its retries, redirects elsewhere, asks for a
    /// wait past the run, or the run's deadline passed. A bad request or a bad answer fails
    /// only its batch.
    pub fn stops_run(&self) -> bool {
        match self {
            HttpError::Status {
                fatal, retryable, ..
            } => *fatal || *retryable,
            HttpError::Protocol { .. } => false,
            _ => true,
        }
    }
}

/// A redirect refused by the policy: from one origin to another.
#[derive(Debug)]
struct CrossOrigin {
    from: String,
    to: String,
}

impl std::fmt::Display for CrossOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "redirect from {} to {}", self.from, self.to)
    }
}

impl std::error::Error for CrossOrigin {}

/// Whether going from `from` to `to` leaves the origin: another scheme (https never becomes
/// http), host or port. Userinfo and paths do not count.
fn crosses(from: &reqwest::Url, to: &reqwest::Url) -> bool {
    from.origin() != to.origin()
}

/// Redirects within the first URL's origin, at most five.
fn same_origin() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let Some(first) = attempt.previous().first() else {
            return attempt.follow();
        };
        if crosses(first, attempt.url()) {
            // Origins never carry userinfo.
            let err = CrossOrigin {
                from: first.origin().ascii_serialization(),
                to: attempt.url().origin().ascii_serialization(),
            };
            attempt.error(err)
        } else if attempt.previous().len() > 5 {
            attempt.error("more than 5 redirects")
        } else {
            attempt.follow()
        }
    })
}

/// The request that asks whether a server is alive, built with the engine's client.
type Probe = Box<dyn Fn(&reqwest::Client) -> RequestBuilder + Send + Sync>;

/// What a request is for: work (a batch, a glossary), or the engine's probe.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Work,
    Probe,
}

/// An engine's HTTP client: its limits, its secrets, its probe and the run's deadline, which
/// starts when the client is made.
pub struct Http {
    client: reqwest::Client,
    secrets: Secrets,
    limits: Limits,
    started: Instant,
    probe: Option<Probe>,
}

impl Http {
    /// A client within `limits` whose errors lose `secrets`.
    pub fn new(limits: Limits, secrets: Secrets) -> Http {
        let client = reqwest::Client::builder()
            .connect_timeout(limits.connect_timeout.min(limits.timeout))
            .read_timeout(limits.timeout)
            .timeout(limits.timeout)
            .redirect(same_origin())
            .build()
            .expect("an HTTP client with default TLS builds");
        Http {
            client,
            secrets,
            limits,
            started: Instant::now(),
            probe: None,
        }
    }

    /// The client with its engine's probe: a cheap request any live server answers at once.
    pub fn probing(
        mut self,
        probe: impl Fn(&reqwest::Client) -> RequestBuilder + Send + Sync + 'static,
    ) -> Http {
        self.probe = Some(Box::new(probe));
        self
    }

    /// The client's limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The engine's secrets.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// `text` redacted with this engine's secrets.
    pub fn redact(&self, text: &str) -> Redacted {
        self.secrets.redact(text)
    }

    /// The error for an answer that breaks the protocol.
    pub fn protocol(&self, url: &str, problem: ProtocolProblem) -> HttpError {
        HttpError::Protocol {
            url: secret::shown(url),
            problem,
            detail: None,
        }
    }

    /// The error for an answer the JSON reader refused, with its words (redacted: they may
    /// quote the answer).
    pub fn json(&self, url: &str, e: impl std::fmt::Display) -> HttpError {
        HttpError::Protocol {
            url: secret::shown(url),
            problem: ProtocolProblem::Json,
            detail: Some(self.redact(&e.to_string())),
        }
    }

    /// How long a probe may take: [`PROBE_TIMEOUT`], or the request timeout when it is shorter.
    fn probe_timeout(&self) -> Duration {
        PROBE_TIMEOUT.min(self.limits.timeout)
    }

    /// What is left of the run's deadline.
    fn remaining(&self) -> Duration {
        self.limits.deadline.saturating_sub(self.started.elapsed())
    }

    /// The wait before retry number `attempt` (0-based): from 1 s, ×1.6 per try, ±23 %
    /// jitter, at most [`LONGEST_WAIT`] (DeepL's own clients).
    fn backoff(attempt: u32) -> Duration {
        let secs = 1.6f64.powi(attempt as i32);
        let jitter = 1.0 + (fastrand::f64() * 0.46 - 0.23);
        Duration::try_from_secs_f64((secs * jitter).min(LONGEST_WAIT.as_secs_f64()))
            .unwrap_or(LONGEST_WAIT)
    }

    fn deadline(&self, url: Redacted) -> HttpError {
        HttpError::Deadline {
            url,
            seconds: self.limits.deadline.as_secs_f64(),
        }
    }

    /// Sends the request `make` builds with the client, retrying as the module doc says, and
    /// returns the body of the first success, without the engine's secrets.
    pub async fn send(
        &self,
        make: impl Fn(&reqwest::Client) -> RequestBuilder + Sync,
    ) -> Result<String, HttpError> {
        let body = self
            .exchange(&make, Purpose::Work, self.limits.retries)
            .await?;
        Ok(body.expect("work gets a body or an error"))
    }

    /// Asks the engine's probe, within the probe's timeout, with the usual retries on 429 and
    /// 5xx but none after a timeout: the body of a success, `None` when the server has no such
    /// endpoint (404, 405: alive all the same) or the engine has no probe. A server that does
    /// not answer is [`HttpError::Dead`]; a refused key is the usual
    /// [`HttpError::Status`].
    pub async fn probe(&self) -> Result<Option<String>, HttpError> {
        match &self.probe {
            Some(probe) => {
                self.exchange(probe, Purpose::Probe, self.limits.retries)
                    .await
            }
            None => Ok(None),
        }
    }

    /// After a request went unanswered for `after` seconds: whether the server still answers
    /// its probe. Any HTTP answer will do; only silence or a failed connection says no.
    async fn alive(&self, after: f64) -> Result<(), HttpError> {
        let Some(probe) = &self.probe else {
            return Ok(());
        };
        // Boxed: a probe never asks for another probe, but the compiler cannot see that.
        match Box::pin(self.exchange(probe, Purpose::Probe, 0)).await {
            Err(HttpError::Dead { url, seconds, .. }) => Err(HttpError::Dead {
                url,
                seconds,
                after: Some(after),
            }),
            Err(e @ (HttpError::Transport { .. } | HttpError::Deadline { .. })) => Err(e),
            _ => Ok(()),
        }
    }

    /// One request and its retries: `Some(body)` on success, `None` for a probe the server
    /// does not have.
    async fn exchange<F>(
        &self,
        make: &F,
        purpose: Purpose,
        retries: u32,
    ) -> Result<Option<String>, HttpError>
    where
        F: Fn(&reqwest::Client) -> RequestBuilder + ?Sized + Sync,
    {
        let timeout = match purpose {
            Purpose::Work => self.limits.timeout,
            Purpose::Probe => self.probe_timeout(),
        };
        let mut attempt = 0;
        let mut stalls = 0;
        loop {
            let (client, request) = make(&self.client).build_split();
            let mut request = request.map_err(|e| HttpError::Transport {
                url: e
                    .url()
                    .map(|u| secret::shown(u.as_str()))
                    .unwrap_or_default(),
                kind: TransportKind::Request,
                detail: self.redact(&without_url(e)),
            })?;
            let url = secret::shown(request.url().as_str());
            let remaining = self.remaining();
            if remaining.is_zero() {
                return Err(self.deadline(url));
            }
            // The deadline clips the request: a run never outlives it by a whole timeout.
            let clipped = remaining < timeout;
            *request.timeout_mut() = Some(timeout.min(remaining));
            let answer = match client.execute(request).await {
                Ok(resp) => {
                    let status = resp.status();
                    let after = retry_after(resp.headers(), SystemTime::now());
                    read(resp).await.map(|body| (status, after, body))
                }
                Err(e) => Err(e),
            };
            let wait = match answer {
                Ok((_, _, Err(()))) => {
                    return Err(HttpError::Protocol {
                        url,
                        problem: ProtocolProblem::TooLarge,
                        detail: None,
                    })
                }
                Ok((status, after, Ok(body))) => {
                    if status.is_success() {
                        return Ok(Some(self.secrets.scrub(body)));
                    }
                    // Some OpenAI-compatible servers have no model list: alive all the same.
                    if purpose == Purpose::Probe
                        && matches!(
                            status,
                            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
                        )
                    {
                        return Ok(None);
                    }
                    let retry = retryable(status, &body);
                    if !retry || attempt >= retries {
                        return Err(HttpError::Status {
                            url,
                            status: status.as_u16(),
                            fatal: fatal(status, &body),
                            retryable: retry,
                            // Redacted before it is cut: a cut never leaves half a key.
                            body: self.redact(&body).cut(),
                        });
                    }
                    match after {
                        Some(w) if w > LONGEST_WAIT || w >= self.remaining() => {
                            return Err(HttpError::Wait {
                                url,
                                status: status.as_u16(),
                                seconds: w.as_secs_f64().ceil() as u64,
                            })
                        }
                        Some(w) => w,
                        None => Self::backoff(attempt),
                    }
                }
                Err(e) => {
                    if let Some(c) = cross_origin(&e) {
                        return Err(HttpError::Redirect {
                            from: self.redact(&c.from),
                            to: self.redact(&c.to),
                        });
                    }
                    if e.is_timeout() && clipped {
                        return Err(self.deadline(url));
                    }
                    if purpose == Purpose::Probe && e.is_timeout() {
                        return Err(HttpError::Dead {
                            url,
                            seconds: timeout.as_secs_f64(),
                            after: None,
                        });
                    }
                    // A probe is never tried again: its failure is the answer.
                    let stalled = purpose == Purpose::Work
                        && (e.is_timeout() || e.is_connect() || e.is_request() || e.is_body());
                    if !stalled || stalls >= 1 || attempt >= retries {
                        return Err(if e.is_timeout() {
                            HttpError::Timeout {
                                url,
                                seconds: timeout.as_secs_f64(),
                            }
                        } else {
                            HttpError::Transport {
                                url,
                                kind: transport_kind(&e),
                                detail: self.redact(&without_url(e)),
                            }
                        });
                    }
                    stalls += 1;
                    if e.is_timeout() {
                        // Silence: a dead server, or a slow model? The probe tells, in
                        // seconds; only a live server gets the request again, at once.
                        self.alive(timeout.as_secs_f64()).await?;
                        Duration::ZERO
                    } else {
                        Self::backoff(attempt)
                    }
                }
            };
            if wait >= self.remaining() {
                return Err(self.deadline(url));
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// The body, or `Err(())` when it is larger than [`LARGEST_ANSWER`].
async fn read(mut resp: reqwest::Response) -> Result<Result<String, ()>, reqwest::Error> {
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if bytes.len() + chunk.len() > LARGEST_ANSWER {
            return Ok(Err(()));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Ok(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The cross-origin redirect behind `e`, if that is what it is.
fn cross_origin(e: &reqwest::Error) -> Option<&CrossOrigin> {
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(c) = inner.downcast_ref::<CrossOrigin>() {
            return Some(c);
        }
        source = inner.source();
    }
    None
}

/// Whether a status is worth another try: 429, 408, 5xx and DeepL's 529. Quota exhaustion
/// (DeepL 456, OpenAI `insufficient_quota`) and authentication never are.
fn retryable(status: StatusCode, body: &str) -> bool {
    let s = status.as_u16();
    if s == 456 || body.contains("insufficient_quota") {
        return false;
    }
    s == 429 || s == 408 || s == 529 || status.is_server_error()
}

fn fatal(status: StatusCode, body: &str) -> bool {
    let s = status.as_u16();
    s == 401 || s == 403 || s == 456 || body.contains("insufficient_quota")
}

/// The wait a `Retry-After` header asks for at `now`: delta-seconds or an HTTP date (a date
/// already past asks for no wait).
fn retry_after(h: &reqwest::header::HeaderMap, now: SystemTime) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // A number too big for any clock (99999999999999999999, 1e20, inf) is a wait nobody
    // waits for: the longest there is, so the caller refuses it, never a panic.
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_nan() || secs < 0.0 {
            return None;
        }
        return Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let date = httpdate::parse_http_date(v).ok()?;
    Some(date.duration_since(now).unwrap_or_default())
}

/// What kept `e` (a request that got no answer) from being answered, read from its causes:
/// the operating system's refusal, the resolver's failure (hyper's `dns error`), or the TLS
/// layer's (an I/O error of kind `InvalidData` while connecting, which is how rustls's
/// errors reach the connector).
fn transport_kind(e: &reqwest::Error) -> TransportKind {
    if e.is_builder() {
        return TransportKind::Request;
    }
    if !e.is_connect() {
        return TransportKind::Broken;
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        // An I/O error wrapping another hides it from `source()`: it is looked into.
        let mut io = inner.downcast_ref::<std::io::Error>();
        while let Some(e) = io {
            match e.kind() {
                std::io::ErrorKind::ConnectionRefused => return TransportKind::Refused,
                std::io::ErrorKind::InvalidData => return TransportKind::Tls,
                _ => io = e.get_ref().and_then(|i| i.downcast_ref::<std::io::Error>()),
            }
        }
        let text = inner.to_string();
        if text.starts_with("dns error") {
            return TransportKind::Dns;
        }
        // Certificate and handshake errors that reach the connector as text of their own.
        if text.contains("certificate") || text.contains("handshake") || text.contains("tls") {
            return TransportKind::Tls;
        }
        source = inner.source();
    }
    TransportKind::Connect
}

/// reqwest's message for an error and its causes, without the URL it would append (the
/// caller names the URL without its query).
fn without_url(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut s = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    fn after(v: &str, now: SystemTime) -> Option<Duration> {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(v).unwrap());
        retry_after(&h, now)
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(after(" 1.5 ", now), Some(Duration::from_millis(1500)));
        assert_eq!(
            after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        // A date already past asks for no wait; nonsense asks for nothing.
        assert_eq!(
            after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(after("soon", now), None);
        assert_eq!(after("-3", now), None);
        assert_eq!(after("nan", now), None);
        // Numbers past any clock are the longest wait, which no run accepts.
        for huge in ["1e20", "99999999999999999999", "inf", "+Infinity", "1e308"] {
            assert_eq!(after(huge, now), Some(Duration::MAX), "{huge}");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        for attempt in 0..4 {
            let d = Http::backoff(attempt).as_secs_f64();
            let mid = 1.6f64.powi(attempt as i32);
            assert!((mid * 0.77..=mid * 1.23).contains(&d), "{attempt}: {d}");
        }
        assert_eq!(Http::backoff(40), LONGEST_WAIT);
    }

    #[test]
    fn redirects_stay_within_the_origin() {
        let u = |s: &str| reqwest::Url::parse(s).unwrap();
        let from = u("https://mt.example.org/translate");
        for same in [
            "https://mt.example.org/api/translate",
            "https://mt.example.org:443/translate",
            "https://MT.example.org/v2?x=1",
        ] {
            assert!(!crosses(&from, &u(same)), "{same}");
        }
        for other in [
            "http://mt.example.org/translate",
            "https://mt.example.org:8443/translate",
            "https://evil.example.org/translate",
            "https://mt.example.org.evil.net/translate",
        ] {
            assert!(crosses(&from, &u(other)), "{other}");
        }
    }

    /// The error a plain GET of `url` ends in.
    fn failure(url: &str) -> reqwest::Error {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap()
                .get(url)
                .send()
                .await
                .unwrap_err()
        })
    }

    #[test]
    fn a_failed_connection_says_whether_it_was_refused_unresolved_or_tls() {
        // A port just bound and released: nothing listens there.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let refused = failure(&format!("http://127.0.0.1:{port}/"));
        assert_eq!(
            transport_kind(&refused),
            TransportKind::Refused,
            "{refused:?}"
        );
        // `.invalid` never resolves (RFC 2606).
        let dns = failure("http://puente-test.invalid/");
        assert_eq!(transport_kind(&dns), TransportKind::Dns, "{dns:?}");
        // https to a server that speaks plain HTTP: the handshake fails.
        let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = plain.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            use std::io::{Read, Write};
            let (mut c, _) = plain.accept().unwrap();
            let mut buf = [0; 512];
            let _ = c.read(&mut buf);
            let _ = c.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        });
        let tls = failure(&format!("https://127.0.0.1:{port}/"));
        assert_eq!(transport_kind(&tls), TransportKind::Tls, "{tls:?}");
        server.join().unwrap();
    }

    #[test]
    fn what_stops_a_run() {
        let url = Redacted::default();
        let status = |status, fatal, retryable| HttpError::Status {
            url: url.clone(),
            status,
            body: Redacted::default(),
            fatal,
            retryable,
        };
        assert!(status(403, true, false).stops_run());
        assert!(status(503, false, true).stops_run());
        assert!(!status(400, false, false).stops_run());
        assert!(!HttpError::Protocol {
            url: url.clone(),
            problem: ProtocolProblem::Json,
            detail: None,
        }
        .stops_run());
        assert!(HttpError::Timeout {
            url: url.clone(),
            seconds: 1.0
        }
        .stops_run());
        assert!(HttpError::Dead {
            url,
            seconds: 5.0,
            after: None
        }
        .stops_run());
    }

    #[test]
    fn a_probe_waits_five_seconds_at_most_and_never_longer_than_a_request() {
        let http = |timeout| {
            Http::new(
                Limits {
                    timeout,
                    ..Limits::default()
                },
                Secrets::default(),
            )
        };
        assert_eq!(http(Duration::from_secs(60)).probe_timeout(), PROBE_TIMEOUT);
        assert_eq!(PROBE_TIMEOUT, Duration::from_secs(5));
        assert_eq!(
            http(Duration::from_secs(3)).probe_timeout(),
            Duration::from_secs(3)
        );
    }
}
