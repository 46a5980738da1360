//! Readability rules: every page written in a language gets its scores (Szigriszt-Pazos with
//! its INFLESZ band and Fernández-Huerta for Spanish, Flesch reading ease and Flesch-Kincaid
//! grade for English, words per sentence for every language), and pages or sentences past the
//! language's thresholds are reported. The counting and the formulas live in [`crate::text`].

use super::Findings;
use super::scan::{LineIndex, Scan};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::Thresholds;
use crate::model::Site;
use crate::rules::id;
use crate::text::{self, Block, Counter, Inflesz};
use serde::Serialize;
use std::path::PathBuf;

/// Scores are not judged for pages shorter than this: the formulas were made for samples of
/// 100 words or more, and a short intro of two sentences swings by whole grades.
pub const MIN_WORDS_FOR_SCORE: usize = 100;

/// How many of a page's longest sentences the report lists.
const LONGEST: usize = 3;

/// One page's readability.
#[derive(Debug, Clone, Serialize)]
pub struct PageReadability {
    /// The source file, relative to the site's root.
    pub path: PathBuf,
    /// The language the file is written in.
    pub lang: String,
    /// Words in the page's prose (headings, paragraphs, list items, table cells).
    pub words: usize,
    /// Sentences in the page's prose.
    pub sentences: usize,
    /// `words / sentences`.
    pub words_per_sentence: f64,
    /// Syllables, for a language with a syllable counter (es, en).
    pub syllables: Option<usize>,
    /// Szigriszt-Pazos perspicuity (Spanish; higher is easier, 65 or more for a child of ten).
    pub szigriszt_pazos: Option<f64>,
    /// The INFLESZ band of the Szigriszt-Pazos score ("bastante fácil").
    pub inflesz: Option<&'static str>,
    /// Fernández-Huerta (Spanish; higher is easier).
    pub fernandez_huerta: Option<f64>,
    /// Flesch reading ease (English; higher is easier).
    pub flesch_reading_ease: Option<f64>,
    /// Flesch-Kincaid grade level (English; the school grade that reads it).
    pub flesch_kincaid_grade: Option<f64>,
    /// The page's longest sentences, longest first.
    pub longest: Vec<LongSentence>,
}

/// One of a page's longest sentences, as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct LongSentence {
    /// The source line of its first word.
    pub line: u32,
    /// How many words it has.
    pub words: usize,
    /// The sentence.
    pub text: String,
}

/// The limits that apply to a language: the site's settings over the defaults, which aim at a
/// child of ten (Spanish Szigriszt-Pazos ≥ 65, English Flesch-Kincaid grade ≤ 5, 20 words).
pub fn thresholds(site: &Site, lang: &Lang) -> Thresholds {
    let primary = lang.primary();
    let mut t = Thresholds {
        sentence_words_max: Some(20),
        szigriszt_pazos_min: (primary == "es").then_some(65.0),
        flesch_kincaid_grade_max: (primary == "en").then_some(5.0),
        ..Thresholds::default()
    };
    if let Some(set) = site.config.check.readability.get(lang) {
        let set = set.clone();
        t.sentence_words_max = set.sentence_words_max.or(t.sentence_words_max);
        t.szigriszt_pazos_min = set.szigriszt_pazos_min.or(t.szigriszt_pazos_min);
        t.fernandez_huerta_min = set.fernandez_huerta_min.or(t.fernandez_huerta_min);
        t.flesch_reading_ease_min = set.flesch_reading_ease_min.or(t.flesch_reading_ease_min);
        t.flesch_kincaid_grade_max = set.flesch_kincaid_grade_max.or(t.flesch_kincaid_grade_max);
    }
    t
}

/// Scores every source file and reports what is past the thresholds.
pub fn check(site: &Site, scans: &[Scan], findings: &mut Findings) -> Vec<PageReadability> {
    site.sources
        .iter()
        .zip(scans)
        .map(|(file, scan)| {
            let blocks: Vec<Block> = scan
                .prose
                .iter()
                .map(|p| Block {
                    line: p.line,
                    text: p.text.clone(),
                })
                .collect();
            let counter = Counter::for_lang(file.lang.primary());
            let stats = text::stats(&blocks, counter);
            let limits = thresholds(site, &file.lang);
            let page = score(file.file.clone(), &file.lang, &stats);
            let lines = LineIndex::new(&file.text);
            let first_line = blocks.first().map_or(1, |b| b.line);
            let at = lines.start_of(first_line).unwrap_or(0);
            for problem in score_problems(&page, &limits) {
                findings.push(
                    Diagnostic::error(id::READABILITY_SCORE, &file.file, problem.0)
                        .at(&file.text, at..at)
                        .with_help(problem.1),
                );
            }
            if let Some(max) = limits.sentence_words_max {
                for s in stats.sentence_list.iter().filter(|s| s.words > max) {
                    let range = sentence_range(&file.text, &lines, s.line, &s.text);
                    findings.push(
                        Diagnostic::error(
                            id::READABILITY_SENTENCE_LENGTH,
                            &file.file,
                            format!("a sentence of {} words (at most {max})", s.words),
                        )
                        .at_indexed(&lines, &file.text, range)
                        .with_help("split it into two or three short sentences: one idea each"),
                    );
                }
            }
            page
        })
        .collect()
}

fn score(path: PathBuf, lang: &Lang, stats: &text::Stats) -> PageReadability {
    let primary = lang.primary();
    let es = primary == "es";
    let en = primary == "en";
    let sp = es.then(|| text::szigriszt_pazos(stats)).flatten();
    PageReadability {
        path,
        lang: lang.to_string(),
        words: stats.words,
        sentences: stats.sentences,
        words_per_sentence: round1(text::words_per_sentence(stats)),
        syllables: stats.syllables,
        szigriszt_pazos: sp.map(round1),
        inflesz: sp.map(|s| Inflesz::of(s).label()),
        fernandez_huerta: es
            .then(|| text::fernandez_huerta(stats))
            .flatten()
            .map(round1),
        flesch_reading_ease: en
            .then(|| text::flesch_reading_ease(stats))
            .flatten()
            .map(round1),
        flesch_kincaid_grade: en
            .then(|| text::flesch_kincaid_grade(stats))
            .flatten()
            .map(round1),
        longest: text::longest(stats, LONGEST)
            .into_iter()
            .map(|s| LongSentence {
                line: s.line,
                words: s.words,
                text: s.text.clone(),
            })
            .collect(),
    }
}

/// (message, help) for every score past its limit.
fn score_problems(p: &PageReadability, t: &Thresholds) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if p.words < MIN_WORDS_FOR_SCORE {
        return out;
    }
    let help = "use shorter sentences and shorter, everyday words; read it aloud to a child";
    if let (Some(v), Some(min)) = (p.szigriszt_pazos, t.szigriszt_pazos_min)
        && v < min
    {
        out.push((
            format!(
                "Szigriszt-Pazos {v:.1} ({}): below {min}",
                p.inflesz.unwrap_or("")
            ),
            help.to_string(),
        ));
    }
    if let (Some(v), Some(min)) = (p.fernandez_huerta, t.fernandez_huerta_min)
        && v < min
    {
        out.push((format!("Fernández-Huerta {v:.1}: below {min}"), help.into()));
    }
    if let (Some(v), Some(min)) = (p.flesch_reading_ease, t.flesch_reading_ease_min)
        && v < min
    {
        out.push((
            format!("Flesch reading ease {v:.1}: below {min}"),
            help.into(),
        ));
    }
    if let (Some(v), Some(max)) = (p.flesch_kincaid_grade, t.flesch_kincaid_grade_max)
        && v > max
    {
        out.push((
            format!("Flesch-Kincaid grade {v:.1}: above {max}"),
            help.into(),
        ));
    }
    out
}

/// The sentence's first word on its line, for the caret.
fn sentence_range(
    text: &str,
    lines: &LineIndex,
    line: u32,
    sentence: &str,
) -> std::ops::Range<usize> {
    let start = lines.start_of(line).unwrap_or(0);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first_word = sentence.split_whitespace().next().unwrap_or("");
    match text[start..end].find(first_word) {
        Some(i) if !first_word.is_empty() => start + i..start + i + first_word.len(),
        _ => start..start,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
