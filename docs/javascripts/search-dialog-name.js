// Material's search overlay is a role="dialog" without a name, so a screen reader announces an
// unnamed dialog (axe: aria-dialog-name); it takes the name of the search box inside it ("Zoeken").
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
  const box = dialog.querySelector(".md-search__input");
  dialog.setAttribute("aria-label", (box && box.getAttribute("aria-label")) || "Zoeken");
});
