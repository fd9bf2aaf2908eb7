//! `wegwijs serve`: the real binary on a temporary copy of a small site, spoken to over HTTP.
//! Each test starts its own server on a free port, and a guard kills it at the end, whatever
//! happens; every wait has a deadline, so a failure never hangs.

#[path = "safety/support.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::Fixture;

/// Long enough for a debug build of the small site on a busy machine.
const WAIT: Duration = Duration::from_secs(30);

/// A running `wegwijs serve`, killed when dropped.
struct Server {
    child: Child,
    address: String,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process killed when dropped, should a test fail while it runs.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Starts the preview of `site` on a free port of 127.0.0.1 and waits for its address.
    fn start(site: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
            .args(["serve", "--root", site.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .env("NO_COLOR", "1")
            // A locale that names no language: the site's language speaks, whatever the machine.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (lines, first) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let err = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut all = collected.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = Server { child, address: String::new(), stderr };
        let line: String =
            first.recv_timeout(WAIT).unwrap_or_else(|_| panic!("no address within {WAIT:?}: {}", server.terminal()));
        let at = line.find("http://").unwrap_or_else(|| panic!("no address in {line:?}"));
        server.address = line[at + "http://".len()..].split('/').next().unwrap().to_string();
        server
    }

    fn terminal(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, target: &str) -> (u16, String) {
        get(&self.address, target)
    }

    fn problems(&self) -> Value {
        let (status, body) = self.get("/__wegwijs/problems.json");
        assert_eq!(status, 200);
        serde_json::from_str(&body).unwrap()
    }

    /// The event stream, one message per item.
    fn events(&self) -> Receiver<Value> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "GET /__wegwijs/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n", self.address)
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ")
                    && tx.send(serde_json::from_str(data).unwrap()).is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

/// A GET on a fresh connection, the target sent exactly as given (no client-side clean-up of
/// `..` or escapes): status and body.
fn get(address: &str, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}

/// Polls `f` until it gives `Some`, for at most [`WAIT`].
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < WAIT, "waited {WAIT:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The next message on `events` that satisfies `f`.
fn next_event(events: &Receiver<Value>, what: &str, f: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let left = WAIT.saturating_sub(start.elapsed());
        let m = events.recv_timeout(left).unwrap_or_else(|_| panic!("no event {what} within {WAIT:?}"));
        if f(&m) {
            return m;
        }
    }
}

/// Saves the way many editors do: a temporary file beside the page, renamed over it.
fn save(f: &Fixture, rel: &str, text: &str) {
    let target = f.root().join(rel);
    let temp = target.with_file_name(format!(".{}.tmp", target.file_name().unwrap().to_str().unwrap()));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &target).unwrap();
}

const PAGE: &str = "site/content/begrippen/statushouder.md";
const PAGE_URL: &str = "/begrippen/statushouder/";
const PAGE_FILE: &str = "begrippen/statushouder/index.html";

fn term(body: &str) -> String {
    format!("---\ntitle: Statushouder\ndefinition: Iemand met een verblijfsvergunning.\n---\n{body}\n")
}

#[test]
fn a_saved_page_is_served_and_announced_and_nothing_is_written() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    let (status, page) = server.get(PAGE_URL);
    assert_eq!(status, 200);
    assert!(page.contains("Tekst over statushouders"));
    assert!(page.contains("<script src=\"/__wegwijs/live.js?v=1\" defer></script></head>"), "{page}");
    assert!(!page.contains("wegwijs-concept"), "not a draft");
    let (status, script) = server.get("/__wegwijs/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let events = server.events();
    let first = next_event(&events, "on connecting", |_| true);
    assert_eq!(first["version"], 1);

    save(&f, PAGE, &term("Een nieuwe zin over statushouders."));
    wait_for("the new text", || server.get(PAGE_URL).1.contains("Een nieuwe zin").then_some(()));
    let reload = next_event(&events, "for the rebuild", |m| m["version"] == 2);
    assert_eq!(reload["base"], 1);
    let changed: Vec<&str> = reload["changed"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(changed.contains(&PAGE_FILE), "{changed:?}");
    assert!(!changed.contains(&"index.html"), "the home page did not change: {changed:?}");

    assert!(!f.site().join("public").exists(), "serve wrote an output folder");
}

#[test]
fn a_stylesheet_change_is_announced_as_such() {
    let f = Fixture::new();
    f.write("site/static/css/extra.css", "p { color: black; }\n");
    let server = Server::start(&f.site(), &[]);
    assert_eq!(server.get("/css/extra.css").0, 200);
    let events = server.events();
    next_event(&events, "on connecting", |_| true);
    save(&f, "site/static/css/extra.css", "p { color: navy; }\n");
    let m = next_event(&events, "for the rebuild", |m| m["version"] == 2);
    assert_eq!(m["changed"], serde_json::json!(["css/extra.css"]));
    let (status, css) = server.get("/css/extra.css");
    assert_eq!(status, 200);
    assert!(css.contains("navy"));
}

#[test]
fn broken_front_matter_is_shown_over_the_last_good_page_until_fixed() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    let events = server.events();
    next_event(&events, "on connecting", |_| true);

    save(&f, PAGE, "---\ntitle: [Statushouder\ndefinition: Iemand.\n---\nKapot.\n");
    let m = next_event(&events, "with the problem", |m| !m["problems"].as_array().unwrap().is_empty());
    assert_eq!(m["version"], 1, "no new version while the site has errors");
    let problems = server.problems();
    let d = &problems["problems"][0];
    assert_eq!(d["file"], "content/begrippen/statushouder.md", "{d}");
    assert!(d["line"].as_u64().is_some(), "{d}");
    assert!(d["column"].as_u64().is_some(), "{d}");
    assert!(d["source_line"].as_str().is_some_and(|l| !l.is_empty()), "{d}");
    assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    // The problem itself in the site's language too, with its English code.
    assert_eq!(d["lang"], "nl", "{d}");
    assert_eq!(problems["words"]["problem_in"], "Er is iets mis in");
    assert_eq!(problems["words"]["line"], "Regel");
    assert_eq!(problems["words"]["what_to_do"], "Wat te doen");

    let (status, page) = server.get(PAGE_URL);
    assert_eq!(status, 200, "the last good version is still served");
    assert!(page.contains("Tekst over statushouders"));
    let location = format!("content/begrippen/statushouder.md:{}:{}", d["line"], d["column"]);
    let code = d["code"].as_str().unwrap().to_string();
    wait_for("the terminal to show the same", || {
        let t = server.terminal();
        (t.contains(&location) && t.contains(&code)).then_some(())
    });

    save(&f, PAGE, &term("Weer heel."));
    let m = next_event(&events, "with the fix", |m| m["version"] == 2);
    assert_eq!(m["problems"], serde_json::json!([]));
    assert_eq!(server.problems()["problems"], serde_json::json!([]));
    assert!(server.get(PAGE_URL).1.contains("Weer heel."));
}

#[test]
fn a_broken_link_is_shown_too() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    save(&f, PAGE, &term("Zie [elders](bestaat-niet.md)."));
    let d = wait_for("the broken link", || {
        let p = server.problems();
        p["problems"].as_array().unwrap().first().cloned()
    });
    assert_eq!(d["code"], "broken-link", "{d}");
    assert_eq!(d["file"], "content/begrippen/statushouder.md");
    assert!(server.get(PAGE_URL).1.contains("Tekst over statushouders"));
}

#[test]
fn a_template_error_is_shown_and_cleared() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    let events = server.events();
    next_event(&events, "on connecting", |_| true);
    f.write("site/templates/term.html", "{% extends \"base.html\" %}\n{% block nergens %}\n{% endblock nergens %}\n");
    let m = next_event(&events, "with the template error", |m| !m["problems"].as_array().unwrap().is_empty());
    let d = &m["problems"][0];
    assert_eq!(d["code"], "template", "{d}");
    assert!(d["file"].as_str().unwrap().ends_with("templates/term.html"), "{d}");
    assert_eq!(d["line"], 2, "{d}");
    assert!(server.get(PAGE_URL).1.contains("Tekst over statushouders"), "the last good page is still served");
    std::fs::remove_file(f.root().join("site/templates/term.html")).unwrap();
    let m = next_event(&events, "with the fix", |m| m["problems"].as_array().unwrap().is_empty());
    assert_eq!(m["version"], 2);
}

#[test]
fn english_sites_get_english_words() {
    let f = Fixture::new();
    f.write("site/wegwijs.yaml", "title: Proef\nlanguage: en\n");
    let server = Server::start(&f.site(), &[]);
    let words = &server.problems()["words"];
    assert_eq!(words["problem_in"], "Something is wrong in");
    assert_eq!(words["line"], "Line");
    assert_eq!(words["what_to_do"], "What to do");
    let said = server.terminal();
    assert!(!said.contains("Voorvertoning") && !said.contains("gemaakt"), "{said}");
}

#[test]
fn the_flag_speaks_over_the_site_in_the_browser_too() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &["--lang", "en"]);
    let events = server.events();
    next_event(&events, "on connecting", |_| true);
    save(&f, PAGE, "---\ntitle: Statushouder\n---\nZonder omschrijving.\n");
    next_event(&events, "with the problem", |m| !m["problems"].as_array().unwrap().is_empty());
    let problems = server.problems();
    let d = &problems["problems"][0];
    assert_eq!((d["code"].as_str(), d["lang"].as_str()), (Some("missing-definition"), Some("en")), "{d}");
    assert_eq!(d["message"], "a term needs a `definition`", "{d}");
    assert_eq!(problems["words"]["line"], "Line");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let f = Fixture::new();
    f.write(PAGE, "---\ntitle: [kapot\n---\n");
    let server = Server::start(&f.site(), &[]);
    let (status, page) = server.get(PAGE_URL);
    assert_eq!(status, 503);
    assert!(page.contains("/__wegwijs/live.js"), "the overlay can show: {page}");
    assert_eq!(server.problems()["problems"][0]["file"], "content/begrippen/statushouder.md");
    save(&f, PAGE, &term("Nu wel."));
    wait_for("the fixed site", || {
        let (status, page) = server.get(PAGE_URL);
        (status == 200 && page.contains("Nu wel.")).then_some(())
    });
}

#[test]
fn drafts_are_shown_with_a_banner_when_asked() {
    let f = Fixture::new();
    f.write(
        "site/content/begrippen/concept.md",
        "---\ntitle: Concept\ndefinition: Nog niet af.\ndraft: true\n---\nBijna.\n",
    );
    let server = Server::start(&f.site(), &["--drafts"]);
    let (status, page) = server.get("/begrippen/concept/");
    assert_eq!(status, 200);
    assert!(page.contains("<div class=\"wegwijs-concept\" role=\"note\"><strong>Concept</strong>"), "{page}");
    assert!(!server.get(PAGE_URL).1.contains("wegwijs-concept"));
    drop(server);
    let server = Server::start(&f.site(), &[]);
    assert_eq!(server.get("/begrippen/concept/").0, 404, "drafts only with --drafts");
}

#[test]
fn only_the_built_site_is_served() {
    let f = Fixture::new();
    f.write("secret.txt", "GEHEIM\n");
    let server = Server::start(&f.site(), &[]);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/begrippen/../../secret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/%00",
        "/index.html%00.txt",
        "/content/begrippen/statushouder.md",
        "/wegwijs.yaml",
    ] {
        let (status, body) = server.get(target);
        assert!([400, 403, 404].contains(&status), "{target}: {status}");
        assert!(!body.contains("GEHEIM") && !body.contains("root:"), "{target}: {body}");
    }
    let (status, _) = server.get("/begrippen/statushouder");
    assert_eq!(status, 301, "a folder without its slash is redirected");
}

#[test]
fn content_types_are_right() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    for (target, kind) in [("/", "text/html"), ("/css/wegwijs.css", "text/css"), ("/js/wegwijs.js", "text/javascript")]
    {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        let head = raw.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(head.contains(&format!("content-type: {kind}")), "{target}: {head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{target}: {head}");
        if kind == "text/html" {
            assert!(head.contains("content-security-policy: default-src 'self'; script-src 'self'"), "{head}");
            assert!(!head.contains("unsafe-inline"), "{head}");
        }
    }
}

#[test]
fn binding_beyond_this_computer_warns() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &["--bind", "0.0.0.0"]);
    let warning = "waarschuwing: met 0.0.0.0 is de voorvertoning, concepten inbegrepen, te zien vanaf andere computers";
    wait_for("the warning", || server.terminal().contains(warning).then_some(()));
    let local = Fixture::new();
    let quiet = Server::start(&local.site(), &[]);
    assert!(quiet.address.starts_with("127.0.0.1:"), "{}", quiet.address);
    assert!(!quiet.terminal().contains("waarschuwing"), "{}", quiet.terminal());
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let f = Fixture::new();
    let first = Server::start(&f.site(), &[]);
    let port = first.address.rsplit(':').next().unwrap();
    let mut second = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_wegwijs"))
            // These tests read the English messages; tests/messages.rs reads both languages.
            .args(["--lang", "en"])
            .args(["serve", "--root", f.site().to_str().unwrap(), "--port", port])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let status = wait_for("the second server to give up", || second.0.try_wait().unwrap());
    let mut said = String::new();
    second.0.stderr.take().unwrap().read_to_string(&mut said).unwrap();
    assert_eq!(status.code(), Some(1), "{said}");
    assert!(said.contains(&format!("error: cannot listen on 127.0.0.1:{port}")), "{said}");
    assert!(said.contains("--port"), "{said}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let f = Fixture::new();
    let mut server = Server::start(&f.site(), &[]);
    let sent = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let status = wait_for("the server to stop", || server.child.try_wait().unwrap());
    assert!(status.success(), "{status:?}: {}", server.terminal());
    wait_for("the goodbye", || server.terminal().contains("Gestopt.").then_some(()));
}

#[test]
fn the_last_good_version_is_served_while_a_build_runs() {
    let f = Fixture::new();
    let server = Server::start(&f.site(), &[]);
    let address = server.address.clone();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let polling = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                seen.push(get(&address, PAGE_URL).0);
                seen.push(get(&address, "/").0);
            }
            seen
        })
    };
    for i in 0..8 {
        save(&f, PAGE, &term(&format!("Versie {i}.")));
        std::thread::sleep(Duration::from_millis(150));
    }
    wait_for("the last version", || server.get(PAGE_URL).1.contains("Versie 7.").then_some(()));
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = polling.join().unwrap();
    assert!(seen.len() > 10, "{} requests", seen.len());
    assert!(seen.iter().all(|&s| s == 200), "{seen:?}");
}

#[test]
fn files_removed_or_half_written_mid_build_are_no_crash() {
    let f = Fixture::new();
    let mut server = Server::start(&f.site(), &[]);
    // A page written in two parts, with time between them for a build to catch the first.
    let half = f.root().join("site/content/begrippen/half.md");
    let mut file = std::fs::File::create(&half).unwrap();
    file.write_all(b"---\ntitle: Ha").unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    file.write_all(b"lf\ndefinition: D.\n---\nHeel.\n").unwrap();
    drop(file);
    // Many quick changes, a removal among them: every build sees some state of the folder.
    for i in 0..20 {
        f.write(
            &format!("site/content/begrippen/los-{i}.md"),
            &format!("---\ntitle: Los {i}\ndefinition: D.\n---\nT.\n"),
        );
        if i % 3 == 0 {
            let _ = std::fs::remove_file(f.root().join(format!("site/content/begrippen/los-{}.md", i / 2)));
        }
    }
    save(&f, PAGE, &term("Na de storm."));
    wait_for("the last version", || server.get(PAGE_URL).1.contains("Na de storm.").then_some(()));
    wait_for("the whole half-written page", || server.get("/begrippen/half/").1.contains("Heel.").then_some(()));
    assert!(server.child.try_wait().unwrap().is_none(), "the server went away: {}", server.terminal());
    assert_eq!(server.get("/").0, 200);
}
