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
  // A phrase is checked in the text of each result, which costs that result's fragment (1 to 8 KB).
  // A step checks at most this many, so that a phrase whose telling word is in every document
  // loads 40 fragments, not thousands; "Meer resultaten" checks the next 40.
  const PHRASE_CHECKS_PER_STEP = 40;
  // Words of a phrase result's excerpt before its phrase, and from the phrase on: about the 30 words
  // of Pagefind's own excerpts.
  const EXCERPT_WORDS_BEFORE = 12;
  const EXCERPT_WORDS_FROM_PHRASE = 18;
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const siteRoot = new URL(config.base || ".", location.href);
  const number = (value) => value.toLocaleString("nl-NL");
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
    // "2 overeenkomende documenten in de eerste 40 van 45 documenten": a phrase checked so far.
    checked: (read, total) => ` in de eerste ${number(read)} van ${number(total)} documenten`,
    // "12 overeenkomende documenten uit 2020–2025"
    searched: (years) => ` uit ${years}`,
    older: (years) => `Ook zoeken in ${years}`,
    onlyCommon: "Deze woorden staan in bijna elk document; zoek met een woord dat meer zegt",
  };

  // Words in nearly every Dutch text, and those every written question has. Pagefind lists the pages
  // that have all the words of a query, so these narrow nothing down, yet each costs the index
  // chunk that lists where it occurs: in an index of 14,000 dossiers 354 KB for "de", 141 KB for
  // "u", which take a query over 500 KB on their own or two together (docs/zoeken.md). A query
  // leaves them out, in quotes too; one of nothing else asks for a word that says more.
  const COMMON_WORDS = new Set(
    `aan al als bij dat de deze die dit door een en er heeft het in is met naar niet of om ook op over te
     u uw van voor wordt worden zijn vraag vragen antwoord`.split(/\s+/),
  );
  const isCommon = (word) => COMMON_WORDS.has(word.toLocaleLowerCase("nl").replace(/[^\p{L}\p{N}]/gu, ""));
  const wordsOf = (text) => text.split(/\s+/).filter(Boolean);

  // What to ask Pagefind for a query, and the phrases the box then checks itself. Pagefind matches a
  // phrase only when the whole query is one, and needs the chunk of each of its words for that, so
  // it gets such a query as typed only when no word in it is common. Otherwise it gets the telling
  // words of the phrases and of the rest, and the box keeps the results whose text has each phrase.
  function plan(terms) {
    const phrases = [...terms.matchAll(/"([^"]*)"/g)].map(([, phrase]) => phrase.trim()).filter(Boolean);
    const loose = wordsOf(terms.replace(/"[^"]*"/g, " ").replaceAll('"', " "));
    const phraseWords = phrases.flatMap(wordsOf);
    const pagefindMatchesIt = phrases.length === 1 && !loose.length && !phraseWords.some(isCommon);
    if (pagefindMatchesIt) return { ask: terms, phrases: [] };
    return { ask: [...loose, ...phraseWords].filter((word) => !isCommon(word)).join(" "), phrases };
  }

  // A phrase as a text may have it: in any case, with any whitespace between its words, and as
  // whole words ("de gegevens" is neither in "benodigde gegevens" nor in "de gegevensverwerking").
  function phrasePattern(phrases, flags) {
    const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const alternatives = phrases.map((phrase) => wordsOf(phrase).map(escape).join("\\s+"));
    return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join("|")})(?![\\p{L}\\p{N}])`, flags);
  }

  const hasEveryPhrase = (content, phrases) =>
    phrases.every((phrase) => phrasePattern([phrase], "iu").test(content));

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
    return text.other.replace("#", number(total));
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

  // Pagefind's excerpt of a phrase result shows where the phrase's telling words are, not the
  // phrase: this one is the page text around the phrase's first occurrence, each phrase marked.
  // The text is plain (Pagefind keeps a page's content as text), so it is shown as text.
  function phraseExcerpt(content, phrases) {
    const at = content.search(phrasePattern(phrases, "iu"));
    const before = content.slice(0, at).split(/\s+/);
    const from = content.slice(at).split(/\s+/);
    // The last word before may be glued to the phrase ("«de Amerikaanse").
    const shown = [
      ...before.slice(-EXCERPT_WORDS_BEFORE - 1, -1),
      before.at(-1) + from[0],
      ...from.slice(1, EXCERPT_WORDS_FROM_PHRASE),
    ].join(" ").trim();
    const paragraph = element("p");
    // Split on a pattern with one group, the phrases found sit at the odd places.
    shown
      .split(phrasePattern(phrases, "iu"))
      .forEach((part, index) => paragraph.append(index % 2 ? element("mark", {}, [part]) : part));
    return paragraph;
  }

  function resultItem(data, phrases) {
    // Unlike the excerpt, Pagefind keeps the title as plain text: it is shown as it is.
    const title = data.meta?.title || data.url;
    return element("li", { class: "md-search-result__item" }, [
      element("a", { href: data.url, class: "md-search-result__link", tabindex: "-1" }, [
        element("article", { class: "md-search-result__article md-typeset" }, [
          element("div", { class: "md-search-result__icon md-icon" }),
          element("h1", {}, [title]),
          phrases.length ? phraseExcerpt(data.content, phrases) : excerpt(data.excerpt || ""),
        ]),
      ]),
    ]);
  }

  // The answer to a query: Pagefind's results, best first; how many of them the box has read (loaded
  // their data), those read that have every phrase of the query (all of them without a phrase), and
  // how many of those are listed.
  function newAnswer(results, phrases, years) {
    return { results, phrases, years, read: 0, matching: [], listed: 0 };
  }
  let current = 0; // increases with every query, so that a late answer to an old one is dropped

  // Reads the next ten results; for a phrase, checks results until ten more have it or a step's
  // 40 are checked.
  async function readStep(answer, query) {
    const limit = answer.phrases.length ? PHRASE_CHECKS_PER_STEP : RESULTS_PER_STEP;
    const end = Math.min(answer.results.length, answer.read + limit);
    while (answer.read < end && answer.matching.length - answer.listed < RESULTS_PER_STEP) {
      const next = answer.results.slice(answer.read, Math.min(end, answer.read + RESULTS_PER_STEP));
      const loaded = await Promise.all(next.map((result) => result.data()));
      if (query !== current) return;
      answer.read += next.length;
      answer.matching.push(...loaded.filter((data) => hasEveryPhrase(data.content, answer.phrases)));
    }
  }

  // "12 overeenkomende documenten uit 2020–2025"; a phrase's count says how far it is checked.
  function summary(answer) {
    const unread = answer.results.length - answer.read;
    const checked = answer.phrases.length && unread ? text.checked(answer.read, answer.results.length) : "";
    const found = answer.phrases.length ? answer.matching.length : answer.results.length;
    return count(found) + checked + (answer.years ? text.searched(answer.years) : "");
  }

  async function showMore(answer, query) {
    await readStep(answer, query);
    if (query !== current) return;
    const batch = answer.matching.slice(answer.listed, answer.listed + RESULTS_PER_STEP);
    answer.listed += batch.length;
    list.querySelector("[data-pagefind-more]")?.remove();
    list.append(...batch.map((data) => resultItem(data, answer.phrases)));
    if (answer.listed < answer.matching.length || answer.read < answer.results.length) {
      const button = element("button", { type: "button", class: "md-search-result__more" }, [text.more]);
      button.addEventListener("click", () => {
        // One step at a time: a second click while a phrase is checked would read the same results.
        button.disabled = true;
        showMore(answer, query);
      });
      list.append(element("li", { class: "md-search-result__item", "data-pagefind-more": "" }, [button]));
    }
    meta.textContent = summary(answer);
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
    const { ask, phrases } = plan(terms);
    if (!ask) {
      list.replaceChildren();
      olderRow.hidden = true;
      // Quotes alone are no words yet.
      meta.textContent = /[\p{L}\p{N}]/u.test(terms) ? text.onlyCommon : text.placeholder;
      return;
    }
    meta.textContent = text.loading;
    try {
      const [engine, known] = await Promise.all([loadPagefind(), loadPeriods()]);
      const found = await engine.debouncedSearch(ask, {}, 150);
      // null: a newer query superseded this one while it waited.
      if (found === null || query !== current) return;
      list.replaceChildren();
      await showMore(newAnswer(found.results, phrases, known.length > 1 ? searchedYears(known) : ""), query);
      if (query !== current) return;
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
