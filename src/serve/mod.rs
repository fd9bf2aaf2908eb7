//! `wegwijs serve`: the preview editors look at while they write.
//!
//! Takes [`Options`] (from the command line) and runs until Ctrl-C: builds the site into memory
//! (no output folder is touched), serves it over HTTP on this computer, watches the site's
//! folders and builds again on every change. Open pages reload by themselves when a build
//! changed them (a stylesheet is swapped in place), and the problems of a build show over
//! every open page, and in the terminal, while the last good version stays served.
//!
//! The parts: `site` builds into a snapshot and compares two; `hub` holds what is served now
//! and tells the open pages; `http` answers requests from the snapshot (no request path ever
//! reaches the file system); `watch` follows the folders; `live.js` and `live.css` are the
//! browser's half. Each change runs the whole pipeline; rendering only what an edit touches
//! is a later step.

pub(crate) mod http;
pub(crate) mod hub;
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
    let server = tiny_http::Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| Failed {
        message: msg!("serve.cannot-listen", bind = options.bind, port = options.port, reason = e),
        help: msg!("serve.cannot-listen.help"),
    })?;
    let server = Arc::new(server);
    let address = server.server_addr().to_ip().map_or_else(|| "?".to_string(), |a| a.to_string());
    if !options.bind.is_loopback() {
        eprintln!("{}", msg!("serve.public", bind = options.bind).render(lang));
    }

    let stop = Arc::new(AtomicBool::new(false));
    {
        let (stop, server) = (stop.clone(), server.clone());
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            server.unblock();
        })
        .map_err(|e| Failed { message: msg!("serve.ctrl-c", reason = e), help: msg!("serve.ctrl-c.help") })?;
    }

    let hub = Arc::new(Hub::new());
    let mut shown = Vec::new();
    let inputs = rebuild(&root, options.drafts, &hub, &mut shown).unwrap_or_else(|| site::default_inputs(&root));
    let (events, batches) = mpsc::channel();
    let mut watch = watch::Watch::new(events, inputs).map_err(|e| Failed {
        message: msg!("serve.cannot-watch", reason = e),
        help: msg!("serve.cannot-watch.help"),
    })?;

    {
        let (server, hub) = (server.clone(), hub.clone());
        std::thread::spawn(move || accept(&server, &hub));
    }
    let url = format!("http://{address}/");
    println!("{}", msg!("serve.serving", root = root.display(), url = &url).render(lang));
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }

    while !stop.load(Ordering::SeqCst) {
        let batch = match batches.recv_timeout(Duration::from_millis(200)) {
            Ok(b) => b,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut matters = watch.matters(&batch);
        // Whatever came in meanwhile is covered by the same build.
        while let Ok(more) = batches.try_recv() {
            matters |= watch.matters(&more);
        }
        if matters && let Some(inputs) = rebuild(&root, options.drafts, &hub, &mut shown) {
            watch.follow(inputs);
        }
    }
    eprintln!("{}", msg!("serve.stopped").render(lang));
    Ok(())
}

/// Hands each request to a thread of its own: an open page's event stream lasts as long as
/// the page, and must not hold up the others.
fn accept(server: &tiny_http::Server, hub: &Arc<Hub>) {
    for request in server.incoming_requests() {
        let hub = hub.clone();
        std::thread::spawn(move || http::answer(request, &hub));
    }
}

/// Builds the site and publishes the result; says in the terminal what happened. `shown` is
/// what the terminal shows now, so the same problems are not printed again after every save.
/// Gives the site's inputs when its config could be read.
fn rebuild(root: &Path, drafts: bool, hub: &Hub, shown: &mut Vec<crate::Diagnostic>) -> Option<site::Inputs> {
    let started = Instant::now();
    let built = site::build(root, drafts);
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
