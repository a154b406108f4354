// The reader's site search page: Pagefind's UI, started with the words of ?q= (the search box
// in every page's navigation sends them here). Its ranking options come from the page
// (search.RANKING, in the #ba-search element's data-ranking); each result's kind (Lesson,
// Event, Sources, Reader, Glossary) is Pagefind's `kind` metadata, shown as a label.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.querySelector("#ba-search");
  const search = new PagefindUI({
    element: "#ba-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    ranking: JSON.parse(element.dataset.ranking || "{}"),
  });
  // Pagefind's box has only a placeholder: tie it to the page's visible label.
  const box = document.querySelector("#ba-search input");
  box.id = "ba-search-input";
  const words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    search.triggerSearch(words);
  }
});
