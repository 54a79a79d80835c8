// Adding a mention on an article's page by selecting its words in the
// article's text (the "原文" box): the selection's place is counted in
// characters as the server counts them (code points, not UTF-16 units), and
// "添加为提及" opens a new row of the mention list with the text and its
// start and end filled in; the editor picks whom it names and saves.
"use strict";
(function () {
    function offsetIn(root, node, offset) {
        const range = document.createRange();
        range.setStart(root, 0);
        range.setEnd(node, offset);
        return Array.from(range.toString()).length;
    }

    function selected(source) {
        const selection = window.getSelection();
        if (selection.rangeCount === 0) return null;
        const range = selection.getRangeAt(0);
        if (range.collapsed || !source.contains(range.startContainer) || !source.contains(range.endContainer)) {
            return null;
        }
        const text = range.toString();
        // Spaces and line breaks at either end are not part of a name.
        const lead = Array.from(text).length - Array.from(text.trimStart()).length;
        const trail = Array.from(text).length - Array.from(text.trimEnd()).length;
        const start = offsetIn(source, range.startContainer, range.startOffset) + lead;
        const end = offsetIn(source, range.endContainer, range.endOffset) - trail;
        return end > start ? { text: text.trim(), start: start, end: end } : null;
    }

    function update() {
        const source = document.querySelector(".mention-source");
        if (!source) return;
        const panel = source.parentElement.querySelector(".mention-picked");
        const picked = selected(source);
        if (!picked) return;
        panel.hidden = false;
        panel.querySelector("q").textContent = picked.text;
        panel.querySelector(".mention-span").textContent = `${picked.start}–${picked.end}`;
        panel.dataset.text = picked.text;
        panel.dataset.start = picked.start;
        panel.dataset.end = picked.end;
    }

    document.addEventListener("mouseup", update);
    document.addEventListener("keyup", update);

    document.addEventListener("click", function (event) {
        const button = event.target.closest(".mention-add");
        if (!button) return;
        event.preventDefault();
        const panel = button.closest(".mention-picked");
        const group = document.getElementById(panel.dataset.inline + "-group");
        group.querySelector(".add-row a").click();
        const rows = group.querySelectorAll(".dynamic-" + panel.dataset.inline);
        const row = rows[rows.length - 1];
        for (const name of ["text", "start", "end"]) {
            row.querySelector(`[name$="-${name}"]`).value = panel.dataset[name];
        }
        row.scrollIntoView({ block: "center" });
    });
})();
