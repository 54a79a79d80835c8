// The correction page's boxes: one per token of the textarea, a gap between
// every two characters of a line. Clicking a gap inside a box types a space
// there (a split); clicking a gap between boxes deletes the spaces (a merge).
// The textarea is what the form sends; the boxes are redrawn from it.
"use strict";
(function () {
    const textarea = document.getElementById("id_segmented");
    const view = document.getElementById("segmentation-view");
    if (!textarea || !view) return;

    function gap(from, to, cut) {
        const element = document.createElement("span");
        element.className = cut ? "seg-gap seg-cut" : "seg-gap";
        element.dataset.from = from;
        element.dataset.to = to;
        element.title = cut ? "点击合并" : "点击拆开";
        return element;
    }

    function newLine() {
        const element = document.createElement("div");
        element.className = "seg-line";
        return element;
    }

    function render() {
        const value = textarea.value;
        const lines = document.createDocumentFragment();
        let line = newLine();
        let token = null;
        let previous = -1; // index of the line's last character shown
        let cut = false; // whitespace since that character
        for (let i = 0; i < value.length; i++) {
            const char = value[i];
            if (char === "\n") {
                lines.append(line);
                line = newLine();
                token = null;
                previous = -1;
                cut = false;
            } else if (/\s/.test(char)) {
                cut = true;
            } else {
                if (previous >= 0 && cut) {
                    line.append(gap(previous + 1, i, true));
                    token = null;
                } else if (previous >= 0) {
                    token.append(gap(i, i, false));
                }
                if (token === null) {
                    token = document.createElement("span");
                    token.className = "seg-token";
                    line.append(token);
                }
                token.append(char);
                previous = i;
                cut = false;
            }
        }
        lines.append(line);
        view.replaceChildren(lines);
    }

    view.addEventListener("click", function (event) {
        const target = event.target.closest(".seg-gap");
        if (!target) return;
        const from = Number(target.dataset.from);
        const to = Number(target.dataset.to);
        const value = textarea.value;
        textarea.value = from === to
            ? value.slice(0, from) + " " + value.slice(from)
            : value.slice(0, from) + value.slice(to);
        render();
    });
    textarea.addEventListener("input", render);
    view.hidden = false;
    document.getElementById("segmentation-view-help").hidden = false;
    render();
})();
