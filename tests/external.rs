//! `check --external` against a small HTTP server on 127.0.0.1 that the test starts and that
//! stops by itself: no test here touches the internet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use wegwijs::check::external::{CACHE_FILE, Options};
use wegwijs::{NoProgress, Overrides};

/// Requests seen, as `"METHOD /path"` → count.
type Seen = Arc<Mutex<HashMap<String, usize>>>;

/// A server that answers by path, until it is dropped or 30 seconds have passed.
struct Server {
    port: u16,
    seen: Seen,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Seen = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            while !stop2.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let seen = seen2.clone();
                        std::thread::spawn(move || answer(stream, &seen));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { port, seen, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn count(&self, request: &str) -> usize {
        self.seen.lock().unwrap().get(request).copied().unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn answer(stream: TcpStream, seen: &Seen) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers up to the empty line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let n = {
        let mut seen = seen.lock().unwrap();
        let n = seen.entry(format!("{method} {path}")).or_default();
        *n += 1;
        *n
    };
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/gone") => ("404 Not Found", ""),
        (_, "/forbidden") => ("403 Forbidden", ""),
        (_, "/down") => ("503 Service Unavailable", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
        // Fails once per method, then works: a retry gets through.
        (_, "/flaky") if n == 1 => ("503 Service Unavailable", ""),
        (_, "/flaky") => ("200 OK", ""),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", ""),
        ("GET", "/no-head") => ("200 OK", ""),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(2));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    let mut stream = stream;
    let _ = write!(stream, "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn site(pages: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for (path, text) in pages {
        let file = root.join("content").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    (dir, root)
}

fn tool(url: &str) -> String {
    format!(
        "---\ntitle: Een instrument\nsummary: Een instrument om te testen.\nurl: {url}\nthemes: [Test]\n---\n\nTekst.\n"
    )
}

fn options(root: &Path) -> Options {
    Options {
        timeout: Duration::from_millis(700),
        retries: 1,
        backoff: Duration::from_millis(10),
        concurrency: 3,
        ..Options::for_site(root)
    }
}

#[test]
fn dead_links_are_warnings_at_the_place_they_are_written() {
    let server = Server::start();
    let refused = format!("http://127.0.0.1:{}/", closed_port());
    let body = format!(
        "---\ntitle: Links\nsummary: Een artikel met links.\nthemes: [Test]\n---\n\n\
         Zie [weg]({}), [traag]({}), [dicht]({refused}),\n[verhuisd]({}), [geen HEAD]({}), [wankel]({}) en [verboden]({}).\n",
        server.url("/gone"),
        server.url("/slow"),
        server.url("/moved"),
        server.url("/no-head"),
        server.url("/flaky"),
        server.url("/forbidden"),
    );
    // Where a URL starts on line 7 of the article, 1-based.
    let line7 = body.lines().nth(6).unwrap().to_string();
    let column = |url: &str| Some(line7.find(url).unwrap() + 1);
    let (_dir, root) = site(&[
        ("instrumenten/werkt.md", tool(&server.url("/ok"))),
        ("instrumenten/stuk.md", tool(&server.url("/down"))),
        ("artikelen/links.md", body),
    ]);
    let report = wegwijs::check(&root, &Overrides::default(), Some(&options(&root)), &NoProgress);
    assert_eq!(report.external_links, Some(9));
    let found: Vec<(String, Option<usize>, Option<usize>, String)> = report
        .diagnostics
        .items
        .iter()
        .map(|d| {
            assert_eq!((d.code, d.severity), ("dead-link", wegwijs::Severity::Warning), "{d}");
            (d.file.as_ref().unwrap().display().to_string(), d.line, d.column, d.message.english())
        })
        .collect();
    let url = |p: &str| server.url(p);
    assert_eq!(
        found,
        vec![
            (
                "content/artikelen/links.md".into(),
                Some(7),
                column(&url("/gone")),
                format!(
                    "the link `{}` does not work: the page does not exist (any more); it answers 404 Not Found",
                    url("/gone")
                )
            ),
            (
                "content/artikelen/links.md".into(),
                Some(7),
                column(&url("/slow")),
                format!("the link `{}` does not work: no answer within 0.7 seconds", url("/slow"))
            ),
            (
                "content/artikelen/links.md".into(),
                Some(7),
                column(&refused),
                format!("the link `{refused}` does not work: the server refuses connections")
            ),
            (
                "content/instrumenten/stuk.md".into(),
                Some(4),
                Some(6),
                format!(
                    "the link `{}` does not work: the server has an error; it answers 503 Service Unavailable",
                    url("/down")
                )
            ),
        ]
    );
    // Retries: `/down` was asked twice with HEAD and twice with GET; `/flaky` got through.
    assert_eq!(server.count("HEAD /down"), 2);
    assert_eq!(server.count("GET /down"), 2);
    assert_eq!(server.count("HEAD /flaky"), 2);
    // HEAD refused, GET used.
    assert_eq!(server.count("GET /no-head"), 1);
}

#[test]
fn working_links_are_cached_and_failures_are_asked_again() {
    let server = Server::start();
    let (_dir, root) = site(&[
        ("instrumenten/werkt.md", tool(&server.url("/ok"))),
        ("instrumenten/weg.md", tool(&server.url("/gone"))),
    ]);
    let opts = options(&root);
    let first = wegwijs::check(&root, &Overrides::default(), Some(&opts), &NoProgress);
    assert_eq!(first.diagnostics.warnings(), 1);
    let cache = std::fs::read_to_string(root.join(CACHE_FILE)).unwrap();
    assert!(cache.contains(&server.url("/ok")), "{cache}");
    assert!(!cache.contains("/gone"), "failures are not remembered: {cache}");
    assert!(root.join(".wegwijs-cache/.gitignore").is_file());
    let second = wegwijs::check(&root, &Overrides::default(), Some(&opts), &NoProgress);
    assert_eq!(second.diagnostics.warnings(), 1);
    assert_eq!(server.count("HEAD /ok"), 1, "the second run takes /ok from the cache");
    assert_eq!(server.count("HEAD /gone"), 2, "the second run asks about /gone again");
}

#[test]
fn the_command_line_reports_dead_links_as_warnings() {
    let server = Server::start();
    let (_dir, root) = site(&[("instrumenten/weg.md", tool(&server.url("/gone")))]);
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
            // These tests read the English messages; tests/messages.rs reads both languages.
            .args(["--lang", "en"])
            .args(["check", "--external", "--root", root.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stderr) = run(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning[dead-link]"), "{stderr}");
    assert!(stderr.ends_with("Checked 1 page and 1 link to other sites: 1 warning\n"), "{stderr}");
    assert_eq!(run(&["--deny-warnings"]).0, 1);
}

#[test]
fn no_network_is_one_report_not_one_per_link() {
    let (a, b) = (closed_port(), closed_port());
    let (_dir, root) = site(&[
        ("instrumenten/a.md", tool(&format!("http://127.0.0.1:{a}/x"))),
        ("instrumenten/b.md", tool(&format!("http://127.0.0.1:{b}/y"))),
        ("instrumenten/c.md", tool(&format!("http://127.0.0.1:{b}/z"))),
    ]);
    let report = wegwijs::check(&root, &Overrides::default(), Some(&options(&root)), &NoProgress);
    let found: Vec<(&str, String)> = report.diagnostics.items.iter().map(|d| (d.code, d.message.english())).collect();
    assert_eq!(
        found,
        vec![(
            "no-network",
            "none of the 2 servers asked answered, so the links to other sites were not checked".to_string()
        )]
    );
    assert!(!root.join(CACHE_FILE).exists(), "nothing is remembered from a run without network");
}

/// A server on 127.0.0.1 that accepts connections and never answers: each is held until 40
/// seconds after the server started, then closed. It stops by itself.
fn hanging_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let end = Instant::now() + Duration::from_secs(40);
        let mut held = Vec::new();
        while Instant::now() < end {
            match listener.accept() {
                Ok((stream, _)) => held.push(stream),
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    port
}

#[test]
fn hanging_servers_do_not_hold_the_check_past_its_deadline() {
    let port = hanging_server();
    let server = Server::start();
    let (_dir, root) = site(&[
        ("instrumenten/a.md", tool(&format!("http://127.0.0.1:{port}/a"))),
        ("instrumenten/b.md", tool(&format!("http://127.0.0.1:{port}/b"))),
        ("instrumenten/c.md", tool(&format!("http://127.0.0.1:{port}/c"))),
        ("instrumenten/werkt.md", tool(&server.url("/ok"))),
    ]);
    let started = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        // These tests read the English messages; tests/messages.rs reads both languages.
        .args(["--lang", "en"])
        .args(["check", "--external", "--timeout", "2", "--root", root.to_str().unwrap()])
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[not-checked]: 3 links to other sites were not checked within 2 s"), "{stderr}");
    assert!(stderr.ends_with("Checked 4 pages and 4 links to other sites: 1 warning\n"), "{stderr}");
    assert!(!stderr.contains("dead-link"), "a link that was not checked is not dead: {stderr}");
    // Without the deadline each link costs 10 s per attempt, three attempts: half a minute or
    // more. The bound is generous; what matters is that the run does not wait for the server.
    assert!(took < Duration::from_secs(20), "the check took {took:?}");
    // The server that answers was asked and is remembered, so a next run continues with the rest.
    let cache = std::fs::read_to_string(root.join(CACHE_FILE)).unwrap();
    assert!(cache.contains(&server.url("/ok")) && !cache.contains(&format!(":{port}/")), "{cache}");
}

/// A server that answers every request after 300 ms and records how many connections it
/// served at the same time; it stops by itself after 30 seconds.
struct CountingServer {
    port: u16,
    now: Arc<Mutex<(usize, usize)>>,
}

impl CountingServer {
    fn start() -> CountingServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        // (connections open now, most open at once)
        let now: Arc<Mutex<(usize, usize)>> = Arc::default();
        let counts = now.clone();
        std::thread::spawn(move || {
            let end = Instant::now() + Duration::from_secs(30);
            while Instant::now() < end {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let counts = counts.clone();
                std::thread::spawn(move || {
                    {
                        let mut c = counts.lock().unwrap();
                        c.0 += 1;
                        c.1 = c.1.max(c.0);
                    }
                    stream.set_nonblocking(false).unwrap();
                    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        line.clear();
                    }
                    std::thread::sleep(Duration::from_millis(300));
                    counts.lock().unwrap().0 -= 1;
                    let mut stream = stream;
                    let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                });
            }
        });
        CountingServer { port, now }
    }

    fn most_at_once(&self) -> usize {
        self.now.lock().unwrap().1
    }
}

#[test]
fn at_most_two_requests_at_a_time_go_to_one_server() {
    let server = CountingServer::start();
    let pages: Vec<(String, String)> = (0..8)
        .map(|i| (format!("instrumenten/t{i}.md"), tool(&format!("http://127.0.0.1:{}/p{i}", server.port))))
        .collect();
    let pages: Vec<(&str, String)> = pages.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let (_dir, root) = site(&pages);
    let opts = Options { concurrency: 8, timeout: Duration::from_secs(5), cache: None, ..options(&root) };
    assert_eq!(opts.per_host, 2, "the default is two at a time per server");
    let report = wegwijs::check(&root, &Overrides::default(), Some(&opts), &NoProgress);
    assert_eq!(report.external_links, Some(8));
    assert!(report.diagnostics.items.is_empty(), "{:?}", report.diagnostics.items);
    assert_eq!(server.most_at_once(), 2, "two at a time, not one and not eight");
}
