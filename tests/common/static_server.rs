//! A plain static file server on loopback for browser tests of built output (not the preview
//! server, which never serves the offline worker). Stopping it is what "offline" means here:
//! every request to the site then fails, as with no signal.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct StaticServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    /// Every path asked for, by a page or by its workers, in order.
    log: Arc<std::sync::Mutex<Vec<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `dir` on `addr` (port 0 for any free one).
    pub fn start(dir: PathBuf, addr: SocketAddr) -> StaticServer {
        let listener = TcpListener::bind(addr).expect("bind the static server");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let served = log.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                if let Ok(s) = stream {
                    let (dir, stopped, log) = (dir.clone(), flag.clone(), served.clone());
                    std::thread::spawn(move || answer(s, &dir, &stopped, &log));
                }
            }
        });
        StaticServer {
            addr,
            stop,
            log,
            thread: Some(thread),
        }
    }

    /// The paths asked for since the last call.
    pub fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Answers one request, unless the server stopped meanwhile: a browser opens connections ahead
/// of time, and a request on one made before the stop must fail as offline too.
fn answer(
    mut s: TcpStream,
    dir: &std::path::Path,
    stopped: &AtomicBool,
    log: &std::sync::Mutex<Vec<String>>,
) {
    let mut line = String::new();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
    }
    if stopped.load(Ordering::SeqCst) {
        return;
    }
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/")
        .to_string();
    let rel = path.trim_start_matches('/');
    if let Ok(mut log) = log.lock() {
        log.push(rel.to_string());
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        dir.join(rel).join("index.html")
    } else {
        dir.join(rel)
    };
    let (status, body) = match (rel.contains(".."), std::fs::read(&file)) {
        (false, Ok(b)) => ("200 OK", b),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let _ = write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = s.write_all(&body);
}
