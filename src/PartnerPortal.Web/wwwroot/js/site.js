// Progressive enhancement only: every page and form works without this file.

// The skip link moves focus into the page (without script it still scrolls there and Tab goes on from there).
document.addEventListener("click", (event) => {
    const skip = event.target instanceof Element ? event.target.closest(".skip-link") : null;
    if (!skip) return;
    event.preventDefault();
    document.getElementById("main")?.focus();
});

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

// Multi-select dropdowns (<details class="multiselect">): the summary counts what is chosen. (The
// search is on the server, a form of its own; without script the dropdown opens just the same.)
function setUpMultiselect(root) {
    root.querySelectorAll("details.multiselect").forEach((picker) => {
        if (picker.dataset.ready) return;
        picker.dataset.ready = "true";
        const list = picker.querySelector(".multiselect-options");
        const count = picker.querySelector("[data-count]");
        const update = () => {
            const chosen = list.querySelectorAll("input[type=checkbox]:checked").length;
            if (count) count.textContent = chosen === 0 ? "none selected" : `${chosen} selected`;
        };
        list.addEventListener("change", update);
        update();
    });
}
setUpMultiselect(document);

// A picker's search form (data-carry="name of the picker's checkboxes") takes along what is ticked, so that
// searching again keeps the choices; the server lists the chosen ones first. Without script a search starts afresh.
document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.carry) return;
    form.querySelectorAll("input[data-carried]").forEach((input) => input.remove());
    const scope = form.closest("#page-dialog, #page-panel, main") ?? document;
    scope.querySelectorAll(`input[type=checkbox][name="${form.dataset.carry}"]:checked`).forEach((box) => {
        const carried = document.createElement("input");
        carried.type = "hidden";
        carried.name = "selected";
        carried.value = box.value;
        carried.dataset.carried = "true";
        form.appendChild(carried);
    });
});

// Links marked data-dialog open their page's [data-dialog-content] in a dialog, or in a right-side
// panel with data-dialog="panel"; without script they are plain links to the page. When it closes,
// focus goes back to what opened it (the menu's button when the link was in a menu).
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
            : '<div class="modal-dialog modal-lg modal-dialog-scrollable modal-fullscreen-sm-down"><div class="modal-content"></div></div>';
        document.body.appendChild(holder);
    }
    holder.querySelector(asPanel ? ".offcanvas-body" : ".modal-content").replaceChildren(content);
    holder.setAttribute("aria-label", content.dataset.dialogContent || link.textContent.trim());
    setUpMultiselect(holder);
    const opener = link.closest(".dropdown")?.querySelector("[data-bs-toggle=dropdown]") ?? link;
    // While it is open, the page behind it is out of reach of keyboards and screen readers alike.
    const behind = [document.querySelector("header"), document.getElementById("main")].filter(Boolean);
    behind.forEach((element) => { element.inert = true; });
    holder.addEventListener(asPanel ? "hidden.bs.offcanvas" : "hidden.bs.modal", () => {
        behind.forEach((element) => { element.inert = false; });
        opener.focus();
    }, { once: true });
    (asPanel ? bootstrap.Offcanvas : bootstrap.Modal).getOrCreateInstance(holder).show();
});

// A form in a dialog or panel is sent from there: when the answer is the same dialog again (a search's
// results, a message to read), the dialog shows it; when a post is done, the page it leads to replaces this one.
document.addEventListener("submit", async (event) => {
    const form = event.target;
    const holder = form instanceof HTMLFormElement ? form.closest("#page-dialog, #page-panel") : null;
    if (!holder) return;
    event.preventDefault();
    const post = form.method.toLowerCase() === "post";
    const url = post ? form.action : `${form.action.split("?")[0]}?${new URLSearchParams(new FormData(form))}`;
    const response = await fetch(url, post
        ? { method: "POST", body: new FormData(form), headers: { "X-Requested-With": "dialog" } }
        : { headers: { "X-Requested-With": "dialog" } });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const content = page.querySelector("[data-dialog-content]");
    if (!response.redirected && content && response.ok) {
        holder.querySelector(".offcanvas-body, .modal-content").replaceChildren(content);
        setUpMultiselect(holder);
        (content.querySelector("[role=alert]") ?? content).focus?.();
        return;
    }
    history.pushState(null, "", response.url);
    document.title = page.title;
    document.body.replaceWith(page.body);
    setUpMultiselect(document);
    document.getElementById("main")?.focus();
});
window.addEventListener("popstate", () => window.location.reload());

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
