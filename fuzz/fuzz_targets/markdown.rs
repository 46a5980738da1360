//! The Markdown stage: the input as the body of a page, rendered with links to pages and
//! assets, callouts and raw HTML through the sanitiser. The body must come out safe. The same
//! body is then read as `amparo check` reads it: scanned for prose, headings, links and tables,
//! and split into sentences, words and syllables for the readability scores.

#![no_main]

use amparo::check::scan::scan;
use amparo::load::ContentFile;
use amparo::model::NodeId;
use amparo::render::links::LinkTargets;
use amparo::render::markdown::{BodyStrings, Placement, render};
use amparo::text::{self, Block, Counter};
use amparo::{Diagnostics, Lang, PagePath};
use amparo_fuzz::{safety::body_problem, show};
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The rest of a small site, as the renderer sees it.
struct Fixture {
    pages: HashMap<PagePath, NodeId>,
    assets: HashMap<String, Option<amparo::load::Picture>>,
    languages: Vec<String>,
    strings: BTreeMap<String, String>,
    lang: Lang,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let paths = [
        PagePath::root(),
        PagePath::from_segments(["guide"]),
        PagePath::from_segments(["guide", "steps"]),
        PagePath::from_segments(["help", "ask-for-help"]),
    ];
    let strings = [
        ("needs_internet", "necesita internet"),
        ("callout_note", "Nota"),
        ("callout_tip", "Consejo"),
        ("callout_important", "Importante"),
        ("callout_warning", "Atención"),
        ("callout_caution", "Cuidado"),
    ];
    Fixture {
        pages: paths
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
        languages: vec!["es".to_string(), "en".to_string()],
        strings: strings
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        lang: Lang::parse("es").expect("a valid tag"),
    }
});

fuzz_target!(|data: &[u8]| {
    let f = &*FIXTURE;
    let text = String::from_utf8_lossy(data);
    let file = ContentFile::in_memory(
        PagePath::from_segments(["guide", "steps"]),
        f.lang.clone(),
        "Pasos",
        text.as_ref(),
    );
    let targets = LinkTargets {
        pages: &f.pages,
        assets: &f.assets,
        left_out: &HashMap::new(),
        languages: &f.languages,
        drafts: &std::collections::HashSet::new(),
    };
    let strings = BodyStrings {
        strings: &f.strings,
    };
    let (body, found) = render(
        &file,
        "x/guide/steps/index.html",
        Placement::Page,
        &targets,
        &strings,
    );
    show(&Diagnostics(found));
    if let Some(problem) = body_problem(&body.html) {
        panic!("unsafe body: {problem}\n{}", body.html);
    }
    read_as_check_does(&file);
});

/// Scans the file and scores its prose. Every range found must lie inside the file.
fn read_as_check_does(file: &ContentFile) {
    let found = scan(file);
    let ranges = found
        .prose
        .iter()
        .map(|p| &p.range)
        .chain(found.headings.iter().map(|h| &h.range))
        .chain(found.links.iter().chain(&found.images).map(|l| &l.range))
        .chain(found.tables.iter().map(|t| &t.range));
    for range in ranges {
        assert!(
            file.text.get(range.clone()).is_some(),
            "range {range:?} outside the file"
        );
    }
    let blocks: Vec<Block> = found
        .prose
        .iter()
        .map(|p| Block::new(p.line, p.text.as_str()))
        .collect();
    for counter in [Counter::Spanish, Counter::English, Counter::None] {
        let stats = text::stats(&blocks, counter);
        std::hint::black_box((
            text::fernandez_huerta(&stats),
            text::szigriszt_pazos(&stats),
            text::flesch_reading_ease(&stats),
            text::flesch_kincaid_grade(&stats),
            text::words_per_sentence(&stats),
            text::longest(&stats, 3).len(),
        ));
    }
    for block in &blocks {
        for word in text::words(&block.text) {
            std::hint::black_box(text::hyphenate_es(word));
        }
    }
}
