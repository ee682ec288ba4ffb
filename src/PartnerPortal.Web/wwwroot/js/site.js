// "Select all" in the Access types filter ticks or clears every access type; the server reads the boxes either way.
document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== "types" || !box.form) return;
    const all = box.form.querySelector("#types-all");
    const each = [...box.form.querySelectorAll("input.access-type")];
    if (box === all) each.forEach((b) => { b.checked = all.checked; });
    else all.checked = each.every((b) => b.checked);
});

// A "select all" checkbox for a table of checkboxes: data-select-all="name of the row checkboxes".
document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
    document.querySelectorAll(`input[name="${box.dataset.selectAll}"]`).forEach((b) => { b.checked = box.checked; });
});

// Links marked data-dialog open their page's [data-dialog-content] in a dialog, or in a right-side
// panel with data-dialog="panel"; without script they are plain links to the page.
document.addEventListener("click", async (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-dialog]") : null;
    if (!link || !window.bootstrap) return;
    event.preventDefault();
    const response = await fetch(link.href, { headers: { "X-Requested-With": "dialog" } });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const content = page.querySelector("[data-dialog-content]");
    if (!content) { window.location.href = link.href; return; }
    const asPanel = link.dataset.dialog === "panel";
    const id = asPanel ? "page-panel" : "page-dialog";
    let holder = document.getElementById(id);
    if (!holder) {
        holder = document.createElement("div");
        holder.id = id;
        holder.tabIndex = -1;
        holder.className = asPanel ? "offcanvas offcanvas-end page-panel" : "modal fade";
        holder.innerHTML = asPanel
            ? '<div class="offcanvas-body p-0"></div>'
            : '<div class="modal-dialog modal-lg modal-dialog-scrollable"><div class="modal-content"></div></div>';
        document.body.appendChild(holder);
    }
    holder.querySelector(asPanel ? ".offcanvas-body" : ".modal-content").replaceChildren(content);
    holder.setAttribute("aria-label", content.dataset.dialogContent || link.textContent.trim());
    (asPanel ? bootstrap.Offcanvas : bootstrap.Modal).getOrCreateInstance(holder).show();
});

// Copy buttons: data-copy-target="#id of the field to copy".
document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-copy-target]") : null;
    if (!button) return;
    const field = document.querySelector(button.dataset.copyTarget);
    const status = (button.closest("[data-dialog-content], .card, form") ?? document).querySelector("[data-copy-status]");
    try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Copied to the clipboard.";
    } catch {
        field.select();
        if (status) status.textContent = "Press Ctrl+C to copy the selected link.";
    }
});
