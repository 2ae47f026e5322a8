//! Network manners shared by the HTTP engines: a timeout on every request, retries with
//! exponential back-off and jitter on 429, 5xx and timeouts, `Retry-After` honored, and no
//! retry where another try cannot help (authentication, exhausted quota, bad requests).
//! Errors name the URL and the status and carry a cut body; they never carry a key, because
//! keys travel only in headers and headers are never printed.

use std::time::Duration;

use reqwest::{RequestBuilder, StatusCode};

/// How a client retries.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Retries after the first try.
    pub retries: u32,
    /// The first back-off.
    pub base: Duration,
    /// The longest back-off.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        // DeepL's own clients: from 1 s, ×1.6 per try, ±23 % jitter, at most 120 s, 5 retries.
        RetryPolicy {
            retries: 5,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (0-based), with ±23 % jitter.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let secs = self.base.as_secs_f64() * 1.6f64.powi(attempt as i32);
        let jitter = 1.0 + (fastrand::f64() * 0.46 - 0.23);
        Duration::from_secs_f64((secs * jitter).min(self.cap.as_secs_f64()))
    }
}

/// Why a request failed for good.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The server answered with an error status.
    #[error("{url}: HTTP {status}: {body}")]
    Status {
        /// The URL (without query: keys never travel there, but texts may).
        url: String,
        /// The status code.
        status: u16,
        /// The start of the body.
        body: String,
        /// Whether another run could succeed (false for auth and quota).
        fatal: bool,
    },
    /// No answer: connection refused, timeout, broken response.
    #[error("{url}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// What happened.
        message: String,
    },
    /// An answer that is not what the protocol says.
    #[error("{url}: unexpected answer: {message}")]
    Protocol {
        /// The URL.
        url: String,
        /// What was wrong.
        message: String,
    },
}

impl HttpError {
    /// Whether the whole run must stop (bad key, exhausted quota).
    pub fn is_fatal(&self) -> bool {
        matches!(self, HttpError::Status { fatal: true, .. })
    }
}

/// The first 300 characters of a body, on one line.
pub fn cut(body: &str) -> String {
    body.chars()
        .take(300)
        .collect::<String>()
        .replace(['\n', '\r'], " ")
}

/// A URL without its query string.
fn bare(url: &reqwest::Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.to_string()
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

/// The wait a `Retry-After` header asks for (seconds; HTTP dates are not used by these APIs).
fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<f64>().ok().map(Duration::from_secs_f64)
}

/// Sends the request `make` builds, retrying per `policy`, and returns the body of the first
/// success.
pub async fn send(
    make: impl Fn() -> RequestBuilder,
    policy: &RetryPolicy,
) -> Result<String, HttpError> {
    let mut attempt = 0;
    loop {
        let (client, request) = make().build_split();
        let request = request.map_err(|e| HttpError::Transport {
            url: String::new(),
            message: without_url(e),
        })?;
        let url = bare(request.url());
        let client_result = client.execute(request).await;
        let wait = match client_result {
            Ok(resp) => {
                let status = resp.status();
                let after = retry_after(resp.headers());
                let body = resp.text().await.unwrap_or_default();
                if status.is_success() {
                    return Ok(body);
                }
                if !retryable(status, &body) || attempt >= policy.retries {
                    return Err(HttpError::Status {
                        url,
                        status: status.as_u16(),
                        fatal: fatal(status, &body),
                        body: cut(&body),
                    });
                }
                after.unwrap_or_else(|| policy.backoff(attempt))
            }
            Err(e) => {
                let transient = e.is_timeout() || e.is_connect() || e.is_request();
                if !transient || attempt >= policy.retries {
                    return Err(HttpError::Transport {
                        url,
                        message: without_url(e),
                    });
                }
                policy.backoff(attempt)
            }
        };
        tokio::time::sleep(wait.min(policy.cap)).await;
        attempt += 1;
    }
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
