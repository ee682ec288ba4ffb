// "Select all" in the Access types filter ticks or clears every access type; the server reads the boxes either way.
document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== "types") return;
    const form = box.form;
    const all = form.querySelector("#types-all");
    const each = [...form.querySelectorAll("input.access-type")];
    if (box === all) each.forEach((b) => { b.checked = all.checked; });
    else all.checked = each.every((b) => b.checked);
});
