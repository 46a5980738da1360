//! Model: resolves the loaded inputs into the [`Site`] — one page per (path, language).
//!
//! This stage owns the site's structure: the tree of sections and pages, the reading order,
//! each language's fallback chain, and which source file every (path, language) page is built
//! from. It also resolves every UI string along the chains. It reads no files and writes none.

pub mod partial;
pub mod recordings;
pub mod segments;
pub mod strings;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::load::{
    ContentAsset, ContentFile, Inputs, LeftOut, Locale, SiteConfig, SourceKind, Theme,
};
use crate::page_path::PagePath;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Every page tells the reader to call or write for help: a site must say whom. A warning
/// here, so a new site still builds; `amparo check` makes it an error.
fn no_contact() -> Diagnostic {
    Diagnostic::warning(
        crate::rules::id::CONTACTS_NONE,
        "site.toml",
        "the site has no contact: every page's \"get help now\" box tells children to call or write, and names no one",
    )
    .with_help("add your organisation under [[contacts]] in site.toml, e.g.\n[[contacts]]\nname = \"KIND México\"\nphone = \"+525571001542\"")
}

/// A language's ordered list of languages to read from: itself, its locale's `fallback`, the
/// site's default language, then every other site language in order. Every page exists in some
/// language of every chain, so every language gets every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackChain(Vec<Lang>);

impl FallbackChain {
    /// The chain of `locale`'s language on the site `config` describes.
    pub fn new(locale: &Locale, config: &SiteConfig) -> FallbackChain {
        let mut chain = vec![locale.lang.clone()];
        let rest = locale
            .fallback
            .iter()
            .chain(std::iter::once(&config.default_language))
            .chain(&config.languages);
        for l in rest {
            if !chain.contains(l) {
                chain.push(l.clone());
            }
        }
        FallbackChain(chain)
    }

    /// The languages in order, the language itself first.
    pub fn iter(&self) -> impl Iterator<Item = &Lang> {
        self.0.iter()
    }

    /// The chain without the language itself, for messages.
    pub fn fallbacks(&self) -> &[Lang] {
        &self.0[1..]
    }
}

/// A place in the site's tree: an index into [`Site::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(usize);

impl NodeId {
    /// The home page, the root of the tree.
    pub const HOME: NodeId = NodeId(0);

    /// The id of the `index`th node.
    pub fn new(index: usize) -> NodeId {
        NodeId(index)
    }

    /// The position in [`Site::nodes`], and in any list kept beside it.
    pub fn index(self) -> usize {
        self.0
    }
}

/// A content file: an index into [`Site::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(usize);

impl SourceId {
    /// The id of the `index`th content file.
    pub fn new(index: usize) -> SourceId {
        SourceId(index)
    }

    /// The position in [`Site::sources`], and in any list kept beside it (bodies, scans).
    pub fn index(self) -> usize {
        self.0
    }
}

/// A site language with everything resolved.
#[derive(Debug, Clone)]
pub struct Language {
    /// The language's locale file, as loaded.
    pub locale: Locale,
    /// Where its pages and strings come from when it has none of its own.
    pub chain: FallbackChain,
    /// Every UI string, resolved along the chain.
    pub strings: BTreeMap<String, String>,
    /// UI string keys taken from another language.
    pub borrowed_strings: Vec<String>,
    /// The language most UI strings are actually written in (differs when they fall back).
    pub ui_lang: Lang,
    /// The site's title in this language (`title` in `site.toml`), along the chain; empty when no
    /// language of the chain has one.
    pub site_title: String,
}

/// One place in the site's tree, with its translations.
#[derive(Debug, Clone)]
pub struct Node {
    /// The node's place, the same in every language: `rights/asylum`, empty for the home page.
    pub path: PagePath,
    /// Home, section or page.
    pub kind: SourceKind,
    /// Language → the source file written in it.
    pub translations: BTreeMap<Lang, SourceId>,
    /// Child nodes in reading order.
    pub children: Vec<NodeId>,
    /// Sort key among siblings, lower first, then by title in the default language; from the
    /// front matter of the first of its files read.
    pub weight: i64,
}

/// One output page: a node in a language, built from one source file.
#[derive(Debug, Clone)]
pub struct Page {
    /// The place in the tree the page shows.
    pub node: NodeId,
    /// The language the page is shown in, its output folder: `quc/…`.
    pub lang: Lang,
    /// `None` only for a home page with no `_index` file.
    pub source: Option<SourceId>,
}

/// The whole site, resolved.
#[derive(Debug)]
pub struct Site {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.toml`, checked.
    pub config: SiteConfig,
    /// Every site language, resolved, in the site's order.
    pub languages: Vec<Language>,
    /// Every content file built, indexed by [`SourceId`].
    pub sources: Vec<ContentFile>,
    /// Drafts left out of this build, for the translation report.
    pub drafts: Vec<ContentFile>,
    /// Every other file under `content/` that is published, under `media/`.
    pub assets: Vec<ContentAsset>,
    /// The files under `content/` that are not published, and why.
    pub left_out: Vec<LeftOut>,
    /// The theme, its templates compiled.
    pub theme: Theme,
    /// The site's tree, indexed by [`NodeId`]; the home page first.
    pub nodes: Vec<Node>,
    /// Every page path → its node.
    pub by_path: HashMap<PagePath, NodeId>,
    /// Nodes in reading order (depth first), without the home page.
    pub reading_order: Vec<NodeId>,
    /// Node → its place in `reading_order` (`None` for the home page).
    pub reading_position: Vec<Option<usize>>,
    /// Every (node, language) page.
    pub pages: Vec<Page>,
    /// Recordings found by their name (`rights/asylum.mam.mp3`), relative to `content/`.
    pub recordings: HashMap<(NodeId, Lang), String>,
}

impl Site {
    /// Resolves the inputs. Problems of structure (a folder without `_index`, a string missing
    /// in every language) are added to `diags`; the site is still returned when it can be built.
    pub fn resolve(inputs: Inputs, diags: &mut Diagnostics) -> Option<Site> {
        let Inputs {
            root,
            config,
            locales,
            content,
            drafts,
            assets,
            left_out,
            theme,
        } = inputs;
        let before = diags.len();
        let languages = strings::resolve_languages(&locales, &config, &theme, diags);
        let (nodes, by_path) = build_tree(&content, diags);
        if diags.iter().skip(before).any(Diagnostic::is_error) {
            return None;
        }
        let mut site = Site {
            root,
            config,
            languages,
            sources: content,
            drafts,
            assets,
            left_out,
            theme,
            nodes,
            by_path,
            reading_order: Vec::new(),
            reading_position: Vec::new(),
            pages: Vec::new(),
            recordings: HashMap::new(),
        };
        site.sort_children();
        site.reading_order = site.reading_order_from(NodeId::HOME);
        site.reading_position = vec![None; site.nodes.len()];
        for (i, &node) in site.reading_order.iter().enumerate() {
            site.reading_position[node.index()] = Some(i);
        }
        site.pages = site.assign_pages();
        site.recordings = recordings::find(&site.assets, &site.by_path, &site.config.languages);
        if site.config.contacts.is_empty() {
            diags.push(no_contact());
        }
        Some(site)
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    /// The content file with this id.
    pub fn source(&self, id: SourceId) -> &ContentFile {
        &self.sources[id.0]
    }

    /// Every node, with its id.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + use<> {
        (0..self.nodes.len()).map(NodeId)
    }

    /// Where `node` is in the reading order (`None` for the home page).
    pub fn reading_position(&self, node: NodeId) -> Option<usize> {
        self.reading_position[node.0]
    }

    /// The site language with this tag; `None` when the site has no such language.
    pub fn language(&self, lang: &Lang) -> Option<&Language> {
        self.languages.iter().find(|l| &l.locale.lang == lang)
    }

    /// The source a node is read from in `lang`: the first language of its chain that has it.
    pub fn source_for(&self, node: NodeId, lang: &Lang) -> Option<SourceId> {
        let chain = &self.language(lang)?.chain;
        chain
            .iter()
            .find_map(|l| self.node(node).translations.get(l).copied())
    }

    /// The recording a node's page in `lang` plays, relative to `content/`, and its language:
    /// the `audio` of the page's own file in that language, or else the one saved under the
    /// name the recording script gives (`rights/asylum.mam.mp3`), which plays even over another
    /// language's text, or else the recording of the file the page is shown from.
    pub fn audio_for<'a>(&'a self, node: NodeId, lang: &'a Lang) -> Option<(&'a str, &'a Lang)> {
        let own = self
            .node(node)
            .translations
            .get(lang)
            .and_then(|&s| self.source(s).front.audio.as_deref())
            .or_else(|| {
                self.recordings
                    .get(&(node, lang.clone()))
                    .map(String::as_str)
            });
        if let Some(rel) = own {
            return Some((rel, lang));
        }
        let shown = self.source(self.source_for(node, lang)?);
        Some((shown.front.audio.as_deref()?, &shown.lang))
    }

    /// The title of a node in `lang` and the language it is written in. A partly translated
    /// page whose title is not translated yet (part 1) lends it from the rest of its chain.
    pub fn title_in(&self, node: NodeId, lang: &Lang) -> (String, Lang) {
        let whole = self.language(lang).and_then(|l| {
            l.chain.iter().find_map(|c| {
                let s = *self.node(node).translations.get(c)?;
                (!self.source(s).front.untranslated.contains(&1)).then_some(s)
            })
        });
        match whole.or_else(|| self.source_for(node, lang)) {
            Some(s) => (
                self.source(s).front.title.clone(),
                self.source(s).lang.clone(),
            ),
            None => (
                self.language(lang)
                    .map(|l| l.site_title.clone())
                    .unwrap_or_default(),
                lang.clone(),
            ),
        }
    }

    fn sort_children(&mut self) {
        let default = self.config.default_language.clone();
        let keys: Vec<(i64, String)> = self
            .node_ids()
            .map(|i| {
                (
                    self.node(i).weight,
                    self.title_in(i, &default).0.to_lowercase(),
                )
            })
            .collect();
        for node in &mut self.nodes {
            node.children.sort_by(|a, b| keys[a.0].cmp(&keys[b.0]));
        }
    }

    fn reading_order_from(&self, node: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        for &c in &self.node(node).children {
            out.push(c);
            out.extend(self.reading_order_from(c));
        }
        out
    }

    fn assign_pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        for lang in &self.config.languages {
            for node in std::iter::once(NodeId::HOME).chain(self.reading_order.iter().copied()) {
                pages.push(Page {
                    node,
                    lang: lang.clone(),
                    source: self.source_for(node, lang),
                });
            }
        }
        pages
    }
}

/// Groups the content files into nodes and links each to its parent section. The first node is
/// home ([`NodeId::HOME`]).
fn build_tree(
    content: &[ContentFile],
    diags: &mut Diagnostics,
) -> (Vec<Node>, HashMap<PagePath, NodeId>) {
    let mut nodes = vec![Node {
        path: PagePath::root(),
        kind: SourceKind::Home,
        translations: BTreeMap::new(),
        children: Vec::new(),
        weight: 0,
    }];
    let mut by_path = HashMap::from([(PagePath::root(), NodeId::HOME)]);
    for (i, file) in content.iter().enumerate() {
        let idx = *by_path.entry(file.path.clone()).or_insert_with(|| {
            nodes.push(Node {
                path: file.path.clone(),
                kind: file.kind,
                translations: BTreeMap::new(),
                children: Vec::new(),
                weight: file.front.weight,
            });
            NodeId(nodes.len() - 1)
        });
        let node = &mut nodes[idx.0];
        if node.kind != file.kind {
            diags.push(
                Diagnostic::error("content/duplicate", &file.file, format!("`{}` is both a page and a section", file.path))
                    .with_help("a name is either a page file (`name.<lang>.md`) or a folder with `_index.<lang>.md`, not both"),
            );
            continue;
        }
        if node.translations.is_empty() {
            node.weight = file.front.weight;
        }
        node.translations.insert(file.lang.clone(), SourceId(i));
    }
    for idx in 1..nodes.len() {
        let path = nodes[idx].path.clone();
        let parent = path.parent().unwrap_or_else(PagePath::root);
        match by_path.get(&parent) {
            Some(&p) if nodes[p.0].kind != SourceKind::Page => {
                nodes[p.0].children.push(NodeId(idx))
            }
            _ => {
                let any = nodes[idx]
                    .translations
                    .values()
                    .next()
                    .map(|&s| content[s.0].file.clone())
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error("content/no-section", any, format!("the folder content/{parent} has pages but no `_index.<lang>.md`"))
                        .with_help(format!("create content/{parent}/_index.es.md (or another language) with the section's title")),
                );
            }
        }
    }
    (nodes, by_path)
}
