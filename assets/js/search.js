// Search, on the search page only: asks Pagefind's bundle (built into
// public/pagefind/ by site build) and lists the results in the page's
// language. The form works with the keyboard; the status line is a live
// region, so that screen readers hear how many results there are.
const form = document.querySelector("form[data-pagefind]");
const input = form.querySelector("input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const more = document.getElementById("search-more");
// The links to this page in the other languages (the header's).
const otherLanguages = document.querySelectorAll("a[hreflang][rel~=alternate]");
const plural = new Intl.PluralRules(document.documentElement.lang);
const pageSize = 20;
let pagefind;
form.hidden = false;

// say sets the status line, a message of the form with its placeholders.
function say(message, values = {}) {
  status.textContent = Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), message);
}

// resultsMessage is the message for a number of results, in its plural
// form.
function resultsMessage(number) {
  const category = plural.select(number); // "one", "many", "other"…
  return form.dataset[`results${category[0].toUpperCase()}${category.slice(1)}`] ?? form.dataset.resultsOther;
}

// keep gives the query to the links to the other languages, whose search
// page runs it on arrival.
function keep(query) {
  for (const link of otherLanguages) {
    const url = new URL(link.href);
    url.search = query ? `?q=${encodeURIComponent(query)}` : "";
    link.href = url.href;
  }
}

// show appends the next results of a search to the list, and the button
// for more while there are more: Pagefind loads each result's data only
// when it is shown.
async function show(found, from) {
  const data = await Promise.all(found.results.slice(from, from + pageSize).map((r) => r.data()));
  for (const page of data) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title;
    const excerpt = document.createElement("p");
    excerpt.className = "search__excerpt";
    // Pagefind's excerpt is the page's own text, escaped, with <mark>s
    // around the words found.
    excerpt.innerHTML = page.excerpt;
    item.append(link);
    if (page.meta.type) {
      const type = document.createElement("span");
      type.className = "search__type";
      type.textContent = page.meta.type;
      item.append(" ", type);
    }
    item.append(excerpt);
    results.append(item);
  }
  more.hidden = from + pageSize >= found.results.length;
  more.onclick = async () => {
    const first = results.children.length;
    await show(found, from + pageSize);
    // The keyboard goes on from the first new result.
    results.children[first]?.querySelector("a").focus();
  };
}

// elisions are the language's elided words (config.toml's params.elisions:
// in French l’, d’, qu’…), which Pagefind reads as part of the next word:
// « l’hameçonnage » is one word to it. A word searched alone is also
// searched after each of them, and the results are merged, best first.
const elisions = form.dataset.elisions ? form.dataset.elisions.split(" ") : [];

async function find(query) {
  const word = query.trim();
  const queries = [word];
  if (!/\s/.test(word) && /^[\p{L}\p{N}]/u.test(word)) {
    queries.push(...elisions.map((e) => e + word));
  }
  const all = await Promise.all(queries.map((q) => pagefind.search(q)));
  const best = new Map();
  for (const r of all.flatMap((found) => found.results)) {
    if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
  }
  return { results: [...best.values()].sort((a, b) => b.score - a.score) };
}

async function search(query) {
  results.replaceChildren();
  more.hidden = true;
  keep(query.trim());
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  say(form.dataset.searching);
  try {
    pagefind ??= await import(`${form.dataset.pagefind}pagefind.js`);
    const found = await find(query);
    await show(found, 0);
    const number = found.results.length;
    say(number ? resultsMessage(number) : form.dataset.none, { query, number: number.toLocaleString(document.documentElement.lang) });
  } catch {
    say(form.dataset.failed);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  search(query);
});

// A search given in the address (?q=…, as the header's search box sends
// it) runs on arrival.
const given = new URLSearchParams(location.search).get("q");
if (given) {
  input.value = given;
  search(given);
}
