// Suggested tags on an article's change page: a click writes the word into
// the form's "添加标签" field (or takes it out again), so that it is saved
// with the rest of the form and nothing the editor typed is lost.
"use strict";
(function () {
    const SEPARATORS = /[,，、;；\n]+/;

    function names(field) {
        return field.value.split(SEPARATORS).map((name) => name.trim()).filter(Boolean);
    }

    function mark(button, chosen) {
        button.setAttribute("aria-pressed", chosen ? "true" : "false");
        button.classList.toggle("suggested-tag--chosen", chosen);
    }

    document.addEventListener("click", function (event) {
        const button = event.target.closest(".suggested-tag");
        if (!button) return;
        event.preventDefault();
        const field = document.getElementById(button.closest(".suggested-tags").dataset.field);
        const word = button.dataset.tag;
        const current = names(field);
        const chosen = !current.includes(word);
        field.value = (chosen ? [...current, word] : current.filter((name) => name !== word)).join("，");
        field.dispatchEvent(new Event("change", { bubbles: true }));
        mark(button, chosen);
    });

    // A form shown again (a refused save) keeps the field: mark what it names.
    document.addEventListener("DOMContentLoaded", function () {
        for (const list of document.querySelectorAll(".suggested-tags")) {
            const field = document.getElementById(list.dataset.field);
            if (!field) continue;
            const current = names(field);
            for (const button of list.querySelectorAll(".suggested-tag")) {
                mark(button, current.includes(button.dataset.tag));
            }
        }
    });
})();
