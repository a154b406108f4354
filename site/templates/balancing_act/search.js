// The reader's site search page: Pagefind's UI, started with the words of ?q= (the search box
// in every page's navigation sends them here).
window.addEventListener("DOMContentLoaded", () => {
  const search = new PagefindUI({
    element: "#ba-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  const words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    search.triggerSearch(words);
  }
});
