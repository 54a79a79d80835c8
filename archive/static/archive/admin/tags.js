// Suggested tags on an article's change page: a click posts the word to the
// add-tag view in a form of its own, so that the change form is not sent.
"use strict";
document.addEventListener("click", function (event) {
    const button = event.target.closest(".suggested-tag");
    if (!button) return;
    const list = button.closest(".suggested-tags");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    const form = document.createElement("form");
    form.method = "post";
    form.action = list.dataset.url;
    for (const [name, value] of [["csrfmiddlewaretoken", token.value], ["name", button.dataset.tag]]) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
    }
    document.body.append(form);
    form.submit();
});
