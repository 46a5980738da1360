//! A real headless Chromium, driven through chromedriver's WebDriver protocol. When CI=true a
//! missing browser fails the test; elsewhere the test says it was not run.
#![allow(dead_code)]

use super::http::json;
use serde_json::{Value, json as j};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How Chromium runs here: headless, as root, with no network of its own.
const CHROMIUM_ARGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

static BROWSER_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Reads chromedriver's start-up lines until it names its port; the rest of its output is
/// drained in the background so it never blocks on a full pipe.
fn driver_port(driver: &mut Child) -> Option<u16> {
    use std::io::BufRead;
    let out = driver.stdout.take()?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            if !sent && let Some(rest) = line.split("started successfully on port ").nth(1) {
                let _ = tx.send(rest.trim_end_matches('.').trim().parse::<u16>().ok());
                sent = true;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(20)).ok().flatten()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session, or `None` (outside CI) when they are
    /// not installed.
    pub fn start() -> Option<Browser> {
        let installed = ["/usr/bin/chromium", "/usr/bin/chromedriver"]
            .iter()
            .all(|p| std::path::Path::new(p).exists());
        if !super::tool_present(
            installed,
            "chromium or chromedriver",
            "Debian's chromium and chromium-driver",
        ) {
            return None;
        }
        // One browser at a time: four Chromiums at once on two cores starve each other.
        let turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
        let mut last = String::new();
        for _ in 0..3 {
            match Self::launch() {
                Ok((driver, addr, session, profile)) => {
                    return Some(Browser {
                        driver,
                        addr,
                        session,
                        _profile: profile,
                        _turn: turn,
                    });
                }
                Err(e) => last = e,
            }
        }
        panic!("chromedriver gave no session after three tries: {last}");
    }

    /// Starts chromedriver on a port it picks itself (no race with other listeners) and opens a
    /// session.
    fn launch() -> Result<(Child, SocketAddr, String, tempfile::TempDir), String> {
        let mut driver = Command::new("/usr/bin/chromedriver")
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let port = match driver_port(&mut driver) {
            Some(p) => p,
            None => {
                let _ = driver.kill();
                let _ = driver.wait();
                return Err("chromedriver did not say which port it listens on".into());
            }
        };
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| s.to_string()).collect();
        args.push("--window-size=412,800".into());
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = j!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}});
        let reply = std::panic::catch_unwind(|| json(addr, "POST", "/session", &caps));
        let session = reply
            .ok()
            .and_then(|r| r["value"]["sessionId"].as_str().map(str::to_string));
        match session {
            Some(session) => Ok((driver, addr, session, profile)),
            None => {
                let _ = driver.kill();
                let _ = driver.wait();
                Err("POST /session failed".into())
            }
        }
    }

    pub fn goto(&self, url: &str) {
        let r = json(
            self.addr,
            "POST",
            &format!("/session/{}/url", self.session),
            &j!({"url": url}),
        );
        assert!(r["value"].is_null(), "navigation failed: {r}");
    }

    /// Runs a script in the page and returns its result.
    pub fn eval(&self, script: &str) -> Value {
        let r = json(
            self.addr,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            &j!({"script": script, "args": []}),
        );
        r["value"].clone()
    }

    /// Sends a DevTools command to the page (`Emulation.setCPUThrottlingRate`, …).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        let r = json(
            self.addr,
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            &j!({"cmd": cmd, "params": params}),
        );
        r["value"].clone()
    }

    /// Waits until `script` returns true.
    pub fn wait_for(&self, script: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.eval(script) == Value::Bool(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| {
            json(
                self.addr,
                "DELETE",
                &format!("/session/{}", self.session),
                &j!({}),
            )
        });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// Prints the open page to PDF on paper of `width` × `height` centimetres, without the
    /// browser's header and footer, and returns the PDF.
    pub fn print_pdf(&self, width: f64, height: f64) -> Vec<u8> {
        use base64::Engine;
        let r = json(
            self.addr,
            "POST",
            &format!("/session/{}/print", self.session),
            &j!({"page": {"width": width, "height": height}, "background": false}),
        );
        let data = r["value"].as_str().unwrap_or_else(|| panic!("no PDF: {r}"));
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("the PDF is base64")
    }

    /// Presses and releases a key (a WebDriver key code such as `\u{E008}` for Shift).
    pub fn press(&self, key: &str) {
        let actions = j!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        json(
            self.addr,
            "POST",
            &format!("/session/{}/actions", self.session),
            &actions,
        );
    }

    pub fn back(&self) {
        json(
            self.addr,
            "POST",
            &format!("/session/{}/back", self.session),
            &j!({}),
        );
    }
}

/// Prints `url` to a PDF with headless Chromium and returns the PDF's text (`pdftotext`), or
/// `None` (outside CI) when the tools are missing.
pub fn print_to_text(url: &str) -> Option<String> {
    let tools = ["/usr/bin/chromium", "/usr/bin/pdftotext"];
    let installed = tools.iter().all(|p| std::path::Path::new(p).exists());
    if !super::tool_present(
        installed,
        "chromium or pdftotext",
        "Debian's chromium and poppler-utils",
    ) {
        return None;
    }
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    let status = Command::new("/usr/bin/chromium")
        .args(CHROMIUM_ARGS)
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success() && pdf.is_file(), "chromium printed no PDF");
    let out = Command::new("/usr/bin/pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The number of pages of a PDF, as `pdfinfo` reads it.
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo says how many pages")
}
