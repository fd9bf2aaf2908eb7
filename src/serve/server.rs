//! The preview's HTTP/1.1 server: a thread per connection, requests parsed by `httparse`.
//!
//! Takes a bound [`TcpListener`] and a function that answers one [`Request`]; gives each
//! connection a thread of its own, which reads requests one after the other (keep-alive and
//! pipelining as browsers use them) until the browser closes it, asks for `close`, or stays
//! silent for [`IDLE`]. A thread per connection is what a preview on one computer needs: a
//! browser opens six connections and keeps them, an open page holds one more for its event
//! stream, and none of them may keep another waiting (tiny_http's pool did: a connection
//! queued behind idle keep-alive ones could wait until the browser gave one up).
//!
//! Only `GET` and `HEAD` without a body are served; anything else is answered and the
//! connection closed, so no request body is ever read or misread as the next request.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// A connection silent this long is closed. Browsers reopen one when they need it.
const IDLE: Duration = Duration::from_secs(30);
/// The most a request's head (request line and headers) may take.
const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;

/// A request's method, as far as the preview cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
    Other,
}

/// One request: its method and target (`/begrippen/x/?q=1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) target: String,
    /// The client wants the connection kept open after the answer.
    keep_alive: bool,
    /// The request announced a body, which the preview does not read.
    has_body: bool,
}

/// An answer: status, headers and body (the length and `Connection` are added when sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(status: u16, body: Vec<u8>) -> Response {
        Response { status, headers: Vec::new(), body }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// What the answering function gives for a request.
pub(crate) enum Answer {
    /// A response; the connection then serves the next request.
    Response(Response),
    /// The connection is handed over (for an event stream, which writes on it until the page
    /// goes) and closed afterwards.
    Take(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Accepts connections on `listener` for as long as the process runs, answering each request
/// with `answer`.
pub(crate) fn serve<F>(listener: TcpListener, answer: F)
where
    F: Fn(&Request) -> Answer + Send + Sync + 'static,
{
    let answer = std::sync::Arc::new(answer);
    for stream in listener.incoming() {
        // A connection that failed while being accepted is the browser's business.
        let Ok(stream) = stream else { continue };
        let answer = answer.clone();
        std::thread::spawn(move || {
            let _ = connection(stream, &*answer);
        });
    }
}

/// Serves the requests of one connection, one after the other.
fn connection(mut stream: TcpStream, answer: &dyn Fn(&Request) -> Answer) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    // Answers are written whole; waiting for more to fill a packet only adds latency.
    stream.set_nodelay(true)?;
    let mut pending = Vec::new();
    loop {
        let request = match next_request(&mut stream, &mut pending)? {
            Next::Request(r) => r,
            Next::Closed => return Ok(()),
            Next::Bad(status) => {
                let text = if status == 431 { "Request header fields too large\n" } else { "Bad request\n" };
                return write_response(&mut stream, &plain(status, text), false, false);
            }
        };
        if request.has_body {
            // The body is not read, so the connection cannot serve a next request.
            let text = "Method not allowed: the preview only serves files\n";
            return write_response(&mut stream, &plain(405, text), false, false);
        }
        match answer(&request) {
            Answer::Response(response) => {
                write_response(&mut stream, &response, request.method == Method::Head, request.keep_alive)?;
                if !request.keep_alive {
                    return Ok(());
                }
            }
            Answer::Take(take) => {
                take(stream);
                return Ok(());
            }
        }
    }
}

fn plain(status: u16, text: &str) -> Response {
    Response::new(status, text.as_bytes().to_vec()).header("Content-Type", "text/plain; charset=utf-8")
}

enum Next {
    Request(Request),
    /// The browser closed the connection, or it stayed silent too long.
    Closed,
    /// Not a request that can be understood: answered with this status, then closed.
    Bad(u16),
}

/// Reads the next request's head from `stream`; bytes read past it (a pipelined request) stay
/// in `pending`.
fn next_request(stream: &mut TcpStream, pending: &mut Vec<u8>) -> io::Result<Next> {
    let mut chunk = [0u8; 4096];
    loop {
        if !pending.is_empty() {
            match parse(pending) {
                Parsed::Complete(request, used) => {
                    pending.drain(..used);
                    return Ok(Next::Request(request));
                }
                Parsed::Bad => return Ok(Next::Bad(400)),
                Parsed::Partial if pending.len() > MAX_HEAD => return Ok(Next::Bad(431)),
                Parsed::Partial => {}
            }
        }
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Ok(Next::Closed);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Next::Closed);
        }
        pending.extend_from_slice(&chunk[..n]);
    }
}

enum Parsed {
    Complete(Request, usize),
    Partial,
    Bad,
}

/// Parses a request head at the start of `bytes`.
fn parse(bytes: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Request::new(&mut headers);
    let used = match head.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(_) => return Parsed::Bad,
    };
    let (Some(method), Some(target), Some(version)) = (head.method, head.path, head.version) else {
        return Parsed::Bad;
    };
    let header = |name: &str| {
        head.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| String::from_utf8_lossy(h.value))
    };
    let connection = header("connection").map(|v| v.to_ascii_lowercase()).unwrap_or_default();
    let keep_alive = if version >= 1 { !connection.contains("close") } else { connection.contains("keep-alive") };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|v| v.trim().parse::<u64>().map_or(true, |n| n > 0));
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    Parsed::Complete(Request { method, target: target.to_string(), keep_alive, has_body }, used)
}

/// Writes `response` on `out`, with its length and whether the connection stays open; for a
/// `HEAD` request without the body.
fn write_response(out: &mut impl Write, response: &Response, head_only: bool, keep_alive: bool) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    let mut all = head.into_bytes();
    if !head_only {
        all.extend_from_slice(&response.body);
    }
    out.write_all(&all)?;
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufRead;

    fn request(bytes: &str) -> Request {
        match parse(bytes.as_bytes()) {
            Parsed::Complete(r, used) => {
                assert_eq!(used, bytes.len());
                r
            }
            _ => panic!("not parsed: {bytes:?}"),
        }
    }

    #[test]
    fn requests_are_parsed_with_their_connection_wishes() {
        let r = request("GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!((r.method, r.target.as_str(), r.keep_alive, r.has_body), (Method::Get, "/a/?q=1", true, false));
        assert!(!request("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keep_alive);
        assert!(!request("GET / HTTP/1.0\r\n\r\n").keep_alive);
        assert!(request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
        assert_eq!(request("HEAD / HTTP/1.1\r\n\r\n").method, Method::Head);
        let post = request("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n");
        assert_eq!((post.method, post.has_body), (Method::Other, true));
        assert!(request("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").has_body);
        assert!(!request("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").has_body);
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: x\r\n"), Parsed::Partial));
        assert!(matches!(parse(b"GET\0 / HTTP/1.1\r\n\r\n"), Parsed::Bad));
    }

    #[test]
    fn a_head_answer_has_the_length_but_no_body() {
        let response = plain(200, "hello");
        let mut out = Vec::new();
        write_response(&mut out, &response, true, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 5\r\n") && text.contains("Connection: keep-alive\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n"), "{text}");
    }

    /// Many keep-alive connections held open at once, each then asking again: every request is
    /// answered (tiny_http's pool left some of these waiting).
    #[test]
    fn open_keep_alive_connections_never_keep_a_new_one_waiting() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            serve(listener, |r: &Request| Answer::Response(plain(200, &r.target)));
        });
        let ask = |stream: &mut TcpStream, reader: &mut io::BufReader<TcpStream>, target: &str| {
            write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            String::from_utf8(body).unwrap()
        };
        let mut open = Vec::new();
        for i in 0..24 {
            let mut stream = TcpStream::connect(address).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = io::BufReader::new(stream.try_clone().unwrap());
            assert_eq!(ask(&mut stream, &mut reader, &format!("/{i}")), format!("/{i}"));
            open.push((stream, reader));
        }
        for (i, (stream, reader)) in open.iter_mut().enumerate() {
            assert_eq!(ask(stream, reader, &format!("/again/{i}")), format!("/again/{i}"));
        }
    }
}
