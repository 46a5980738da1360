//! A minimal HTTP/1.1 client over a raw TCP stream, so tests can send paths exactly as written
//! (`..`, `%2e%2e`, backslashes) and read server-sent events as they arrive.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request and reads the whole reply.
pub fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    parse(&read_reply(&mut s))
}

/// Reads one reply: up to its Content-Length when it has one (some servers keep the
/// connection open), otherwise to the end of the stream.
fn read_reply(s: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        let n = s.read(&mut buf).expect("read reply");
        if n == 0 {
            return raw;
        }
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end].lines().find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .map(|(_, v)| v.trim().parse::<usize>())
            });
            if let Some(Ok(len)) = length
                && raw.len() >= end + 4 + len
            {
                return raw;
            }
        }
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path)
}

fn parse(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A live-reload client: an open `/_amparo/events` stream.
pub struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    pub fn connect(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET /_amparo/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut e = Events {
            stream,
            buffer: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while !e.buffer.contains("\r\n\r\n") && Instant::now() < deadline {
            e.fill();
        }
        assert!(
            e.buffer.starts_with("HTTP/1.1 200"),
            "events stream: {}",
            e.buffer
        );
        assert!(
            e.buffer
                .to_lowercase()
                .contains("content-type: text/event-stream")
        );
        let start = e.buffer.find("\r\n\r\n").unwrap() + 4;
        e.buffer.drain(..start);
        e
    }

    fn fill(&mut self) {
        let mut buf = [0u8; 8192];
        if let Ok(n) = self.stream.read(&mut buf) {
            self.buffer.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }

    /// The next event (name, data) within `timeout`, skipping keep-alive comments.
    pub fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(i) = self.buffer.find("event: ") {
                let rest = &self.buffer[i + 7..];
                if let Some(end) = rest.find("\n\n") {
                    let block = rest[..end].to_string();
                    self.buffer.drain(..i + 7 + end + 2);
                    let mut lines = block.lines();
                    let name = lines.next().unwrap_or("").trim().to_string();
                    let data: String = lines
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    return Some((name, data));
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            self.fill();
        }
    }
}

/// Sends a JSON request (WebDriver speaks JSON over plain HTTP).
pub fn json(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &serde_json::Value,
) -> serde_json::Value {
    let text = body.to_string();
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
        text.len()
    )
    .unwrap();
    let reply = parse(&read_reply(&mut s));
    serde_json::from_str(&reply.body)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", reply.body))
}
