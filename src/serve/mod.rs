//! `wegwijs serve`: the preview editors look at while they write.
//!
//! Takes [`Options`] (from the command line) and runs until Ctrl-C: builds the site into memory
//! (no output folder is touched), serves it over HTTP on this computer, watches the site's
//! folders and builds again on every change. Open pages reload by themselves when a build
//! changed them (a stylesheet is swapped in place), and the problems of a build show over
//! every open page, and in the terminal, while the last good version stays served.
//!
//! The parts: `site` builds into a snapshot and compares two; `hub` holds what is served now
//! and tells the open pages; `server` is the HTTP/1.1 server (a thread per connection);
//! `http` answers requests from the snapshot (no request path ever reaches the file system); `watch` follows the folders; `live.js` and `live.css` are the
//! browser's half. Each change runs the whole pipeline; rendering only what an edit touches
//! is a later step.

pub(crate) mod http;
pub(crate) mod hub;
pub(crate) mod server;
pub(crate) mod site;
pub(crate) mod watch;

use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use hub::Hub;

use crate::messages::{Lang, Msg};
use crate::msg;

/// What `wegwijs serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port (the address is printed).
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Build and show pages marked `draft: true`, with a "Concept" banner.
    pub drafts: bool,
}

/// The preview's builds without its server, for tests and benchmarks: builds a site into
/// memory as `wegwijs serve` does, remembering what it made between builds.
#[doc(hidden)]
pub struct Preview {
    root: PathBuf,
    drafts: bool,
    memo: crate::Memo,
}

impl Preview {
    pub fn new(root: &Path, drafts: bool) -> Preview {
        Preview { root: root.to_path_buf(), drafts, memo: crate::Memo::default() }
    }

    /// Files a watcher saw change: read again whatever their size and time say.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.memo.load.forget(paths.iter().map(PathBuf::as_path));
    }

    /// Builds the site: every output file and its bytes, or the problems (errors and
    /// warnings) when it has errors. The search index is the one of the last [`Preview::index`].
    pub fn build(&mut self) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Vec<crate::Diagnostic>> {
        self.snapshot().map(|s| s.files())
    }

    /// [`Preview::build`] without copying the files out: how many there are.
    pub fn rebuild(&mut self) -> Result<usize, Vec<crate::Diagnostic>> {
        self.snapshot().map(|s| s.len())
    }

    fn snapshot(&mut self) -> Result<site::Snapshot, Vec<crate::Diagnostic>> {
        let built = site::build(&self.root, self.drafts, &mut self.memo);
        built.snapshot.ok_or(built.diagnostics.items)
    }

    /// Makes the search index of the site as it is now, as the server does beside its builds.
    pub fn index(&mut self) {
        self.memo.index = site::index(&self.root, self.drafts).unwrap_or_default();
    }
}

/// Why the preview could not start: what to say, and what to do about it.
#[derive(Debug)]
pub struct Failed {
    pub message: Msg,
    pub help: Msg,
}

/// Serves the site until Ctrl-C. An `Err` when the address could not be bound or the folders
/// could not be watched.
pub fn run(options: &Options) -> Result<(), Failed> {
    // Events name paths the way the folders were given; one absolute form keeps them comparable.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let lang = Lang::choose(crate::config::site_language(&root).as_deref());
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| Failed {
        message: msg!("serve.cannot-listen", bind = options.bind, port = options.port, reason = e),
        help: msg!("serve.cannot-listen.help"),
    })?;
    let address = listener.local_addr().map_or_else(|_| "?".to_string(), |a| a.to_string());
    if !options.bind.is_loopback() {
        eprintln!("{}", msg!("serve.public", bind = options.bind).render(lang));
    }

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // The main loop below sees the flag within 100 ms and returns; the connections' threads
        // end with the process.
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| Failed { message: msg!("serve.ctrl-c", reason = e), help: msg!("serve.ctrl-c.help") })?;
    }

    let hub = Arc::new(Hub::new());
    let mut shown = Vec::new();
    let mut memo = crate::Memo::default();
    let mut index = Indexer::default();
    let inputs =
        rebuild(&root, options.drafts, &hub, &mut shown, &mut memo).unwrap_or_else(|| site::default_inputs(&root));
    index.after_build(&root, options.drafts);
    let (events, batches) = mpsc::channel();
    let mut watch = watch::Watch::new(events, inputs).map_err(|e| Failed {
        message: msg!("serve.cannot-watch", reason = e),
        help: msg!("serve.cannot-watch.help"),
    })?;

    {
        let hub = hub.clone();
        std::thread::spawn(move || server::serve(listener, move |request| http::answer(request, &hub)));
    }
    let url = format!("http://{address}/");
    println!("{}", msg!("serve.serving", root = root.display(), url = &url).render(lang));
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }

    while !stop.load(Ordering::SeqCst) {
        let batch = match batches.recv_timeout(Duration::from_millis(100)) {
            Ok(b) => b,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // A search index made beside the builds: served from the next build on.
                index.when_quiet();
                if let Some(files) = index.ready() {
                    memo.index = files;
                    rebuild(&root, options.drafts, &hub, &mut shown, &mut memo);
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut matters = false;
        // Whatever came in meanwhile is covered by the same build.
        for batch in std::iter::once(batch).chain(std::iter::from_fn(|| batches.try_recv().ok())) {
            matters |= watch.matters(&batch);
            match watch.paths(&batch) {
                Some(paths) => memo.load.forget(paths.iter().map(PathBuf::as_path)),
                None => memo.clear(),
            }
        }
        if matters {
            if let Some(inputs) = rebuild(&root, options.drafts, &hub, &mut shown, &mut memo) {
                watch.follow(inputs);
            }
            index.after_build(&root, options.drafts);
        }
    }
    eprintln!("{}", msg!("serve.stopped").render(lang));
    Ok(())
}

/// Builds the site and publishes the result; says in the terminal what happened. `shown` is
/// what the terminal shows now, so the same problems are not printed again after every save.
/// Gives the site's inputs when its config could be read.
fn rebuild(
    root: &Path,
    drafts: bool,
    hub: &Hub,
    shown: &mut Vec<crate::Diagnostic>,
    memo: &mut crate::Memo,
) -> Option<site::Inputs> {
    let started = Instant::now();
    let built = site::build(root, drafts, memo);
    let took = started.elapsed().as_millis();
    let lang = Lang::choose(built.language.as_deref());
    if built.diagnostics.items != *shown {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for d in &built.diagnostics.items {
            eprintln!("{}\n", d.render(lang, color));
        }
        shown.clone_from(&built.diagnostics.items);
    }
    match built.snapshot {
        Some(snapshot) => {
            let files = snapshot.len();
            let changed = hub.publish_site(snapshot, built.language.unwrap_or_else(|| "nl".into()));
            let built = match changed {
                Some(n) => msg!("serve.built.changed", files, took, n),
                None => msg!("serve.built", files, took),
            };
            eprintln!("{}", built.render(lang));
        }
        None => {
            let errors: Vec<_> = built.diagnostics.items.iter().filter(|d| d.is_error()).cloned().collect();
            let counts = built.diagnostics.counts();
            let failed = if hub.now().site.is_some() {
                msg!("serve.failed.old", took, counts)
            } else {
                msg!("serve.failed.nothing", took, counts)
            };
            eprintln!("{}", failed.render(lang));
            hub.publish_problems(errors, built.language);
        }
    }
    built.inputs
}

/// Makes the search index beside the builds, on a thread of its own: a build of the preview
/// renders only what an edit changed and serves the index of the last whole build, and this
/// brings the index up to date a moment later, once the editor has paused for [`QUIET`] (so
/// that it does not take a core from the builds of a series of quick saves). One index is made
/// at a time; an edit while it is made makes it stale, and another is made after it.
struct Indexer {
    /// The index being made, and whether a build has come since it started.
    running: Option<(mpsc::Receiver<Option<Vec<crate::output::OutputFile>>>, bool)>,
    /// The index is older than the last build, which was published at `since`.
    wanted: bool,
    since: Instant,
    root: PathBuf,
    drafts: bool,
}

/// How long the site stays unchanged before its index is made again.
const QUIET: Duration = Duration::from_millis(800);

impl Default for Indexer {
    fn default() -> Self {
        Indexer { running: None, wanted: false, since: Instant::now(), root: PathBuf::new(), drafts: false }
    }
}

impl Indexer {
    /// A build has been published: the index is stale.
    fn after_build(&mut self, root: &Path, drafts: bool) {
        (self.root, self.drafts) = (root.to_path_buf(), drafts);
        (self.wanted, self.since) = (true, Instant::now());
        if let Some((_, stale)) = &mut self.running {
            *stale = true;
        }
    }

    /// Starts making the index when it is wanted, none is being made, and the site has not
    /// changed for a while.
    fn when_quiet(&mut self) {
        if self.wanted && self.running.is_none() && self.since.elapsed() >= QUIET {
            self.start();
        }
    }

    fn start(&mut self) {
        let (to, from) = mpsc::channel();
        let (root, drafts) = (self.root.clone(), self.drafts);
        std::thread::spawn(move || {
            let _ = to.send(site::index(&root, drafts));
        });
        self.running = Some((from, false));
        self.wanted = false;
    }

    /// The index made for the site as it is now, once there is one.
    fn ready(&mut self) -> Option<Vec<crate::output::OutputFile>> {
        let (from, stale) = self.running.as_ref()?;
        let made = match from.try_recv() {
            Ok(made) => made,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => None,
        };
        let stale = *stale;
        self.running = None;
        // A build came while it was made: another is made once the site is quiet again.
        if stale { None } else { made }
    }
}

/// Opens `url` in the default browser, if the system says how.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if command.is_err() {
        eprintln!("{}", msg!("serve.no-browser", url).render(Lang::choose(None)));
    }
}
