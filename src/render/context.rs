//! The data every template sees, built from the model for one (page, language).
//!
//! Templates get ready-made values — relative hrefs, resolved strings, inline icons — so a theme
//! never computes a path or looks up a fallback itself.

use crate::files;
use crate::lang::Lang;
use crate::model::{Language, NodeId, Site};
use crate::page_path::{PagePath, relative_href, root_prefix};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A language as templates see it.
#[derive(Serialize, Clone)]
pub struct LangCtx {
    /// The BCP 47 tag, for `lang` attributes: `quc`.
    pub tag: String,
    /// `ltr` or `rtl`, for `dir` attributes.
    pub dir: &'static str,
    /// The language's name in itself, as readers see it: `K'iche'`.
    pub endonym: String,
}

/// A link to another page.
#[derive(Serialize, Clone)]
pub struct LinkCtx {
    /// The linked page's title, in the reader's language or the first of its chain that has it.
    pub title: String,
    /// From this page to the linked page's output file: `../asylum/index.html`.
    pub href: String,
    /// The language of `title` when it differs from the page's (a fallback title).
    pub lang: Option<String>,
    /// The linked page's one-line summary, shown under its title in the tiles.
    pub description: Option<String>,
    /// The linked page's icon as inline SVG, shown before its title in the tiles.
    pub icon: Option<String>,
}

/// One entry of the language switcher.
#[derive(Serialize, Clone)]
pub struct SwitchCtx {
    /// The language's tag, for the link's `lang` and `hreflang`.
    pub tag: String,
    /// `ltr` or `rtl`, for the link's `dir`.
    pub dir: &'static str,
    /// The language's name in itself, the link's text.
    pub endonym: String,
    /// From this page to the same page in that language.
    pub href: String,
    /// Whether that language is this page's own, marked with `aria-current`.
    pub current: bool,
    /// This page is not translated into that language (it shows a fallback there).
    pub fallback: bool,
}

/// A `hreflang` alternate: a real translation.
#[derive(Serialize, Clone)]
pub struct AlternateCtx {
    /// The translation's language, for `hreflang`.
    pub tag: String,
    /// The translation's address: absolute under `base_url` when the site sets one, else relative.
    pub href: String,
}

/// A contact in the "get help now" box.
#[derive(Serialize, Clone)]
pub struct ContactCtx {
    /// The organisation's name.
    pub name: String,
    /// The number to call, written for people: `+52 55 7100 1542`.
    pub phone: Option<String>,
    /// The button's link: `tel:+525571001542`.
    pub phone_href: Option<String>,
    /// The WhatsApp number, written for people.
    pub whatsapp: Option<String>,
    /// The button's link: `https://wa.me/525571001542`.
    pub whatsapp_href: Option<String>,
    /// An address to write to, linked as `mailto:`.
    pub email: Option<String>,
    /// Opening hours in this page's language, or in the first language of its chain that has them.
    pub hours: Option<String>,
    /// Languages spoken on the line, by their own names: `Español, K'iche'`.
    pub languages: Option<String>,
}

/// The page being rendered.
#[derive(Serialize, Clone)]
pub struct PageCtx<'a> {
    /// `home`, `section` or `page` (the template of that name renders it), or one of the site's
    /// own: `404`, `offline`, `print`, `poster`, `share`.
    pub kind: &'static str,
    /// The page's title: its h1, and the start of `<title>`.
    pub title: String,
    /// A one-line summary: the meta description, and the lead text of the site's own pages.
    pub description: Option<String>,
    /// The page's icon as inline SVG, shown before the title.
    pub icon: Option<String>,
    /// The body as sanitised HTML, shown as it is; empty on the site's own pages.
    pub body: &'a str,
    /// The language the title and body are written in.
    pub body_lang: LangCtx,
    /// Whether the body is in another language than the page's; the template then shows
    /// `fallback_notice`.
    pub is_fallback: bool,
    /// In the page's language: "This page is not in K'iche' yet. Here it is in Español."
    pub fallback_notice: String,
    /// For a partly translated page, in the page's language: "3 of 12 parts of this page are
    /// in Mam. The rest is in Español." The template shows it instead of `fallback_notice`.
    pub partial_notice: Option<String>,
    /// The language of the title when it is not the page's own (a partly translated page whose
    /// title is not translated yet), for its `lang` attribute.
    pub title_lang: Option<String>,
    /// The page's recording, when it has one.
    pub audio: Option<String>,
    /// The recording's language when it is not the text's: a Mam recording of a page shown in
    /// Spanish. The Listen box then names it, in its own name.
    pub audio_lang: Option<LangCtx>,
    /// The Share button's message; `None` on the site's own pages.
    pub share: Option<super::share_button::ShareCtx>,
    /// Whether the page offers to remove the site from the phone (`remove_site = true`).
    pub remove_site: bool,
}

impl<'a> PageCtx<'a> {
    /// A page of the site's own (not from content), written in `language`.
    pub fn own(
        kind: &'static str,
        title: String,
        description: Option<String>,
        language: &Language,
    ) -> PageCtx<'a> {
        PageCtx {
            kind,
            title,
            description,
            icon: None,
            body: "",
            body_lang: lang_ctx(language),
            is_fallback: false,
            fallback_notice: String::new(),
            partial_notice: None,
            title_lang: None,
            audio: None,
            audio_lang: None,
            share: None,
            remove_site: false,
        }
    }
}

/// Everything a page template gets.
#[derive(Serialize, Clone)]
pub struct Ctx<'a> {
    /// The page's language: `lang` and `dir` of `<html>`.
    pub lang: LangCtx,
    /// The language the interface text is in; differs from `lang.tag` when strings fall back.
    pub ui_lang: String,
    /// The site's title in this language: the header's name, the end of `<title>`.
    pub site_title: String,
    /// From this page to the hashed stylesheet.
    pub css: String,
    /// Every theme static file by its name (`quick-exit.js`) → href from this page.
    pub assets: BTreeMap<String, String>,
    /// Where the quick-exit button leads.
    pub exit_href: String,
    /// From this page to this language's home.
    pub home_href: String,
    /// From this page to the language chooser at the output root.
    pub chooser_href: String,
    /// From this page back to the output root: `../../`.
    pub root: String,
    /// This language's printable booklet.
    pub print_href: String,
    /// This language's one-page poster, when the theme has one.
    pub poster_href: Option<String>,
    /// This language's web app manifest.
    pub manifest_href: String,
    /// This language's "save or share this site" page.
    pub share_href: String,
    /// This language's search page, when the theme has one.
    pub search_href: Option<String>,
    /// The page itself: title, body, icon, recording, fallback notice.
    pub page: PageCtx<'a>,
    /// `<meta name="description">`: the page's own, else its language's home page's, else the
    /// site's title, so that every page kind has one.
    pub description: String,
    /// The language switcher: every language of this rendering, in the site's order.
    pub languages: Vec<SwitchCtx>,
    /// `hreflang` alternates, when the page is written in more than one language; none in a
    /// one-language copy.
    pub alternates: Vec<AlternateCtx>,
    /// Home › section › …, the page itself left out; empty on the home page and the site's own
    /// pages.
    pub breadcrumbs: Vec<LinkCtx>,
    /// The page before this one in reading order; `None` on the home page and the first page.
    pub prev: Option<LinkCtx>,
    /// The page after this one in reading order; `None` on the home page and the last page.
    pub next: Option<LinkCtx>,
    /// The home's or a section's children in order, shown as tiles; the home's sections on the
    /// 404 and offline pages.
    pub children: Vec<LinkCtx>,
    /// On the home of a language whose readers mostly listen: the pages with a recording.
    pub audio_pages: Vec<LinkCtx>,
    /// The "get help now" box: every contact in `site.toml`, in its order.
    pub contacts: Vec<ContactCtx>,
    /// Given to templates beside the fields above, made once per rendering (see [`Shared`]):
    /// `t`, every UI string of this language resolved along its chain (`t.get_help_now`), and
    /// `icons`, the theme's icons as inline SVG by name (`icons.phone`).
    #[serde(skip)]
    pub values: [(&'static str, tera::Value); 2],
}

/// What every page of a language shows alike, made into the template engine's values once per
/// rendering rather than once per page: the UI strings and the icons are most of what a page's
/// context holds.
pub struct Shared {
    strings: HashMap<Lang, tera::Value>,
    icons: tera::Value,
}

impl Shared {
    fn new(site: &Site) -> Shared {
        Shared {
            strings: site
                .languages
                .iter()
                .map(|l| {
                    let value = tera::Value::from_serializable(&l.strings);
                    (l.locale.lang.clone(), value)
                })
                .collect(),
            icons: tera::Value::from_serializable(&site.theme.icons),
        }
    }

    fn values(&self, language: &Language) -> [(&'static str, tera::Value); 2] {
        let strings = self.strings.get(&language.locale.lang).cloned();
        [
            (
                "t",
                strings.unwrap_or_else(|| tera::Value::from_serializable(&language.strings)),
            ),
            ("icons", self.icons.clone()),
        ]
    }
}

/// A language as templates see it.
pub fn lang_ctx(l: &Language) -> LangCtx {
    LangCtx {
        tag: l.locale.lang.to_string(),
        dir: l.locale.direction.as_str(),
        endonym: l.locale.endonym.clone(),
    }
}

/// Shared inputs for building contexts.
pub struct Common<'a> {
    /// The site being rendered.
    pub site: &'a Site,
    /// Theme static file name → output path, e.g. `style.css` → `assets/style.1a2b3c4d.css`.
    pub assets: &'a BTreeMap<String, String>,
    /// `Some(lang)` when rendering a one-language copy: no link may lead to another language.
    pub only: Option<&'a Lang>,
    shared: Shared,
}

impl<'a> Common<'a> {
    /// Inputs for rendering `site` with the theme's assets at `assets`; with `only`, a
    /// one-language copy.
    pub fn new(
        site: &'a Site,
        assets: &'a BTreeMap<String, String>,
        only: Option<&'a Lang>,
    ) -> Common<'a> {
        Common {
            site,
            assets,
            only,
            shared: Shared::new(site),
        }
    }

    /// The languages this rendering includes, in the site's order.
    pub fn languages(&self) -> impl Iterator<Item = &'a Language> + use<'a> {
        let only = self.only;
        self.site
            .languages
            .iter()
            .filter(move |l| only.is_none_or(|o| &l.locale.lang == o))
    }

    /// Whether `lang` is part of this rendering.
    pub fn includes(&self, lang: &Lang) -> bool {
        self.only.is_none_or(|o| o == lang)
    }
    /// The href from the output file `from` to a theme static file, by its name.
    pub fn asset_href(&self, from: &str, name: &str) -> String {
        self.assets
            .get(name)
            .map(|p| relative_href(from, p))
            .unwrap_or_default()
    }

    /// The quick-exit target: the configured address, or the theme's harmless local page.
    pub fn exit_href(&self, from: &str) -> String {
        match &self.site.config.quick_exit_url {
            Some(url) => url.clone(),
            None => self.asset_href(from, "recipes.html"),
        }
    }

    /// A link from `from` (an output file) to `node` in `lang`, titled in that language.
    pub fn link(&self, from: &str, node: NodeId, lang: &Lang) -> LinkCtx {
        let site = self.site;
        let (title, title_lang) = site.title_in(node, lang);
        let source = site.source_for(node, lang).map(|s| site.source(s));
        LinkCtx {
            title,
            href: relative_href(from, &site.node(node).path.output_file(lang.as_str())),
            lang: (&title_lang != lang).then(|| title_lang.to_string()),
            description: source.and_then(|s| s.front.description.clone()),
            icon: source
                .and_then(|s| s.front.icon.as_ref())
                .and_then(|i| site.theme.icons.get(i))
                .cloned(),
        }
    }

    /// The common part of every page's context; `page` is filled by the caller.
    pub fn base(
        &self,
        from: &str,
        language: &'a Language,
        path: Option<&PagePath>,
        page: PageCtx<'a>,
    ) -> Ctx<'a> {
        let site = self.site;
        let lang = &language.locale.lang;
        let node = path.and_then(|p| site.by_path.get(p)).copied();
        let languages = self
            .languages()
            .map(|other| {
                let target = path.cloned().unwrap_or_else(PagePath::root);
                let fallback = node
                    .is_some_and(|n| !site.node(n).translations.contains_key(&other.locale.lang));
                SwitchCtx {
                    tag: other.locale.lang.to_string(),
                    dir: other.locale.direction.as_str(),
                    endonym: other.locale.endonym.clone(),
                    href: relative_href(from, &target.output_file(other.locale.lang.as_str())),
                    current: &other.locale.lang == lang,
                    fallback,
                }
            })
            .collect();
        let alternates = match node {
            Some(n) if site.node(n).translations.len() > 1 && self.only.is_none() => site
                .node(n)
                .translations
                .keys()
                .map(|l| {
                    let file = site.node(n).path.output_file(l.as_str());
                    AlternateCtx {
                        tag: l.to_string(),
                        href: match &site.config.base_url {
                            Some(base) => format!("{base}{file}"),
                            None => relative_href(from, &file),
                        },
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let description = page
            .description
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| home_description(site, language));
        Ctx {
            description,
            lang: lang_ctx(language),
            ui_lang: language.ui_lang.to_string(),
            site_title: language.site_title.clone(),
            css: self.asset_href(from, "style.css"),
            assets: self
                .assets
                .iter()
                .map(|(name, path)| (name.clone(), relative_href(from, path)))
                .collect(),
            exit_href: self.exit_href(from),
            home_href: relative_href(from, &PagePath::root().output_file(lang.as_str())),
            chooser_href: format!("{}{}", root_prefix(from), files::CHOOSER),
            root: root_prefix(from),
            print_href: relative_href(from, &files::booklet(lang.as_str())),
            poster_href: site
                .theme
                .sources
                .contains_key("poster.html")
                .then(|| relative_href(from, &files::poster(lang.as_str()))),
            manifest_href: relative_href(from, &files::manifest(lang.as_str())),
            share_href: relative_href(from, &files::share_page(lang.as_str())),
            search_href: site
                .theme
                .sources
                .contains_key("search.html")
                .then(|| relative_href(from, &files::search_page(lang.as_str()))),
            page,
            languages,
            alternates,
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
            children: Vec::new(),
            audio_pages: Vec::new(),
            contacts: self.contacts(language),
            values: self.shared.values(language),
        }
    }

    fn contacts(&self, language: &Language) -> Vec<ContactCtx> {
        let site = self.site;
        site.config
            .contacts
            .iter()
            .map(|c| ContactCtx {
                name: c.name.clone(),
                phone: c.phone.as_ref().map(|p| p.international.clone()),
                phone_href: c.phone.as_ref().map(|p| format!("tel:{}", p.e164)),
                whatsapp: c.whatsapp.as_ref().map(|p| p.international.clone()),
                whatsapp_href: c
                    .whatsapp
                    .as_ref()
                    .map(|p| format!("https://wa.me/{}", p.digits())),
                email: c.email.clone(),
                hours: language.chain.iter().find_map(|l| c.hours.get(l)).cloned(),
                languages: (!c.languages.is_empty()).then(|| {
                    c.languages
                        .iter()
                        .map(|l| {
                            site.language(l)
                                .map_or_else(|| l.to_string(), |x| x.locale.endonym.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
            })
            .collect()
    }
}

/// A language's home page description (its own, or the one it falls back to), else the site's
/// title in that language.
pub fn home_description(site: &Site, language: &Language) -> String {
    site.source_for(crate::model::NodeId::HOME, &language.locale.lang)
        .and_then(|s| site.source(s).front.description.clone())
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| language.site_title.clone())
}
