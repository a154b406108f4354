// The reader's site search page: Pagefind's UI, started with the words of ?q= (the search box
// in every page's navigation sends them here).
window.addEventListener("DOMContentLoaded", () => {
  const search = new PagefindUI({
    element: "#ba-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  // Pagefind's box has only a placeholder: tie it to the page's visible label.
  const box = document.querySelector("#ba-search input");
  box.id = "ba-search-input";
  const words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    search.triggerSearch(words);
  }
});
