// The search page (search.html): asks Pagefind's index (pagefind/, built after MkDocs) and
// lists the pages found. Only this page loads it; Pagefind fetches the index fragments a
// query needs. Results are written as text (never as HTML): titles and summaries come from
// the articles.
const root = new URL("../", import.meta.url);
const form = document.querySelector(".search-form");
const field = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const SHOWN = 20;

let pagefind = null;
let asked = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
  }
  return pagefind;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const kind = document.createElement("span");
  kind.className = "search-result__kind";
  kind.textContent = [data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
  const preview = document.createElement("p");
  preview.className = "search-result__preview";
  preview.textContent = data.meta.preview || "";
  li.append(link, " ", kind, preview);
  return li;
}

async function search(words) {
  const mine = ++asked;
  const query = words.trim();
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const found = await (await engine()).search(query);
  const results = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
  if (mine !== asked) return; // a newer query has started
  list.replaceChildren(...results.map(item));
  const count = found.results.length;
  status.textContent = count === 0 ? `Nothing found for “${query}”.`
    : `${count} page${count === 1 ? "" : "s"} found for “${query}”` + (count > SHOWN ? `, the first ${SHOWN} shown.` : ".");
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", field.value);
  history.replaceState(null, "", url);
  search(field.value);
});
field.addEventListener("input", () => search(field.value));

const given = new URLSearchParams(location.search).get("q");
if (given) {
  field.value = given;
  search(given);
}
