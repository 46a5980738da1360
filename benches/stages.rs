//! Per-page cost of each build stage, on the bundled site, so that a regression shows up as a
//! number: Markdown to HTML, the page templates, the whitespace pass, and readability.
//!
//! `cargo bench --bench stages`

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use amparo::render::links::LinkTargets;
use amparo::render::markdown::{BodyStrings, Placement, render as markdown};
use amparo::text::{Block, Counter, stats};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn site() -> amparo::model::Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (inputs, mut diags) = amparo::load::load(root, false);
    let inputs = inputs.expect("the bundled site loads");
    amparo::model::Site::resolve(inputs, &mut diags).expect("the bundled site resolves")
}

fn stages(c: &mut Criterion) {
    let site = site();
    // The longest page: the adults' referral guide.
    let file = site
        .sources
        .iter()
        .max_by_key(|f| f.body().len())
        .expect("the site has pages");
    let assets = std::collections::HashMap::new();
    let languages = site.config.language_tags();
    let targets = LinkTargets {
        pages: &site.by_path,
        assets: &assets,
        left_out: &std::collections::HashMap::new(),
        languages: &languages,
        drafts: &std::collections::HashSet::new(),
    };
    let strings = &site.language(&file.lang).expect("its language").strings;
    let from = file.path.output_file(amparo::files::ANY_LANG);

    let mut g = c.benchmark_group("page");
    g.throughput(Throughput::Bytes(file.body().len() as u64));
    g.bench_function("markdown", |b| {
        b.iter(|| {
            markdown(
                black_box(file),
                &from,
                Placement::Page,
                &targets,
                &BodyStrings { strings },
            )
        })
    });

    let prepared = amparo::render::prepare(&site);
    let files = amparo::render::render(&site, &prepared).expect("the bundled site renders");
    let page = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && !f.path.contains("print"))
        .max_by_key(|f| f.bytes.len())
        .expect("a page");
    g.throughput(Throughput::Bytes(page.bytes.len() as u64));
    g.bench_function("whitespace", |b| {
        b.iter(|| amparo::render::minify::html(black_box(&page.bytes)))
    });

    let scan = amparo::check::scan::scan(file);
    let blocks: Vec<Block> = scan
        .prose
        .iter()
        .map(|p| Block::new(p.line, p.text.clone()))
        .collect();
    g.throughput(Throughput::Bytes(file.body().len() as u64));
    g.bench_function("readability", |b| {
        b.iter(|| stats(black_box(&blocks), Counter::for_lang(file.lang.primary())))
    });
    g.finish();

    // Templates: every page of the site, in every language, from prepared bodies.
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let mut g = c.benchmark_group("site");
    g.throughput(Throughput::Elements(pages as u64));
    g.sample_size(20);
    g.bench_function("templates", |b| {
        b.iter(|| amparo::render::render(black_box(&site), &prepared))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
