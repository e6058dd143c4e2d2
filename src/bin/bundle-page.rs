//! `bundle-page`: the Trunk post-build step that makes the page private and portable.
//!
//! It runs on Trunk's staging directory (`$TRUNK_STAGING_DIR`, or the first argument) and
//!
//! 1. writes `article-annotator.html`: one self-contained file that works when opened straight
//!    from disk with no network. The page's CSS becomes `<style>`, its ES modules (the page's own
//!    and wasm-bindgen's glue) are linked into one inline `<script type="module">`, and every other
//!    file the page may load at run time (the wasm, the example article, JSON data) is embedded as
//!    a base64 data block that an in-page `fetch` serves from memory. Browsers refuse Web Workers
//!    from `file://`, so the page's own fallback runs the core on the main thread there. Service
//!    workers and web-app manifests are left out.
//! 2. puts a Content-Security-Policy `<meta>` into both that file and `index.html`: no network
//!    (`connect-src 'none'` in the single file), no remote code, styles, fonts or images, inline
//!    code only by SHA-256 hash, and `'wasm-unsafe-eval'` so the core can be compiled.
//! 3. adds the "how to check" section from `docs/privacy.md` to both pages.
//!
//! Standard library plus `regex` only; SHA-256 and base64 are written out below.

use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

const SINGLE_FILE: &str = "article-annotator.html";
const MAX_SINGLE_FILE: usize = 2 * 1024 * 1024;
/// Files never embedded in the single file: service workers, manifests, source maps, types.
const NEVER_EMBED: &[&str] = &[
    ".map",
    ".d.ts",
    ".webmanifest",
    "manifest.json",
    "sw.js",
    "service-worker.js",
];

fn main() {
    let mut args = env::args().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .or_else(|| env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("dist"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match run(&dir, &root) {
        Ok(report) => eprintln!("{report}"),
        Err(e) => {
            eprintln!("bundle-page: {e}");
            process::exit(1);
        }
    }
}

fn run(dir: &Path, root: &Path) -> Result<String, String> {
    let index_path = dir.join("index.html");
    let index = read_text(&index_path)?;
    let index = strip_csp(&index);
    let privacy = privacy_section(root);

    let single = build_single(dir, &index, &privacy)?;
    if single.len() > MAX_SINGLE_FILE {
        // Written anyway (the page still works); tests/offline fails on the budget.
        eprintln!(
            "bundle-page: WARNING: {SINGLE_FILE} is {} bytes, over the 2 MB budget",
            single.len()
        );
    }
    fs::write(dir.join(SINGLE_FILE), &single).map_err(|e| format!("writing {SINGLE_FILE}: {e}"))?;

    let served = add_privacy(&index, &privacy);
    let served = externalize_autoreload(dir, &served)?;
    let served = add_pwa(dir, &served)?;
    let served = insert_csp(&served, &served_policy(&served, &page_sources(dir)));
    fs::write(&index_path, &served)
        .map_err(|e| format!("writing {}: {e}", index_path.display()))?;
    Ok(format!(
        "bundle-page: wrote {} ({} bytes) and the CSP of index.html",
        dir.join(SINGLE_FILE).display(),
        single.len()
    ))
}

fn read_text(p: &Path) -> Result<String, String> {
    fs::read_to_string(p)
        .map(|s| s.replace("\r\n", "\n"))
        .map_err(|e| format!("reading {}: {e}", p.display()))
}

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy

/// The policy of the served page (`index.html` as Trunk writes it). Scripts, styles, the worker
/// and the files the page loads come from the page's own origin only (`'self'`); inline code only
/// by hash. `connect-src 'self'` lets the page read its own files (the wasm, the example article)
/// from the server that served it, which for `scripts/serve` is 127.0.0.1: no other host can be
/// reached. The single file needs no server and has `connect-src 'none'`.
/// `sources` is the text of the page's CSS and JS, to see whether it uses `data:` images or fonts.
fn served_policy(html: &str, sources: &str) -> String {
    let (scripts, styles) = inline_hashes(html);
    let data = |kind: &str| {
        let used = [html, sources]
            .iter()
            .any(|t| t.contains(&format!("data:{kind}")));
        if used {
            " data:"
        } else {
            ""
        }
    };
    let mut p = vec![
        "default-src 'none'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval'{scripts}"),
        format!("style-src 'self'{styles}"),
        format!("img-src 'self'{}", data("image/")),
        format!("font-src 'self'{}", data("font/")),
        "connect-src 'self'".to_string(),
        "worker-src 'self'".to_string(),
    ];
    if has_tag_attr(html, "link", "rel", "manifest") {
        p.push("manifest-src 'self'".into());
    }
    p.push("base-uri 'none'".into());
    p.push("form-action 'none'".into());
    p.join("; ")
}

/// The text of every CSS and JS file of the staging directory.
fn page_sources(dir: &Path) -> String {
    let mut files = Vec::new();
    list_files(dir, "", &mut files);
    files
        .iter()
        .filter(|f| [".css", ".js", ".mjs"].iter().any(|e| f.ends_with(e)))
        .filter_map(|f| fs::read_to_string(dir.join(f)).ok())
        .collect()
}

/// The policy of the single file: nothing but its own inline code (by hash) and the wasm.
fn single_policy(html: &str) -> String {
    let (scripts, styles) = inline_hashes(html);
    let mut p = vec![
        "default-src 'none'".to_string(),
        format!("script-src 'wasm-unsafe-eval'{scripts}"),
        format!(
            "style-src{}",
            if styles.is_empty() {
                " 'none'".into()
            } else {
                styles
            }
        ),
    ];
    if html.contains("data:image/") {
        p.push("img-src data:".into());
    }
    if html.contains("data:font/") || html.contains("data:application/font") {
        p.push("font-src data:".into());
    }
    p.push("connect-src 'none'".into());
    p.push("worker-src 'none'".into());
    p.push("base-uri 'none'".into());
    p.push("form-action 'none'".into());
    p.join("; ")
}

/// `'sha256-…'` sources for every executable inline script and every inline style, each list
/// starting with a space (or empty).
fn inline_hashes(html: &str) -> (String, String) {
    let mut scripts = String::new();
    let mut styles = String::new();
    for el in elements(html, "script") {
        if el.attr("src").is_none() && is_executable(&el) && !el.body.is_empty() {
            let _ = write!(scripts, " 'sha256-{}'", base64(&sha256(el.body.as_bytes())));
        }
    }
    for el in elements(html, "style") {
        let _ = write!(styles, " 'sha256-{}'", base64(&sha256(el.body.as_bytes())));
    }
    (scripts, styles)
}

fn is_executable(el: &Element) -> bool {
    match el.attr("type").map(|t| t.trim().to_ascii_lowercase()) {
        None => true,
        Some(t) => {
            t.is_empty() || t == "module" || t.contains("javascript") || t.contains("ecmascript")
        }
    }
}

fn strip_csp(html: &str) -> String {
    let re =
        Regex::new(r#"(?is)\s*<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>"#)
            .unwrap();
    re.replace_all(html, "").into_owned()
}

/// Inserts the policy as the first element of `<head>`, before anything it governs.
fn insert_csp(html: &str, policy: &str) -> String {
    let meta = format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let re = Regex::new(r"(?i)<head\b[^>]*>").unwrap();
    match re.find(html) {
        Some(m) => format!("{}{meta}{}", &html[..m.end()], &html[m.end()..]),
        None => format!("{meta}\n{html}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The "how to check" section, from docs/privacy.md

fn privacy_section(root: &Path) -> String {
    let Ok(md) = fs::read_to_string(root.join("docs/privacy.md")) else {
        return String::new();
    };
    // The section under "## How to check", up to the next "## " heading.
    let mut lines = md.lines().skip_while(|l| {
        !l.trim_start()
            .to_ascii_lowercase()
            .starts_with("## how to check")
    });
    let Some(title) = lines.next() else {
        return String::new();
    };
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    format!(
        "<section id=\"how-to-check\" class=\"privacy-check\">\n<h2>{}</h2>\n{}</section>\n",
        inline_md(title.trim_start_matches('#').trim()),
        markdown_blocks(&body)
    )
}

/// A small Markdown subset: paragraphs, `-` and `1.` lists, fenced code, inline code and links.
fn markdown_blocks(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut list: Option<&str> = None;
    let mut para: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let flush_para = |out: &mut String, para: &mut Vec<String>| {
        if !para.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", para.join(" "));
            para.clear();
        }
    };
    for line in lines {
        if let Some(code) = fence.as_mut() {
            if line.trim_start().starts_with("```") {
                let _ = writeln!(
                    out,
                    "<pre><code>{}</code></pre>",
                    escape_html(code.trim_end())
                );
                fence = None;
            } else {
                code.push_str(line);
                code.push('\n');
            }
            continue;
        }
        let t = line.trim();
        if t.starts_with("```") {
            flush_para(&mut out, &mut para);
            if let Some(tag) = list.take() {
                let _ = writeln!(out, "</{tag}>");
            }
            fence = Some(String::new());
            continue;
        }
        let item = if let Some(rest) = t.strip_prefix("- ") {
            Some(("ul", rest))
        } else {
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && t[digits..].starts_with(". ")).then(|| ("ol", &t[digits + 2..]))
        };
        if let Some((tag, rest)) = item {
            flush_para(&mut out, &mut para);
            if list != Some(tag) {
                if let Some(old) = list {
                    let _ = writeln!(out, "</{old}>");
                }
                let _ = writeln!(out, "<{tag}>");
                list = Some(tag);
            }
            let _ = writeln!(out, "<li>{}</li>", inline_md(rest));
        } else if t.is_empty() {
            flush_para(&mut out, &mut para);
        } else if list.is_some() && line.starts_with("   ") {
            // Continuation of the last list item.
            out.truncate(out.trim_end().len() - "</li>".len());
            let _ = writeln!(out, " {}</li>", inline_md(t));
        } else {
            if let Some(tag) = list.take() {
                let _ = writeln!(out, "</{tag}>");
            }
            para.push(inline_md(t));
        }
    }
    flush_para(&mut out, &mut para);
    if let Some(tag) = list {
        let _ = writeln!(out, "</{tag}>");
    }
    out
}

fn inline_md(s: &str) -> String {
    let code = Regex::new(r"`([^`]+)`").unwrap();
    let link = Regex::new(r"\[([^\]]+)\]\((https?://[^)\s]+|#[\w-]+)\)").unwrap();
    let strong = Regex::new(r"\*\*([^*]+)\*\*").unwrap();
    // Escape first, then turn the (escaped) markup into tags.
    let mut out = String::new();
    let mut last = 0;
    for c in code.captures_iter(s) {
        let m = c.get(0).unwrap();
        out.push_str(&escape_html(&s[last..m.start()]));
        let _ = write!(out, "<code>{}</code>", escape_html(&c[1]));
        last = m.end();
    }
    out.push_str(&escape_html(&s[last..]));
    let out = link.replace_all(&out, "<a href=\"$2\">$1</a>");
    strong.replace_all(&out, "<strong>$1</strong>").into_owned()
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn add_privacy(html: &str, section: &str) -> String {
    if section.is_empty() || html.contains("id=\"how-to-check\"") {
        return html.to_string();
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{section}{}", &html[..i], &html[i..]),
        None => format!("{html}{section}"),
    }
}

// ---------------------------------------------------------------------------------------------
// `trunk serve`'s live reload

/// The marker of the live-reload script `trunk serve` puts inline into the page.
const TRUNK_RELOAD_MARK: &str = "{{__TRUNK_ADDRESS__}}";

/// `trunk serve` fills the address into its inline live-reload script as it serves the page, so
/// no hash made here could match it. The hook moves it to `trunk-autoreload.js` (allowed by
/// `script-src 'self'`), where it takes the address from `location.host`. `trunk build` adds no
/// such script.
fn externalize_autoreload(dir: &Path, html: &str) -> Result<String, String> {
    let Some(el) = elements(html, "script")
        .into_iter()
        .find(|e| e.attr("src").is_none() && e.body.contains(TRUNK_RELOAD_MARK))
    else {
        return Ok(html.to_string());
    };
    let base = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let js = el
        .body
        .replace(&format!("'{TRUNK_RELOAD_MARK}'"), "window.location.host")
        .replace(&format!("`{TRUNK_RELOAD_MARK}`"), "window.location.host")
        .replace("{{__TRUNK_WS_BASE__}}", &base);
    fs::write(dir.join("trunk-autoreload.js"), js)
        .map_err(|e| format!("writing trunk-autoreload.js: {e}"))?;
    Ok(format!(
        "{}<script src=\"trunk-autoreload.js\"></script>{}",
        &html[..el.start],
        &html[el.end..]
    ))
}

// ---------------------------------------------------------------------------------------------
// The served page as an installable, offline-capable web app

const MANIFEST: &str = r##"{
  "name": "Article Annotator",
  "short_name": "Annotator",
  "description": "Who and what a news article mentions, and which claims it makes on whose word. Runs entirely in the browser.",
  "start_url": "./",
  "scope": "./",
  "display": "standalone",
  "background_color": "#fbfbfd",
  "theme_color": "#1b1b1f",
  "icons": [{ "src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }]
}
"##;

const ICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#1b1b1f"/>
<rect x="88" y="120" width="336" height="40" rx="8" fill="#ececf1"/>
<rect x="88" y="200" width="120" height="40" rx="8" fill="#dbeafe"/>
<rect x="224" y="200" width="200" height="40" rx="8" fill="#ececf1"/>
<rect x="88" y="280" width="200" height="40" rx="8" fill="#ececf1"/>
<rect x="304" y="280" width="120" height="40" rx="8" fill="#fde68a"/>
<rect x="88" y="360" width="260" height="40" rx="8" fill="#d1fae5"/>
</svg>
"##;

/// Network first, the cache when offline: a served page is always the newest build, and still
/// opens with the server gone. Only GET requests to the page's own origin are touched.
const SERVICE_WORKER: &str = r#"// Generated by bundle-page: keeps the app shell so the served page opens offline.
const CACHE = "article-annotator-__VERSION__";
const SHELL = __SHELL__;
self.addEventListener("install", (event) => {
  // One file missing must not cost the rest (the install fails as a whole otherwise).
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) => cache.add(url).catch((e) => console.warn("not cached:", url, e)))))
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("article-annotator-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match("./"))),
  );
});
"#;

/// Registers the service worker (not from `file://`), and wires an install button if the page
/// has one: `<button id="install" hidden>`, shown when the browser offers installation.
const REGISTER: &str = r#"
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("sw.js").catch((e) => console.warn("offline cache unavailable:", e));
}
addEventListener("beforeinstallprompt", (event) => {
  const button = document.getElementById("install");
  if (!button) return;
  event.preventDefault();
  button.hidden = false;
  button.addEventListener("click", () => { button.hidden = true; event.prompt(); }, { once: true });
});
"#;

/// Writes `manifest.webmanifest`, `icon.svg` and `sw.js` (caching every file of the build but
/// the single file) and links them from the served page.
fn add_pwa(dir: &Path, html: &str) -> Result<String, String> {
    let write = |name: &str, text: &str| {
        fs::write(dir.join(name), text).map_err(|e| format!("writing {name}: {e}"))
    };
    write("manifest.webmanifest", MANIFEST)?;
    write("icon.svg", ICON)?;
    let mut files = Vec::new();
    list_files(dir, "", &mut files);
    files.retain(|f| f != SINGLE_FILE && f != "sw.js");
    files.sort();
    let mut version = Vec::new();
    for f in &files {
        version.extend_from_slice(f.as_bytes());
        version.extend_from_slice(&sha256(&fs::read(dir.join(f)).unwrap_or_default()));
    }
    let version: String = sha256(&version)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let shell: Vec<String> = std::iter::once("./".to_string())
        .chain(files)
        .map(|f| js_string(&f))
        .collect();
    let sw = SERVICE_WORKER
        .replace("__VERSION__", &version)
        .replace("__SHELL__", &format!("[{}]", shell.join(", ")));
    write("sw.js", &sw)?;
    if has_tag_attr(html, "link", "rel", "manifest") {
        return Ok(html.to_string());
    }

    let head = "  <link rel=\"manifest\" href=\"manifest.webmanifest\">\n  <link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">\n  <meta name=\"theme-color\" content=\"#1b1b1f\">\n";
    let html = match html.find("</head>") {
        Some(i) => format!("{}{head}{}", &html[..i], &html[i..]),
        None => html.to_string(),
    };
    let script = format!("<script data-pwa>{REGISTER}</script>\n");
    Ok(match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    })
}

// ---------------------------------------------------------------------------------------------
// HTML: just enough to find and replace tags and their attributes

struct Element<'a> {
    start: usize,
    end: usize,
    attrs: Vec<(String, String)>,
    body: &'a str,
}

impl Element<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let re = Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"#).unwrap();
    re.captures_iter(s)
        .map(|c| {
            let v = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), unescape_attr(v))
        })
        .collect()
}

fn unescape_attr(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every `<tag ...>` (void, for `link`, `img`, `meta`) or `<tag ...>body</tag>`, in order.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<Element<'a>> {
    let void = matches!(tag, "link" | "img" | "meta");
    let open = Regex::new(&format!(r"(?is)<{tag}\b((?:[^>]|\n)*?)/?>")).unwrap();
    let close = Regex::new(&format!(r"(?i)</{tag}\s*>")).unwrap();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = open.captures_at(html, at) {
        let m = c.get(0).unwrap();
        let attrs = parse_attrs(&c[1]);
        if void {
            out.push(Element {
                start: m.start(),
                end: m.end(),
                attrs,
                body: "",
            });
            at = m.end();
        } else if let Some(e) = close.find_at(html, m.end()) {
            out.push(Element {
                start: m.start(),
                end: e.end(),
                attrs,
                body: &html[m.end()..e.start()],
            });
            at = e.end();
        } else {
            break;
        }
    }
    out
}

fn has_tag_attr(html: &str, tag: &str, attr: &str, value: &str) -> bool {
    elements(html, tag).iter().any(|e| {
        e.attr(attr).is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case(value))
        })
    })
}

/// A URL in the page as a path relative to the staging directory, if it names a local file.
fn local_path(url: &str, from_dir: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty()
        || url.starts_with('#')
        || url.starts_with("data:")
        || url.starts_with("//")
        || url.contains("://")
    {
        return None;
    }
    let url = url.split(['?', '#']).next().unwrap_or("");
    let public = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let rel = if let Some(abs) = url.strip_prefix('/') {
        let public = public.trim_matches('/');
        if public.is_empty() {
            abs.to_string()
        } else {
            abs.strip_prefix(public)
                .map_or(abs, |r| r.trim_start_matches('/'))
                .to_string()
        }
    } else {
        join(from_dir, url)
    };
    Some(normalize(&rel))
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(p: &str) -> &str {
    p.rfind('/').map_or("", |i| &p[..i])
}

fn mime(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "css" => "text/css",
        "html" => "text/html",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "tsv" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn data_uri(dir: &Path, rel: &str) -> Option<String> {
    let bytes = fs::read(dir.join(rel)).ok()?;
    Some(format!(
        "data:{};base64,{}",
        mime(rel).split(';').next().unwrap(),
        base64(&bytes)
    ))
}

// ---------------------------------------------------------------------------------------------
// The single file

fn build_single(dir: &Path, index: &str, privacy: &str) -> Result<String, String> {
    let mut linker = Linker::new(dir);
    let mut out = String::with_capacity(index.len() * 2);
    let mut last = 0;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut entries: Vec<String> = Vec::new();

    for el in elements(index, "link") {
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        let href = el.attr("href").unwrap_or("");
        let words: Vec<&str> = rel.split_ascii_whitespace().collect();
        let replacement = if words.contains(&"stylesheet") {
            let path = local_path(href, "")
                .ok_or_else(|| format!("remote stylesheet {href} cannot be inlined"))?;
            let css = inline_css_urls(dir, &read_text(&dir.join(&path))?, dir_of(&path));
            format!(
                "<style>\n{}\n</style>",
                css.trim_end().replace("</style", "<\\/style")
            )
        } else if words
            .iter()
            .any(|w| matches!(*w, "icon" | "apple-touch-icon"))
        {
            match local_path(href, "").and_then(|p| data_uri(dir, &p)) {
                Some(uri) => format!("<link rel=\"{rel}\" href=\"{uri}\">"),
                None => String::new(),
            }
        } else {
            // manifest, modulepreload, preload, prefetch, ...: nothing to fetch from a single file.
            String::new()
        };
        edits.push((el.start, el.end, replacement));
    }
    for el in elements(index, "script") {
        if el.attr("data-pwa").is_some() {
            edits.push((el.start, el.end, String::new()));
            continue;
        }
        if !is_executable(&el) {
            continue;
        }
        let module = el
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("module"));
        let replacement = match (el.attr("src"), module) {
            (Some(src), true) => {
                let path = local_path(src, "")
                    .ok_or_else(|| format!("remote script {src} is not allowed"))?;
                entries.push(path);
                String::new()
            }
            (None, true) => {
                let path = format!("index.html#{}", entries.len());
                linker.virtual_module(&path, el.body);
                entries.push(path);
                String::new()
            }
            (Some(src), false) if src.ends_with("trunk-autoreload.js") => String::new(),
            (Some(src), false) => {
                let path = local_path(src, "")
                    .ok_or_else(|| format!("remote script {src} is not allowed"))?;
                format!(
                    "<script>\n{}\n</script>",
                    read_text(&dir.join(path))?.replace("</script", "<\\/script")
                )
            }
            // `trunk serve`'s live reload has nothing to reload in a file.
            (None, false) if el.body.contains(TRUNK_RELOAD_MARK) => String::new(),
            (None, false) => index[el.start..el.end].to_string(),
        };
        edits.push((el.start, el.end, replacement));
    }
    for el in elements(index, "img") {
        if let Some(uri) = el
            .attr("src")
            .and_then(|s| local_path(s, ""))
            .and_then(|p| data_uri(dir, &p))
        {
            let tag = &index[el.start..el.end];
            let src = el.attr("src").unwrap();
            edits.push((el.start, el.end, tag.replacen(src, &uri, 1)));
        }
    }
    edits.sort_by_key(|e| e.0);
    for (start, end, text) in &edits {
        out.push_str(&index[last..*start]);
        out.push_str(text);
        last = *end;
    }
    out.push_str(&index[last..]);

    let bundle = linker.link(&entries)?;
    let assets = embed_assets(dir, &linker)?;
    // The data blocks first (they are read when the bundle runs), then the bundle at the end of
    // <body>: a module script runs after parsing, like the `type="module" src` it replaces.
    let privacy = if index.contains("id=\"how-to-check\"") {
        ""
    } else {
        privacy
    };
    let tail = format!(
        "{privacy}{assets}<script type=\"module\">\n{}\n</script>\n",
        bundle.replace("</script", "<\\/script")
    );
    let out = match out.rfind("</body>") {
        Some(i) => format!("{}{tail}{}", &out[..i], &out[i..]),
        None => format!("{out}{tail}"),
    };
    let out = Regex::new(r"\n\s*\n(\s*\n)+")
        .unwrap()
        .replace_all(&out, "\n\n")
        .into_owned();
    Ok(insert_csp(&out, &single_policy(&out)))
}

fn inline_css_urls(dir: &Path, css: &str, css_dir: &str) -> String {
    let re = Regex::new(r#"url\(\s*["']?([^"')]+)["']?\s*\)"#).unwrap();
    re.replace_all(css, |c: &regex::Captures| {
        match local_path(&c[1], css_dir).and_then(|p| data_uri(dir, &p)) {
            Some(uri) => format!("url(\"{uri}\")"),
            None => c[0].to_string(),
        }
    })
    .into_owned()
}

/// Every file of the staging directory the page might load at run time, as data blocks.
fn embed_assets(dir: &Path, linker: &Linker) -> Result<String, String> {
    let mut files = Vec::new();
    list_files(dir, "", &mut files);
    files.sort();
    let mut out = String::new();
    for rel in files {
        let lower = rel.to_ascii_lowercase();
        let skip = rel == "index.html"
            || rel == SINGLE_FILE
            || linker.modules.contains_key(&rel)
            || lower.ends_with(".html")
            || lower.ends_with(".css")
            || lower.ends_with(".js")
            || lower.ends_with(".mjs")
            || NEVER_EMBED.iter().any(|s| lower.ends_with(s));
        if skip {
            continue;
        }
        let bytes = fs::read(dir.join(&rel)).map_err(|e| format!("reading {rel}: {e}"))?;
        // Deflated when that saves a tenth or more: the wasm shrinks to about half.
        let packed = deflate_raw(&bytes);
        let (encoding, body) = if packed.len() * 10 < bytes.len() * 9 {
            (" data-encoding=\"deflate-raw\"", packed)
        } else {
            ("", bytes)
        };
        let _ = writeln!(
            out,
            "<script type=\"application/x-embedded-file\" data-path=\"{}\" data-type=\"{}\"{encoding}>{}</script>",
            escape_html(&rel),
            mime(&rel),
            base64(&body)
        );
    }
    Ok(out)
}

fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(rd) = fs::read_dir(dir.join(prefix)) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // .stage and the like: Trunk's, not the page's
        }
        let rel = join(prefix, &name);
        match e.file_type() {
            Ok(t) if t.is_dir() => list_files(dir, &rel, out),
            Ok(_) => out.push(rel),
            Err(_) => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Linking ES modules into one inline module script

/// The run time of the single file: an in-memory `fetch` for the embedded files, and a `Worker`
/// that refuses at once. They are module-scoped names, so they only shadow the browser's for the
/// bundled code; the browser's own stay as they are (and the CSP blocks them).
const RUNTIME: &str = r#"// Article Annotator, single-file build: the page's modules, linked by bundle-page.
const __base = new URL(".", document.baseURI).href;
const __files = new Map([...document.querySelectorAll('script[type="application/x-embedded-file"]')].map((el) => [el.dataset.path, el]));
const __cache = new Map();
/** The bytes of an embedded file: base64, possibly deflated (inflated by the browser's own DecompressionStream). */
async function __bytes(path) {
  let b = __cache.get(path);
  if (!b) {
    const el = __files.get(path);
    const text = el.textContent.trim();
    if (Uint8Array.fromBase64) b = Uint8Array.fromBase64(text);
    else { const s = atob(text); b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); }
    if (el.dataset.encoding === "deflate-raw") {
      b = new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());
    }
    __cache.set(path, b);
  }
  return b;
}
function __path(url) {
  const u = new URL(url instanceof Request ? url.url : String(url), document.baseURI).href.split(/[?#]/)[0];
  return u.startsWith(__base) ? decodeURIComponent(u.slice(__base.length)) : null;
}
const __fetch = globalThis.fetch;
/** Serves the embedded files; anything else goes to the browser's fetch (which the CSP blocks). */
async function fetch(input, init) {
  const path = __path(input);
  if (path !== null && __files.has(path)) {
    return new Response((await __bytes(path)).slice(), { status: 200, headers: { "Content-Type": __files.get(path).dataset.type } });
  }
  return __fetch(input, init);
}
/** The single file starts no workers (its policy says `worker-src 'none'`): refused at once, as
 *  browsers do from file://, so the page runs the core on its main thread, from disk or served. */
class Worker {
  constructor(url) { throw new DOMException(`no Web Workers in the single file (${url})`, "SecurityError"); }
}
function __export(ns, getters) {
  for (const [k, get] of Object.entries(getters)) Object.defineProperty(ns, k, { get, enumerable: true });
}
"#;

struct Linker {
    dir: PathBuf,
    /// path -> transformed module
    modules: BTreeMap<String, Transformed>,
    virtuals: HashMap<String, String>,
}

#[derive(Default, Debug)]
struct Transformed {
    id: usize,
    /// Body with imports and exports rewritten; `__M{n}` stand for module objects, resolved later.
    body: String,
    deps: Vec<String>,
    /// exported name -> local expression
    exports: Vec<(String, String)>,
    /// `export * from` sources
    star: Vec<String>,
    /// (exported name, source module, imported name); imported name `*` for `export * as ns`
    reexports: Vec<(String, String, String)>,
}

impl Linker {
    fn new(dir: &Path) -> Self {
        Linker {
            dir: dir.to_path_buf(),
            modules: BTreeMap::new(),
            virtuals: HashMap::new(),
        }
    }

    fn virtual_module(&mut self, path: &str, src: &str) {
        self.virtuals.insert(path.to_string(), src.to_string());
    }

    fn load(&mut self, path: &str, stack: &mut Vec<String>) -> Result<(), String> {
        if self.modules.contains_key(path) {
            return Ok(());
        }
        if stack.iter().any(|p| p == path) {
            return Err(format!(
                "import cycle through {path}: {}",
                stack.join(" -> ")
            ));
        }
        let src = match self.virtuals.get(path) {
            Some(s) => s.clone(),
            None => read_text(&self.dir.join(path))?,
        };
        let base = if path.starts_with("index.html#") {
            ""
        } else {
            dir_of(path)
        };
        let t = transform(&src, base).map_err(|e| format!("{path}: {e}"))?;
        stack.push(path.to_string());
        let deps: Vec<String> = t
            .deps
            .iter()
            .chain(&t.star)
            .cloned()
            .chain(t.reexports.iter().map(|r| r.1.clone()))
            .collect();
        for d in &deps {
            self.load(d, stack)?;
        }
        stack.pop();
        let id = self.modules.len();
        self.modules
            .insert(path.to_string(), Transformed { id, ..t });
        Ok(())
    }

    fn link(&mut self, entries: &[String]) -> Result<String, String> {
        for e in entries {
            self.load(e, &mut Vec::new())?;
        }
        // `load` inserts a module after its dependencies, so ids are a topological order.
        let mut order: Vec<(&String, &Transformed)> = self.modules.iter().collect();
        order.sort_by_key(|(_, t)| t.id);
        let ids: HashMap<&str, usize> = order.iter().map(|(p, t)| (p.as_str(), t.id)).collect();
        let mut out = String::from(RUNTIME);
        for (_, t) in &order {
            let _ = writeln!(out, "const __M{} = Object.create(null);", t.id);
        }
        for (path, t) in &order {
            let mut body = t.body.clone();
            for (dep, id) in &ids {
                body = body.replace(
                    &format!("__MODULE({})", js_string(dep)),
                    &format!("__M{id}"),
                );
            }
            let mut getters = String::new();
            for (name, local) in &t.exports {
                let _ = write!(getters, "{}: () => {local}, ", js_string(name));
            }
            for (name, from, imported) in &t.reexports {
                let m = ids[from.as_str()];
                let expr = if imported == "*" {
                    format!("__M{m}")
                } else {
                    format!("__M{m}[{}]", js_string(imported))
                };
                let _ = write!(getters, "{}: () => {expr}, ", js_string(name));
            }
            let meta = format!(
                "const __import_meta = {{ url: new URL({}, __base).href }};",
                js_string(path)
            );
            let exports = format!(
                "{}__export(__M{}, {{ {getters}}});",
                t.star
                    .iter()
                    .map(|s| format!("for (const k of Object.keys(__M{0})) if (k !== \"default\" && !(k in __M{1})) Object.defineProperty(__M{1}, k, {{ get: () => __M{0}[k], enumerable: true }});\n", ids[s.as_str()], t.id))
                    .collect::<String>(),
                t.id
            );
            let _ = write!(
                out,
                "\n// ---- {path}\n{{\n{meta}\n{}\n{exports}\n}}\n",
                body.trim_end()
            );
        }
        Ok(out)
    }
}

fn js_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---- A JavaScript tokenizer: enough to find import/export statements and `import.meta`.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Ident,
    Punct,
    Str,
    Template,
    Regex,
    Num,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// A line break between the previous token and this one.
    nl: bool,
}

const PUNCTS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>",
];
const REGEX_AFTER_WORDS: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let b = src.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    let mut nl = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            nl = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |j| i + j);
            continue;
        }
        if src[i..].starts_with("/*") {
            let j = src[i + 2..].find("*/").ok_or("unterminated comment")?;
            nl |= src[i..i + 2 + j].contains('\n');
            i += j + 4;
            continue;
        }
        let start = i;
        let kind = if c == b'"' || c == b'\'' {
            i = skip_string(b, i)?;
            Kind::Str
        } else if c == b'`' {
            i = skip_template(src, i)?;
            Kind::Template
        } else if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Kind::Num
        } else if c == b'/' && regex_allowed(src, toks.last()) {
            i = skip_regex(b, i)?;
            Kind::Regex
        } else if is_ident_char(src[i..].chars().next().unwrap()) || c == b'#' || c == b'\\' {
            i += src[i..].chars().next().unwrap().len_utf8();
            while let Some(ch) = src[i..].chars().next() {
                if !is_ident_char(ch) {
                    break;
                }
                i += ch.len_utf8();
            }
            Kind::Ident
        } else {
            i += PUNCTS
                .iter()
                .find(|p| src[i..].starts_with(**p))
                .map_or(1, |p| p.len());
            Kind::Punct
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
            nl,
        });
        nl = false;
    }
    Ok(toks)
}

fn regex_allowed(src: &str, prev: Option<&Tok>) -> bool {
    match prev {
        None => true,
        Some(t) => match t.kind {
            Kind::Num | Kind::Str | Kind::Template | Kind::Regex => false,
            Kind::Ident => REGEX_AFTER_WORDS.contains(&&src[t.start..t.end]),
            Kind::Punct => !matches!(&src[t.start..t.end], ")" | "]" | "++" | "--"),
        },
    }
}

fn skip_string(b: &[u8], mut i: usize) -> Result<usize, String> {
    let q = b[i];
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q => return Ok(i + 1),
            b'\n' => return Err("line break in a string".into()),
            _ => i += 1,
        }
    }
    Err("unterminated string".into())
}

fn skip_regex(b: &[u8], mut i: usize) -> Result<usize, String> {
    i += 1;
    let mut class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => {
                class = true;
                i += 1
            }
            b']' => {
                class = false;
                i += 1
            }
            b'/' if !class => {
                i += 1;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Ok(i);
            }
            b'\n' => return Err("line break in a regular expression".into()),
            _ => i += 1,
        }
    }
    Err("unterminated regular expression".into())
}

/// Skips a template literal, including `${ ... }` substitutions with nested code.
fn skip_template(src: &str, mut i: usize) -> Result<usize, String> {
    let b = src.as_bytes();
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return Ok(i + 1),
            b'$' if b.get(i + 1) == Some(&b'{') => {
                i += 2;
                let mut depth = 1;
                while depth > 0 {
                    if i >= b.len() {
                        return Err("unterminated template substitution".into());
                    }
                    match b[i] {
                        b'{' => {
                            depth += 1;
                            i += 1
                        }
                        b'}' => {
                            depth -= 1;
                            i += 1
                        }
                        b'"' | b'\'' => i = skip_string(b, i)?,
                        b'`' => i = skip_template(src, i)?,
                        b'/' if src[i..].starts_with("//") => {
                            i = src[i..].find('\n').map_or(b.len(), |j| i + j)
                        }
                        b'/' if src[i..].starts_with("/*") => {
                            i += src[i + 2..].find("*/").ok_or("unterminated comment")? + 4
                        }
                        _ => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    Err("unterminated template literal".into())
}

/// Rewrites one module: imports become reads of module objects, exports are collected,
/// and `import.meta` becomes the module's own URL.
fn transform(src: &str, base: &str) -> Result<Transformed, String> {
    let toks = tokenize(src)?;
    let text = |t: &Tok| &src[t.start..t.end];
    let is = |k: usize, s: &str| {
        toks.get(k)
            .is_some_and(|t| text(t) == s && t.kind != Kind::Str)
    };
    let resolve = |t: &Tok| -> Result<String, String> {
        let spec = &src[t.start + 1..t.end - 1];
        if !(spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/')) {
            return Err(format!("cannot bundle the bare import {spec:?}"));
        }
        local_path(spec, base).ok_or_else(|| format!("cannot resolve {spec:?}"))
    };
    let mut t = Transformed::default();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut depth = 0i32;
    let mut k = 0;
    while k < toks.len() {
        let tok = toks[k];
        let word = text(&tok);
        if tok.kind == Kind::Punct {
            match word {
                "{" | "(" | "[" => depth += 1,
                "}" | ")" | "]" => depth -= 1,
                _ => {}
            }
            k += 1;
            continue;
        }
        let after_dot = k > 0 && matches!(text(&toks[k - 1]), "." | "?.");
        if tok.kind != Kind::Ident || after_dot {
            k += 1;
            continue;
        }
        if word == "import" && is(k + 1, ".") && is(k + 2, "meta") {
            edits.push((tok.start, toks[k + 2].end, "__import_meta".into()));
            k += 3;
            continue;
        }
        if word == "import" && is(k + 1, "(") {
            if let (Some(s), true) = (toks.get(k + 2), is(k + 3, ")")) {
                if s.kind == Kind::Str {
                    let dep = resolve(s)?;
                    edits.push((
                        tok.start,
                        toks[k + 3].end,
                        format!("Promise.resolve(__MODULE({}))", js_string(&dep)),
                    ));
                    t.deps.push(dep);
                    k += 4;
                    continue;
                }
            }
            k += 1;
            continue;
        }
        if depth == 0 && word == "import" {
            k = import_statement(src, &toks, k, &resolve, &mut t, &mut edits)?;
            continue;
        }
        if depth == 0 && word == "export" {
            k = export_statement(src, &toks, k, &resolve, &mut t, &mut edits)?;
            continue;
        }
        k += 1;
    }
    edits.sort_by_key(|e| e.0);
    let mut body = String::with_capacity(src.len());
    let mut last = 0;
    for (s, e, r) in edits {
        body.push_str(&src[last..s]);
        body.push_str(&r);
        last = e;
    }
    body.push_str(&src[last..]);
    t.body = body;
    t.deps.dedup();
    Ok(t)
}

/// Parses `{ a, b as c, default as d }` starting at the `{`; returns the pairs and the index
/// after the `}`.
fn specifiers(
    src: &str,
    toks: &[Tok],
    mut k: usize,
) -> Result<(Vec<(String, String)>, usize), String> {
    let text = |k: usize| toks.get(k).map_or("", |t| &src[t.start..t.end]);
    let name = |k: usize| {
        let t = toks[k];
        if t.kind == Kind::Str {
            src[t.start + 1..t.end - 1].to_string()
        } else {
            src[t.start..t.end].to_string()
        }
    };
    k += 1;
    let mut out = Vec::new();
    while k < toks.len() && text(k) != "}" {
        let a = name(k);
        k += 1;
        let b = if text(k) == "as" {
            k += 1;
            let b = name(k);
            k += 1;
            b
        } else {
            a.clone()
        };
        out.push((a, b));
        if text(k) == "," {
            k += 1;
        }
    }
    if k >= toks.len() {
        return Err("unterminated { ... } in an import or export".into());
    }
    Ok((out, k + 1))
}

fn module_ref(dep: &str) -> String {
    format!("__MODULE({})", js_string(dep))
}

fn import_statement(
    src: &str,
    toks: &[Tok],
    k0: usize,
    resolve: &dyn Fn(&Tok) -> Result<String, String>,
    t: &mut Transformed,
    edits: &mut Vec<(usize, usize, String)>,
) -> Result<usize, String> {
    let text = |k: usize| toks.get(k).map_or("", |t| &src[t.start..t.end]);
    let mut k = k0 + 1;
    let mut default = None;
    let mut namespace = None;
    let mut named = Vec::new();
    if toks.get(k).is_some_and(|t| t.kind != Kind::Str) {
        loop {
            match text(k) {
                "{" => {
                    let (n, next) = specifiers(src, toks, k)?;
                    named = n;
                    k = next;
                }
                "*" => {
                    namespace = Some(text(k + 2).to_string());
                    k += 3;
                }
                "," => k += 1,
                "from" => {
                    k += 1;
                    break;
                }
                w if toks.get(k).is_some_and(|t| t.kind == Kind::Ident) => {
                    default = Some(w.to_string());
                    k += 1;
                }
                w => return Err(format!("unexpected {w:?} in an import")),
            }
        }
    }
    let spec = toks
        .get(k)
        .filter(|t| t.kind == Kind::Str)
        .ok_or("import without a module")?;
    let dep = resolve(spec)?;
    k += 1;
    if matches!(text(k), "with" | "assert") && text(k + 1) == "{" {
        return Err("import attributes (JSON modules) are not supported".into());
    }
    let mut end = spec.end;
    if text(k) == ";" {
        end = toks[k].end;
        k += 1;
    }
    let m = module_ref(&dep);
    let mut code = Vec::new();
    if let Some(d) = default {
        code.push(format!("const {d} = {m}.default;"));
    }
    if let Some(ns) = namespace {
        code.push(format!("const {ns} = {m};"));
    }
    if !named.is_empty() {
        let parts: Vec<String> = named
            .iter()
            .map(|(a, b)| {
                if a == b {
                    a.clone()
                } else {
                    format!("{}: {b}", js_string(a))
                }
            })
            .collect();
        code.push(format!("const {{ {} }} = {m};", parts.join(", ")));
    }
    edits.push((toks[k0].start, end, code.join(" ")));
    t.deps.push(dep);
    Ok(k)
}

fn export_statement(
    src: &str,
    toks: &[Tok],
    k0: usize,
    resolve: &dyn Fn(&Tok) -> Result<String, String>,
    t: &mut Transformed,
    edits: &mut Vec<(usize, usize, String)>,
) -> Result<usize, String> {
    let text = |k: usize| toks.get(k).map_or("", |t| &src[t.start..t.end]);
    let start = toks[k0].start;
    let k = k0 + 1;
    let statement_end = |k: usize| {
        if text(k) == ";" {
            (toks[k].end, k + 1)
        } else {
            (toks[k - 1].end, k)
        }
    };
    match text(k) {
        "{" => {
            let (names, mut next) = specifiers(src, toks, k)?;
            if text(next) == "from" {
                let spec = toks
                    .get(next + 1)
                    .filter(|t| t.kind == Kind::Str)
                    .ok_or("export ... from without a module")?;
                let dep = resolve(spec)?;
                for (local, exported) in names {
                    t.reexports.push((exported, dep.clone(), local));
                }
                next += 2;
            } else {
                for (local, exported) in names {
                    t.exports.push((exported, local));
                }
            }
            let (end, next) = statement_end(next);
            edits.push((start, end, String::new()));
            Ok(next)
        }
        "*" => {
            let (as_name, from_at) = if text(k + 1) == "as" {
                (Some(text(k + 2).to_string()), k + 3)
            } else {
                (None, k + 1)
            };
            if text(from_at) != "from" {
                return Err("export * without from".into());
            }
            let spec = toks
                .get(from_at + 1)
                .filter(|t| t.kind == Kind::Str)
                .ok_or("export * from without a module")?;
            let dep = resolve(spec)?;
            match as_name {
                Some(n) => t.reexports.push((n, dep, "*".into())),
                None => t.star.push(dep),
            }
            let (end, next) = statement_end(from_at + 2);
            edits.push((start, end, String::new()));
            Ok(next)
        }
        "default" => {
            let mut d = k + 1;
            if text(d) == "async" && text(d + 1) == "function" {
                d += 1;
            }
            if matches!(text(d), "function" | "class") {
                let mut n = d + 1;
                if text(n) == "*" {
                    n += 1;
                }
                let named = toks.get(n).is_some_and(|t| t.kind == Kind::Ident)
                    && !matches!(text(n), "extends");
                if named {
                    t.exports.push(("default".into(), text(n).to_string()));
                    edits.push((start, toks[k + 1].start, String::new()));
                } else {
                    t.exports.push(("default".into(), "__default".into()));
                    edits.push((start, toks[k + 1].start, String::new()));
                    edits.push((toks[n - 1].end, toks[n - 1].end, " __default".into()));
                }
            } else {
                t.exports.push(("default".into(), "__default".into()));
                edits.push((start, toks[k + 1].start, "const __default = ".into()));
            }
            Ok(k + 1)
        }
        "async" | "function" | "class" => {
            let mut n = k;
            if text(n) == "async" {
                n += 1;
            }
            n += 1;
            if text(n) == "*" {
                n += 1;
            }
            t.exports.push((text(n).to_string(), text(n).to_string()));
            edits.push((start, toks[k].start, String::new()));
            Ok(k)
        }
        "const" | "let" | "var" => {
            // Names: the first declarator, and every `, name =` / `, name,` at the same depth
            // until the statement ends.
            let mut names = Vec::new();
            let mut n = k + 1;
            if toks.get(n).is_some_and(|t| t.kind == Kind::Ident) {
                names.push(text(n).to_string());
            } else {
                return Err("export of a destructuring declaration is not supported".into());
            }
            let mut depth = 0;
            n += 1;
            while n < toks.len() {
                let w = text(n);
                match w {
                    "{" | "(" | "[" => depth += 1,
                    "}" | ")" | "]" => depth -= 1,
                    ";" if depth == 0 => break,
                    "," if depth == 0 && toks.get(n + 1).is_some_and(|t| t.kind == Kind::Ident) => {
                        if matches!(text(n + 2), "=" | "," | ";") {
                            names.push(text(n + 1).to_string());
                        }
                    }
                    _ => {}
                }
                if depth == 0
                    && toks.get(n + 1).is_some_and(|t| t.nl)
                    && !matches!(w, "," | "=" | "{" | "(" | "[")
                {
                    let next = text(n + 1);
                    if !matches!(
                        next,
                        "," | "."
                            | "?."
                            | "?"
                            | ":"
                            | "+"
                            | "-"
                            | "*"
                            | "/"
                            | "&&"
                            | "||"
                            | "??"
                            | "("
                            | "["
                            | "=>"
                    ) {
                        break;
                    }
                }
                n += 1;
            }
            for name in names {
                t.exports.push((name.clone(), name));
            }
            edits.push((start, toks[k].start, String::new()));
            Ok(k)
        }
        w => Err(format!("unsupported export form: export {w}")),
    }
}

// ---------------------------------------------------------------------------------------------
// DEFLATE (RFC 1951), fixed Huffman codes: LZ77 over a 32 KiB window with hash chains. The
// browser inflates it with `DecompressionStream("deflate-raw")`.

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    /// `n` bits of `v`, least significant first (data values and extra bits).
    fn bits(&mut self, v: u32, n: u32) {
        self.acc |= (v as u64) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.bits(reversed, len);
    }

    /// A literal/length symbol in the fixed code.
    fn symbol(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xC0 + sym - 280, 8),
        }
    }
}

const LEN_BASE: [u32; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u32; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u32; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

fn deflate_raw(data: &[u8]) -> Vec<u8> {
    const WINDOW: usize = 32768;
    const HASH_BITS: u32 = 15;
    const MAX_CHAIN: usize = 128;
    const NONE: usize = usize::MAX;
    let mut w = BitWriter {
        out: Vec::with_capacity(data.len() / 2),
        acc: 0,
        n: 0,
    };
    w.bits(1, 1); // the final block
    w.bits(1, 2); // fixed Huffman codes
    let hash = |i: usize| {
        let v = (data[i] as u32) << 16 | (data[i + 1] as u32) << 8 | data[i + 2] as u32;
        (v.wrapping_mul(2654435761) >> (32 - HASH_BITS)) as usize
    };
    let mut head = vec![NONE; 1 << HASH_BITS];
    let mut prev = vec![NONE; data.len()];
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + 3 <= data.len() {
            let h = hash(i);
            prev[i] = head[h];
            head[h] = i;
        }
    };
    let mut i = 0;
    while i < data.len() {
        let (mut best_len, mut best_dist) = (0, 0);
        if i + 3 <= data.len() {
            let max = (data.len() - i).min(258);
            let mut cand = head[hash(i)];
            let mut chain = 0;
            while cand != NONE && i - cand <= WINDOW && chain < MAX_CHAIN {
                let mut l = 0;
                while l < max && data[cand + l] == data[i + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_dist = i - cand;
                    if l == max {
                        break;
                    }
                }
                cand = prev[cand];
                chain += 1;
            }
        }
        if best_len >= 3 {
            let li = LEN_BASE
                .iter()
                .rposition(|&b| b as usize <= best_len)
                .unwrap();
            w.symbol(257 + li as u32);
            w.bits(best_len as u32 - LEN_BASE[li], LEN_EXTRA[li]);
            let di = DIST_BASE
                .iter()
                .rposition(|&b| b as usize <= best_dist)
                .unwrap();
            w.code(di as u32, 5);
            w.bits(best_dist as u32 - DIST_BASE[di], DIST_EXTRA[di]);
            for j in i..i + best_len {
                insert(j, &mut head, &mut prev);
            }
            i += best_len;
        } else {
            w.symbol(data[i] as u32);
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    w.symbol(256);
    if w.n > 0 {
        w.out.push(w.acc as u8);
    }
    w.out
}

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4) and base64 (RFC 4648)

fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha256_known_vectors() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            hex(&sha256(long)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&sha256(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn deflate_is_valid_and_small() {
        // Output for a short input with one back-reference; zlib inflates it to the input.
        assert_eq!(base64(&deflate_raw(b"abcabcabc")), "S0xKhiAA");
        assert_eq!(base64(&deflate_raw(b"")), "AwA=");
        let text = "the quick brown fox jumps over the lazy dog. ".repeat(200);
        assert!(deflate_raw(text.as_bytes()).len() < text.len() / 20);
    }

    #[test]
    fn base64_rfc4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn imports_and_exports_are_rewritten() {
        let src = r#"import init, { annotate as run, version } from "./pkg/glue.js";
import * as render from './render.js';
export const a = 1, b = [1, 2];
export function f() { return `x ${ {y: 1}.y } import`; }
export default class { }
export { a as c };
const re = /import "x"/g;
const url = new URL("w.js", import.meta.url);
"#;
        let t = transform(src, "").unwrap();
        assert_eq!(t.deps, vec!["pkg/glue.js", "render.js"]);
        let names: Vec<&str> = t.exports.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(names, vec!["a", "b", "f", "default", "c"]);
        assert!(t.body.contains(r#"const init = __MODULE("pkg/glue.js").default; const { "annotate": run, version } = __MODULE("pkg/glue.js");"#), "{}", t.body);
        assert!(t.body.contains(r#"const render = __MODULE("render.js");"#));
        assert!(t.body.contains("class __default { }"), "{}", t.body);
        assert!(t.body.contains(r#"/import "x"/g"#));
        assert!(t.body.contains("new URL(\"w.js\", __import_meta.url)"));
        assert!(!t.body.contains("export"));
    }

    #[test]
    fn export_default_expression_and_reexports() {
        let t = transform(
            "export default 42;\nexport * from './x.js';\nexport { y as z } from \"./y.js\";\n",
            "lib",
        )
        .unwrap();
        assert!(t.body.starts_with("const __default = 42;"));
        assert_eq!(t.star, vec!["lib/x.js"]);
        assert_eq!(
            t.reexports,
            vec![("z".to_string(), "lib/y.js".to_string(), "y".to_string())]
        );
    }

    #[test]
    fn bare_imports_are_refused() {
        assert!(transform("import x from 'react';", "").is_err());
    }

    #[test]
    fn csp_goes_first_in_head_and_hashes_inline_code() {
        let html =
            "<html><head><title>t</title><script>a()</script><style>p{}</style></head></html>";
        let out = insert_csp(html, &single_policy(html));
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<title>").unwrap());
        assert!(out.contains(&format!("'sha256-{}'", base64(&sha256(b"a()")))));
        assert!(out.contains(&format!("style-src 'sha256-{}'", base64(&sha256(b"p{}")))));
        assert!(out.contains("connect-src 'none'"));
        assert_eq!(strip_csp(&out), html);
    }

    #[test]
    fn markdown_subset() {
        let html = markdown_blocks(&[
            "Some `code` <b>.",
            "",
            "1. one",
            "2. two [x](#y)",
            "",
            "- a",
        ]);
        assert_eq!(
            html,
            "<p>Some <code>code</code> &lt;b&gt;.</p>\n<ol>\n<li>one</li>\n<li>two <a href=\"#y\">x</a></li>\n</ol>\n<ul>\n<li>a</li>\n</ul>\n"
        );
    }
}
