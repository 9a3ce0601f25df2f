/* Redoc's side menu shows a small logo it loads from Redocly's CDN
 * (hard-coded in the bundle). The docs page asks nothing of another host:
 * that one image is taken from our own static files instead. */
(function () {
  "use strict";
  const remote = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  const local = document.currentScript.dataset.logo;
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && name === "src" && value === remote) value = local;
    return setAttribute.call(this, name, value);
  };
  const source = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    get() { return source.get.call(this); },
    set(value) { source.set.call(this, value === remote ? local : value); },
  });
})();
