//! The preview server's HTTP side (axum on hyper): GET and HEAD only, files from the in-memory
//! snapshot, the theme's 404 page, the live-reload script and its server-sent events on the same
//! port; connections that never finish a request are closed.

use super::state::{LiveEvent, Shared};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use std::convert::Infallible;
use std::sync::Arc;

const LIVE_JS: &str = include_str!("live.js");
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// How long a client may take to send a whole request header, and how long a kept-alive
/// connection may wait idle for its next request, before it is closed.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The router: every request goes through one handler.
pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

/// Serves `app` on `listener` until `stop` fires. Each connection gets hyper's HTTP/1 with a
/// timer, so that a client that does not finish its request header within [`HEADER_TIMEOUT`]
/// (a slow client, or an idle kept-alive connection) is closed. `axum::serve` sets no timer:
/// such connections stayed open for ever, each holding one of the process's file descriptors,
/// and a few hundred of them stopped the preview from accepting anyone else.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: tokio::sync::oneshot::Receiver<()>,
) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        // Live-reload events are small writes that must not wait for more data.
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let raw = uri.path();
    if raw == "/_amparo/events" {
        let page = uri.query().and_then(shown_page);
        return events(shared, page).into_response();
    }
    if raw == "/_amparo/report" {
        let response = report(shared).await;
        return if method == Method::HEAD {
            without_body(response)
        } else {
            response
        };
    }
    if let Some(path) = clean_path(raw).filter(|p| p.ends_with(".zip") && !p.contains('/'))
        && !shared.snapshot().files.contains_key(&path)
    {
        let response = zip(shared, path).await;
        return if method == Method::HEAD {
            without_body(response)
        } else {
            response
        };
    }
    let response = match raw {
        "/_amparo/live.js" => file(StatusCode::OK, "live.js", LIVE_JS.as_bytes().to_vec()),
        _ => match clean_path(raw) {
            Some(path) => lookup(&shared, raw, &path),
            None => plain(StatusCode::BAD_REQUEST, "bad path"),
        },
    };
    if method == Method::HEAD {
        without_body(response)
    } else {
        response
    }
}

/// Decodes a request path once and refuses anything that could step outside the site: `..`
/// and `.` segments, backslashes, NUL and other control characters, invalid UTF-8, `//`.
pub fn clean_path(raw: &str) -> Option<String> {
    let path = crate::page_path::percent_decode(raw)?;
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.contains('\\')
        || path.chars().any(char::is_control)
    {
        return None;
    }
    let rel = &path[1..];
    if rel
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains(':'))
    {
        return None;
    }
    Some(rel.to_string())
}

fn lookup(shared: &Shared, raw: &str, path: &str) -> Response<Body> {
    let snapshot = shared.snapshot();
    if snapshot.files.is_empty() {
        return first_build_failed(shared);
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(bytes) = snapshot.files.get(&key) {
        return file(StatusCode::OK, &key, bytes.to_vec());
    }
    if snapshot.files.contains_key(&format!("{key}/index.html")) {
        let mut r = plain(StatusCode::PERMANENT_REDIRECT, "");
        if let Ok(v) = HeaderValue::from_str(&format!("{raw}/index.html")) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    let first = key.split('/').next().unwrap_or("");
    let lang = if snapshot.languages.iter().any(|l| l == first) {
        first
    } else {
        snapshot.default_language.as_str()
    };
    let page = crate::files::not_found(lang);
    match snapshot.files.get(&page) {
        Some(bytes) => {
            let html = String::from_utf8_lossy(bytes);
            file(
                StatusCode::NOT_FOUND,
                "404.html",
                relocated(&html, &page, &key).into_bytes(),
            )
        }
        None => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

/// A page made for the output file `from`, served at `to` (a 404 answers any address, at any
/// depth): each relative `href` and `src` made relative to `to`, so that its stylesheet, icon,
/// quick exit and links still lead where they led.
pub fn relocated(html: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = ["href=\"", "src=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| i + a.len()))
        .min()
    {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        let relative = !(value.is_empty() || value.starts_with(['#', '/']) || value.contains(':'));
        match crate::page_path::resolve_href(from, value).filter(|_| relative) {
            Some(target) => {
                let anchor = value.find('#').map_or("", |a| &value[a..]);
                out.push_str(&crate::page_path::relative_href(to, &target));
                out.push_str(anchor);
            }
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A share page's zip, made on request by the rebuild loop from the last good build (a preview
/// does not make them with every build): what a build would publish under that name.
async fn zip(shared: Arc<Shared>, name: String) -> Response<Body> {
    let Some(loop_tx) = shared.zips.lock().ok().and_then(|z| z.clone()) else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let made = tokio::task::spawn_blocking(move || {
        let (tx, rx) = std::sync::mpsc::channel();
        loop_tx
            .send(super::watch::Msg::Zip(name.clone(), tx))
            .ok()?;
        rx.recv_timeout(std::time::Duration::from_secs(120))
            .ok()?
            .map(|b| (name, b))
    })
    .await;
    match made {
        Ok(Some((name, bytes))) => file(StatusCode::OK, &name, bytes),
        _ => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

/// Served for every page while no build has succeeded yet; it reloads itself once one does.
fn first_build_failed(shared: &Shared) -> Response<Body> {
    let problems = shared.problems().unwrap_or_default();
    let mut items = String::new();
    for d in problems.iter() {
        items.push_str(&format!(
            "<li><b>{}</b> — {}{}</li>",
            escape(&d.location()),
            escape(&d.message),
            d.help
                .as_ref()
                .map(|h| format!("<br>How to fix it: {}", escape(h)))
                .unwrap_or_default()
        ));
    }
    let html = format!(
        "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>Build failed</title><body><h1>The site does not build yet</h1><p>Fix these problems and save: this page reloads by itself.</p><ol>{items}</ol>{}</body></html>",
        super::state::LIVE_TAG
    );
    file(
        StatusCode::SERVICE_UNAVAILABLE,
        "error.html",
        html.into_bytes(),
    )
}

/// The `amparo check` report of the site as it is on disk now, as a page that reloads itself
/// after every rebuild.
async fn report(shared: Arc<Shared>) -> Response<Body> {
    let Some(opts) = shared.check.clone() else {
        return plain(StatusCode::NOT_FOUND, "no site");
    };
    let result = tokio::task::spawn_blocking(move || crate::check::check(&opts)).await;
    let body = match result {
        Ok(Ok(report)) => report.html(),
        Ok(Err(diags)) => {
            let mut items = String::new();
            for d in diags.iter() {
                items.push_str(&format!(
                    "<li><b>{}</b> [{}] {}</li>",
                    escape(&d.location()),
                    d.code,
                    escape(&d.message)
                ));
            }
            format!(
                "<h1>Check report</h1><p>The site does not build; fix these first:</p><ol>{items}</ol>"
            )
        }
        Err(_) => "<h1>Check report</h1><p>The check stopped unexpectedly.</p>".to_string(),
    };
    let html = format!(
        "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>Check report</title><body>{body}{}</body></html>",
        super::state::LIVE_TAG
    );
    file(StatusCode::OK, "report.html", html.into_bytes())
}

fn escape(s: &str) -> String {
    crate::render::markdown::escape(s)
}

fn file(status: StatusCode, name: &str, bytes: Vec<u8>) -> Response<Body> {
    let mime = if name.ends_with(".html") {
        "text/html; charset=utf-8".to_string()
    } else if name.ends_with(".js") {
        "text/javascript; charset=utf-8".to_string()
    } else if name.ends_with(".css") {
        "text/css; charset=utf-8".to_string()
    } else {
        mime_guess::from_path(name)
            .first_or_octet_stream()
            .to_string()
    };
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    secure(h);
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    secure(r.headers_mut());
    r
}

/// Headers on every response: no sniffing, no caching (a preview is never stale), the same
/// content policy as the pages.
fn secure(h: &mut axum::http::HeaderMap) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

fn without_body(r: Response<Body>) -> Response<Body> {
    let (parts, body) = r.into_parts();
    let len = axum::body::HttpBody::size_hint(&body).exact().unwrap_or(0);
    let mut r = Response::from_parts(parts, Body::empty());
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r
}

/// The output file of the page a live-reload stream's `?page=/es/x/` names.
fn shown_page(query: &str) -> Option<String> {
    let raw = query.split('&').find_map(|kv| kv.strip_prefix("page="))?;
    let path = clean_path(raw)?;
    Some(match path.is_empty() || path.ends_with('/') {
        true => format!("{path}index.html"),
        false => path,
    })
}

/// The live-reload stream, counted as showing `page` while it is open. A page that connects
/// while the build is broken gets the problems at once.
fn events(
    shared: Arc<Shared>,
    page: Option<String>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let first = shared
        .problems()
        .map(|p| LiveEvent::Problems(serde_json::to_string(&p).unwrap_or_default()));
    let rx = shared.events.subscribe();
    let open = page.map(|p| shared.open_pages.open(p));
    let stream =
        futures_util::stream::unfold((rx, first, open), |(mut rx, pending, open)| async move {
            let next = match pending {
                Some(e) => Some(e),
                None => match rx.recv().await {
                    Ok(e) => Some(e),
                    // Missed events: a reload shows the newest state.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        Some(LiveEvent::Reload)
                    }
                    Err(_) => None,
                },
            };
            let event = match next? {
                LiveEvent::Reload => Event::default().event("reload").data("{}"),
                LiveEvent::ReloadPages(json) => Event::default().event("reload-pages").data(json),
                LiveEvent::Css(file) => Event::default()
                    .event("css")
                    .data(serde_json::json!({ "file": file }).to_string()),
                LiveEvent::Problems(json) => Event::default().event("problems").data(json),
                LiveEvent::Shutdown => return None,
            };
            Some((Ok(event), (rx, None, open)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::{clean_path, relocated, shown_page};

    #[test]
    fn a_stream_names_the_page_it_shows_as_an_output_file() {
        assert_eq!(
            shown_page("page=%2Fes%2Frights%2F").as_deref(),
            Some("es/rights/index.html")
        );
        assert_eq!(shown_page("page=/").as_deref(), Some("index.html"));
        assert_eq!(
            shown_page("x=1&page=/es/a.html").as_deref(),
            Some("es/a.html")
        );
        assert_eq!(shown_page("page=/es/../../etc"), None);
        assert_eq!(shown_page("other=1"), None);
    }

    #[test]
    fn a_page_served_elsewhere_keeps_every_link_it_had() {
        let html = r##"<link rel="stylesheet" href="../assets/style.1.css"><a href="index.html#top">x</a><a href="https://e.org/">y</a><a href="#help">z</a><script src="../assets/q.js"></script>"##;
        assert_eq!(
            relocated(html, "es/404.html", "es/rights/foo/bar/index.html"),
            r##"<link rel="stylesheet" href="../../../../assets/style.1.css"><a href="../../../index.html#top">x</a><a href="https://e.org/">y</a><a href="#help">z</a><script src="../../../../assets/q.js"></script>"##
        );
        assert_eq!(
            relocated(html, "es/404.html", "nada"),
            r##"<link rel="stylesheet" href="assets/style.1.css"><a href="es/index.html#top">x</a><a href="https://e.org/">y</a><a href="#help">z</a><script src="assets/q.js"></script>"##
        );
    }

    #[test]
    fn traversal_in_every_encoding_is_refused() {
        for bad in [
            "/../site.toml",
            "/es/../../etc/passwd",
            "/%2e%2e/site.toml",
            "/%2E%2E/x",
            "/%2E%2e/x",
            "/.%2e/x",
            "/%2e./x",
            "/es/%2e%2e%2f%2e%2e/x",
            "/..%2fx",
            "/es%2f..%2f..%2fx",
            "/%2f%2fetc/passwd",
            "/..%5c..%5cx",
            "/%5c%5cserver%5cshare",
            "/es\\..\\x",
            "/..\\x",
            "/\\\\server\\share\\x",
            "/%00",
            "/es/%00.html",
            "/x%00.html",
            "//etc/passwd",
            "///etc/passwd",
            "etc/passwd",
            "/C:/x",
            "/%zz",
            "/%2",
            "/%c0%ae%c0%ae/x",
            "/%c0%af",
            "/%e0%80%ae%e0%80%ae/x",
            "/%ed%a0%80",
            "/./x",
            "/es/.",
            "/es/..",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_pass() {
        assert_eq!(clean_path("/").as_deref(), Some(""));
        assert_eq!(
            clean_path("/es/rights/index.html").as_deref(),
            Some("es/rights/index.html")
        );
        assert_eq!(clean_path("/es/ni%C3%B1o/").as_deref(), Some("es/niño/"));
        assert_eq!(
            clean_path("/es%2Findex.html").as_deref(),
            Some("es/index.html"),
            "an encoded slash is a slash, and checked as one"
        );
        assert_eq!(
            clean_path("/%252e%252e/x").as_deref(),
            Some("%2e%2e/x"),
            "decoded once only"
        );
    }
}
