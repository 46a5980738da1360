//! The sanitiser's promise, as a property: whatever raw HTML an editor writes into a page, the
//! body that comes out holds no `<script`, no `<iframe`, no event handler, no `javascript:` URL
//! and nothing a browser would load from another origin.
//!
//! Fragments mix the tags (script, iframe, img, a, svg, math, style, object, embed, form…),
//! attributes (`on…`, href, src, srcset, style, xlink:href, formaction…) and URL spellings
//! (`javascript:` in mixed case, as entities, split by whitespace and control characters;
//! `//host`, `/\host`, `https://host`, `data:`) that sanitisers have been bypassed with. Each
//! fragment goes through `sanitize::clean` alone and, in several Markdown contexts, through the
//! whole Markdown stage. The output is read the way a browser reads it: parsed by html5ever, so
//! entities are decoded, and every URL resolved by the WHATWG URL parser.
//!
//! The judge is `fuzz/src/safety.rs`, the oracle the fuzz targets use too.
//!
//! `PROPTEST_CASES=N` sets the number of cases (512 by default, a few seconds on two cores).

#[path = "../../fuzz/src/safety.rs"]
#[allow(dead_code)]
mod safety;

use amparo::load::ContentFile;
use amparo::model::NodeId;
use amparo::render::links::LinkTargets;
use amparo::render::markdown::{BodyStrings, Placement, render};
use amparo::render::sanitize::clean;
use amparo::{Lang, PagePath};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Elements that load what their attributes name, drawn more often than the rest.
const LOADING_TAGS: &[&str] = &[
    "img", "video", "audio", "source", "input", "image", "embed", "table",
];
const OTHER_TAGS: &[&str] = &[
    "script", "iframe", "a", "svg", "math", "style", "object", "form", "p", "td", "button", "base",
    "link", "meta", "use", "animate", "noscript", "template", "textarea", "xmp", "div",
];

/// Attributes that hold a URL, drawn more often than the rest.
const URL_NAMES: &[&str] = &[
    "src",
    "srcset",
    "href",
    "poster",
    "data",
    "background",
    "formaction",
    "xlink:href",
];
const OTHER_NAMES: &[&str] = &[
    "onclick",
    "onerror",
    "onload",
    "ONmouseover",
    "onfocus",
    "style",
    "action",
    "cite",
    "title",
    "class",
];

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512)
}

/// `javascript:` spelled every way a browser still reads as that scheme.
fn javascript_url() -> impl Strategy<Value = String> {
    let prefix = select(vec!["", " ", "\t", "\u{1}", "\u{c}", "&#32;", "\n"]);
    let letters = prop::collection::vec((0..5u8, 0..8u8), 10);
    let colon = select(vec![":", "&colon;", "&#58;", "&#x3A;", "&#0000058;"]);
    let payload = select(vec!["alert(1)", "//%0aalert(1)", "x"]);
    (prefix, letters, colon, payload).prop_map(|(prefix, letters, colon, payload)| {
        let mut out = prefix.to_string();
        for (c, (spelling, gap)) in "javascript".chars().zip(letters) {
            out.push_str(match gap {
                0 => "\t",
                1 => "\n",
                2 => "&Tab;",
                3 => "&#10;",
                4 => "\r",
                _ => "",
            });
            out.push_str(&match spelling {
                0 => c.to_ascii_uppercase().to_string(),
                1 => format!("&#{};", c as u32),
                2 => format!("&#x{:x};", c as u32),
                3 => format!("&#000{};", c as u32),
                _ => c.to_string(),
            });
        }
        out.push_str(colon);
        out.push_str(payload);
        out
    })
}

/// Addresses on another origin, written as browsers accept them.
fn other_origin_url() -> impl Strategy<Value = String> {
    let start = select(vec![
        "//",
        "/\\",
        "\\/",
        "\\\\",
        "/\t/",
        "/\n/",
        "https://",
        "HTTPS:",
        "http:\\\\",
        " //",
        "\u{1}//",
        "&#47;&#47;",
        "&#x2f;\\",
        "https:/",
        "ftp://",
    ]);
    let host = select(vec![
        "evil.example",
        "EVIL.example:8080",
        "1.2.3.4",
        "evil.example.",
    ]);
    (start, host).prop_map(|(start, host)| format!("{start}{host}/x.png"))
}

fn data_url() -> impl Strategy<Value = String> {
    select(vec![
        "data:image/png;base64,AAAA",
        "DATA:text/html,<script>alert(1)</script>",
        "da&#116;a:image/svg+xml,<svg onload=alert(1)>",
        " data:text/html;base64,PHNjcmlwdD4=",
    ])
    .prop_map(str::to_string)
}

fn safe_url() -> impl Strategy<Value = String> {
    select(vec![
        "a.png",
        "../media/call.png",
        "#top",
        "call.png",
        "?q=1",
        "mailto:ayuda@example.org",
        "tel:+525571001542",
        "sms:+525571001542",
    ])
    .prop_map(str::to_string)
}

/// Any URL, alone or as one candidate of a `srcset`.
fn url_value() -> impl Strategy<Value = String> {
    let one = prop_oneof![javascript_url(), other_origin_url(), data_url(), safe_url()];
    (one, any::<bool>()).prop_map(|(url, srcset)| {
        if srcset {
            format!("a.png 1x, {url} 2x")
        } else {
            url
        }
    })
}

fn attribute_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => url_value(),
        1 => select(vec![
            "alert(1)",
            "background:url(//evil.example/x.png)",
            "x:expression(alert(1))",
            "\"><script>alert(1)</script>",
        ])
        .prop_map(str::to_string),
    ]
}

/// `name="value"`, `name='value'` or `name=value`.
fn attribute() -> impl Strategy<Value = String> {
    let name = prop_oneof![2 => Just("src"), 3 => select(URL_NAMES), 1 => select(OTHER_NAMES)];
    (name, attribute_value(), 0..3u8).prop_map(|(name, value, quote)| match quote {
        0 => format!("{name}=\"{}\"", value.replace('"', "&quot;")),
        1 => format!("{name}='{}'", value.replace('\'', "&#39;")),
        _ => format!("{name}={}", value.replace([' ', '>'], "")),
    })
}

fn tag() -> impl Strategy<Value = &'static str> {
    // `<img src>` is the one loading attribute the sanitiser lets through: test it most.
    prop_oneof![3 => Just("img"), 2 => select(LOADING_TAGS), 2 => select(OTHER_TAGS)]
}

/// An element with attributes, holding text or other elements.
fn fragment() -> impl Strategy<Value = String> {
    let junk = select(vec![
        "",
        "<!-- -->",
        "</",
        "<!--",
        "<![CDATA[",
        "-->",
        "<?x",
        "`",
        "\n\n",
    ]);
    let leaf = (tag(), prop::collection::vec(attribute(), 0..3), junk).prop_map(
        |(tag, attributes, junk)| format!("<{tag} {}>x{junk}</{tag}>", attributes.join(" ")),
    );
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            tag(),
            prop::collection::vec(attribute(), 0..3),
            prop::collection::vec(inner, 1..3),
        )
            .prop_map(|(tag, attributes, children)| {
                format!(
                    "<{tag} {}>{}</{tag}>",
                    attributes.join(" "),
                    children.concat()
                )
            })
    })
}

/// The fragment where an editor could write it in a page: as a block, in a paragraph, in a
/// callout, in a list and a table; and the URL as a Markdown link and image.
fn markdown_contexts(fragment: &str, url: &str) -> Vec<String> {
    vec![
        fragment.to_string(),
        format!("Texto {fragment} más."),
        format!("> [!WARNING]\n> {fragment}\n"),
        format!("- {fragment}\n\n| a |\n|---|\n| {fragment} |\n"),
        format!("[enlace]({url}) ![una imagen]({url}) <{url}>"),
    ]
}

/// What would break out of an attribute or a tag, if a writer let it through.
const HOSTILE: &[&str] = &[
    "\" onclick=\"alert(1)",
    "' onerror='alert(1)",
    "javascript:alert(1)",
    "&#106;avascript:x",
    "x\"><script>alert(1)</script>",
    "&quot; onmouseover=&quot;x",
    "}{onclick=x",
    "\\\"",
    "`",
    "a b",
];

/// Markdown with no raw HTML, whose bodies the sanitiser never sees: only the Markdown
/// writer's escaping and the link checks keep them safe. Link and image titles, reference
/// definitions, code info strings, heading ids and classes, table cells, footnote labels and
/// task items hold `hostile`, addresses `url`.
fn markdown_only(url: &str, hostile: &str) -> Vec<String> {
    let word: String = hostile.split_whitespace().collect();
    vec![
        format!("[a]({url} \"{hostile}\") ![b]({url} '{hostile}') <{url}>"),
        format!("[r][x] ![i][x]\n\n[x]: {url} \"{hostile}\""),
        format!("```{word}\ncode {hostile}\n```\n\n`{hostile}`"),
        format!("# Título {{#{word} .{word}}}\n\n## {hostile}"),
        format!("| {hostile} | b |\n|:-:|--:|\n| [c]({url}) | {hostile} |"),
        format!("x[^{word}]\n\n[^{word}]: {hostile}"),
        format!("- [ ] {hostile}\n- [x] [d]({url})"),
    ]
}

/// The rest of a small site, as the Markdown stage sees it.
struct Targets {
    pages: HashMap<PagePath, NodeId>,
    assets: HashMap<String, Option<amparo::load::Picture>>,
    languages: Vec<String>,
    strings: BTreeMap<String, String>,
}

static TARGETS: LazyLock<Targets> = LazyLock::new(|| Targets {
    pages: [
        PagePath::root(),
        PagePath::from_segments(["guide", "steps"]),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, p)| (p, NodeId::new(i)))
    .collect(),
    assets: [
        ("guide/call.png".to_string(), None),
        (
            "guide/girl.jpg".to_string(),
            Some(amparo::load::Picture {
                width: 720,
                height: 480,
                webp: Some("guide/girl.jpg.webp".to_string()),
                fetched: 30_000,
            }),
        ),
    ]
    .into(),
    languages: vec!["es".to_string()],
    strings: [
        ("needs_internet", "necesita internet"),
        ("callout_warning", "Atención"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect(),
});

/// The body the Markdown stage renders from `text`.
fn render_markdown(text: &str) -> String {
    let file = ContentFile::in_memory(
        PagePath::from_segments(["guide", "steps"]),
        Lang::parse("es").unwrap(),
        "Pasos",
        text,
    );
    let targets = LinkTargets {
        pages: &TARGETS.pages,
        assets: &TARGETS.assets,
        left_out: &HashMap::new(),
        languages: &TARGETS.languages,
        drafts: &std::collections::HashSet::new(),
    };
    let strings = BodyStrings {
        strings: &TARGETS.strings,
    };
    render(
        &file,
        "x/guide/steps/index.html",
        Placement::Page,
        &targets,
        &strings,
    )
    .0
    .html
}

/// What is unsafe in `html`, if anything: the fuzz targets' own oracle, so the property test
/// and the fuzzers judge bodies by one set of rules, kept apart from the sanitiser's.
fn problem(html: &str) -> Option<String> {
    safety::body_problem(html)
}

/// The cases to run, and where failures are kept: `sanitizer_props.proptest-regressions` beside
/// this file, whose cases run first every time. Proptest's default looks for a `main.rs` above
/// the source file and would keep them in `tests/proptest-regressions/` instead.
fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::with_cases(cases())
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sanitised_html_is_safe(fragment in fragment()) {
        let out = clean(&fragment);
        if let Some(p) = problem(&out) {
            prop_assert!(false, "{p}\n  in: {fragment}\n out: {out}");
        }
    }

    #[test]
    fn rendered_markdown_is_safe(fragment in fragment(), url in url_value()) {
        for text in markdown_contexts(&fragment, &url) {
            let out = render_markdown(&text);
            if let Some(p) = problem(&out) {
                prop_assert!(false, "{p}\n  in: {text}\n out: {out}");
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn markdown_without_raw_html_is_safe(url in url_value(), hostile in select(HOSTILE)) {
        for text in markdown_only(&url, hostile) {
            let out = render_markdown(&text);
            if let Some(p) = problem(&out) {
                prop_assert!(false, "{p}\n  in: {text}\n out: {out}");
            }
        }
    }
}

/// The oracle itself must catch what it is there to catch, or the properties prove nothing.
#[test]
fn the_checks_catch_unsafe_html() {
    for bad in [
        "<script>x</script>",
        "<p onclick=\"x\">a</p>",
        "<a href=\"&#106;avascript:x\">a</a>",
        "<a href=\"java&#x09;script:x\">a</a>",
        "<img src=\"/\\evil.example/a.png\">",
        "<img src=\"/\t/evil.example/a.png\">",
        "<img srcset=\"a.png 1x, //evil.example/b.png 2x\">",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<p style=\"background:url(//evil.example/x)\">a</p>",
        // Where browsers and a naive reading of URLs disagree.
        "<a href=\"java\nscript:x\">a</a>",
        "<a href=\" \u{1}javascript:x\">a</a>",
        "<img src=\"\\\\evil.example/a.png\">",
        "<img src=\"https:\\\\evil.example/a.png\">",
        "<img src=\"///evil.example/a.png\">",
        "<img src=\"//ｅｖｉｌ.example/a.png\">",
        "<img src=\"//xn--80ak6aa92e.com/a.png\">",
        "<svg><a xlink:href=\"javascript:x\">a</a></svg>",
        "<link rel=\"stylesheet\" href=\"//evil.example/a.css\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">",
        "<noscript><p>a</p></noscript>",
        "<template><p>a</p></template>",
    ] {
        assert!(problem(bad).is_some(), "{bad}");
    }
    for good in [
        "<p>javascript: and &lt;script&gt; as text</p>",
        "<a href=\"https://kids.example\">a</a><img src=\"../media/a.png\" alt=\"a\">",
    ] {
        assert_eq!(problem(good), None, "{good}");
    }
}
