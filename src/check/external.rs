//! `wegwijs check --external`: asks the servers behind the links to other sites whether the
//! pages are still there. Takes the links found by the earlier stages (see [`collect`]); gives a
//! warning for every place a dead link is written.
//!
//! Which links: the `url` of every tool (the page's reason to exist), the `sources` of terms,
//! the `source` of practice examples, and every `http(s)://` link in page and section texts.
//!
//! Dead links are **warnings**, not errors. Whether a link works depends on the network and on
//! servers the editors do not run: a site down for maintenance would otherwise block a
//! publication that is otherwise correct. A CI job that wants dead links to block passes
//! `--deny-warnings` as well. Answers 401, 403 and 429 count as alive: the server is there and
//! refuses robots, which many sites do; a person with a browser gets through.
//!
//! How: each address once, however often it is written; a `HEAD` request first and a `GET` when
//! the server refuses `HEAD`; redirects followed; a timeout per request; retries with a growing
//! pause on network errors, 5xx and 429; a few requests at a time and at most two to one
//! server, so that a large site does not hammer it; and one deadline for the whole check
//! (`--timeout`, 60 s), after which the links not asked yet are one warning (`not-checked`)
//! instead of a wait, however many servers hang. Addresses that worked are remembered for a week in
//! `.wegwijs-cache/links.json` in the site root (the folder holds a `.gitignore` that keeps it
//! out of git), so a second run only asks about new and failing links. Failures are never
//! remembered: a fixed link shows as fixed on the next run. When two or more servers were asked
//! and not one answered, the computer is offline: that is one `no-network` warning, not a dead
//! link for every address.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::load::SourceDoc;
use crate::messages::Msg;
use crate::model::Site;
use crate::msg;
use crate::render::markdown::RenderedBody;

/// The cache file, relative to the site root.
pub const CACHE_FILE: &str = ".wegwijs-cache/links.json";

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time allowed for one request, redirects included.
    pub timeout: Duration,
    /// Extra attempts after a network error, a 5xx or a 429.
    pub retries: u32,
    /// Pause before the first retry; doubled before each next one.
    pub backoff: Duration,
    /// Requests at the same time.
    pub concurrency: usize,
    /// Requests at the same time to one server (`host:port`).
    pub per_host: usize,
    /// Time allowed for the whole check; what is not answered by then is reported as not
    /// checked.
    pub deadline: Duration,
    /// Where working links are remembered; `None` remembers nothing.
    pub cache: Option<PathBuf>,
    /// How long a working link is believed without asking again.
    pub cache_for: Duration,
}

impl Options {
    /// The defaults for a site in `root`: 10 s per request, 2 retries, 4 at a time and 2 to one
    /// server, 60 s for the whole check, a week's cache in [`CACHE_FILE`].
    pub fn for_site(root: &Path) -> Options {
        Options {
            timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(500),
            concurrency: 4,
            per_host: 2,
            deadline: Duration::from_secs(60),
            cache: Some(root.join(CACHE_FILE)),
            cache_for: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

/// A link to another site and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub(crate) url: String,
    /// A diagnostic located at the link, to be given its message when the link is dead.
    pub(crate) place: Diagnostic,
}

/// Every `http(s)://` link of the site, in page order.
pub(crate) fn collect(site: &Site, bodies: &[RenderedBody], section_bodies: &[RenderedBody]) -> Vec<Link> {
    let blank = || Diagnostic::warning("dead-link", msg!("dead-link.unknown"));
    let mut links = Vec::new();
    let mut from_body = |doc: &SourceDoc, body: &RenderedBody| {
        for (url, span) in &body.external_links {
            links.push(Link { url: url.clone(), place: blank().at(&doc.source(), span.clone()) });
        }
    };
    for (page, body) in site.pages.iter().zip(bodies) {
        from_body(&page.doc, body);
    }
    for (section, body) in site.sections.iter().zip(section_bodies) {
        if let Some(doc) = &section.doc {
            from_body(doc, body);
        }
    }
    let web = |u: &str| u.starts_with("http://") || u.starts_with("https://");
    for page in &site.pages {
        let doc = &page.doc;
        match page.kind {
            Kind::Tool => {
                if let Some(url) = page.tool().map(|t| t.url.as_str()).filter(|u| web(u)) {
                    links.push(Link { url: url.to_string(), place: doc.at_key(blank(), "url") });
                }
            }
            Kind::Term => {
                let mut finder = None;
                for url in page.term().iter().flat_map(|t| &t.sources).filter_map(|s| s.url.as_deref()) {
                    if web(url) {
                        let place = finder.get_or_insert_with(|| doc.value_finder("sources")).at(blank(), url);
                        links.push(Link { url: url.to_string(), place });
                    }
                }
            }
            Kind::Practice => {
                if let Some(url) = page.practice().and_then(|p| p.source.as_ref()).and_then(|s| s.url.as_deref())
                    && web(url)
                {
                    links.push(Link { url: url.to_string(), place: doc.at_key_value(blank(), "source", url) });
                }
            }
            Kind::Theme | Kind::Article => {}
        }
    }
    links
}

/// What asking a server gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The page is there (or the server refuses robots): the final HTTP status.
    Alive(u16),
    /// The server answered that the page is not there, and why, in words for an editor.
    Dead(Msg),
    /// No server answered (no connection, no such host, timeout), and why.
    Unreachable(Msg),
}

impl Outcome {
    fn why(&self) -> Option<&Msg> {
        match self {
            Outcome::Alive(_) => None,
            Outcome::Dead(why) | Outcome::Unreachable(why) => Some(why),
        }
    }
}

/// Checks every link once and reports each place a dead one is written.
pub(crate) fn check(links: &[Link], options: &Options) -> Vec<Diagnostic> {
    let urls: BTreeSet<&str> = links.iter().map(|l| l.url.as_str()).collect();
    let now = unix_now();
    let mut cache = options.cache.as_deref().map(Cache::load).unwrap_or_default();
    let fresh =
        |url: &str| cache.links.get(url).is_some_and(|e| now.saturating_sub(e.checked) < options.cache_for.as_secs());
    let to_ask: Vec<&str> = urls.iter().copied().filter(|u| !fresh(u)).collect();
    let outcomes = ask_all(&to_ask, options);
    let not_checked = to_ask.len() - outcomes.len();
    // When several servers were asked and not one answered, the network is the problem, not
    // the links: one report instead of one per link, and nothing remembered.
    let hosts: BTreeSet<&str> = outcomes.keys().map(|u| host(u)).collect();
    if not_checked == 0 && hosts.len() >= 2 && outcomes.values().all(|o| matches!(o, Outcome::Unreachable(_))) {
        return vec![
            Diagnostic::warning("no-network", msg!("no-network", n = hosts.len())).help(msg!("no-network.help")),
        ];
    }
    for (url, outcome) in &outcomes {
        match outcome {
            Outcome::Alive(status) => {
                cache.links.insert(url.to_string(), CacheEntry { status: *status, checked: now });
            }
            Outcome::Dead(_) | Outcome::Unreachable(_) => {
                cache.links.remove(url.as_str());
            }
        }
    }
    if let Some(path) = &options.cache {
        // Forget what is old, so the file does not grow forever; a cache that cannot be written
        // only makes the next run slower, so that is not a problem to report.
        cache.links.retain(|_, e| now.saturating_sub(e.checked) < options.cache_for.as_secs());
        let _ = cache.save(path);
    }
    let mut diagnostics = Vec::new();
    for link in links {
        if let Some(why) = outcomes.get(link.url.as_str()).and_then(Outcome::why) {
            let mut d = link.place.clone();
            d.message = msg!("dead-link", url = &link.url, why = why.clone());
            d.label = Some(msg!("dead-link.label"));
            d.help = Some(msg!("dead-link.help"));
            diagnostics.push(d);
        }
    }
    if not_checked > 0 {
        let secs = options.deadline.as_secs_f64();
        let message =
            if not_checked == 1 { msg!("not-checked.one", secs) } else { msg!("not-checked", n = not_checked, secs) };
        diagnostics.push(Diagnostic::warning("not-checked", message).help(msg!("not-checked.help")));
    }
    diagnostics
}

/// The work of [`ask_all`], shared with its workers.
struct Queue {
    /// Addresses not asked yet, per server, in the order they are taken. A server leaves the
    /// queue when its last address is taken, so a worker looking for a server that is not busy
    /// passes at most the busy ones.
    waiting: VecDeque<(String, VecDeque<String>)>,
    /// Requests under way per server.
    busy: HashMap<String, usize>,
    /// Workers that have stopped.
    stopped: usize,
    results: HashMap<String, Outcome>,
}

/// Asks about `urls`, `options.concurrency` at a time and `options.per_host` at a time to one
/// server, until `options.deadline`. Returns the answers that came in time; an address missing
/// from the result was not checked.
///
/// The workers are not waited for after the deadline: a server that holds a connection open
/// would otherwise hold the whole check. They end by themselves at their request timeout.
fn ask_all(urls: &[&str], options: &Options) -> HashMap<String, Outcome> {
    let deadline = Instant::now() + options.deadline;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .max_redirects(8)
        .user_agent(concat!("wegwijs/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into();
    let mut waiting: VecDeque<(String, VecDeque<String>)> = VecDeque::new();
    let mut server_of: HashMap<&str, usize> = HashMap::new();
    for url in urls {
        let i = *server_of.entry(host(url)).or_insert_with(|| {
            waiting.push_back((host(url).to_string(), VecDeque::new()));
            waiting.len() - 1
        });
        waiting[i].1.push_back(url.to_string());
    }
    let shared = Arc::new((
        Mutex::new(Queue { waiting, busy: HashMap::new(), stopped: 0, results: HashMap::new() }),
        Condvar::new(),
    ));
    let workers = options.concurrency.clamp(1, urls.len().max(1));
    for _ in 0..workers {
        let (shared, agent, options) = (shared.clone(), agent.clone(), options.clone());
        std::thread::spawn(move || work(&shared, &agent, &options, deadline));
    }
    let (lock, wake) = &*shared;
    let mut queue = lock.lock().unwrap_or_else(|e| e.into_inner());
    while queue.stopped < workers {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        queue = wake.wait_timeout(queue, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
    }
    std::mem::take(&mut queue.results)
}

/// One worker: takes the next address whose server is not busy with `per_host` requests yet,
/// until none is left or the deadline has passed.
fn work(shared: &(Mutex<Queue>, Condvar), agent: &ureq::Agent, options: &Options, deadline: Instant) {
    let (lock, wake) = shared;
    let per_host = options.per_host.max(1);
    let mut queue = lock.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let now = Instant::now();
        if queue.waiting.is_empty() || now >= deadline {
            break;
        }
        let free = queue.waiting.iter().position(|(h, _)| queue.busy.get(h).is_none_or(|&n| n < per_host));
        let Some(i) = free else {
            // Every waiting address is for a busy server: wait until a request ends.
            queue = wake.wait_timeout(queue, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
            continue;
        };
        let (server, addresses) = &mut queue.waiting[i];
        let (server, url) = (server.clone(), addresses.pop_front());
        if queue.waiting[i].1.is_empty() {
            queue.waiting.remove(i);
        }
        let Some(url) = url else { continue };
        *queue.busy.entry(server).or_default() += 1;
        drop(queue);
        let outcome = ask_until(agent, &url, options, deadline);
        queue = lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = queue.busy.get_mut(host(&url)) {
            *n -= 1;
        }
        // An answer after the deadline is dropped: the check has reported the link as not
        // checked already.
        if let Some(outcome) = outcome
            && Instant::now() < deadline
        {
            queue.results.insert(url, outcome);
        }
        wake.notify_all();
    }
    queue.stopped += 1;
    wake.notify_all();
}

/// Asks about one address, with retries as long as they fit before `deadline`; `None` when the
/// deadline came before an answer that counts.
fn ask_until(agent: &ureq::Agent, url: &str, options: &Options, deadline: Instant) -> Option<Outcome> {
    let mut pause = options.backoff;
    let mut attempt = 0;
    loop {
        let answer = request(agent, url);
        let retry = match &answer {
            Ok(status) => *status == 429 || *status >= 500,
            Err(e) => !matches!(e, ureq::Error::BadUri(_) | ureq::Error::TooManyRedirects),
        };
        if !retry || attempt >= options.retries {
            return Some(outcome(answer, options.timeout));
        }
        if Instant::now() + pause >= deadline {
            return None;
        }
        std::thread::sleep(pause);
        pause *= 2;
        attempt += 1;
    }
}

/// One `HEAD`, then a `GET` if the server refuses `HEAD` (many do, with any 4xx or 5xx, and a
/// few break the connection). A network error or timeout is not asked again with `GET`: the
/// retry loop above decides about that.
fn request(agent: &ureq::Agent, url: &str) -> Result<u16, ureq::Error> {
    match agent.head(url).call().map(|r| r.status().as_u16()) {
        Ok(status) if status < 400 => Ok(status),
        Ok(_) | Err(ureq::Error::Protocol(_)) => {
            // The body is not read: dropping the response closes the connection.
            agent.get(url).call().map(|r| r.status().as_u16())
        }
        Err(e) => Err(e),
    }
}

fn outcome(answer: Result<u16, ureq::Error>, timeout: Duration) -> Outcome {
    match answer {
        Ok(status) if status < 400 || matches!(status, 401 | 403 | 429) => Outcome::Alive(status),
        Ok(status) => {
            let reason = ureq::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
            let what = match status {
                404 | 410 => msg!("dead-link.gone"),
                500..=599 => msg!("dead-link.server-error"),
                _ => msg!("dead-link.refused"),
            };
            let status = format!("{status}{}", reason.map(|r| format!(" {r}")).unwrap_or_default());
            Outcome::Dead(msg!("dead-link.answer", what, status))
        }
        Err(ureq::Error::TooManyRedirects) => Outcome::Dead(msg!("dead-link.redirects")),
        Err(ureq::Error::BadUri(_)) => Outcome::Dead(msg!("dead-link.bad-address")),
        Err(e) => Outcome::Unreachable(match e {
            ureq::Error::Timeout(_) => msg!("dead-link.timeout", secs = timeout.as_secs_f64()),
            ureq::Error::HostNotFound => msg!("dead-link.no-host"),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                msg!("dead-link.no-connection")
            }
            // The system resolver reports an unknown host as a plain I/O error.
            ureq::Error::Io(io) if io.to_string().contains("lookup address") => msg!("dead-link.no-host"),
            other => msg!("dead-link.unreachable", reason = other),
        }),
    }
}

/// `host:port` of an address, for telling servers apart.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    /// Address → last good answer.
    links: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct CacheEntry {
    status: u16,
    /// When it was checked, in seconds since 1970.
    checked: u64,
}

impl Cache {
    /// A missing or unreadable cache is an empty one: it only makes this run slower.
    fn load(path: &Path) -> Cache {
        fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            fs::write(&ignore, "# Written by wegwijs: this folder is a cache and does not belong in git.\n*\n")?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        fs::write(&tmp, json)?;
        fs::rename(&tmp, path)
    }
}
