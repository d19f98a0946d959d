// The header's search box, answered by Pagefind. The dossier-search plugin adds this script only
// when it chose Pagefind, and then turns off Material's own search, which would download the whole
// lunr index. The box is drawn here, with Material's classes so it looks and opens the same
// (the #__search toggle in Material's page), so that without JavaScript there is no dead box.
// The form is not named "search": Material's script would then fetch its lunr index after all.
// A large site has several indexes, one per period of years (pagefind/periods.json, newest first):
// the box searches the newest, says which years it searched, and under the results offers the next
// older period, which it merges in (Pagefind's mergeIndex) before asking again.
(() => {
  const header = document.querySelector(".md-header__inner");
  const toggle = document.getElementById("__search");
  if (!header || !toggle || document.querySelector("[data-pagefind-search]")) return;

  const RESULTS_PER_STEP = 10;
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const siteRoot = new URL(config.base || ".", location.href);
  // Material's own Dutch wording, which its page carries for its search.
  const translations = Object.fromEntries(
    Object.entries(config.translations || {}).map(([key, value]) => [key, String(value).trim()]),
  );
  const text = {
    label: "Zoeken",
    clear: "Wissen",
    more: "Meer resultaten",
    loading: "Zoeken…",
    failed: "Zoeken is nu niet beschikbaar",
    placeholder: translations["search.result.placeholder"] || "Typ om te beginnen met zoeken",
    none: translations["search.result.none"] || "Geen overeenkomende documenten",
    one: translations["search.result.one"] || "1 overeenkomend document",
    other: translations["search.result.other"] || "# overeenkomende documenten",
    // "12 overeenkomende documenten uit 2020–2025"
    searched: (years) => ` uit ${years}`,
    older: (years) => `Ook zoeken in ${years}`,
    onlyCommon: "Deze woorden staan in bijna elk document; zoek met een woord dat meer zegt",
  };

  // Words in nearly every Dutch text, and those every written question has. Pagefind lists the pages
  // that have all the words of a query, so these narrow nothing down, yet each costs the index
  // chunk that lists where it occurs: in an index of 14,000 dossiers 354 KB for "de", 141 KB for
  // "u", which take a query over 500 KB on their own or two together (docs/zoeken.md). A query
  // leaves them out; one of nothing else asks for a word that says more. A phrase in quotes is
  // searched as typed.
  const COMMON_WORDS = new Set(
    `aan al als bij dat de deze die dit door een en er heeft het in is met naar niet of om ook op over te
     u uw van voor wordt worden zijn vraag vragen antwoord`.split(/\s+/),
  );

  function withoutCommonWords(terms) {
    if (terms.includes('"')) return terms;
    const words = terms.split(/\s+/);
    const bare = (word) => word.toLocaleLowerCase("nl").replace(/[^\p{L}\p{N}]/gu, "");
    return words.filter((word) => !COMMON_WORDS.has(bare(word))).join(" ");
  }

  const SVG = "http://www.w3.org/2000/svg";
  // Simple line icons drawn for this box, in the size and colour of Material's header icons.
  const ICONS = {
    magnify: ["M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12z", "M14.5 14.5 20 20"],
    back: ["M20 12H5", "M11 6 5 12l6 6"],
    close: ["M6 6l12 12", "M18 6 6 18"],
  };

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function icon(name) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    for (const path of ICONS[name]) {
      const line = document.createElementNS(SVG, "path");
      line.setAttribute("d", path);
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", "currentColor");
      line.setAttribute("stroke-width", "2");
      line.setAttribute("stroke-linecap", "round");
      svg.append(line);
    }
    return svg;
  }

  const input = element("input", {
    type: "text",
    class: "md-search__input",
    name: "query",
    "aria-label": text.label,
    placeholder: text.label,
    autocapitalize: "off",
    autocorrect: "off",
    autocomplete: "off",
    spellcheck: "false",
    required: "",
  });
  const clear = element(
    "button",
    { type: "reset", class: "md-search__icon md-icon", title: text.clear, "aria-label": text.clear, tabindex: "-1" },
    [icon("close")],
  );
  const meta = element("div", { class: "md-search-result__meta", role: "status" }, [text.placeholder]);
  const list = element("ol", { class: "md-search-result__list", role: "presentation" });
  const older = element("button", { type: "button", class: "md-search-result__older" });
  const olderRow = element("div", { class: "md-search-result__periods", hidden: "" }, [older]);
  const form = element("form", { class: "md-search__form", name: "pagefind-search" }, [
    input,
    element("label", { class: "md-search__icon md-icon", for: "__search" }, [icon("magnify"), icon("back")]),
    element("nav", { class: "md-search__options", "aria-label": text.label }, [clear]),
  ]);
  const dialog = element("div", { class: "md-search", role: "dialog", "aria-label": text.label, "data-pagefind-search": "" }, [
    element("label", { class: "md-search__overlay", for: "__search" }),
    element("div", { class: "md-search__inner", role: "search" }, [
      form,
      element("div", { class: "md-search__output" }, [
        element("div", { class: "md-search__scrollwrap", tabindex: "0" }, [
          element("div", { class: "md-search-result" }, [meta, list, olderRow]),
        ]),
      ]),
    ]),
  ]);
  const opener = element("label", { class: "md-header__button md-icon", for: "__search", title: text.label }, [
    icon("magnify"),
  ]);
  // Where Material puts its own search: before the repository link, else at the end of the header.
  header.insertBefore(opener, header.querySelector(".md-header__source"));
  header.insertBefore(dialog, header.querySelector(".md-header__source"));

  let pagefind = null;
  function loadPagefind() {
    pagefind ??= import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (module) => {
      // Result URLs are site paths ("/dossiers/…/"); the site may live below the host's root.
      await module.options({ baseUrl: siteRoot.pathname });
      return module;
    });
    return pagefind;
  }

  // The indexes, newest first: [{path, years, first_year, last_year, pages}]; without the list
  // (a site indexed before there were periods) the box searches its one index as it always did.
  let periods = null;
  function loadPeriods() {
    periods ??= fetch(new URL("pagefind/periods.json", siteRoot))
      .then((response) => (response.ok ? response.json() : {}))
      .then((manifest) => (Array.isArray(manifest.periods) ? manifest.periods : []))
      .catch(() => []);
    return periods;
  }
  let merged = 1; // how many of the periods, newest first, the engine searches

  // The years searched, from the oldest merged period's first to the newest's last: "2014–2025".
  function searchedYears(known) {
    const searched = known.slice(0, merged);
    const first = searched.at(-1)?.first_year;
    const last = searched[0]?.last_year;
    if (first == null || last == null) return "";
    return first === last ? String(first) : `${first}–${last}`;
  }

  function open() {
    toggle.checked = true;
    input.focus();
    loadPagefind().catch(() => {});
    loadPeriods();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function count(total) {
    if (total === 0) return text.none;
    if (total === 1) return text.one;
    return text.other.replace("#", total.toLocaleString("nl-NL"));
  }

  // Text as Pagefind stores it (HTML entities) turned into plain text. A template's content is
  // inert: nothing in it runs or loads, and only its text is kept.
  function decoded(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent;
  }

  // An excerpt is indexed text with <mark> around the words found; everything else in it is shown
  // as text, so nothing in a dossier can become markup.
  function excerpt(marked) {
    const paragraph = element("p");
    marked.split(/(<mark>.*?<\/mark>)/s).forEach((part) => {
      const hit = part.startsWith("<mark>");
      const plain = decoded(hit ? part.slice("<mark>".length, -"</mark>".length) : part);
      paragraph.append(hit ? element("mark", {}, [plain]) : plain);
    });
    return paragraph;
  }

  function resultItem(data) {
    // Unlike the excerpt, Pagefind keeps the title as plain text: it is shown as it is.
    const title = data.meta?.title || data.url;
    return element("li", { class: "md-search-result__item" }, [
      element("a", { href: data.url, class: "md-search-result__link", tabindex: "-1" }, [
        element("article", { class: "md-search-result__article md-typeset" }, [
          element("div", { class: "md-search-result__icon md-icon" }),
          element("h1", {}, [title]),
          excerpt(data.excerpt || ""),
        ]),
      ]),
    ]);
  }

  let shown = [];
  let current = 0; // increases with every query, so that a late answer to an old one is dropped

  async function showMore(query) {
    const start = list.querySelectorAll(".md-search-result__item:not([data-pagefind-more])").length;
    const batch = await Promise.all(shown.slice(start, start + RESULTS_PER_STEP).map((result) => result.data()));
    if (query !== current) return;
    list.querySelector("[data-pagefind-more]")?.remove();
    list.append(...batch.map(resultItem));
    if (start + batch.length < shown.length) {
      const button = element("button", { type: "button", class: "md-button" }, [text.more]);
      button.addEventListener("click", () => showMore(query));
      list.append(element("li", { class: "md-search-result__item", "data-pagefind-more": "" }, [button]));
    }
  }

  // Shown with an answer, in the same step as its results (so nothing moves once they are drawn),
  // while an older period is left to search.
  function offerOlder(known) {
    const next = known.length > 1 ? known[merged] : undefined;
    olderRow.hidden = !next;
    if (next) older.textContent = text.older(next.years);
  }

  async function search() {
    const query = ++current;
    const terms = input.value.trim();
    const telling = withoutCommonWords(terms);
    if (!telling) {
      shown = [];
      list.replaceChildren();
      olderRow.hidden = true;
      meta.textContent = terms ? text.onlyCommon : text.placeholder;
      return;
    }
    meta.textContent = text.loading;
    try {
      const [engine, known] = await Promise.all([loadPagefind(), loadPeriods()]);
      const found = await engine.debouncedSearch(telling, {}, 150);
      // null: a newer query superseded this one while it waited.
      if (found === null || query !== current) return;
      shown = found.results;
      list.replaceChildren();
      await showMore(query);
      if (query !== current) return;
      const years = known.length > 1 ? searchedYears(known) : "";
      meta.textContent = count(shown.length) + (years ? text.searched(years) : "");
      offerOlder(known);
    } catch (error) {
      if (query === current) meta.textContent = text.failed;
      console.warn("Pagefind:", error);
    }
  }

  let merging = null;
  async function searchOlder() {
    if (merging) return merging;
    merging = (async () => {
      const [engine, known] = await Promise.all([loadPagefind(), loadPeriods()]);
      const next = known[merged];
      if (!next) return;
      meta.textContent = text.loading;
      // Pagefind fetches the period's page list now and its word chunks with each query.
      await engine.mergeIndex(new URL(next.path, siteRoot).pathname, { baseUrl: siteRoot.pathname });
      merged += 1;
      const wasFocused = document.activeElement === older;
      await search();
      // The control goes once the oldest period is in; the keyboard goes back to the box.
      if (wasFocused && olderRow.hidden) input.focus();
    })()
      .catch((error) => {
        meta.textContent = text.failed;
        console.warn("Pagefind:", error);
      })
      .finally(() => (merging = null));
    return merging;
  }

  function results() {
    const links = [...list.querySelectorAll(".md-search-result__link, [data-pagefind-more] button")];
    return olderRow.hidden ? links : [...links, older];
  }

  input.addEventListener("input", search);
  older.addEventListener("click", searchOlder);
  input.addEventListener("focus", () => (toggle.checked = true));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    results()[0]?.click();
  });
  form.addEventListener("reset", () => setTimeout(() => (search(), input.focus())));
  // A label tap only toggles the box; the input is focused too so that a phone shows its keyboard.
  opener.addEventListener("click", () => setTimeout(() => toggle.checked && input.focus()));
  toggle.addEventListener("change", () => (toggle.checked ? open() : close()));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]");
    if (!toggle.checked) {
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
      }
      return;
    }
    const links = results();
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)]?.focus();
    }
  });
})();
