// Line numbers beside every Rust code block.
//
// mdBook numbers lines only in editable (Ace) blocks. The compiler output shown in
// this book points at lines ("src/main.rs:4:13"), so every Rust block gets a gutter.
// The gutter sits outside <code>, so the copy button still copies only the code, and
// it counts the lines the reader sees: hidden `# ` lines are left out until the
// reader shows them, and then the numbers are counted again.
(function () {
    "use strict";

    function number(code, gutter) {
        const text = code.innerText.replace(/\n$/, "");
        const count = text === "" ? 1 : text.split("\n").length;
        const numbers = [];
        for (let i = 1; i <= count; i++) {
            numbers.push(i);
        }
        gutter.textContent = numbers.join("\n");
        const style = getComputedStyle(code);
        gutter.style.paddingTop = style.paddingTop;
        gutter.style.lineHeight = style.lineHeight;
        gutter.style.fontSize = style.fontSize;
    }

    function addGutters() {
        document.querySelectorAll("pre > code.language-rust").forEach(function (code) {
            const pre = code.parentNode;
            const gutter = document.createElement("span");
            gutter.className = "line-numbers";
            gutter.setAttribute("aria-hidden", "true");
            pre.classList.add("with-line-numbers");
            pre.insertBefore(gutter, code);
            number(code, gutter);
            new MutationObserver(function () {
                number(code, gutter);
            }).observe(code, { attributes: true, attributeFilter: ["class"] });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", addGutters);
    } else {
        addGutters();
    }
})();
