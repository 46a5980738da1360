//! Inputs the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) found unsafe or crashing, each fed
//! through the same public API as its target, so that what was fixed stays fixed.

use amparo::load::ContentFile;
use amparo::model::NodeId;
use amparo::render::links::LinkTargets;
use amparo::render::markdown::{BodyStrings, Placement, render};
use amparo::{Lang, PagePath};
use std::collections::{BTreeMap, HashMap};

/// The body the `markdown` target renders from `text`, for a page at `guide/steps`.
fn render_body(text: &str) -> String {
    let pages: HashMap<PagePath, NodeId> = [(PagePath::root(), NodeId::HOME)].into();
    let assets = HashMap::new();
    let languages = vec!["es".to_string()];
    let strings = BTreeMap::new();
    let file = ContentFile::in_memory(
        PagePath::from_segments(["guide", "steps"]),
        Lang::parse("es").unwrap(),
        "Pasos",
        text,
    );
    let targets = LinkTargets {
        pages: &pages,
        assets: &assets,
        left_out: &HashMap::new(),
        languages: &languages,
        drafts: &std::collections::HashSet::new(),
    };
    let (body, _) = render(
        &file,
        "x/guide/steps/index.html",
        Placement::Page,
        &targets,
        &BodyStrings { strings: &strings },
    );
    body.html
}

/// Found by the `markdown` target: browsers read `/\host` as `//host`, and drop tabs and newlines
/// inside a URL, so these images loaded from another website. The sanitiser now resolves each
/// URL as a browser does before deciding where it points.
const IMAGES_FROM_ANOTHER_HOST: &[&str] = &[
    r#"<img src="/\evil.example/b.png" alt="b">"#,
    r#"<img src="\/evil.example/b.png" alt="b">"#,
    "<img src=\"/\t/evil.example/b.png\" alt=\"b\">",
    "<img src=\"/&#10;/evil.example/b.png\" alt=\"b\">",
    r#"<img src="&#x2f;\evil.example/b.png" alt="b">"#,
];

#[test]
fn images_a_browser_reads_as_another_host_are_dropped_from_the_body() {
    for html in IMAGES_FROM_ANOTHER_HOST {
        let out = render_body(html);
        assert!(!out.contains("evil.example"), "{html}\n → {out}");
        assert!(
            out.contains("<img"),
            "the image itself stays, without its source: {out}"
        );
    }
}

#[test]
fn images_a_browser_reads_as_another_host_never_reach_a_built_page() {
    let site = crate::common::Site::fixture("minimal");
    let body = IMAGES_FROM_ANOTHER_HOST.join("\n");
    site.write(
        "content/_index.es.md",
        format!("+++\ntitle = \"Inicio\"\n+++\n\n{body}\n"),
    );
    let rendered = amparo::render_site(site.root(), false).unwrap();
    for file in rendered.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        assert!(!html.contains("evil.example"), "{}: {html}", file.path);
    }
}
